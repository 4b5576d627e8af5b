// When to try again after a failed sync: capped exponential backoff with
// full jitter (the wait is uniform in [0, min(cap, base * 2^failures))), so
// a hundred clinics coming back online at once do not knock on central in
// step. A server's Retry-After (429 busy registration, 503 busy) is a floor.
// The random source is seeded and injectable, so tests and the simulation
// are repeatable. Not thread safe; the sync thread owns one.
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace outpost {

struct BackoffOptions {
    int64_t base_ms = 2000;           // the first failure waits up to this
    int64_t cap_ms = 5 * 60 * 1000;   // never more than this (before Retry-After)
};

class Backoff {
public:
    explicit Backoff(uint64_t seed, BackoffOptions options = {});

    // Records a failure and returns how long to wait before the next try.
    // retry_after_ms > 0 (from the server) is honoured as a minimum.
    int64_t next_delay_ms(int64_t retry_after_ms = 0);
    // After a success: the next failure starts again from base.
    void reset() { failures_ = 0; }
    int failures() const { return failures_; }
    // The upper bound of the jitter window for the next failure.
    int64_t window_ms() const;

private:
    BackoffOptions options_;
    std::mt19937_64 rng_;
    int failures_ = 0;
};

// Parses a Retry-After header value in whole seconds ("120") into ms; 0 when
// absent or not a number (HTTP dates are not used by central).
int64_t parse_retry_after_ms(const std::string& value);

}  // namespace outpost

// A seeded, misbehaving network for the deterministic sync simulation: it
// wraps another Transport and, per request, may drop it (never arrives),
// lose the reply after central committed, deliver it twice, hold a copy back
// and deliver it much later (a stale replay), delay it by moving a FakeClock
// (past the client's timeout it counts as a timeout), or answer 503 busy with
// Retry-After itself. Every choice comes from one seeded generator, so a
// seed replays exactly.
#pragma once

#include <cstdint>
#include <deque>
#include <random>
#include <string>

#include "clock.h"
#include "transport.h"

namespace outpost {

struct NetworkFaults {
    double drop_request = 0;   // the request is lost on the way: Unavailable
    double lose_reply = 0;     // central handled it, the answer is lost: Unavailable
    double duplicate = 0;      // delivered twice back to back (client sees the second answer)
    double hold_back = 0;      // a copy is kept and delivered before a later request
    double busy = 0;           // "central" answers 503 busy with Retry-After
    double slow = 0;           // delivered, but the clock moves by slow_ms (timeout when >= timeout_ms)
    int64_t slow_ms = 45000;
    int64_t timeout_ms = 30000;  // the client's read timeout, for reporting slow as a timeout
    bool any() const { return drop_request + lose_reply + duplicate + hold_back + busy + slow > 0; }
};

class FaultyTransport : public Transport {
public:
    // inner, clock: not owned. clock may be null (then slow only reports).
    FaultyTransport(Transport& inner, uint64_t seed, FakeClock* clock)
        : inner_(inner), rng_(seed), clock_(clock) {}

    void set_faults(const NetworkFaults& f) { faults_ = f; }
    // Faults off and held-back copies delivered (the network heals).
    void heal();

    Result<HttpReply> post(const std::string& path, const std::string& body,
                           const protocol::Headers& headers) override;
    Result<HttpReply> get(const std::string& path, const protocol::Headers& headers) override;
    std::string where() const override { return inner_.where(); }
    bool last_failure_was_timeout() const override { return last_timeout_; }

    struct Counts {
        int64_t requests = 0, dropped = 0, lost_replies = 0, duplicated = 0, held_back = 0, replayed_late = 0,
                busy = 0, slow = 0;
    };
    const Counts& counts() const { return counts_; }

private:
    struct Held {
        std::string path, body;
        protocol::Headers headers;
    };
    bool roll(double p);
    void deliver_held_back();

    Transport& inner_;
    std::mt19937_64 rng_;
    FakeClock* clock_;
    NetworkFaults faults_;
    std::deque<Held> held_;
    bool last_timeout_ = false;
    Counts counts_;
};

}  // namespace outpost

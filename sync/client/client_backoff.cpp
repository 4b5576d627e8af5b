// Backoff (sync/client/backoff.h): capped exponential with full jitter, seeded.
#include <algorithm>
#include <cctype>

#include "backoff.h"

namespace outpost {

Backoff::Backoff(uint64_t seed, BackoffOptions options) : options_(options), rng_(seed) {}

int64_t Backoff::window_ms() const {
    int64_t w = options_.base_ms;
    // Doubling stops at the cap; also keeps the shift from overflowing.
    for (int i = 0; i < failures_ && w < options_.cap_ms; ++i) w *= 2;
    return std::min(w, options_.cap_ms);
}

int64_t Backoff::next_delay_ms(int64_t retry_after_ms) {
    const int64_t window = window_ms();
    ++failures_;
    std::uniform_int_distribution<int64_t> pick(0, std::max<int64_t>(window, 0));
    return std::max(pick(rng_), retry_after_ms);
}

int64_t parse_retry_after_ms(const std::string& value) {
    if (value.empty() || value.size() > 9) return 0;
    for (char c : value)
        if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
    return std::stoll(value) * 1000;
}

}  // namespace outpost

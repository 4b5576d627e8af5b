// Seeded randomness for the demo and benchmark generator (see demo_rng.h).
#include "demo_rng.h"

#include <algorithm>

namespace outpost {

static uint64_t splitmix64(uint64_t* x) {
    uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

DemoRng::DemoRng(uint64_t seed) {
    uint64_t x = seed;
    for (auto& s : s_) s = splitmix64(&x);
}

uint64_t DemoRng::next() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
}

uint64_t DemoRng::below(uint64_t n) {
    // Rejection keeps it unbiased; the loop almost never repeats.
    const uint64_t limit = UINT64_MAX - UINT64_MAX % n;
    uint64_t v;
    do v = next();
    while (v >= limit);
    return v % n;
}

int64_t DemoRng::between(int64_t lo, int64_t hi) {
    return lo + static_cast<int64_t>(below(static_cast<uint64_t>(hi - lo) + 1));
}

double DemoRng::unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }

std::string DemoRng::uuid_v7(int64_t ms) {
    uint64_t a = next(), b = next();
    unsigned char u[16];
    uint64_t ts = static_cast<uint64_t>(ms) & 0xFFFFFFFFFFFFull;
    for (int i = 0; i < 6; ++i) u[i] = static_cast<unsigned char>(ts >> (40 - 8 * i));
    for (int i = 6; i < 16; ++i) u[i] = static_cast<unsigned char>((i < 11 ? a : b) >> (8 * (i % 8)));
    u[6] = static_cast<unsigned char>(0x70 | (u[6] & 0x0F));
    u[8] = static_cast<unsigned char>(0x80 | (u[8] & 0x3F));
    // Formatted by hand: a million ids through snprintf cost a second.
    static const char* kHex = "0123456789abcdef";
    std::string out(36, '-');
    size_t o = 0;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) ++o;  // the dashes
        out[o++] = kHex[u[i] >> 4];
        out[o++] = kHex[u[i] & 15];
    }
    return out;
}

WeightedPick::WeightedPick(const std::vector<double>& weights) {
    double sum = 0;
    cumulative_.reserve(weights.size());
    for (double w : weights) cumulative_.push_back(sum += (w > 0 ? w : 0));
}

size_t WeightedPick::pick(DemoRng& rng) const {
    double x = rng.unit() * cumulative_.back();
    auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), x);
    return std::min(static_cast<size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
}

}  // namespace outpost

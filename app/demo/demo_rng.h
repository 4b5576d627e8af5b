// The generator's only source of chance: a small seeded random number
// generator (xoshiro256** seeded through splitmix64) with its own uniform,
// chance and weighted-pick helpers. The standard library's distributions are
// not required to give the same numbers on every platform, so the generator
// never uses them: the same seed gives the same store everywhere.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace outpost {

class DemoRng {
public:
    explicit DemoRng(uint64_t seed);
    uint64_t next();
    // Uniform in [0, n). REQUIRES: n > 0.
    uint64_t below(uint64_t n);
    // Uniform in [lo, hi], both included. REQUIRES: lo <= hi.
    int64_t between(int64_t lo, int64_t hi);
    double unit();  // [0, 1)
    bool chance(double p) { return unit() < p; }
    template <typename T>
    const T& pick(const std::vector<T>& v) { return v[below(v.size())]; }
    // A UUIDv7 string whose time part is ms and whose random part comes from
    // this generator, so generated ids sort by time and repeat for a seed.
    std::string uuid_v7(int64_t ms);

private:
    uint64_t s_[4];
};

// Picks an index with probability proportional to its weight, in O(log n).
class WeightedPick {
public:
    explicit WeightedPick(const std::vector<double>& weights);
    size_t pick(DemoRng& rng) const;
    size_t size() const { return cumulative_.size(); }

private:
    std::vector<double> cumulative_;
};

}  // namespace outpost

// Time, ids and ordering. The Clock interface lets tests, the demo generator
// and the sync simulation run on a fake clock. Hybrid logical clocks (HLC)
// order mutable records across devices whose wall clocks disagree.
#pragma once

#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace outpost {

class Clock {
public:
    virtual ~Clock() = default;
    // Milliseconds since the Unix epoch.
    virtual int64_t now_ms() = 0;
};

class SystemClock : public Clock {
public:
    int64_t now_ms() override;
};

// A clock that moves only when told to. Thread safe.
class FakeClock : public Clock {
public:
    explicit FakeClock(int64_t start_ms) : ms_(start_ms) {}
    int64_t now_ms() override;
    void advance(int64_t ms);
    void set(int64_t ms);

private:
    std::mutex mu_;
    int64_t ms_;
};

// "YYYY-MM-DD" in UTC for a time in ms; and days since epoch for a date.
std::string date_of(int64_t ms);
// Parses "YYYY-MM-DD"; returns false when the text is not a real date.
bool parse_date(const std::string& text, int64_t* days_since_epoch);
std::string date_from_days(int64_t days_since_epoch);
// Adds days to a "YYYY-MM-DD" date. REQUIRES: the date parses.
std::string add_days(const std::string& date, int64_t days);
// "YYYY-MM-DD HH:MM" in UTC.
std::string datetime_of(int64_t ms);

// UUID version 7: 48 bits of ms time then random bits, so ids sort by birth.
// Thread safe.
std::string new_uuid_v7(int64_t now_ms);

// A UUID-shaped id derived from a key (SHA-256, version nibble 8). Rows that
// two offline devices may both create "first" take such ids, so their copies
// are the same row and merge as duplicates: a batch (site, item, batch number,
// expiry), the reversal of an event, the cancellation of a prescription.
std::string derived_id(const std::string& key);

// Hybrid logical clock. Encoded as 16 hex digits: 48 bits of physical ms and
// 16 bits of counter, so string order is clock order. Ties between devices are
// broken by device id where ordering matters (last-writer-wins).
class Hlc {
public:
    // Next timestamp for a local event at wall time now_ms.
    std::string tick(int64_t now_ms);
    // Folds in a timestamp seen from another device, so later local ticks
    // order after it.
    void observe(const std::string& remote);
    // Restores the last issued value (persisted in the store's meta table).
    void restore(const std::string& last);
    std::string last() const;

private:
    mutable std::mutex mu_;
    int64_t pt_ = 0;
    int64_t lc_ = 0;
};

std::string encode_hlc(int64_t pt, int64_t lc);
bool decode_hlc(const std::string& s, int64_t* pt, int64_t* lc);

}  // namespace outpost

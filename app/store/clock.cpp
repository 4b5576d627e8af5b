// Clocks, dates, UUIDv7 and the hybrid logical clock. See clock.h.
#include "clock.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include <sodium.h>

namespace outpost {

int64_t SystemClock::now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

int64_t FakeClock::now_ms() {
    std::lock_guard<std::mutex> l(mu_);
    return ms_;
}
void FakeClock::advance(int64_t ms) {
    std::lock_guard<std::mutex> l(mu_);
    ms_ += ms;
}
void FakeClock::set(int64_t ms) {
    std::lock_guard<std::mutex> l(mu_);
    ms_ = ms;
}

// Days-from-civil and civil-from-days (Howard Hinnant's public-domain algorithms).
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

static void civil_from_days(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (*m <= 2);
}

std::string date_from_days(int64_t days) {
    int64_t y;
    unsigned m, d;
    civil_from_days(days, &y, &m, &d);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
    return buf;
}

std::string date_of(int64_t ms) {
    int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
    return date_from_days(days);
}

std::string datetime_of(int64_t ms) {
    int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
    int64_t rem = ms - days * 86400000;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s %02d:%02d", date_from_days(days).c_str(),
                  static_cast<int>(rem / 3600000), static_cast<int>(rem / 60000 % 60));
    return buf;
}

bool parse_date(const std::string& t, int64_t* out) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (t[i] < '0' || t[i] > '9') return false;
    int y = std::atoi(t.substr(0, 4).c_str());
    unsigned m = static_cast<unsigned>(std::atoi(t.substr(5, 2).c_str()));
    unsigned d = static_cast<unsigned>(std::atoi(t.substr(8, 2).c_str()));
    if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31) return false;
    int64_t days = days_from_civil(y, m, d);
    if (date_from_days(days) != t) return false;  // 2025-02-30 and friends
    *out = days;
    return true;
}

std::string add_days(const std::string& date, int64_t n) {
    int64_t d = 0;
    parse_date(date, &d);
    return date_from_days(d + n);
}

std::string new_uuid_v7(int64_t now_ms) {
    static std::mutex mu;
    static std::mt19937_64 rng{std::random_device{}()};
    uint64_t a, b;
    {
        std::lock_guard<std::mutex> l(mu);
        a = rng();
        b = rng();
    }
    unsigned char u[16];
    uint64_t ts = static_cast<uint64_t>(now_ms) & 0xFFFFFFFFFFFFull;
    for (int i = 0; i < 6; ++i) u[i] = static_cast<unsigned char>(ts >> (40 - 8 * i));
    for (int i = 6; i < 16; ++i) u[i] = static_cast<unsigned char>((i < 11 ? a : b) >> (8 * (i % 8)));
    u[6] = static_cast<unsigned char>(0x70 | (u[6] & 0x0F));
    u[8] = static_cast<unsigned char>(0x80 | (u[8] & 0x3F));
    char buf[37];
    std::snprintf(buf, sizeof buf,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", u[0],
                  u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13],
                  u[14], u[15]);
    return buf;
}

std::string derived_id(const std::string& key) {
    static const bool sodium_ready = sodium_init() >= 0;  // idempotent, thread safe
    (void)sodium_ready;
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(key.data()), key.size());
    h[6] = static_cast<unsigned char>(0x80 | (h[6] & 0x0F));
    h[8] = static_cast<unsigned char>(0x80 | (h[8] & 0x3F));
    char buf[37];
    std::snprintf(buf, sizeof buf,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", h[0], h[1],
                  h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13], h[14], h[15]);
    return buf;
}

std::string encode_hlc(int64_t pt, int64_t lc) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%012llx%04llx", static_cast<unsigned long long>(pt),
                  static_cast<unsigned long long>(lc & 0xFFFF));
    return buf;
}

bool decode_hlc(const std::string& s, int64_t* pt, int64_t* lc) {
    if (s.size() != 16) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    *pt = static_cast<int64_t>(std::strtoull(s.substr(0, 12).c_str(), nullptr, 16));
    *lc = static_cast<int64_t>(std::strtoull(s.substr(12).c_str(), nullptr, 16));
    return true;
}

std::string Hlc::tick(int64_t now_ms) {
    std::lock_guard<std::mutex> l(mu_);
    if (now_ms > pt_) {
        pt_ = now_ms;
        lc_ = 0;
    } else {
        ++lc_;
        if (lc_ > 0xFFFF) {  // counter overflow: borrow a millisecond
            ++pt_;
            lc_ = 0;
        }
    }
    return encode_hlc(pt_, lc_);
}

void Hlc::observe(const std::string& remote) {
    int64_t pt, lc;
    if (!decode_hlc(remote, &pt, &lc)) return;
    std::lock_guard<std::mutex> l(mu_);
    if (pt > pt_ || (pt == pt_ && lc > lc_)) {
        pt_ = pt;
        lc_ = lc;
    }
}

void Hlc::restore(const std::string& last) { observe(last); }

std::string Hlc::last() const {
    std::lock_guard<std::mutex> l(mu_);
    return encode_hlc(pt_, lc_);
}

}  // namespace outpost

// Calendar arithmetic on UTC days for the projection (days since 1970-01-01,
// proleptic Gregorian; H. Hinnant's civil-from-days algorithm). Private to
// sync/central/projection/ and the dashboard.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace outpost {
namespace projection {

inline int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

inline void civil_from_days(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

inline int64_t day_of_ms(int64_t ms) { return (ms >= 0 ? ms : ms - 86399999) / 86400000; }

inline std::string day_text(int64_t day) {
    int64_t y;
    unsigned m, d;
    civil_from_days(day, &y, &m, &d);
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
    return buf;
}

// "YYYY-MM-DD" -> day number; false when it does not parse.
inline bool parse_day(const std::string& s, int64_t* out) {
    int y = 0;
    unsigned m = 0, d = 0;
    if (s.size() < 10 || std::sscanf(s.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 ||
        d > 31)
        return false;
    *out = days_from_civil(y, m, d);
    return true;
}

// First day of the month after the one holding `day`.
inline int64_t next_month_start(int64_t day) {
    int64_t y;
    unsigned m, d;
    civil_from_days(day, &y, &m, &d);
    return m == 12 ? days_from_civil(y + 1, 1, 1) : days_from_civil(y, m + 1, 1);
}

inline int64_t month_start(int64_t day) {
    int64_t y;
    unsigned m, d;
    civil_from_days(day, &y, &m, &d);
    return days_from_civil(y, m, 1);
}

}  // namespace projection
}  // namespace outpost

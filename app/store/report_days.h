// The report calendar: which device day an event belongs to, and the months
// and ranges reports are asked for. Stored times are UTC milliseconds
// (stock_events.created_ms); a report's range is in the device's days.
//
// THE DAY BOUNDARY LIVES HERE AND NOWHERE ELSE. A device day runs from local
// midnight to local midnight in the device's zone (local_time.h: --tz, else
// the stored setting, else the system's): every report goes through
// device_day_of_ms() and device_day_start_ms() (report queries select UTC
// millisecond bounds from device_day_start_ms and put each event on its day
// with device_day_of_ms, in C++, never in SQL). Safe from any thread
// (localtime_r, mktime); the zone is read at each call.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "status.h"

namespace outpost {

// The device day (days since 1970-01-01) that contains the UTC time ms.
int64_t device_day_of_ms(int64_t ms);
// The UTC time at which device day `day` starts (its first millisecond).
int64_t device_day_start_ms(int64_t day);

// A range of whole device days, both ends included.
struct DayRange {
    int64_t first = 0, last = 0;  // days since epoch, first <= last
    int64_t days() const { return last - first + 1; }
    int64_t start_ms() const { return device_day_start_ms(first); }
    int64_t end_ms() const { return device_day_start_ms(last + 1); }  // exclusive
    std::string text() const;  // "2026-06-01 to 2026-06-30"
};

// A calendar month: year and month 1-12.
struct Month {
    int year = 1970, month = 1;
    DayRange days() const;
    std::string text() const;  // "2026-06"
    Month previous() const;
    Month next() const;
    bool operator==(const Month& o) const { return year == o.year && month == o.month; }
    bool operator!=(const Month& o) const { return !(*this == o); }
};
Month month_of_day(int64_t day);

// Parses "YYYY-MM-DD" ... "YYYY-MM-DD" into a range. Fails with
// InvalidArgument naming the bad date, or saying the range runs backwards,
// or that it is longer than max_days.
Result<DayRange> parse_day_range(const std::string& from, const std::string& to, int64_t max_days = 3660);
// The calendar month before the one containing `today`: the month-end
// report's default.
DayRange last_full_month(int64_t today);
// The n whole calendar months that end on or before range.last, oldest first
// (range.last on a month's last day counts that month in). n >= 1.
std::vector<Month> whole_months_ending_by(int64_t last_day, int n);

}  // namespace outpost

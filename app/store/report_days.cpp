// The report calendar (see report_days.h). The day boundary is the device's
// local midnight, in the zone local_time.h chose (localtime_r / mktime).
#include "report_days.h"

#include <cstdio>
#include <ctime>

#include "clock.h"

namespace outpost {

namespace {

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

}  // namespace

int64_t device_day_of_ms(int64_t ms) {
    // Floor to whole seconds so times before 1970 land on the right day.
    std::time_t t = static_cast<std::time_t>(ms / 1000 - (ms % 1000 < 0 ? 1 : 0));
    std::tm tm{};
    if (!localtime_r(&t, &tm)) return 0;
    return days_from_civil(tm.tm_year + 1900, static_cast<unsigned>(tm.tm_mon + 1),
                           static_cast<unsigned>(tm.tm_mday));
}

int64_t device_day_start_ms(int64_t day) {
    // The day's local midnight; mktime moves a midnight that a daylight-saving
    // jump skips to the day's first existing minute.
    const std::string d = date_from_days(day);  // YYYY-MM-DD
    std::tm tm{};
    tm.tm_year = std::stoi(d.substr(0, d.size() - 6)) - 1900;
    tm.tm_mon = std::stoi(d.substr(d.size() - 5, 2)) - 1;
    tm.tm_mday = std::stoi(d.substr(d.size() - 2));
    tm.tm_isdst = -1;
    return static_cast<int64_t>(std::mktime(&tm)) * 1000;
}

std::string DayRange::text() const { return date_from_days(first) + " to " + date_from_days(last); }

Month month_of_day(int64_t day) {
    const std::string d = date_from_days(day);  // YYYY-MM-DD
    Month m;
    m.year = std::stoi(d.substr(0, d.size() - 6));
    m.month = std::stoi(d.substr(d.size() - 5, 2));
    return m;
}

static int64_t first_day_of(int year, int month) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-01", year, month);
    int64_t d = 0;
    parse_date(buf, &d);
    return d;
}

Month Month::previous() const { return month == 1 ? Month{year - 1, 12} : Month{year, month - 1}; }
Month Month::next() const { return month == 12 ? Month{year + 1, 1} : Month{year, month + 1}; }

DayRange Month::days() const {
    const Month n = next();
    return DayRange{first_day_of(year, month), first_day_of(n.year, n.month) - 1};
}

std::string Month::text() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
    return buf;
}

Result<DayRange> parse_day_range(const std::string& from, const std::string& to, int64_t max_days) {
    DayRange r;
    if (!parse_date(from, &r.first))
        return Status::InvalidArgument("'" + from + "' is not a date; write it as YYYY-MM-DD, e.g. 2026-06-01");
    if (!parse_date(to, &r.last))
        return Status::InvalidArgument("'" + to + "' is not a date; write it as YYYY-MM-DD, e.g. 2026-06-30");
    if (r.last < r.first)
        return Status::InvalidArgument("the range ends (" + to + ") before it starts (" + from + ")");
    if (r.days() > max_days)
        return Status::InvalidArgument("the range is " + std::to_string(r.days()) + " days; at most " +
                                       std::to_string(max_days) + " days fit in one report");
    return r;
}

DayRange last_full_month(int64_t today) { return month_of_day(today).previous().days(); }

std::vector<Month> whole_months_ending_by(int64_t last_day, int n) {
    Month m = month_of_day(last_day);
    if (m.days().last != last_day) m = m.previous();  // the last day's month is not over
    std::vector<Month> out(static_cast<size_t>(n < 1 ? 1 : n));
    for (size_t i = out.size(); i-- > 0;) {
        out[i] = m;
        m = m.previous();
    }
    return out;
}

}  // namespace outpost

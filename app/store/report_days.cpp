// The report calendar (see report_days.h). The day boundary is UTC for now.
#include "report_days.h"

#include <cstdio>

#include "clock.h"

namespace outpost {

static constexpr int64_t kDayMs = 86400000;

int64_t device_day_of_ms(int64_t ms) {
    // UTC days; floor division so times before 1970 land on the right day.
    return ms >= 0 ? ms / kDayMs : -((-ms + kDayMs - 1) / kDayMs);
}

int64_t device_day_start_ms(int64_t day) { return day * kDayMs; }

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

// Times, dates and numbers as a person in the clinic reads them: in the
// device's time zone and written the way the language writes them. Stored
// values stay UTC milliseconds and HLCs; only what is shown is local.
// Formats: English 2026-12-03 17:04 (as before), French, Portuguese and
// Spanish 03/12/2026 17:04 (day first, 24-hour clock). The zone's short name
// follows a time of day ("17:04 EAT") so nobody mistakes it for UTC.
// Thread safety: the formatting functions may be called from any thread
// (localtime_r). The functions that choose the zone set the process's TZ:
// call them from the main thread (at start-up, and when an admin saves the
// device's zone). glibc's setenv of an existing variable swaps one pointer
// in environ and localtime_r re-reads TZ under its own lock, so a thread
// formatting a time meanwhile gets the old zone or the new one.
//
// Which zone: `outpost --tz` wins for that run, else the device's stored
// setting (Store::time_zone_setting, `outpost clock --tz`, the admin's Sync
// screen), else the system's (TZ as the process got it, else /etc/localtime).
#pragma once

#include <cstdint>
#include <string>

#include "i18n.h"
#include "status.h"

namespace outpost {

// "" keeps the system's zone (TZ, else /etc/localtime). Otherwise an IANA
// name ("Africa/Nairobi", "America/La_Paz") that must exist under
// /usr/share/zoneinfo; InvalidArgument names it when it does not, and the
// zone is left unchanged.
Status set_device_time_zone(const std::string& iana_name);
// "" when name is a zone of the tz database here (under /usr/share/zoneinfo);
// otherwise a sentence saying it is not, with an example.
std::string time_zone_problem(const std::string& iana_name);

// Where the zone in use came from.
enum class ZoneSource { kSystem, kSetting, kCommandLine };
// Start-up: records --tz ("" when not given) and applies it. InvalidArgument
// for an unknown zone (nothing changes).
Status use_command_line_time_zone(const std::string& iana_name);
// Applies the device's stored setting ("" when none) unless --tz was given;
// "" goes back to the system's zone as the process started with it. A
// stored name the tz database lacks (a zone removed by an update) keeps the
// system's zone and returns InvalidArgument naming it.
Status use_time_zone_setting(const std::string& stored);
ZoneSource time_zone_source();
// The zone in use: the TZ variable, else the /etc/localtime link's name,
// else "UTC".
std::string device_time_zone();

// "03/12/2026" (fr/pt/es) or "2026-12-03" (en), in the device's zone.
std::string local_date(int64_t utc_ms, i18n::Lang lang);
// "03/12/2026 17:04" or "2026-12-03 17:04".
std::string local_datetime(int64_t utc_ms, i18n::Lang lang);
// The same followed by the zone's short name: "03/12/2026 17:04 EAT".
std::string local_datetime_zone(int64_t utc_ms, i18n::Lang lang);

// Whole numbers grouped by thousands as the language writes them: English
// "12,345", French and Portuguese "12 345" (no-break space), Spanish
// "12.345". Below 10,000 Spanish and Portuguese write no separator.
std::string local_number(int64_t n, i18n::Lang lang);

// A day the store keeps as text ("2026-06-15": a requisition's date, an
// expiry) written as the language does: "15/06/2026" in French, Portuguese
// and Spanish. Text that is not such a day comes back as it is.
std::string local_day(const std::string& iso_day, i18n::Lang lang);

// A day (days since 1970-01-01, as report_days.h counts them) written as
// local_date writes dates: "30/06/2026" or "2026-06-30".
std::string local_day(int64_t days_since_epoch, i18n::Lang lang);
// A number with `decimals` decimals, the language's decimal sign and its
// grouping of the whole part: English "1,234.5", French "1 234,5",
// Spanish "1234,5" (grouped from 10 000 on), Portuguese the same.
std::string local_decimal(double v, int decimals, i18n::Lang lang);

// The same functions in the screen language.
inline std::string local_datetime_zone(int64_t utc_ms) {
    return local_datetime_zone(utc_ms, i18n::screen_lang());
}
inline std::string local_datetime(int64_t utc_ms) { return local_datetime(utc_ms, i18n::screen_lang()); }
inline std::string local_date(int64_t utc_ms) { return local_date(utc_ms, i18n::screen_lang()); }
inline std::string local_day(const std::string& iso_day) { return local_day(iso_day, i18n::screen_lang()); }

}  // namespace outpost

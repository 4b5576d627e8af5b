// Times, dates and numbers as a person in the clinic reads them: in the
// device's time zone and written the way the language writes them. Stored
// values stay UTC milliseconds and HLCs; only what is shown is local.
// Formats: English 2026-12-03 17:04 (as before), French, Portuguese and
// Spanish 03/12/2026 17:04 (day first, 24-hour clock). The zone's short name
// follows a time of day ("17:04 EAT") so nobody mistakes it for UTC.
// Thread safety: the formatting functions may be called from any thread
// (localtime_r); set_device_time_zone changes the process's TZ and must run
// at start-up, before other threads.
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

// The same functions in the screen language.
inline std::string local_datetime_zone(int64_t utc_ms) {
    return local_datetime_zone(utc_ms, i18n::screen_lang());
}
inline std::string local_datetime(int64_t utc_ms) { return local_datetime(utc_ms, i18n::screen_lang()); }
inline std::string local_date(int64_t utc_ms) { return local_date(utc_ms, i18n::screen_lang()); }
inline std::string local_day(const std::string& iso_day) { return local_day(iso_day, i18n::screen_lang()); }

}  // namespace outpost

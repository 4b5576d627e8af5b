// `outpost clock --db PATH [--tz ZONE | --clear]`: shows or changes this
// device's time zone (Store::time_zone_setting), an IANA name checked
// against the tz database here. The app applies it at its next start, and
// at once when an admin saves it on the Sync screen; `outpost --tz` still
// wins for one run. Report days follow the zone (app/store/report_days.h).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace outpost {

bool is_clock_command(const std::vector<std::string>& args);
// Prints the setting ("time zone: Africa/Nairobi" or "time zone: the
// system's (UTC)"), after changing it when asked. Returns 0, 1 when the
// store refuses (an unknown zone: the message names it) or 2 for bad usage.
int run_clock_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
std::string clock_usage_text();

}  // namespace outpost

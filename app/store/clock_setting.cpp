// The device's time-zone setting (store.h, "the device's clock"): kept in
// `meta` like the scanner and printer settings, never synced, since each
// kiosk stands in its own clinic. Choosing the zone in use from it is
// local_time.h's (use_time_zone_setting).
#include "local_time.h"
#include "store.h"
#include "store_internal.h"

namespace outpost {

namespace {
constexpr const char* kTimeZoneKey = "clock.time_zone";
}

Result<std::string> Store::time_zone_setting() {
    auto v = meta(kTimeZoneKey);
    if (!v) return std::string();
    return *v;
}

Status Store::set_time_zone_setting(const std::string& iana_name) {
    if (!iana_name.empty()) {
        const std::string problem = time_zone_problem(iana_name);
        if (!problem.empty()) return Status::InvalidArgument(problem);
    }
    Status st = set_meta(kTimeZoneKey, iana_name);
    if (st.ok()) ++local_writes_;  // screens re-read by data_version()
    return st;
}

}  // namespace outpost

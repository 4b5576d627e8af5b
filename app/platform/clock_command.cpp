// The clock subcommand (see clock_command.h).
#include "clock_command.h"

#include <ostream>

#include "i18n.h"
#include "local_time.h"
#include "setting_command.h"
#include "store.h"

namespace outpost {

namespace {

using i18n::format;
using i18n::tr;

int usage(std::ostream& err, const std::string& why) {
    err << "outpost: " << why << "\n\n" << clock_usage_text();
    return 2;
}

}  // namespace

bool is_clock_command(const std::vector<std::string>& args) {
    return !args.empty() && args[0] == "clock";
}

std::string clock_usage_text() {
    return std::string("outpost clock --db PATH [--demo] [--tz ZONE | --clear]\n") +
           tr("  Shows this device's time zone, or sets it (an IANA name such as\n"
              "  Africa/Nairobi); --clear goes back to the system's zone. Report days\n"
              "  and the times on screen follow it; `outpost --tz` wins for one run.\n");
}

int run_clock_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    SettingArgs a;
    std::string why;
    if (!parse_setting_args(args, "--tz", "outpost clock", &a, &why)) return usage(err, why);
    const std::string& zone = a.value;
    const bool set = a.set, clear = a.clear;
    if (set && clear) return usage(err, tr("give --tz or --clear, not both"));
    if (set && zone.empty())
        return usage(err, tr("--tz needs a zone such as Africa/Nairobi (or use --clear)"));
    std::unique_ptr<Store> store = open_setting_store(a, "outpost clock", err);
    if (!store) return 1;
    if (set || clear) {
        Status st = store->set_time_zone_setting(clear ? "" : zone);
        if (!st.ok()) {
            err << "outpost clock: " << st.message() << "\n";
            return 1;
        }
    }
    auto now = store->time_zone_setting();
    if (!now.ok()) {
        err << "outpost clock: " << now.status().message() << "\n";
        return 1;
    }
    if (now->empty())
        out << format(tr("time zone: the system's ({0})"), {device_time_zone()}) << "\n";
    else
        out << format(tr("time zone: {0}"), {*now}) << "\n";
    return 0;
}

}  // namespace outpost

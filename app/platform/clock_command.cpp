// The clock subcommand (see clock_command.h).
#include "clock_command.h"

#include <ostream>

#include "i18n.h"
#include "local_time.h"
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
    std::string db, zone;
    bool demo = false, set = false, clear = false;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--demo") {
            demo = true;
        } else if (a == "--clear") {
            clear = true;
        } else if (a == "--db" || a == "--tz") {
            if (i + 1 >= args.size()) return usage(err, format(tr("{0} needs a value"), {a}));
            if (a == "--db") {
                db = args[++i];
            } else {
                zone = args[++i];
                set = true;
            }
        } else {
            return usage(err, format(tr("'{0}' is not an option of `{1}`"), {a, "outpost clock"}));
        }
    }
    if (db.empty()) return usage(err, format(tr("`{0}` needs --db PATH"), {"outpost clock"}));
    if (set && clear) return usage(err, tr("give --tz or --clear, not both"));
    if (set && zone.empty())
        return usage(err, tr("--tz needs a zone such as Africa/Nairobi (or use --clear)"));
    OpenOptions o;
    o.path = db;
    o.create = false;
    o.demo = demo;
    auto store = Store::Open(o);
    if (!store.ok()) {
        err << "outpost clock: " << store.status().message() << "\n";
        return 1;
    }
    if (set || clear) {
        Status st = (*store)->set_time_zone_setting(clear ? "" : zone);
        if (!st.ok()) {
            err << "outpost clock: " << st.message() << "\n";
            return 1;
        }
    }
    auto now = (*store)->time_zone_setting();
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

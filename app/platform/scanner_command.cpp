// The scanner subcommand (see scanner_command.h).
#include "scanner_command.h"

#include <ostream>

#include "i18n.h"
#include "store.h"

namespace outpost {

namespace {

using i18n::format;
using i18n::tr;

int usage(std::ostream& err, const std::string& why) {
    err << "outpost: " << why << "\n\n" << scanner_usage_text();
    return 2;
}

}  // namespace

bool is_scanner_command(const std::vector<std::string>& args) {
    return !args.empty() && args[0] == "scanner";
}

std::string scanner_usage_text() {
    return std::string("outpost scanner --db PATH [--demo] [--gs-char CHARS | --clear]\n") +
           i18n::tr("  Shows this device's scanner setting, or sets the characters the barcode\n"
                    "  scanner sends for the GS1 separator (e.g. '~'); Ctrl+] and F8 always count.\n");
}

int run_scanner_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string db, chars;
    bool demo = false, set = false, clear = false;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--demo") {
            demo = true;
        } else if (a == "--clear") {
            clear = true;
        } else if (a == "--db" || a == "--gs-char") {
            if (i + 1 >= args.size()) return usage(err, format(tr("{0} needs a value"), {a}));
            if (a == "--db") {
                db = args[++i];
            } else {
                chars = args[++i];
                set = true;
            }
        } else {
            return usage(err, format(tr("'{0}' is not an option of `{1}`"), {a, "outpost scanner"}));
        }
    }
    if (db.empty()) return usage(err, format(tr("`{0}` needs --db PATH"), {"outpost scanner"}));
    if (set && clear) return usage(err, tr("give --gs-char or --clear, not both"));
    if (set && chars.empty()) return usage(err, tr("--gs-char needs at least one character (or use --clear)"));
    OpenOptions o;
    o.path = db;
    o.create = false;
    o.demo = demo;
    auto store = Store::Open(o);
    if (!store.ok()) {
        err << "outpost scanner: " << store.status().message() << "\n";
        return 1;
    }
    if (set || clear) {
        Status st = (*store)->set_scanner_separators(clear ? "" : chars);
        if (!st.ok()) {
            err << "outpost scanner: " << st.message() << "\n";
            return 1;
        }
    }
    auto now = (*store)->scanner_separators();
    if (!now.ok()) {
        err << "outpost scanner: " << now.status().message() << "\n";
        return 1;
    }
    out << (now->empty() ? std::string(tr("separator characters: none (Ctrl+] and F8 only)"))
                         : format(tr("separator characters: {0}"), {*now}))
        << "\n";
    return 0;
}

}  // namespace outpost

// The scanner subcommand (see scanner_command.h).
#include "scanner_command.h"

#include <ostream>

#include "i18n.h"
#include "setting_command.h"
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
    SettingArgs a;
    std::string why;
    if (!parse_setting_args(args, "--gs-char", "outpost scanner", &a, &why)) return usage(err, why);
    const std::string& chars = a.value;
    const bool set = a.set, clear = a.clear;
    if (set && clear) return usage(err, tr("give --gs-char or --clear, not both"));
    if (set && chars.empty()) return usage(err, tr("--gs-char needs at least one character (or use --clear)"));
    std::unique_ptr<Store> store = open_setting_store(a, "outpost scanner", err);
    if (!store) return 1;
    if (set || clear) {
        Status st = store->set_scanner_separators(clear ? "" : chars);
        if (!st.ok()) {
            err << "outpost scanner: " << st.message() << "\n";
            return 1;
        }
    }
    auto now = store->scanner_separators();
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

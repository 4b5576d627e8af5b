// The device-setting subcommands' shared parser and opener (see setting_command.h).
#include "setting_command.h"

#include "i18n.h"

namespace outpost {

using i18n::format;
using i18n::tr;

bool parse_setting_args(const std::vector<std::string>& args, const std::string& value_flag,
                        const std::string& command, SettingArgs* out, std::string* why) {
    SettingArgs a;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--demo") {
            a.demo = true;
        } else if (arg == "--clear") {
            a.clear = true;
        } else if (arg == "--db" || arg == value_flag) {
            if (i + 1 >= args.size()) return (*why = format(tr("{0} needs a value"), {arg})), false;
            if (arg == "--db") {
                a.db = args[++i];
            } else {
                a.value = args[++i];
                a.set = true;
            }
        } else {
            return (*why = format(tr("'{0}' is not an option of `{1}`"), {arg, command})), false;
        }
    }
    if (a.db.empty()) return (*why = format(tr("`{0}` needs --db PATH"), {command})), false;
    *out = std::move(a);
    return true;
}

std::unique_ptr<Store> open_setting_store(const SettingArgs& a, const std::string& command, std::ostream& err) {
    OpenOptions o;
    o.path = a.db;
    o.create = false;
    o.demo = a.demo;
    auto store = Store::Open(o);
    if (!store.ok()) {
        err << command << ": " << store.status().message() << "\n";
        return nullptr;
    }
    return std::move(*store);
}

}  // namespace outpost

// Operator subcommands: set-up of a standalone site, users, the audit list.
// See admin_command.h.
#include "i18n.h"
#include "admin_command.h"

#include <map>
#include <ostream>

#include "store.h"

namespace outpost {

namespace {

struct Parsed {
    std::map<std::string, std::string> opts;
    std::string error;
};

// Parses "--name value" pairs; every option in `allowed` takes one value.
Parsed parse_options(const std::vector<std::string>& args, size_t first, const std::vector<std::string>& allowed) {
    Parsed p;
    for (size_t i = first; i < args.size(); ++i) {
        const std::string& a = args[i];
        bool known = false;
        for (const auto& k : allowed) known = known || a == "--" + k;
        if (!known) {
            p.error = i18n::format(i18n::tr("'{0}' is not an option here"), {a});
            return p;
        }
        if (i + 1 >= args.size() || args[i + 1].rfind("--", 0) == 0) {
            p.error = i18n::format(i18n::tr("{0} needs a value"), {a});
            return p;
        }
        p.opts[a.substr(2)] = args[++i];
    }
    return p;
}

int usage(std::ostream& err, const std::string& why) {
    err << "outpost: " << why << "\n\n" << admin_usage_text();
    return 2;
}

int refused(std::ostream& err, const Status& s) {
    err << "outpost: " << s.message() << "\n";
    return 1;
}

std::unique_ptr<Store> open_existing(const std::string& path, std::ostream& err, bool create) {
    auto s = Store::Open({path, create, nullptr, false});
    if (!s.ok()) {
        err << "outpost: " << s.status().message() << "\n";
        return nullptr;
    }
    return std::move(s.value());
}

std::string find_user(Store& s, const std::string& name) {
    for (const auto& u : s.users(true))
        if (u.name == name) return u.id;
    return "";
}

}  // namespace

bool is_admin_command(const std::vector<std::string>& args) {
    return !args.empty() && (args[0] == "setup" || args[0] == "user" || args[0] == "audit");
}

std::string admin_usage_text() {
    return "Administration:\n"
           "  outpost setup --db PATH --site-code CODE --site-name NAME [--device-name NAME]\n"
           "                --admin NAME --pin PIN     make a new store a standalone site\n"
           "  outpost user add --db PATH --name NAME --role dispenser|storekeeper|admin --pin PIN\n"
           "  outpost user disable --db PATH --name NAME\n"
           "  outpost user list --db PATH\n"
           "  outpost user lang --db PATH --name NAME --lang en|fr|pt|es|default\n"
           "                                            the language NAME reads the screens in\n"
           "  outpost audit --db PATH [--user NAME] [--kind receipt|dispense|adjustment|stocktake|reversal]\n"
           "                [--limit N]               who did what, newest first\n";
}

int run_admin_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    const std::string cmd = args[0];
    if (cmd == "setup") {
        Parsed p = parse_options(args, 1, {"db", "site-code", "site-name", "device-name", "admin", "pin"});
        if (!p.error.empty()) return usage(err, p.error);
        for (const char* k : {"db", "site-code", "site-name", "admin", "pin"})
            if (!p.opts.count(k)) return usage(err, i18n::format(i18n::tr("{0} needs --{1}"), {"setup", k}));
        auto s = open_existing(p.opts["db"], err, true);
        if (!s) return 1;
        if (s->has_identity())
            return refused(err, Status::Conflict(i18n::format(
                                  i18n::tr("this store is already set up as site {0}; nothing changed"),
                                  {s->identity().site_name})));
        std::string device = p.opts.count("device-name") ? p.opts["device-name"] : "this device";
        Status st = s->init_standalone(p.opts["site-code"], p.opts["site-name"], device);
        if (!st.ok()) return refused(err, st);
        auto u = s->add_user({p.opts["admin"], Role::kAdmin, p.opts["pin"]});
        if (!u.ok()) return refused(err, u.status());
        out << i18n::format(i18n::tr("Set up site {0} ({1}) with admin {2}."),
                            {p.opts["site-name"], p.opts["site-code"], p.opts["admin"]})
            << "\n";
        return 0;
    }
    if (cmd == "user") {
        if (args.size() < 2) return usage(err, i18n::tr("user needs add, disable, list or lang"));
        const std::string sub = args[1];
        if (sub == "add") {
            Parsed p = parse_options(args, 2, {"db", "name", "role", "pin"});
            if (!p.error.empty()) return usage(err, p.error);
            for (const char* k : {"db", "name", "role", "pin"})
                if (!p.opts.count(k)) return usage(err, i18n::format(i18n::tr("{0} needs --{1}"), {"user add", k}));
            Role role;
            if (!parse_role(p.opts["role"], &role))
                return usage(err, i18n::format(i18n::tr("role '{0}' is not dispenser, storekeeper or admin"),
                                               {p.opts["role"]}));
            auto s = open_existing(p.opts["db"], err, false);
            if (!s) return 1;
            auto u = s->add_user({p.opts["name"], role, p.opts["pin"]});
            if (!u.ok()) return refused(err, u.status());
            out << i18n::format(i18n::tr("Added {0} ({1})."), {p.opts["name"], i18n::tr(role_name(role))}) << "\n";
            return 0;
        }
        if (sub == "disable") {
            Parsed p = parse_options(args, 2, {"db", "name"});
            if (!p.error.empty()) return usage(err, p.error);
            if (!p.opts.count("db") || !p.opts.count("name")) return usage(err, i18n::format(i18n::tr("{0} needs --db and --name"), {"user disable"}));
            auto s = open_existing(p.opts["db"], err, false);
            if (!s) return 1;
            std::string id = find_user(*s, p.opts["name"]);
            if (id.empty()) return refused(err, Status::NotFound(i18n::format(i18n::tr("no user called {0}"), {p.opts["name"]})));
            Status st = s->set_user_active(id, false);
            if (!st.ok()) return refused(err, st);
            out << i18n::format(i18n::tr("Disabled {0}."), {p.opts["name"]}) << "\n";
            return 0;
        }
        if (sub == "list") {
            Parsed p = parse_options(args, 2, {"db"});
            if (!p.error.empty()) return usage(err, p.error);
            if (!p.opts.count("db")) return usage(err, i18n::format(i18n::tr("{0} needs --db"), {"user list"}));
            auto s = open_existing(p.opts["db"], err, false);
            if (!s) return 1;
            for (const auto& u : s->users(true))
                out << u.name << "\t" << role_name(u.role) << (u.active ? "" : "\tdisabled")
                    << (u.locked ? "\tlocked" : "") << "\n";
            return 0;
        }
        if (sub == "lang") {
            Parsed p = parse_options(args, 2, {"db", "name", "lang"});
            if (!p.error.empty()) return usage(err, p.error);
            for (const char* k : {"db", "name", "lang"})
                if (!p.opts.count(k)) return usage(err, i18n::format(i18n::tr("{0} needs --{1}"), {"user lang", k}));
            std::optional<i18n::Lang> lang = i18n::parse(p.opts["lang"]);
            if (p.opts["lang"].size() != 2 && p.opts["lang"] != "default") lang.reset();
            if (!lang && p.opts["lang"] != "default")
                return usage(err, i18n::format(i18n::tr("language '{0}' is not en, fr, pt, es or default"),
                                               {p.opts["lang"]}));
            auto s = open_existing(p.opts["db"], err, false);
            if (!s) return 1;
            std::string id = find_user(*s, p.opts["name"]);
            if (id.empty()) return refused(err, Status::NotFound(i18n::format(i18n::tr("no user called {0}"), {p.opts["name"]})));
            Status st = s->set_user_language(id, lang);
            if (!st.ok()) return refused(err, st);
            // Cleared, central's language for the user (if any) applies again.
            if (!lang) {
                auto now = s->user_language(id);
                if (now.ok()) lang = *now;
            }
            out << (lang ? i18n::format(i18n::tr("{0} reads the screens in {1}."),
                                        {p.opts["name"], i18n::native_name(*lang)})
                         : i18n::format(i18n::tr("{0} reads the screens in the device's language."),
                                        {p.opts["name"]}))
                << "\n";
            return 0;
        }
        return usage(err, i18n::format(i18n::tr("user needs add, disable, list or lang, not '{0}'"), {sub}));
    }
    // audit
    Parsed p = parse_options(args, 1, {"db", "user", "kind", "limit"});
    if (!p.error.empty()) return usage(err, p.error);
    if (!p.opts.count("db")) return usage(err, i18n::format(i18n::tr("{0} needs --db"), {"audit"}));
    auto s = open_existing(p.opts["db"], err, false);
    if (!s) return 1;
    AuditQuery q;
    q.kind = p.opts["kind"];
    if (p.opts.count("limit")) {
        try {
            q.limit = std::stoll(p.opts["limit"]);
        } catch (...) {
            return usage(err, i18n::tr("--limit needs a number"));
        }
    }
    if (p.opts.count("user")) {
        q.user_id = find_user(*s, p.opts["user"]);
        if (q.user_id.empty()) return refused(err, Status::NotFound(i18n::format(i18n::tr("no user called {0}"), {p.opts["user"]})));
    }
    auto page = s->audit(q);
    if (!page.ok()) return refused(err, page.status());
    for (const auto& r : page->rows)
        out << r.when << "\t" << r.user_name << "\t" << r.kind << "\t" << r.item_name << "\t" << r.batch_no << "\t"
            << r.quantity << "\t" << r.detail << "\t" << r.device_name << "\n";
    out << i18n::format(i18n::tr("{0} of {1} events"),
                        {std::to_string(page->rows.size()), std::to_string(page->total)})
        << "\n";
    return 0;
}

}  // namespace outpost

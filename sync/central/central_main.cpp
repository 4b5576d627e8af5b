// The outpost-central command line: `serve` runs the sync server; the other
// subcommands are the administrator's tools (sites, registration codes,
// users, devices, the catalogue, sync health). Exit status: 0 done, 1 the
// operation was refused (the message says why), 2 bad usage.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "central_core.h"
#include "central_admins_cli.h"
#include "central_http.h"
#include "projection_cli.h"
#include "clock.h"

using outpost::CentralCore;
using outpost::Status;

namespace {

const char* kUsage =
    "usage:\n"
    "  outpost-central serve --db PATH --listen HOST:PORT [--cert CERT --key KEY] [--demo]\n"
    "        [--read-timeout S (10)] [--request-timeout S (60)] [--threads N (64)]\n"
    "        [--db-connections N (1 on SQLite, 8 on PostgreSQL)]\n"
    "  outpost-central site create --db PATH --code HC01 --name \"Mbala Health Centre\" [--address "
    "A] [--demo]\n"
    "  outpost-central code --db PATH --site HC01 [--demo]\n"
    "  outpost-central user add --db PATH --site HC01 --name N --role dispenser|storekeeper|admin --pin 1234 "
    "[--lang en|fr|pt|es] [--demo]\n"
    "  outpost-central user lang --db PATH --site HC01 --name N|--user ID --lang en|fr|pt|es|none [--demo]\n"
    "        (the language the user reads the screens in on every device of the site)\n"
    "  outpost-central user disable --db PATH --site HC01 --name N|--user ID [--demo]\n"
    "  outpost-central device revoke --db PATH --device ID [--demo]\n"
    "  outpost-central catalogue import --db PATH --csv FILE [--demo]\n"
    "  outpost-central sites --db PATH [--demo]\n"
    "  outpost-central admin add --db PATH --name N --role administrator|viewer [--sites "
    "HC01,HC02] [--demo]\n"
    "  outpost-central admin list|remove|reset-password --db PATH [--name N] [--demo]\n"
    "        (dashboard accounts; the password is read from the terminal or stdin, never the "
    "command line)\n"
    "  outpost-central site region --db PATH --code HC01 --region \"North\" (empty region: none) "
    "[--demo]\n"
    "  outpost-central site rotate-key --db PATH --site HC01 [--demo]   (a new site key for peer "
    "sync)\n"
    "  outpost-central rebuild --db PATH [--demo]   (central's copy of the sites' data, from the "
    "feed)\n"
    "  outpost-central verify --db PATH --site HC01 [--demo]   (exit 0 only when stock on hand "
    "equals the ledger)\n"
    "  outpost-central requisitions --db PATH [--site HC01] [--demo]\n"
    "  outpost-central ship --db PATH --requisition ID --lines FILE.csv [--reference R] [--demo]\n"
    "        (FILE.csv: item_code,batch_no,expiry,quantity; quantity in units)\n"
    "A demo central (--demo) holds demo sites and devices only; give --demo to every command on "
    "its database.\n"
    "--db is a SQLite file (made when missing) or a PostgreSQL database: "
    "postgresql://USER@HOST/DBNAME or\n"
    "postgresql:///DBNAME?host=/run/postgresql (docs/central.md \"PostgreSQL\").\n";

int usage_error(const std::string& message) {
    std::fprintf(stderr, "outpost-central: %s\n%s", message.c_str(), kUsage);
    return 2;
}

int refused(const Status& s) {
    std::fprintf(stderr, "outpost-central: %s\n", s.message().c_str());
    return 1;
}

// --name value pairs and bare flags. Returns false (with *problem) on an
// unknown option, a missing value or a repeated option.
bool parse_options(const std::vector<std::string>& args, const std::set<std::string>& valued,
                   const std::set<std::string>& flags, std::map<std::string, std::string>* out,
                   std::string* problem) {
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.rfind("--", 0) != 0) return (*problem = "unexpected argument '" + a + "'"), false;
        const std::string name = a.substr(2);
        if (out->count(name)) return (*problem = "--" + name + " given twice"), false;
        if (flags.count(name)) {
            (*out)[name] = "1";
        } else if (valued.count(name)) {
            if (i + 1 >= args.size()) return (*problem = "--" + name + " needs a value"), false;
            (*out)[name] = args[++i];
        } else {
            return (*problem = "unknown option --" + name), false;
        }
    }
    return true;
}

std::string ago(int64_t then_ms, int64_t now_ms) {
    if (then_ms == 0) return "never";
    const int64_t m = (now_ms - then_ms) / 60000;
    if (m < 1) return "just now";
    if (m < 120) return std::to_string(m) + " min ago";
    if (m < 48 * 60) return std::to_string(m / 60) + " h ago";
    return std::to_string(m / 1440) + " days ago";
}

int print_sites(CentralCore& core) {
    auto sites = core.list_sites();
    if (!sites.ok()) return refused(sites.status());
    if (sites->empty()) {
        std::printf("no sites yet: outpost-central site create --db PATH --code HC01 --name \"...\"\n");
        return 0;
    }
    outpost::SystemClock clock;
    const int64_t now = clock.now_ms();
    for (const auto& s : *sites) {
        std::printf("%-8s %s%s  (%lld active users, %zu devices)\n", s.code.c_str(), s.name.c_str(),
                    s.is_demo ? " [DEMO]" : "", static_cast<long long>(s.users), s.devices.size());
        if (!s.devices.empty())
            std::printf("  %-36s  %-20s %-10s %-14s %-14s %9s %8s  %s\n", "device id", "name", "app", "last push",
                        "last pull", "accepted", "pending", "state");
        for (const auto& d : s.devices) {
            std::string state = d.revoked ? "REVOKED" : (d.last_error.empty() ? "ok" : d.last_error);
            std::printf("  %-36s  %-20.20s %-10.10s %-14s %-14s %9lld %8lld  %s\n", d.id.c_str(), d.name.c_str(),
                        d.app_version.empty() ? "-" : d.app_version.c_str(), ago(d.last_push_ms, now).c_str(), ago(d.last_pull_ms, now).c_str(),
                        static_cast<long long>(d.accepted_through), static_cast<long long>(d.pending),
                        state.c_str());
        }
    }
    return 0;
}

int print_requisitions(CentralCore& core, const std::string& site) {
    auto reqs = core.list_requisitions(site);
    if (!reqs.ok()) return refused(reqs.status());
    if (reqs->empty()) {
        std::printf("no requisitions%s yet\n", site.empty() ? "" : (" from " + site).c_str());
        return 0;
    }
    for (const auto& r : *reqs) {
        std::printf("%s  %-8s %s  sent %s  %s\n", r.id.c_str(), r.site_code.c_str(), r.site_name.c_str(),
                    outpost::date_of(r.sent_ms).c_str(),
                    r.shipment_id.empty() ? "NOT ANSWERED" : ("answered by shipment " + r.shipment_id).c_str());
        for (const auto& l : r.lines) {
            std::printf("  %-10s %-40.40s %10lld units (suggested %lld)%s%s\n", l.item_code.c_str(), l.item_name.c_str(),
                        static_cast<long long>(l.quantity), static_cast<long long>(l.suggested),
                        l.reason.empty() ? "" : "  reason: ", l.reason.c_str());
            if (!l.working.empty()) std::printf("             %s\n", l.working.c_str());
        }
    }
    return 0;
}

bool split_listen(const std::string& text, std::string* host, int* port) {
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    *host = text.substr(0, colon);
    const std::string p = text.substr(colon + 1);
    if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos) return false;
    *port = std::atoi(p.c_str());
    return *port <= 65535;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty() || args[0] == "--help" || args[0] == "-h") {
        std::fputs(kUsage, args.empty() ? stderr : stdout);
        return args.empty() ? 2 : 0;
    }
    // The command is one word, or two for site/user/device/catalogue.
    std::string command = args[0];
    size_t first_option = 1;
    if ((command == "site" || command == "user" || command == "device" || command == "catalogue" || command == "admin") &&
        args.size() > 1 && args[1].rfind("--", 0) != 0) {
        command += " " + args[1];
        first_option = 2;
    }
    static const std::map<std::string, std::pair<std::set<std::string>, std::set<std::string>>> kCommands = {
        {"serve", {{"db", "listen", "cert", "key", "read-timeout", "request-timeout", "threads", "db-connections"},
                   {"demo"}}},
        {"site create", {{"db", "code", "name", "address"}, {"demo"}}},
        {"code", {{"db", "site"}, {"demo"}}},
        {"user add", {{"db", "site", "name", "role", "pin", "lang"}, {"demo"}}},
        {"user lang", {{"db", "site", "name", "user", "lang"}, {"demo"}}},
        {"user disable", {{"db", "site", "name", "user"}, {"demo"}}},
        {"device revoke", {{"db", "device"}, {"demo"}}},
        {"catalogue import", {{"db", "csv"}, {"demo"}}},
        {"sites", {{"db"}, {"demo"}}},
        {"admin add", {{"db", "name", "role", "sites"}, {"demo"}}},
        {"admin list", {{"db"}, {"demo"}}},
        {"admin remove", {{"db", "name"}, {"demo"}}},
        {"admin reset-password", {{"db", "name"}, {"demo"}}},
        {"site region", {{"db", "code", "region"}, {"demo"}}},
        {"site rotate-key", {{"db", "site"}, {"demo"}}},
        {"rebuild", {{"db"}, {"demo"}}},
        {"verify", {{"db", "site"}, {"demo"}}},
        {"requisitions", {{"db", "site"}, {"demo"}}},
        {"ship", {{"db", "requisition", "lines", "reference"}, {"demo"}}},
    };
    auto spec = kCommands.find(command);
    if (spec == kCommands.end()) return usage_error("unknown command '" + command + "'");
    std::map<std::string, std::string> opt;
    std::string problem;
    if (!parse_options({args.begin() + first_option, args.end()}, spec->second.first, spec->second.second, &opt,
                       &problem))
        return usage_error(command + ": " + problem);
    auto need = [&](std::initializer_list<const char*> names) -> std::string {
        for (const char* n : names)
            if (!opt.count(n) || opt[n].empty()) return command + ": --" + n + " is required";
        return "";
    };
    const bool demo = opt.count("demo") > 0;

    if (command == "serve") {
        if (auto m = need({"db", "listen"}); !m.empty()) return usage_error(m);
        outpost::ServeOptions so;
        so.db_path = opt["db"];
        so.demo = demo;
        if (!split_listen(opt["listen"], &so.host, &so.port))
            return usage_error("serve: --listen takes HOST:PORT, like 0.0.0.0:8443 (port 0: any free port)");
        if (opt.count("cert") != opt.count("key")) return usage_error("serve: --cert and --key go together");
        so.cert_path = opt["cert"];
        so.key_path = opt["key"];
        // Whole numbers within sane bounds; the defaults suit a clinic link.
        for (auto [name, field, lo, hi] :
             {std::tuple<const char*, int*, int, int>{"read-timeout", &so.read_timeout_s, 1, 600},
              {"request-timeout", &so.request_timeout_s, 1, 3600},
              {"threads", &so.threads, 1, 1024},
              {"db-connections", &so.db_connections, 1, 256}}) {
            if (!opt.count(name)) continue;
            const std::string& v = opt[name];
            if (v.empty() || v.size() > 4 || v.find_first_not_of("0123456789") != std::string::npos ||
                std::atoi(v.c_str()) < lo || std::atoi(v.c_str()) > hi)
                return usage_error(std::string("serve: --") + name + " takes a whole number from " +
                                   std::to_string(lo) + " to " + std::to_string(hi));
            *field = std::atoi(v.c_str());
        }
        if (!opt.count("db-connections"))
            so.db_connections = outpost::sql::is_postgres_address(so.db_path) ? 8 : 1;
        if (so.db_connections > 1 && !outpost::sql::is_postgres_address(so.db_path))
            return usage_error(
                "serve: --db-connections above 1 needs PostgreSQL (SQLite takes one writer at a "
                "time)");
        return outpost::serve_central(so);
    }

    if (auto m = need({"db"}); !m.empty()) return usage_error(m);
    // Validate the command's own options before creating any file.
    std::string missing;
    if (command == "site create") missing = need({"code", "name"});
    else if (command == "code") missing = need({"site"});
    else if (command == "user add") missing = need({"site", "name", "role", "pin"});
    else if (command == "user lang") {
        missing = need({"site", "lang"});
        if (missing.empty() && opt.count("name") == opt.count("user"))
            missing = "user lang: give either --name or --user";
    } else if (command == "user disable") {
        missing = need({"site"});
        if (missing.empty() && opt.count("name") == opt.count("user"))
            missing = "user disable: give either --name or --user";
    } else if (command == "device revoke") missing = need({"device"});
    else if (command == "catalogue import") missing = need({"csv"});
    else if (command == "admin add") {
        missing = need({"name", "role"});
        if (missing.empty() && opt["role"] != "administrator" && opt["role"] != "viewer")
            missing = "admin add: --role is administrator or viewer";
    } else if (command == "admin remove" || command == "admin reset-password")
        missing = need({"name"});
    else if (command == "site region") missing = opt.count("region") ? need({"code"}) : "site region: --region is required";
    else if (command == "verify") missing = need({"site"});
    else if (command == "site rotate-key") missing = need({"site"});
    else if (command == "ship") missing = need({"requisition", "lines"});
    if (!missing.empty()) return usage_error(missing);

    auto core = CentralCore::Open(opt["db"], nullptr, demo);
    if (!core.ok()) return refused(core.status());
    CentralCore& c = **core;

    if (command == "site create") {
        auto id = c.create_site(opt["code"], opt["name"], demo, opt["address"]);
        if (!id.ok()) return refused(id.status());
        std::printf("site %s created (id %s)\nnext: outpost-central code --db %s --site %s\n", opt["code"].c_str(),
                    id->c_str(), opt["db"].c_str(), opt["code"].c_str());
        return 0;
    }
    if (command == "code") {
        auto code = c.issue_code(opt["site"]);
        if (!code.ok()) return refused(code.status());
        std::printf("%s\n", code->c_str());
        std::fprintf(stderr, "registration code for %s: single use, valid 24 hours, shown only now\n",
                     opt["site"].c_str());
        return 0;
    }
    if (command == "user add") {
        auto id = c.add_user(opt["site"], opt["name"], opt["role"], opt["pin"], opt["lang"]);
        if (!id.ok()) return refused(id.status());
        std::printf("user %s added to %s (id %s); devices receive it at their next sync\n", opt["name"].c_str(),
                    opt["site"].c_str(), id->c_str());
        return 0;
    }
    if (command == "user lang") {
        const std::string lang = opt["lang"] == "none" ? "" : opt["lang"];
        Status s = c.set_user_lang(opt["site"], opt.count("user") ? opt["user"] : opt["name"], lang);
        if (!s.ok()) return refused(s);
        std::printf("%s; devices receive the change at their next sync\n",
                    lang.empty() ? "the user reads the screens in each device's language"
                                 : ("the user reads the screens in " + lang).c_str());
        return 0;
    }
    if (command == "user disable") {
        Status s = c.disable_user(opt["site"], opt.count("user") ? opt["user"] : opt["name"]);
        if (!s.ok()) return refused(s);
        std::printf("user disabled; devices receive the change at their next sync\n");
        return 0;
    }
    if (command == "device revoke") {
        Status s = c.revoke_device(opt["device"]);
        if (!s.ok()) return refused(s);
        std::printf("device %s revoked: its token is refused from now on\n", opt["device"].c_str());
        return 0;
    }
    if (command == "catalogue import") {
        auto n = c.import_catalogue_file(opt["csv"]);
        if (!n.ok()) return refused(n.status());
        std::printf("%lld items imported; devices receive them at their next sync\n", static_cast<long long>(*n));
        return 0;
    }
    const bool sqlite_only = command.rfind("admin ", 0) == 0 || command == "site region" ||
                             command == "rebuild" || command == "verify";
    if (sqlite_only && c.engine() != outpost::sql::Engine::kSqlite)
        return refused(
            Status::Unavailable(command +
                                " is not available on a PostgreSQL central yet: the dashboard's "
                                "accounts and copy of the sites' data run on SQLite only "
                                "(docs/known-gaps.md)"));
    if (command.rfind("admin ", 0) == 0) return outpost::run_admin_command(c, command, opt);
    if (command == "site region" || command == "rebuild" || command == "verify")
        return outpost::projection_command(c, command, opt);
    if (command == "requisitions") return print_requisitions(c, opt["site"]);
    if (command == "site rotate-key") {
        auto no = c.rotate_site_key(opt["site"]);
        if (!no.ok()) return refused(no.status());
        std::printf("site %s now has key %lld; its devices get it with their next sync with central and keep\n"
                    "the previous key for talking to devices that have not synced yet\n",
                    opt["site"].c_str(), static_cast<long long>(*no));
        return 0;
    }
    if (command == "ship") {
        std::ifstream in(opt["lines"], std::ios::binary);
        if (!in) return refused(Status::NotFound("cannot read " + opt["lines"]));
        std::stringstream text;
        text << in.rdbuf();
        auto id = c.ship_csv(opt["requisition"], text.str(), opt["reference"]);
        if (!id.ok()) return refused(id.status());
        std::printf("shipment %s answers requisition %s; the site's devices receive it at their next sync\n",
                    id->c_str(), opt["requisition"].c_str());
        return 0;
    }
    return print_sites(c);  // "sites"
}

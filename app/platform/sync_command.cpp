// `outpost register` and `outpost sync`. See sync_command.h.
#include "sync_command.h"

#include <map>
#include <ostream>

#include "client_register.h"
#include "client_session.h"
#include "i18n.h"
#include "peer_command.h"
#include "store.h"
#include "transport_http.h"

namespace outpost {

namespace {

using i18n::format;
using i18n::tr;

int usage(std::ostream& err, const std::string& why) {
    err << "outpost: " << why << "\n\n" << sync_usage_text();
    return 2;
}

bool parse(const std::vector<std::string>& args, const std::vector<std::string>& allowed,
           std::map<std::string, std::string>* out, std::string* error) {
    for (size_t i = 1; i < args.size(); ++i) {
        bool known = false;
        for (const auto& k : allowed) known = known || args[i] == "--" + k;
        if (!known) {
            *error = format(tr("'{0}' is not an option of `{1}`"), {args[i], "outpost " + args[0]});
            return false;
        }
        if (i + 1 >= args.size()) {
            *error = format(tr("{0} needs a value"), {args[i]});
            return false;
        }
        (*out)[args[i].substr(2)] = args[i + 1];
        ++i;
    }
    return true;
}

}  // namespace

bool is_sync_command(const std::vector<std::string>& args) {
    return !args.empty() && (args[0] == "register" || args[0] == "sync");
}

std::string sync_usage_text() {
    return std::string(i18n::tr("Sync with central:\n")) +
           "  outpost register --db PATH --central URL --code CODE [--device-name NAME] [--ca FILE]\n" +
           i18n::tr("                   set up an empty store as a device of a site and pull the whole\n"
                    "                   site (this is also how a site is restored on new hardware)\n") +
           "  outpost sync --db PATH [--ca FILE]\n" +
           i18n::tr("                   push and pull now, then print the sync state\n") +
           "  outpost sync --db PATH --peer HOST:PORT\n" +
           i18n::tr("                   exchange changes with another device of the site\n");
}

int run_sync_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::map<std::string, std::string> o;
    std::string error;
    const bool reg = args[0] == "register";
    if (!parse(args, reg ? std::vector<std::string>{"db", "central", "code", "device-name", "ca"}
                         : std::vector<std::string>{"db", "ca", "peer"},
               &o, &error))
        return usage(err, error);
    if (!o.count("db")) return usage(err, tr("--db is needed"));
    if (o.count("peer")) return run_peer_sync(o["db"], o["peer"], out, err);
    if (reg && (!o.count("central") || !o.count("code"))) return usage(err, tr("register needs --central and --code"));

    auto opened = Store::Open({o["db"], reg, nullptr, false});
    if (!opened.ok()) {
        err << "outpost: " << opened.status().message() << "\n";
        return 1;
    }
    Store& store = **opened;
    SyncConfig config;
    config.ca_file = o["ca"];
    HttpTransportOptions t;
    t.ca_file = o["ca"];
    t.server_url = reg ? o["central"] : store.meta(sync_meta::kServer).value_or("");
    if (t.server_url.empty()) {
        err << "outpost: " << tr("this store is not set up for sync; run `outpost register` first") << "\n";
        return 1;
    }
    HttpTransport transport(t);
    int64_t last_shown = -1;
    auto progress = [&](int64_t done, int64_t total) {
        if (done - last_shown < 500 && done != total) return;  // a line per ~500 changes
        last_shown = done;
        out << (total > 0 ? format(tr("restoring: {0} of {1} changes"), {std::to_string(done), std::to_string(total)})
                          : format(tr("restoring: {0} changes"), {std::to_string(done)}))
            << "\n";
        out.flush();
    };
    if (reg) {
        if (store.has_identity()) {
            err << "outpost: "
                << format(tr("this store already belongs to site {0}; register a new, empty store instead"),
                          {store.identity().site_name})
                << "\n";
            return 1;
        }
        const std::string device = o.count("device-name") ? o["device-name"] : "device";
        Status st = restore_device(transport, o["code"], device, store, config, progress);
        if (!st.ok()) {
            err << "outpost: " << st.message() << "\n";
            if (store.has_identity())
                err << "outpost: " << format(tr("registered; run `outpost sync --db {0}` to resume"), {o["db"]}) << "\n";
            return 1;
        }
        out << format(tr("Registered as a device of {0} and pulled the site."), {store.identity().site_name}) << "\n";
        return 0;
    }
    SystemClock clock;
    SyncSession session(store, transport, clock, config);
    session.set_on_page([&] {
        SyncSnapshot s;
        session.fill_snapshot(&s);
        if (s.restoring) progress(s.restore_done, s.restore_total);
    });
    CycleReport r = session.run_once();
    SyncSnapshot s;
    session.fill_snapshot(&s);
    out << format(tr("pushed {0}, pulled {1}, refused by central {2}"),
                  {std::to_string(r.pushed), std::to_string(r.pulled), std::to_string(r.quarantined)})
        << "\n"
        << format(tr("changes waiting: {0}, quarantined: {1}"),
                  {std::to_string(s.changes_waiting), std::to_string(s.quarantined)})
        << "\n";
    if (!r.status.ok()) {
        err << "outpost: " << r.status.message() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace outpost

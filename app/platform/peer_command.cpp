// `outpost peer serve|add|forget|list` and `outpost sync --peer`. See
// peer_command.h.
#include "peer_command.h"

#include <atomic>
#include <csignal>
#include <memory>
#include <ostream>

#include "i18n.h"
#include "local_time.h"
#include "peer_exchange.h"
#include "peer_http.h"
#include "store.h"

namespace outpost {

namespace {

using i18n::format;
using i18n::tr;

std::atomic<bool> g_stop{false};
void on_signal(int) {
    g_stop = true;
}

Result<std::unique_ptr<Store>> open_store(const std::string& db) {
    OpenOptions o;
    o.path = db;
    o.create = false;
    auto s = Store::Open(o);
    if (!s.ok()) return s.status();
    if (!(*s)->has_identity()) return Status::Conflict(tr("this store is not set up for a site; run `outpost register` first"));
    return s;
}

}  // namespace

bool is_peer_command(const std::vector<std::string>& args) {
    return !args.empty() && args[0] == "peer";
}

std::string peer_usage_text() {
    return std::string(tr("Sync with the site's other devices on this network (no central needed):\n")) +
           "  outpost peer serve --db PATH --listen HOST:PORT   " + tr("answer other devices until stopped") + "\n" +
           "  outpost sync --db PATH --peer HOST:PORT           " + tr("exchange changes with one device now") + "\n";
}

namespace {

// `outpost peer add|forget|list`: the store's peer address book.
int run_peer_book(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    using i18n::format;
    using i18n::tr;
    const std::string& verb = args[1];
    std::string db, address;
    for (size_t i = 2; i < args.size(); i += 2) {
        const bool has_value = i + 1 < args.size();
        if (args[i] == "--db" && has_value)
            db = args[i + 1];
        else if (args[i] == "--address" && has_value && verb != "list")
            address = args[i + 1];
        else {
            err << "outpost: "
                << format(tr("'{0}' is not an option of `outpost peer {1}`"), {args[i], verb})
                << "\n\n"
                << peer_usage_text();
            return 2;
        }
    }
    if (db.empty() || (verb != "list" && address.empty())) {
        err << "outpost: "
            << (verb == "list"
                    ? std::string(tr("peer list needs --db PATH"))
                    : format(tr("peer {0} needs --db PATH and --address HOST:PORT"), {verb}))
            << "\n\n"
            << peer_usage_text();
        return 2;
    }
    OpenOptions o;
    o.path = db;
    o.create = false;
    auto store = Store::Open(o);
    if (!store.ok()) {
        err << "outpost: " << store.status().message() << "\n";
        return 1;
    }
    Status st;
    if (verb == "add")
        st = (*store)->add_peer_address(address);
    else if (verb == "forget")
        st = (*store)->forget_peer_address(address);
    if (!st.ok()) {
        err << "outpost: " << st.message() << "\n";
        return st.code() == Status::Code::kInvalidArgument ? 2 : 1;
    }
    auto book = (*store)->peer_addresses();
    if (!book.ok()) {
        err << "outpost: " << book.status().message() << "\n";
        return 1;
    }
    if (book->empty())
        out << tr("no device addresses kept: the app finds devices by mDNS only") << "\n";
    for (const PeerAddress& a : *book) {
        if (a.manual)
            out << format(tr("{0}  added by hand"), {a.address}) << "\n";
        else
            out << format(tr("{0}  {1}, last worked {2}"),
                          {a.address, a.device_name.empty() ? a.device_id : a.device_name,
                           local_datetime(a.last_success_ms)})
                << "\n";
    }
    return 0;
}

}  // namespace

int run_peer_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string db, listen;
    if (args.size() >= 2 && (args[1] == "add" || args[1] == "forget" || args[1] == "list"))
        return run_peer_book(args, out, err);
    if (args.size() < 2 || args[1] != "serve") {
        err << "outpost: " << i18n::tr("peer takes serve, add, forget or list") << "\n\n"
            << peer_usage_text();
        return 2;
    }
    for (size_t i = 2; i + 1 < args.size(); i += 2) {
        if (args[i] == "--db")
            db = args[i + 1];
        else if (args[i] == "--listen")
            listen = args[i + 1];
        else {
            err << "outpost: " << format(tr("'{0}' is not an option of `{1}`"), {args[i], "outpost peer serve"}) << "\n\n" << peer_usage_text();
            return 2;
        }
    }
    if (db.empty() || listen.empty() || args.size() % 2 != 0) {
        err << "outpost: " << tr("peer serve needs --db PATH and --listen HOST:PORT") << "\n\n" << peer_usage_text();
        return 2;
    }
    std::string host, problem;
    int port = 0;
    if (!peer::parse_host_port(listen, &host, &port, &problem)) {
        err << "outpost: " << problem << "\n";
        return 2;
    }
    auto store = open_store(db);
    if (!store.ok()) {
        err << "outpost: " << store.status().message() << "\n";
        return 1;
    }
    if (!peer::site_keys_of(**store).current) {
        err << "outpost: "
            << format(tr("this device has no site key yet: run `outpost sync --db {0}` with central reachable once"), {db})
            << "\n";
        return 1;
    }
    SystemClock clock;
    peer::PeerServer server(**store, clock);
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    Status s = peer::serve_peers(server, host, port, &g_stop, [&](int bound) {
        out << "listening on " << host << ":" << bound << "\n";  // read by scripts: not translated
        out.flush();
    });
    if (!s.ok()) {
        err << "outpost: " << s.message() << "\n";
        return 1;
    }
    return 0;
}

int run_peer_sync(const std::string& db, const std::string& peer_address, std::ostream& out,
                  std::ostream& err) {
    std::string host, problem;
    int port = 0;
    if (!peer::parse_host_port(peer_address, &host, &port, &problem)) {
        err << "outpost: " << problem << "\n";
        return 2;
    }
    auto store = open_store(db);
    if (!store.ok()) {
        err << "outpost: " << store.status().message() << "\n";
        return 1;
    }
    SystemClock clock;
    peer::PeerHttpTransport transport(host, port);
    peer::PeerReport r = peer::sync_with_peer(**store, transport, clock);
    out << format(tr("from the device at {0}: received {1}, given {2} ({3} requests, {4} bytes sent, {5} received)"),
                  {peer_address, std::to_string(r.received), std::to_string(r.given), std::to_string(r.requests),
                   std::to_string(r.bytes_sent), std::to_string(r.bytes_received)})
        << "\n";
    if (!r.status.ok()) {
        err << "outpost: " << r.status.message() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace outpost

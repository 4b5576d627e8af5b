// peer_bench: figures for peer sync on the clinic's network (issue 15).
// Prints readable lines and, for each figure, one JSON line in
// outpost-bench's format {"metric","value","unit","baseline","ratio","target"}.
//
// Two devices of one site each do a busy day while apart (--day-events
// stock events each, sync_bench's busy_day: dispensings, receipts,
// adjustments), starting from the same catalogue. Then, from copies of the
// same two store files (on --dir, so every page is a real SQLite commit):
//  - through central (the same-run baseline): central in memory behind the
//    in-process LoopbackTransport; A syncs (push, pull), B syncs (push, pull
//    A's day), A syncs again (pull B's day). Bytes are the bodies as the wire
//    carries them: requests gzip-compressed from 256 bytes (level 9, as the
//    client sends them), answers from 1 KiB (as central's HTTP server does);
//  - LAN peer sync over real HTTP on loopback: B serves (peer_http's server
//    in a thread), A runs one sync_with_peer (asks for B's day, gives its
//    own) with PeerHttpTransport; bytes are the sealed bodies both ways. Run
//    twice: messages deflated (this build) and plain JSON (as before
//    compression, the before/after figure).
// Figures: seconds until both hold the same changes, bytes per stock event
// moved (2 x day events), and the bytes per event of the push that follows
// a peer sync (B pushing its own day and A's relayed, protocol version 3),
// against the push of one device's own day.
//   peer_bench [--day-events 2000] [--dir /tmp]
// A benchmark prints figures; it asserts nothing. docs/sync-performance.md
// has the figures and the command.
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>

#include "central_core.h"
#include "client_register.h"
#include "client_session.h"
#include "peer_exchange.h"
#include "peer_http.h"
#include "store.h"
#include "sync_bench_common.h"
#include "transport_http.h"
#include "transport_loopback.h"

using namespace outpost;
using namespace outpost::sync_bench;

namespace {

// Counts the bytes a real link would carry for the bodies going through:
// requests gzip-compressed from 256 bytes, answers from 1 KiB.
class CountingTransport : public Transport {
  public:
    explicit CountingTransport(Transport& inner) : inner_(inner) {}
    Result<HttpReply> post(const std::string& path, const std::string& body,
                           const protocol::Headers& h) override {
        ++requests;
        sent += wire_size(body, 256);
        auto r = inner_.post(path, body, h);
        if (r.ok()) received += wire_size(r->body, 1024);
        return r;
    }
    Result<HttpReply> get(const std::string& path, const protocol::Headers& h) override {
        ++requests;
        auto r = inner_.get(path, h);
        if (r.ok()) received += wire_size(r->body, 1024);
        return r;
    }
    std::string where() const override { return inner_.where(); }
    int64_t sent = 0, received = 0, requests = 0;

  private:
    static int64_t wire_size(const std::string& body, size_t from) {
        if (body.size() < from) return static_cast<int64_t>(body.size());
        return static_cast<int64_t>(gzip_compress(body).size());
    }
    Transport& inner_;
};

struct Device {
    std::string path;
    std::unique_ptr<Store> store;
};

Device open_device(const std::string& path, Clock* clock) {
    auto s = Store::Open({path, true, clock, false});
    if (!s.ok()) fail("open " + path, s.status());
    return Device{path, std::move(s).value()};
}

void remove_file(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
}

// A copy of d's store file at path (VACUUM INTO), opened.
Device copy_of(Device& d, const std::string& path, Clock* clock) {
    remove_file(path);
    Status s = d.store->db().exec("VACUUM INTO '" + path + "'");
    if (!s.ok()) fail("copy " + d.path, s);
    return open_device(path, clock);
}

bool same_holdings(Store& a, Store& b) {
    return a.version_vector().value() == b.version_vector().value() &&
           count(a, "SELECT COUNT(*) FROM stock_events") ==
               count(b, "SELECT COUNT(*) FROM stock_events") &&
           count(a, "SELECT COALESCE(SUM(quantity),0) FROM stock_on_hand") ==
               count(b, "SELECT COALESCE(SUM(quantity),0) FROM stock_on_hand");
}

struct PeerRun {
    double seconds = 0;
    int64_t bytes = 0, requests = 0, moved = 0;
    bool converged = false;
};

// One sync_with_peer from a to b over HTTP on loopback (b serving).
PeerRun peer_over_http(Device& a, Device& b, Clock& clock, bool deflate) {
    peer::PeerServer server(*b.store, clock);
    std::atomic<bool> stop{false};
    std::atomic<int> port{0};
    Status served;
    std::thread serving([&] {
        served = peer::serve_peers(server, "127.0.0.1", 0, &stop, [&](int p) { port = p; });
    });
    while (port == 0 && served.ok()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    PeerRun run;
    {
        peer::PeerHttpTransport http("127.0.0.1", port);
        auto t0 = std::chrono::steady_clock::now();
        peer::PeerReport r = peer::sync_with_peer(*a.store, http, clock, 0, deflate);
        run.seconds = seconds_since(t0);
        if (!r.status.ok()) fail("peer sync", r.status);
        run.bytes = r.bytes_sent + r.bytes_received;
        run.requests = r.requests;
        run.moved = r.received + r.given;
    }
    stop = true;
    serving.join();
    run.converged = same_holdings(*a.store, *b.store);
    return run;
}

int run(int64_t day_events, const std::string& dir) {
    FakeClock clock(1781517600000LL);
    auto c = CentralCore::Open(":memory:", &clock, false);
    if (!c.ok()) fail("central", c.status());
    CentralCore& central = **c;
    if (auto s = central.create_site("HC01", "Mbala Health Centre", false); !s.ok())
        fail("site", s.status());
    if (auto s = central.add_user("HC01", "Dispenser Phiri", "admin", "2468"); !s.ok())
        fail("user", s.status());
    std::string csv =
        "code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,cold_"
        "chain,controlled\n";
    for (int i = 0; i < 60; ++i)
        csv += "ITEM" + std::to_string(i) + ",Medicine " + std::to_string(i) +
               ",250 mg,tablet,tablet,100,1t tds,,100,0,0\n";
    if (auto s = central.import_catalogue_csv(csv); !s.ok()) fail("catalogue", s.status());
    SyncConfig config;
    config.clock = &clock;
    LoopbackTransport loop(central);
    CountingTransport wire(loop);

    const std::string base = dir + "/peer_bench_" + std::to_string(getpid());
    Device a = open_device(base + "_a.db", &clock), b = open_device(base + "_b.db", &clock);
    for (Device* d : {&a, &b}) {
        auto code = central.issue_code("HC01");
        if (auto r = register_device(loop, *code, d == &a ? "kiosk" : "laptop", *d->store); !r.ok())
            fail("register", r.status());
        SyncSession first(*d->store, loop, clock, config);
        if (auto r = first.run_once(); !r.status.ok()) fail("first sync", r.status);
    }
    // The day, on each device apart.
    std::mt19937_64 rng_a(7), rng_b(8);
    const std::string user = a.store->users().at(0).id;
    const int64_t day_a =
        busy_day(*a.store, user, a.store->search_items("", 100).value(), day_events, rng_a);
    const int64_t day_b =
        busy_day(*b.store, user, b.store->search_items("", 100).value(), day_events, rng_b);
    const int64_t events = day_a + day_b;
    std::printf(
        "two devices, a busy day each: %lld + %lld stock events (%lld + %lld outbox changes)\n",
        static_cast<long long>(day_a), static_cast<long long>(day_b),
        static_cast<long long>(a.store->outbox_count_after(0)),
        static_cast<long long>(b.store->outbox_count_after(0)));
    // Central as it is now (both devices registered, neither day pushed), for
    // the relayed push below.
    auto c2 = CentralCore::Open(":memory:", &clock, false);
    if (!c2.ok()) fail("second central", c2.status());
    std::unique_ptr<CentralCore> central2 = std::move(c2).value();
    {
        sqlite3_backup* copy =
            sqlite3_backup_init(central2->db().raw(), "main", central.db().raw(), "main");
        if (!copy || sqlite3_backup_step(copy, -1) != SQLITE_DONE ||
            sqlite3_backup_finish(copy) != SQLITE_OK)
            fail("copy central", Status::IoError("sqlite3_backup"));
    }
    Device a_plain = copy_of(a, base + "_a_plain.db", &clock),
           b_plain = copy_of(b, base + "_b_plain.db", &clock);
    Device a_lan = copy_of(a, base + "_a_lan.db", &clock),
           b_lan = copy_of(b, base + "_b_lan.db", &clock);

    // ---- baseline: the same days through central ------------------------------
    int64_t own_push_bytes = 0;
    {
        auto t0 = std::chrono::steady_clock::now();
        SyncSession sa(*a.store, wire, clock, config), sb(*b.store, wire, clock, config);
        CycleReport push_a;
        if (Status s = sa.push_all(&push_a); !s.ok()) fail("push A", s);
        own_push_bytes = wire.sent;
        for (SyncSession* s : {&sa, &sb, &sa})
            if (auto r = s->run_once(); !r.status.ok()) fail("sync through central", r.status);
        const double secs = seconds_since(t0);
        const bool converged = same_holdings(*a.store, *b.store);
        const double bytes = static_cast<double>(wire.sent + wire.received);
        std::printf(
            "through central (in process, gzip bodies): %.2f s, %lld requests, %.0f bytes = %.1f "
            "bytes per "
            "event, %s\n",
            secs, static_cast<long long>(wire.requests), bytes, bytes / events,
            converged ? "converged" : "NOT CONVERGED");
        std::printf("  A's own day pushed: %.1f bytes per event (protocol version 3)\n",
                    static_cast<double>(own_push_bytes) / day_a);
        emit("peer.central_seconds", secs, "s");
        emit("peer.central_bytes_per_event", bytes / events, "bytes");
        // No same-run baseline here: protocol 2's push is no longer built
        // (89 bytes, docs/sync-performance.md); target: issue 15's aim.
        emit("sync.push_bytes_per_event_v3", static_cast<double>(own_push_bytes) / day_a, "bytes",
             {}, 60);

        // ---- LAN: plain JSON (before compression), then deflated ----------------
        PeerRun plain = peer_over_http(a_plain, b_plain, clock, false);
        PeerRun lan = peer_over_http(a_lan, b_lan, clock, true);
        for (const auto& [what, r] :
             {std::pair<const char*, PeerRun&>{"plain JSON", plain}, {"deflated", lan}})
            std::printf(
                "LAN peer sync over HTTP on loopback, %s: %.2f s, %lld requests, %lld changes "
                "moved, %lld "
                "bytes = %.1f bytes per event, %s\n",
                what, r.seconds, static_cast<long long>(r.requests),
                static_cast<long long>(r.moved), static_cast<long long>(r.bytes),
                static_cast<double>(r.bytes) / events, r.converged ? "converged" : "NOT CONVERGED");
        emit("peer.lan_seconds", lan.seconds, "s", secs);
        emit("peer.lan_bytes_per_event", static_cast<double>(lan.bytes) / events, "bytes",
             bytes / events);
        emit("peer.lan_bytes_per_event_plain", static_cast<double>(plain.bytes) / events, "bytes",
             static_cast<double>(lan.bytes) / events);
    }

    // ---- the push after a peer sync: B's own day and A's, relayed ----------------
    {
        LoopbackTransport loop2(*central2);
        CountingTransport wire2(loop2);
        SyncSession sb(*b_lan.store, wire2, clock, config), sa(*a_lan.store, wire2, clock, config);
        CycleReport push_b;
        if (Status s = sb.push_all(&push_b); !s.ok()) fail("push B with relays", s);
        const double relay_bytes = static_cast<double>(wire2.sent);
        const int64_t after_b = wire2.sent;
        CycleReport push_a;
        if (Status s = sa.push_all(&push_a); !s.ok()) fail("push A after B relayed", s);
        std::printf(
            "after the LAN sync, B pushes its day and A's (relayed): %lld own + %lld relayed "
            "changes, %.0f "
            "bytes = %.1f bytes per event; then A pushes %lld new changes (%lld bytes)\n",
            static_cast<long long>(push_b.pushed), static_cast<long long>(push_b.relayed),
            relay_bytes, relay_bytes / events, static_cast<long long>(push_a.pushed),
            static_cast<long long>(wire2.sent - after_b));
        emit("sync.push_bytes_per_event_relayed", relay_bytes / events, "bytes",
             static_cast<double>(own_push_bytes) / day_a, 60);
    }
    std::printf("files: %s_*.db (removed)\n", base.c_str());
    a.store.reset();
    b.store.reset();
    a_plain.store.reset();
    b_plain.store.reset();
    a_lan.store.reset();
    b_lan.store.reset();
    for (const char* which : {"_a", "_b", "_a_plain", "_b_plain", "_a_lan", "_b_lan"})
        remove_file(base + which + ".db");
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int64_t day_events = 2000;
    std::string dir = "/tmp";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--day-events")
            day_events = std::atoll(v.c_str());
        else if (a == "--dir")
            dir = v;
        else {
            std::fprintf(stderr,
                         "peer_bench: unknown option %s (see the top of tools/peer_bench.cpp)\n",
                         a.c_str());
            return 2;
        }
    }
    if (argc % 2 == 0) {
        std::fprintf(stderr, "peer_bench: %s needs a value\n", argv[argc - 1]);
        return 2;
    }
    return run(day_events, dir);
}

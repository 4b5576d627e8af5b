// sync_bench: figures for the sync client. Prints readable lines and, for
// each figure, one JSON line in outpost-bench's format
// {"metric","value","unit","baseline","ratio","target"}.
//
// In one process (central in memory, the real client code through
// LoopbackTransport), the default:
//  - sync.push_bytes_per_event: a busy day pushed at the end of it, gzip
//    bytes of the push bodies per stock event; baseline: the same changes in
//    protocol version 1 form (plain payloads, 200-change pages, gzip level 6);
//  - sync.restore_events_per_s: a new device of a site pulls it all from
//    zero into a store file on disk; baseline: the same rows inserted
//    straight into a fresh store file with prepared statements, 2,000 rows
//    per transaction (sync.sqlite_insert_events_per_s).
//   sync_bench [--day-events 2000] [--site-events 20000] [--dir /tmp]
//
// Over a real link (--through-proxy): a real `outpost-central serve` and a
// `fault_proxy` in front of it, and a device store driven by the app's own
// sync thread (SyncClient with HttpTransport, its backoff and page sizes).
// Per phase the device pushes a busy day at the end of it, then a second,
// new device of the site pulls the site back from zero through the same
// link; each phase has a site of its own. Phases: "faults_off" (the proxy
// forwarding with --faults-off: the same run's baseline), "slow" (delay and
// bandwidth), "slow_faulty" (also drops and resets). Afterwards: central
// holds every change the device made, the pulled-back store has the same
// events and stock on hand, and `outpost verify` passes on both stores.
//   sync_bench --through-proxy [--day-events 2000] [--dir /tmp]
//              [--delay-ms 300] [--bandwidth-bps 3750] [--drop-rate 0.1]
//              [--reset-rate 0.005] [--seed 1] [--limit-s 240]
//              [--central PATH] [--proxy PATH] [--outpost PATH]
// (fault_proxy's --delay-ms is half a round trip, --bandwidth-bps is bytes
// per second, --reset-rate is per forwarded chunk of ~bandwidth/20 bytes.)
// This file: the in-process mode and the command line; the link mode is in
// sync_bench_link.cpp, what both share in sync_bench_common.h.
// docs/sync-performance.md has the figures and the commands.
// A benchmark prints figures; it asserts nothing.
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "central_core.h"
#include "client_register.h"
#include "client_session.h"
#include "store.h"
#include "sync_bench_common.h"
#include "tables.h"
#include "transport_loopback.h"

using namespace outpost;
using namespace outpost::sync_bench;

namespace {

// gzip at zlib's default level, as protocol version 1 clients sent.
size_t gzip_default_size(const std::string& text) {
    z_stream zs{};
    if (deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return 0;
    std::string out(deflateBound(&zs, text.size()) + 32, '\0');
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    zs.avail_in = static_cast<uInt>(text.size());
    zs.next_out = reinterpret_cast<Bytef*>(&out[0]);
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    const size_t n = zs.total_out;
    deflateEnd(&zs);
    return n;
}

// The gzip bytes the waiting outbox would have cost in protocol version 1:
// plain payloads with entity and entity_id, 200-change pages.
double version1_push_bytes(Store& s, int64_t after) {
    double total = 0;
    for (;;) {
        auto page = s.outbox_after(after, 200, 256 * 1024);
        if (!page.ok() || page->empty()) return total;
        nlohmann::json changes = nlohmann::json::array();
        for (const auto& c : *page)
            changes.push_back({{"seq", c.seq}, {"hlc", c.hlc}, {"entity", c.entity}, {"entity_id", c.entity_id},
                               {"payload", nlohmann::json::parse(c.payload)}});
        nlohmann::json body = {{"device_id", s.identity().device_id}, {"pending", 0}, {"changes", changes}};
        total += static_cast<double>(gzip_default_size(body.dump()));
        after = page->back().seq;
    }
}

// Inserts every replicated row of `from` (and stock on hand) into the fresh
// store file `to` with one prepared INSERT per table, 2,000 rows per
// transaction: what writing the rows costs without any sync around it.
// Returns the seconds taken.
double insert_straight(const std::string& from, Store& to) {
    Db& db = to.db();
    (void)db.exec("ATTACH DATABASE '" + from + "' AS src");
    // Only the site's rows are copied; their central parents (items, users)
    // are not part of the measure.
    (void)db.exec("PRAGMA foreign_keys=OFF");
    std::vector<std::string> tables;
    for (const auto& spec : table_specs())
        if (spec.owner == Owner::kSite) tables.push_back(spec.name);
    tables.push_back("stock_on_hand");
    auto t0 = std::chrono::steady_clock::now();
    int64_t in_tx = 0;
    (void)db.exec("BEGIN");
    for (const auto& t : tables) {
        sqlite3_stmt *read = nullptr, *write = nullptr;
        const std::string select = "SELECT * FROM src." + t;
        if (sqlite3_prepare_v2(db.raw(), select.c_str(), -1, &read, nullptr) != SQLITE_OK)
            fail("straight insert: read " + t, Status::IoError(db.errmsg()));
        const int n = sqlite3_column_count(read);
        std::string insert = "INSERT INTO main." + t + " VALUES(";
        for (int i = 0; i < n; ++i) insert += i ? ",?" : "?";
        insert += ")";
        if (sqlite3_prepare_v2(db.raw(), insert.c_str(), -1, &write, nullptr) != SQLITE_OK)
            fail("straight insert: write " + t, Status::IoError(db.errmsg()));
        while (sqlite3_step(read) == SQLITE_ROW) {
            sqlite3_reset(write);
            for (int i = 0; i < n; ++i) sqlite3_bind_value(write, i + 1, sqlite3_column_value(read, i));
            if (sqlite3_step(write) != SQLITE_DONE) fail("straight insert into " + t, Status::IoError(db.errmsg()));
            if (++in_tx == 2000) {
                (void)db.exec("COMMIT");
                (void)db.exec("BEGIN");
                in_tx = 0;
            }
        }
        sqlite3_finalize(read);
        sqlite3_finalize(write);
    }
    (void)db.exec("COMMIT");
    const double secs = seconds_since(t0);
    (void)db.exec("DETACH DATABASE src");
    return secs;
}

int run_in_process(int64_t day_events, int64_t site_events, const std::string& dir) {
    FakeClock clock(1781517600000LL);
    auto c = CentralCore::Open(":memory:", &clock, false);
    if (!c.ok()) fail("central", c.status());
    CentralCore& central = **c;
    if (auto s = central.create_site("HC01", "Mbala Health Centre", false); !s.ok()) fail("site", s.status());
    if (auto s = central.add_user("HC01", "Dispenser Phiri", "admin", "2468"); !s.ok()) fail("user", s.status());
    std::string csv = "code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,cold_chain,controlled\n";
    for (int i = 0; i < 60; ++i)
        csv += "ITEM" + std::to_string(i) + ",Medicine " + std::to_string(i) + ",250 mg,tablet,tablet,100,1t tds,,100,0,0\n";
    if (auto s = central.import_catalogue_csv(csv); !s.ok()) fail("catalogue", s.status());

    SyncConfig config;
    config.clock = &clock;
    LoopbackTransport wire(central);
    auto opened = Store::Open({":memory:", true, &clock, false});
    if (!opened.ok()) fail("store", opened.status());
    Store& dev = **opened;
    auto code = central.issue_code("HC01");
    if (auto r = register_device(wire, *code, "dispensary", dev); !r.ok()) fail("register", r.status());
    SyncSession session(dev, wire, clock, config);
    if (auto r = session.run_once(); !r.status.ok()) fail("first sync", r.status);
    std::string user = dev.users().at(0).id;
    auto items = dev.search_items("", 100).value();
    std::mt19937_64 rng(7);

    // ---- a busy day, pushed at the end of it (the worst case for a page) ----
    int64_t day = busy_day(dev, user, items, day_events, rng);
    const int64_t changes = dev.outbox_count_after(session.push_cursor());
    const double v1_bytes = version1_push_bytes(dev, session.push_cursor());
    wire.measure_compression(true);
    const uint64_t plain0 = wire.plain_bytes_sent(), gz0 = wire.compressed_bytes_sent();
    const int64_t req0 = wire.requests();
    CycleReport push;
    Status ps = session.push_all(&push);
    if (!ps.ok()) fail("push", ps);
    const double plain = static_cast<double>(wire.plain_bytes_sent() - plain0);
    const double gz = static_cast<double>(wire.compressed_bytes_sent() - gz0);
    std::printf("busy day: %lld stock events in %lld outbox changes, pushed in %lld requests\n",
                static_cast<long long>(day), static_cast<long long>(changes),
                static_cast<long long>(wire.requests() - req0));
    std::printf("  push bodies: %.0f bytes JSON, %.0f bytes gzip (%.1fx)\n", plain, gz, plain / gz);
    std::printf("  per stock event: %.0f bytes JSON, %.0f bytes on the wire (gzip)\n", plain / day, gz / day);
    emit("sync.push_bytes_per_event", gz / day, "bytes", v1_bytes / day, 60);
    wire.measure_compression(false);

    // ---- grow the site, then restore a new device from zero ------------------
    auto t_build = std::chrono::steady_clock::now();
    busy_day(dev, user, items, site_events - day, rng);
    if (auto r = session.run_once(); !r.status.ok()) fail("sync", r.status);
    const int64_t site_total = count(dev, "SELECT COUNT(*) FROM stock_events");
    std::printf("site built: %lld stock events, %lld feed changes (%.1f s)\n", static_cast<long long>(site_total),
                static_cast<long long>(central.feed_head()), seconds_since(t_build));

    const std::string path = dir + "/sync_bench_restore_" + std::to_string(getpid()) + ".db";
    {
        auto fresh = Store::Open({path, true, &clock, false});
        if (!fresh.ok()) fail("restore store", fresh.status());
        auto code2 = central.issue_code("HC01");
        const int64_t req = wire.requests();
        auto t0 = std::chrono::steady_clock::now();
        int64_t last_report = 0;
        Status s = restore_device(wire, *code2, "replacement laptop", **fresh, config,
                                  [&](int64_t done, int64_t total) {
                                      if (done - last_report >= 5000) {
                                          last_report = done;
                                          std::printf("  restore progress %lld / %lld\n", static_cast<long long>(done),
                                                      static_cast<long long>(total));
                                      }
                                  });
        const double secs = seconds_since(t0);
        if (!s.ok()) fail("restore", s);
        const int64_t got = count(**fresh, "SELECT COUNT(*) FROM stock_events");
        auto v = (*fresh)->verify();
        fresh->reset();
        const std::string straight_path = path + ".straight";
        auto straight = Store::Open({straight_path, true, &clock, false});
        if (!straight.ok()) fail("straight store", straight.status());
        const double straight_secs = insert_straight(path, **straight);
        const int64_t straight_events = count(**straight, "SELECT COUNT(*) FROM stock_events");
        straight->reset();
        for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((straight_path + suffix).c_str());
        emit("sync.sqlite_insert_events_per_s", straight_events / straight_secs, "events/s");
        emit("sync.restore_events_per_s", got / secs, "events/s", straight_events / straight_secs, 20000);
        std::printf("restore: %lld stock events (%lld feed changes) in %.2f s = %.0f events/s, %lld requests, "
                    "verify %s, file %s\n",
                    static_cast<long long>(got), static_cast<long long>(central.feed_head()), secs, got / secs,
                    static_cast<long long>(wire.requests() - req), v.ok() && v->ok() ? "ok" : "FAILED", path.c_str());
    }
    for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    int64_t site_events = 20000;
    bool through_proxy = false;
    LinkOptions link;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--through-proxy") {
            through_proxy = true;
            continue;
        }
        if (i + 1 >= argc) {
            std::fprintf(stderr, "sync_bench: %s needs a value (see the top of tools/sync_bench.cpp)\n", a.c_str());
            return 2;
        }
        const std::string v = argv[++i];
        if (a == "--day-events") link.day_events = std::atoll(v.c_str());
        else if (a == "--site-events") site_events = std::atoll(v.c_str());
        else if (a == "--dir") link.dir = v;
        else if (a == "--delay-ms") link.delay_ms = std::atoi(v.c_str());
        else if (a == "--bandwidth-bps") link.bandwidth_bps = std::atoll(v.c_str());
        else if (a == "--drop-rate") link.drop_rate = std::atof(v.c_str());
        else if (a == "--reset-rate") link.reset_rate = std::atof(v.c_str());
        else if (a == "--seed") link.seed = std::strtoull(v.c_str(), nullptr, 10);
        else if (a == "--limit-s") link.limit_s = std::atof(v.c_str());
        else if (a == "--central") link.central_bin = v;
        else if (a == "--proxy") link.proxy_bin = v;
        else if (a == "--outpost") link.outpost_bin = v;
        else {
            std::fprintf(stderr, "sync_bench: unknown option %s (see the top of tools/sync_bench.cpp)\n", a.c_str());
            return 2;
        }
    }
    if (through_proxy) return run_through_proxy(link);
    return run_in_process(link.day_events, site_events, link.dir);
}

// sync_bench: figures for the sync client, in one process (central in
// memory, the real client code through LoopbackTransport). Prints readable
// lines and, for each figure, one JSON line in outpost-bench's format
// {"metric","value","unit","baseline","ratio","target"}:
//  - sync.push_bytes_per_event: a busy day pushed at the end of it, gzip
//    bytes of the push bodies per stock event; baseline: the same changes in
//    protocol version 1 form (plain payloads, 200-change pages, gzip level 6);
//  - sync.restore_events_per_s: a new device of a site pulls it all from
//    zero into a store file on disk; baseline: the same rows inserted
//    straight into a fresh store file with prepared statements, 2,000 rows
//    per transaction (sync.sqlite_insert_events_per_s).
//   sync_bench [--day-events 2000] [--site-events 20000] [--dir /tmp]
// docs/sync-performance.md has the figures and the proxy run's commands.
// A benchmark prints figures; it asserts nothing.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <string>
#include <zlib.h>

#include "central_core.h"
#include "client_register.h"
#include "client_session.h"
#include "store.h"
#include "tables.h"
#include "transport_loopback.h"

using namespace outpost;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

[[noreturn]] void fail(const std::string& what, const Status& s) {
    std::fprintf(stderr, "sync_bench: %s: %s\n", what.c_str(), s.message().c_str());
    std::exit(1);
}

int64_t count(Store& s, const char* sql) { return s.db().query_i64(sql).value_or(0); }
// Stock events so far: the ledger is append-only, so its highest rowid is the
// count without a full scan (COUNT(*) per operation made building a big site
// quadratic).
int64_t events_so_far(Store& s) { return count(s, "SELECT MAX(rowid) FROM stock_events"); }

double round3(double v) { return static_cast<double>(static_cast<int64_t>(v * 1000 + (v < 0 ? -0.5 : 0.5))) / 1000; }

void emit(const std::string& metric, double value, const std::string& unit, std::optional<double> baseline = {},
          std::optional<double> target = {}) {
    nlohmann::ordered_json j{{"metric", metric}, {"value", round3(value)}, {"unit", unit}};
    j["baseline"] = baseline ? nlohmann::ordered_json(round3(*baseline)) : nlohmann::ordered_json();
    j["ratio"] = baseline && *baseline > 0 ? nlohmann::ordered_json(round3(value / *baseline)) : nlohmann::ordered_json();
    j["target"] = target ? nlohmann::ordered_json(*target) : nlohmann::ordered_json();
    std::printf("%s\n", j.dump().c_str());
    std::fflush(stdout);
}

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


// Dispensing-heavy activity: per 100 events about 80 dispense lines, 10
// receipts, 10 adjustments. Returns the number of stock events written.
int64_t busy_day(Store& s, const std::string& user, const std::vector<Item>& items, int64_t events,
                 std::mt19937_64& rng) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::vector<std::string> patients;
    const int64_t start = events_so_far(s);
    int serial = 0;
    while (events_so_far(s) - start < events) {
        int k = pick(0, 99);
        const Item& item = items[pick(0, static_cast<int>(items.size()) - 1)];
        if (k < 10) {
            ReceiveInput in;
            in.item_id = item.id;
            in.batch_no = "L" + std::to_string(pick(100, 140));
            in.expiry = "2027-0" + std::to_string(pick(1, 9)) + "-28";
            in.quantity = pick(100, 1000);
            in.supplier = "Central Medical Stores";
            in.reference = "GRN-" + std::to_string(++serial);
            auto r = s.receive(user, in);
            if (!r.ok()) fail("receive", r.status());
        } else if (k < 20) {
            auto b = s.db().query_text("SELECT batch_id FROM stock_on_hand ORDER BY random() LIMIT 1");
            if (!b) continue;
            AdjustInput in{*b, pick(1, 5) * (k % 2 ? 1 : -1), k % 2 ? "found" : "damaged", "shelf check"};
            if (!s.adjust(user, in).ok()) {
                in.reason = in.quantity > 0 ? "correction" : "expired";
                (void)s.adjust(user, in);
            }
        } else {
            if (patients.empty() || pick(0, 3) == 0) {
                PatientInput p{"Mwale" + std::to_string(patients.size()), "Chipo", "F", "Mbala", "", 1990};
                auto id = s.register_patient(user, p);
                if (!id.ok()) fail("register patient", id.status());
                patients.push_back(*id);
            }
            DispenseInput in;
            in.patient_id = patients[pick(0, static_cast<int>(patients.size()) - 1)];
            in.prescriber = "Clinical officer Banda";
            in.confirm_short = in.confirm_expired = true;
            int lines = pick(1, 3);
            for (int i = 0; i < lines; ++i) {
                DispenseLineInput l;
                l.item_id = items[pick(0, static_cast<int>(items.size()) - 1)].id;
                l.quantity = pick(5, 30);
                l.directions = "1t tds x5/7 pc";
                in.lines.push_back(l);
            }
            auto r = s.dispense(user, in);
            if (!r.ok() && r.status().code() != Status::Code::kNotFound &&
                r.status().code() != Status::Code::kInvalidArgument)
                fail("dispense", r.status());
        }
    }
    return events_so_far(s) - start;
}

}  // namespace

int main(int argc, char** argv) {
    int64_t day_events = 2000, site_events = 20000;
    std::string dir = "/tmp";
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string a = argv[i];
        if (a == "--day-events") day_events = std::atoll(argv[i + 1]);
        else if (a == "--site-events") site_events = std::atoll(argv[i + 1]);
        else if (a == "--dir") dir = argv[i + 1];
    }
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

// sync_bench: figures for the sync client, in one process (central in
// memory, the real client code through LoopbackTransport). Prints
//  - bytes on the wire per stock event for a busy day (gzip-compressed push
//    bodies / events), and
//  - the restore rate: a new device of a site with many events pulls it all
//    from zero into a store file on disk (events/s, pages).
//   sync_bench [--day-events 2000] [--site-events 20000] [--dir /tmp]
// A benchmark prints figures; it asserts nothing.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "central_core.h"
#include "client_register.h"
#include "client_session.h"
#include "store.h"
#include "transport_loopback.h"

using namespace outpost;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int64_t count(Store& s, const char* sql) { return s.db().query_i64(sql).value_or(0); }

[[noreturn]] void fail(const std::string& what, const Status& s) {
    std::fprintf(stderr, "sync_bench: %s: %s\n", what.c_str(), s.message().c_str());
    std::exit(1);
}

// Dispensing-heavy activity: per 100 events about 80 dispense lines, 10
// receipts, 10 adjustments. Returns the number of stock events written.
int64_t busy_day(Store& s, const std::string& user, const std::vector<Item>& items, int64_t events,
                 std::mt19937_64& rng) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::vector<std::string> patients;
    const int64_t start = count(s, "SELECT COUNT(*) FROM stock_events");
    int serial = 0;
    while (count(s, "SELECT COUNT(*) FROM stock_events") - start < events) {
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
    return count(s, "SELECT COUNT(*) FROM stock_events") - start;
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
        std::printf("restore: %lld stock events (%lld feed changes) in %.2f s = %.0f events/s, %lld requests, "
                    "verify %s, file %s\n",
                    static_cast<long long>(got), static_cast<long long>(central.feed_head()), secs, got / secs,
                    static_cast<long long>(wire.requests() - req), v.ok() && v->ok() ? "ok" : "FAILED", path.c_str());
    }
    for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
    return 0;
}

// outpost-central-bench: the dashboard's data on a generated central (issue
// 10): 1,000 sites x 300 items x 24 months by default, written straight
// into central's tables (no pushes: that would take hours). Prints one JSON
// object per line like outpost-bench: {"metric", "value", "unit",
// "baseline", "ratio", "target"}.
//
//   outpost-central-bench [--sites N] [--items N] [--months N] [--ledger-sites N]
//                         [--pushes N] [--cache-mb N (256)] [--db PATH] [--keep] [--reuse] [--seed N]
//
// --reuse: when --db names a file that exists (kept by an earlier run with
// the same --sites/--items/--months/--ledger-sites), time the queries and
// pushes on it without generating (and keep it); otherwise generate it.
//
// What is generated: every site x item gets two batches (one unexpired, one
// that expired or expires within weeks for some), stock on hand, the
// monthly aggregates of every month and the kept AMC; the first
// --ledger-sites sites (default 50) also get their ledger (a receipt per
// batch and a dispensing per month), which the stock card and verify read.
// The other sites' ledgers are not generated (7.8M events at full size);
// no query but the stock card and verify reads the ledger.
//
// Push throughput: the same pushes (one dispensing of three lines each,
// from devices of 20 extra sites registered through the request handler)
// with the projection off, then on, in alternating blocks, on the same file.
#include <unistd.h>

#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <functional>
#include <optional>
#include <random>
#include <string>
#include <sys/stat.h>
#include <tuple>
#include <vector>

#include "central_core.h"
#include "dashboard_data.h"
#include "projection.h"

using namespace outpost;
using json = nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

namespace {

constexpr int64_t kNow = int64_t{1781517600000};  // 2026-06-15 10:00 UTC

struct Options {
    int sites = 1000, items = 300, months = 24, ledger_sites = 50, pushes = 2000, cache_mb = 256;
    uint64_t seed = 1;
    std::string db;
    bool keep = false, reuse = false;
};

double ms_since(SteadyClock::time_point t0) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
}
// This thread's CPU time: on the shared machine wall time includes waiting
// for a core, so each timing is printed both ways.
double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}
double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5))];
}
double round3(double x) { return static_cast<double>(static_cast<int64_t>(x * 1000 + 0.5)) / 1000; }

void emit(const std::string& metric, double value, const std::string& unit, std::optional<double> baseline = {},
          std::optional<double> target = {}) {
    nlohmann::ordered_json j{{"metric", metric}, {"value", round3(value)}, {"unit", unit}};
    j["baseline"] = baseline ? nlohmann::ordered_json(round3(*baseline)) : nlohmann::ordered_json();
    j["ratio"] = baseline && *baseline > 0 ? nlohmann::ordered_json(round3(value / *baseline)) : nlohmann::ordered_json();
    j["target"] = target ? nlohmann::ordered_json(*target) : nlohmann::ordered_json();
    std::printf("%s\n", j.dump().c_str());
    std::fflush(stdout);
}

int fail(const std::string& what, const Status& s) {
    std::fprintf(stderr, "outpost-central-bench: %s: %s\n", what.c_str(), s.ToString().c_str());
    return 1;
}

std::string month_text(int64_t index_from_2000) {  // months since 2000-01
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", static_cast<int>(2000 + index_from_2000 / 12),
                  static_cast<int>(index_from_2000 % 12 + 1));
    return buf;
}

Status generate(CentralCore& core, const Options& o, std::mt19937_64& rng) {
    // The catalogue through the real import (prices included).
    std::string csv = "code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,cold_chain,"
                      "controlled,unit_price\n";
    for (int i = 0; i < o.items; ++i)
        csv += "IT" + std::to_string(1000 + i) + ",Item " + std::to_string(i) + ",10 mg,tablet,tablet,100,,,0,0,0," +
               (i % 5 == 0 ? std::string() : std::to_string(0.01 * (1 + i % 40))) + "\n";
    auto n = core.import_catalogue_csv(csv);
    if (!n.ok()) return n.status();
    Db& db = core.db();
    std::vector<std::string> items;
    Stmt it = db.prepare("SELECT id FROM items ORDER BY code");
    while (it.step()) items.push_back(it.text(0));

    Tx tx(db);
    if (!tx.begin_status().ok()) return tx.begin_status();
    Stmt site = db.prepare("INSERT INTO sites(id, code, name) VALUES(?,?,?)");
    Stmt region = db.prepare("INSERT INTO site_regions(site_id, region) VALUES(?,?)");
    Stmt device = db.prepare(
        "INSERT INTO devices(id, site_id, name, token_sha256, accepted_through, pending, last_push_ms, last_pull_ms, "
        "created_ms) VALUES(?,?,?,?,?,?,?,?,?)");
    Stmt batch = db.prepare(
        "INSERT INTO batches(id, site_id, item_id, batch_no, expiry, on_hold, needs_count, hlc, device_id) "
        "VALUES(?,?,?,?,?,0,0,'0',?)");
    Stmt soh = db.prepare("INSERT INTO p_stock_on_hand(batch_id, site_id, item_id, quantity) VALUES(?,?,?,?)");
    Stmt site_item = db.prepare(
        "INSERT INTO p_site_item(site_id, item_id, soh, amc, amc_month, available, mos, state) "
        "VALUES(?1,?2,?3,?4,?5,?6, CASE WHEN ?4 > 0 THEN ?6 / ?4 END, CASE WHEN ?6 <= 0 THEN 'stocked_out' "
        "WHEN ?4 <= 0 THEN 'no_consumption' WHEN ?6 / ?4 < 2.0 THEN 'below_minimum' WHEN ?6 / ?4 > 3.0 THEN "
        "'overstocked' ELSE 'ok' END)");
    Stmt monthly = db.prepare(
        "INSERT INTO p_monthly(site_id, item_id, month, received, dispensed, net, closing, stock_out_days, "
        "through_day) VALUES(?,?,?,?,?,?,?,?,?)");
    Stmt event = db.prepare(
        "INSERT INTO stock_events(id, site_id, device_id, seq, hlc, user_id, kind, item_id, batch_id, quantity, "
        "created_ms) VALUES(?,?,?,?,?,'u',?,?,?,?,?)");
    Stmt activity = db.prepare("INSERT INTO p_site_activity(site_id, last_dispense_ms, last_stocktake_ms) VALUES(?,?,?)");
    const int64_t this_month = (2026 - 2000) * 12 + 5;  // 2026-06
    const std::string current = month_text(this_month);
    std::uniform_real_distribution<double> u(0, 1);
    for (int s = 0; s < o.sites; ++s) {
        const std::string sid = "site-" + std::to_string(s), code = "S" + std::to_string(10000 + s);
        const std::string did = "dev-" + std::to_string(s);
        site.reset();
        site.bind(1, sid).bind(2, code).bind(3, "Clinic " + std::to_string(s));
        Status st = site.run();
        region.reset();
        region.bind(1, sid).bind(2, "Region " + std::to_string(s % 10));
        if (st.ok()) st = region.run();
        const int64_t last = kNow - static_cast<int64_t>(u(rng) * 5 * 86400000.0);
        device.reset();
        device.bind(1, did).bind(2, sid).bind(3, "kiosk").bind(4, "tok-" + did).bind(5, int64_t{100});
        device.bind(6, static_cast<int64_t>(u(rng) * 20)).bind(7, last).bind(8, last).bind(9, kNow - int64_t{400} * 86400000);
        if (st.ok()) st = device.run();
        activity.reset();
        activity.bind(1, sid).bind(2, last).bind(3, kNow - static_cast<int64_t>(u(rng) * 90 * 86400000.0));
        if (st.ok()) st = activity.run();
        if (!st.ok()) return st;
        int64_t seq = 0;
        for (int i = 0; i < o.items; ++i) {
            const std::string& item = items[static_cast<size_t>(i)];
            const double rate = u(rng) < 0.1 ? 0 : 20 + u(rng) * 500;
            // Months: dispensed around the rate; AMC from the last three whole months.
            int64_t amc_sum = 0;
            for (int m = 0; m < o.months; ++m) {
                const int64_t idx = this_month - o.months + 1 + m;
                const int64_t d = static_cast<int64_t>(rate * (0.7 + 0.6 * u(rng)));
                if (idx >= this_month - 3 && idx < this_month) amc_sum += d;
                monthly.reset();
                monthly.bind(1, sid).bind(2, item).bind(3, month_text(idx)).bind(4, d).bind(5, d).bind(6, int64_t{0});
                monthly.bind(7, int64_t{100}).bind(8, u(rng) < 0.05 ? int64_t{3} : int64_t{0}).bind(9, int64_t{0});
                if (!(st = monthly.run()).ok()) return st;
            }
            const double amc = amc_sum / 3.0;
            const int64_t good = u(rng) < 0.05 ? 0 : static_cast<int64_t>(amc * u(rng) * 5 + 10);
            const int64_t old = u(rng) < 0.2 ? static_cast<int64_t>(u(rng) * 200) : 0;
            const std::string b1 = sid + "-" + std::to_string(i) + "-a", b2 = sid + "-" + std::to_string(i) + "-b";
            const char* old_expiry = u(rng) < 0.5 ? "2026-05-31" : "2026-07-10";
            for (auto [b, expiry, q] : {std::tuple<std::string, const char*, int64_t>{b1, "2027-09-30", good},
                                        {b2, old_expiry, old}}) {
                batch.reset();
                batch.bind(1, b).bind(2, sid).bind(3, item).bind(4, b).bind(5, expiry).bind(6, did);
                if (!(st = batch.run()).ok()) return st;
                soh.reset();
                soh.bind(1, b).bind(2, sid).bind(3, item).bind(4, q);
                if (!(st = soh.run()).ok()) return st;
                if (s < o.ledger_sites) {  // receipt of the balance, then monthly dispensings netting zero
                    // A copy of the batch id: a lambda cannot capture a
                    // structured binding in C++17 (clang refuses it).
                    const std::string batch_id = b;
                    auto put = [&](const char* kind, int64_t qty, int64_t when) {
                        ++seq;
                        event.reset();
                        event.bind(1, did + "-" + std::to_string(seq)).bind(2, sid).bind(3, did).bind(4, seq);
                        event.bind(5, std::to_string(1000000 + seq)).bind(6, kind).bind(7, item).bind(8, batch_id);
                        event.bind(9, qty).bind(10, when);
                        return event.run();
                    };
                    if (!(st = put("receipt", q + 12 * 10, kNow - int64_t{365} * 86400000)).ok()) return st;
                    for (int m = 0; m < 12 && st.ok(); ++m)
                        st = put("dispense", -10, kNow - int64_t{330 - 30 * m} * 86400000);
                    if (!st.ok()) return st;
                }
            }
            site_item.reset();
            const int64_t available = good + (std::string(old_expiry) >= "2026-06-15" ? old : 0);
            site_item.bind(1, sid).bind(2, item).bind(3, good + old).bind(4, amc).bind(5, current);
            site_item.bind(6, available);
            if (!(st = site_item.run()).ok()) return st;
        }
    }
    // The kept status above was made for today (as the first push of the day would).
    Status st = db.exec("INSERT INTO central_meta(key, value) VALUES('projection_day', '2026-06-15') "
                        "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    if (!st.ok()) return st;
    return tx.commit();
}

// Registers `count` devices of new sites through the request handler.
std::vector<std::pair<std::string, std::string>> register_devices(CentralCore& core, int count) {
    std::vector<std::pair<std::string, std::string>> out;  // device id, token
    for (int i = 0; i < count; ++i) {
        const std::string code = "P" + std::to_string(getpid()) + "-" + std::to_string(i);  // new in each run
        if (!core.create_site(code, "Push site " + std::to_string(i), false).ok()) continue;
        auto reg = core.issue_code(code);
        if (!reg.ok()) continue;
        protocol::Request r{"POST", protocol::kPathRegister, {{protocol::kHeaderProtocol, "1"}},
                            json{{"code", *reg}, {"device_name", "bench"}, {"demo", false}}.dump(), "10.0.0.1"};
        auto a = core.handle(r);
        json j = json::parse(a.body, nullptr, false);
        if (a.status == 200) out.emplace_back(j["device_id"], j["token"]);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        auto whole = [&](int* out) {
            const std::string v = next();
            if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos) return false;
            *out = std::atoi(v.c_str());
            return true;
        };
        bool ok = true;
        if (a == "--sites") ok = whole(&o.sites);
        else if (a == "--items") ok = whole(&o.items);
        else if (a == "--months") ok = whole(&o.months) && o.months >= 4;
        else if (a == "--ledger-sites") ok = whole(&o.ledger_sites);
        else if (a == "--pushes") ok = whole(&o.pushes);
        else if (a == "--cache-mb") ok = whole(&o.cache_mb);
        else if (a == "--seed") o.seed = std::strtoull(next().c_str(), nullptr, 10);
        else if (a == "--db") o.db = next();
        else if (a == "--keep") o.keep = true;
        else if (a == "--reuse") o.reuse = o.keep = true;
        else ok = false;
        if (!ok || o.sites < 1 || o.items < 1) {
            std::fprintf(stderr, "usage: outpost-central-bench [--sites N] [--items N] [--months N>=4] "
                                 "[--ledger-sites N] [--pushes N] [--db PATH] [--keep] [--reuse] [--seed N]\n");
            return 2;
        }
    }
    if (o.db.empty()) {
        const char* tmp = std::getenv("TMPDIR");
        o.db = std::string(tmp && *tmp ? tmp : "/tmp") + "/outpost-central-bench-" + std::to_string(getpid()) + ".db";
    }
    struct stat st_;
    const bool exists = ::stat(o.db.c_str(), &st_) == 0;
    if (exists && !o.reuse) return fail("refusing to overwrite", Status::Conflict(o.db + " exists"));
    std::mt19937_64 rng(o.seed);
    FakeClock clock(kNow);
    auto opened = CentralCore::Open(o.db, &clock, false);
    if (!opened.ok()) return fail("open", opened.status());
    CentralCore& core = **opened;
    // A reused file already holds the seed's ids: draw others.
    core.use_deterministic_random(exists ? o.seed + static_cast<uint64_t>(getpid()) : o.seed);

    auto t0 = SteadyClock::now();
    if (!exists) {
        Status g = generate(core, o, rng);
        if (!g.ok()) return fail("generate", g);
    }
    // As a long-running central's file is: checkpointed, statistics taken,
    // and a page cache the size a dashboard's reading connection would get.
    if (!exists) (void)core.db().exec("ANALYZE");
    (void)core.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
    (void)core.db().exec("PRAGMA cache_size=-" + std::to_string(o.cache_mb * 1024));
    emit("central_generate_s", ms_since(t0) / 1000, "s");
    emit("central_site_items", static_cast<double>(o.sites) * o.items, "rows");

    // ---- the queries -----------------------------------------------------------
    Db& db = core.db();
    std::uniform_int_distribution<int> site_pick(0, o.sites - 1), item_pick(0, o.items - 1),
        ledger_pick(0, std::max(0, std::min(o.ledger_sites, o.sites) - 1));
    auto code_of = [](int s) { return "S" + std::to_string(10000 + s); };
    auto item_of = [](int i) { return "IT" + std::to_string(1000 + i); };
    const auto all = dashboard::Scope::all_sites();
    std::vector<std::string> district;
    for (int s = 0; s < o.sites; s += 10) district.push_back(code_of(s));
    const auto viewer = dashboard::Scope::only(district);
    const char* states[] = {"stocked_out", "below_minimum", "ok", "overstocked", "no_consumption"};
    const char* sorts[] = {"", "mos", "soh", "amc", "item_name"};
    struct Q {
        const char* name;
        std::function<Status(int)> run;
    };
    auto check = [](const Result<dashboard::Table>& t) { return t.ok() ? Status::Ok() : t.status(); };
    std::vector<Q> queries = {
        {"sites_health", [&](int k) {
             dashboard::Filter f;
             if (k % 2) f.region = "Region " + std::to_string(k % 10);
             f.sort = k % 3 ? "last_sync_ms" : "";
             return check(dashboard::sites_health(db, k % 4 ? all : viewer, f, kNow));
         }},
        {"stock_status", [&](int k) {
             dashboard::Filter f;
             if (k % 4 == 1) f.region = "Region " + std::to_string(k % 10);
             if (k % 3 == 1) f.state = states[k % 5];
             if (k % 5 == 2) f.item_code = item_of(item_pick(rng));
             f.sort = sorts[k % 5];
             f.descending = k % 2;
             f.page = 1 + k % 3;
             return check(dashboard::stock_status(db, k % 6 == 5 ? viewer : all, f, kNow));
         }},
        {"item_across_sites", [&](int k) {
             dashboard::Filter f;
             f.item_code = item_of(item_pick(rng));
             f.sort = k % 2 ? "mos" : "";
             return check(dashboard::item_across_sites(db, all, f, kNow));
         }},
        {"site_detail", [&](int k) {
             dashboard::Filter f;
             f.site_code = code_of(site_pick(rng));
             const char* parts[] = {"items", "batches", "stocktakes"};
             return check(dashboard::site_detail(db, all, parts[k % 3], f, kNow));
         }},
        {"stock_card", [&](int) {
             dashboard::Filter f;
             f.site_code = code_of(ledger_pick(rng));
             f.item_code = item_of(item_pick(rng));
             return check(dashboard::stock_card(db, all, f));
         }},
        {"expiring", [&](int k) {
             dashboard::Filter f;
             if (k % 3 == 1) f.state = k % 2 ? "expired" : "expiring";
             if (k % 4 == 1) f.region = "Region " + std::to_string(k % 10);
             f.sort = k % 2 ? "value" : "";
             f.descending = true;
             return check(dashboard::expiring(db, all, f, kNow));
         }},
        {"consumption_trend", [&](int k) {
             dashboard::Filter f;
             if (k % 2) f.item_code = item_of(item_pick(rng));
             else f.site_code = code_of(site_pick(rng));
             return check(dashboard::consumption_trend(db, all, f, kNow));
         }},
    };
    for (auto& q : queries) {
        std::vector<double> times, cpu;
        for (int k = 0; k < 30; ++k) {
            auto t = SteadyClock::now();
            const double c0 = cpu_ms();
            Status s = q.run(k);
            if (!s.ok()) return fail(q.name, s);
            times.push_back(ms_since(t));
            cpu.push_back(cpu_ms() - c0);
        }
        emit(std::string("dash_") + q.name + "_p95_ms", percentile(times, 0.95), "ms", {}, 300.0);
        emit(std::string("dash_") + q.name + "_cpu_p95_ms", percentile(cpu, 0.95), "ms");
    }
    // The full stock-status matrix as CSV (every row, no paging).
    {
        dashboard::Filter f;
        f.page_size = 0;
        auto t = SteadyClock::now();
        const double c0 = cpu_ms();
        auto table = dashboard::stock_status(db, all, f, kNow);
        if (!table.ok()) return fail("csv", table.status());
        const std::string csv = dashboard::to_csv(*table);
        emit("dash_stock_status_csv_s", ms_since(t) / 1000, "s", {}, 3.0);
        emit("dash_stock_status_csv_cpu_s", (cpu_ms() - c0) / 1000, "s");
        emit("dash_stock_status_csv_mb", static_cast<double>(csv.size()) / 1e6, "MB");
    }
    {
        std::vector<std::string> diff;
        auto t = SteadyClock::now();
        Status s = projection::verify_site(db, code_of(0), &diff);
        if (!s.ok()) return fail("verify", s);
        emit("verify_one_site_ms", ms_since(t), "ms");
    }

    // ---- push throughput, projection off (baseline) and on ------------------
    auto devices = register_devices(core, 20);
    if (devices.empty()) return fail("register", Status::IoError("no device registered"));
    std::vector<std::string> item_ids;
    Stmt it = db.prepare("SELECT id FROM items ORDER BY code LIMIT 3");
    while (it.step()) item_ids.push_back(it.text(0));
    std::vector<int64_t> seqs(devices.size(), 0);
    std::vector<std::string> site_ids;
    for (const auto& d : devices)
        site_ids.push_back(*db.query_text("SELECT site_id FROM devices WHERE id='" + d.first + "'"));
    auto push_one = [&](size_t dev, int64_t when) {
        const int64_t seq = ++seqs[dev];
        const std::string& did = devices[dev].first;
        json batches = json::array(), events = json::array();
        for (size_t l = 0; l < item_ids.size(); ++l) {
            const std::string b = did + "-b" + std::to_string(l);
            if (seq == 1)
                batches.push_back({{"id", b}, {"site_id", site_ids[dev]}, {"item_id", item_ids[l]}, {"batch_no", b},
                                   {"expiry", "2027-12-31"}, {"on_hold", 0}, {"needs_count", 0},
                                   {"hlc", std::to_string(seq)}, {"device_id", did}});
            events.push_back({{"id", did + "-" + std::to_string(seq) + "-" + std::to_string(l)},
                              {"site_id", site_ids[dev]}, {"device_id", did}, {"seq", seq},
                              {"hlc", std::to_string(1000000 + seq)}, {"user_id", "u"},
                              {"kind", seq == 1 ? "receipt" : "dispense"}, {"item_id", item_ids[l]}, {"batch_id", b},
                              {"quantity", seq == 1 ? 1000000 : -3}, {"created_ms", when}});
        }
        json payload{{"stock_events", events}};
        if (!batches.empty()) payload["batches"] = batches;
        json body{{"device_id", did}, {"pending", 0}, {"changes", json::array({{{"seq", seq}, {"payload", payload}}})}};
        protocol::Request r{"POST", protocol::kPathPush,
                            {{protocol::kHeaderProtocol, "1"}, {"Authorization", "Bearer " + devices[dev].second}},
                            body.dump(), "10.0.0.1"};
        return core.handle(r).status == 200;
    };
    double off_ms = 0, on_ms = 0, off_cpu = 0, on_cpu = 0;
    int off_n = 0, on_n = 0;
    const int blocks = 10, per_block = std::max(1, o.pushes / (2 * blocks));
    for (int b = 0; b < 2 * blocks; ++b) {
        const bool on = b % 2 == 1;
        core.set_projection(on);
        auto t = SteadyClock::now();
        const double c0 = cpu_ms();
        for (int p = 0; p < per_block; ++p)
            if (!push_one(static_cast<size_t>(p) % devices.size(), kNow - 3600000 + p))
                return fail("push", Status::IoError("a push was refused"));
        (on ? on_ms : off_ms) += ms_since(t);
        (on ? on_cpu : off_cpu) += cpu_ms() - c0;
        (on ? on_n : off_n) += per_block;
    }
    core.set_projection(true);
    emit("push_per_s_projection_off", off_n / (off_ms / 1000), "pushes/s");
    emit("push_per_s_projection_on", on_n / (on_ms / 1000), "pushes/s");
    // The ratio the issue bounds is time per push on / off: baseline is off.
    emit("push_ms_projection_on", on_ms / on_n, "ms", off_ms / off_n, 1.5);
    emit("push_cpu_ms_projection_on", on_cpu / on_n, "ms", off_cpu / off_n);

    if (!o.keep) {
        opened->reset();
        for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((o.db + suffix).c_str());
    } else {
        std::fprintf(stderr, "kept %s\n", o.db.c_str());
    }
    return 0;
}

// outpost-bench: measures the store on a generated district-hospital store
// (or a small clinic's, for a quick check) and prints one JSON object per
// line: {"metric", "value", "unit", "baseline", "ratio", "target"}; baseline,
// ratio and target are null when there is none. See BENCHMARKS.md for what
// each metric means and the targets.
//
//   outpost-bench [--seed N] [--scale district|small] [--db PATH] [--keep] [--generate-only]
//   outpost-bench [--seed N] [--scale district|small] --stocktake-only
//
// The store file lives at PATH (default: $TMPDIR/outpost-bench-<pid>.db) and
// is deleted at the end unless --keep. An existing PATH is never overwritten.
// --generate-only stops after the store is generated, verified and its
// catalogue grown to 6,000 items, and keeps it: the app benchmarks
// (tools/bench-app.sh) open that store. It is a demo store (the generator's
// users and PINs), so the app opens it with --demo --db PATH.
// --stocktake-only measures only the stocktake sheet (10,000 lines at
// district scale, 1,000 at small), on a store of its own.
// Benchmarks are tools, not tests: nothing here fails on a slow number.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "generator.h"
#include "report_pdf.h"
#include "reports.h"
#include "store.h"

using namespace outpost;
using Clock_ = std::chrono::steady_clock;

namespace {

struct Options {
    uint64_t seed = 1;
    bool district = true, keep = false, generate_only = false, stocktake_only = false;
    std::string db;
};

double ms_since(Clock_::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock_::now() - t0).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t i = static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
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
    std::fprintf(stderr, "outpost-bench: %s: %s\n", what.c_str(), s.ToString().c_str());
    return 1;
}

bool exists(const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0;
}

Result<std::unique_ptr<Store>> open_store(const std::string& path) {
    OpenOptions o;
    o.path = path;
    o.create = false;
    o.demo = true;
    return Store::Open(o);
}

// The bare-SQLite baseline: one transaction inserting `rows` rows into a
// fresh file beside the store, opened through the same Db layer (WAL,
// synchronous=FULL, same file system).
struct Baseline {
    Db db;
    Stmt insert;
    int64_t n = 0;
    Status open(const std::string& path) {
        auto d = Db::Open(path, true);
        if (!d.ok()) return d.status();
        db = std::move(d.value());
        Status s = db.exec("CREATE TABLE IF NOT EXISTS rows(id TEXT PRIMARY KEY, body TEXT NOT NULL, n INTEGER NOT NULL)");
        if (!s.ok()) return s;
        return db.prepare_checked("INSERT INTO rows(id,body,n) VALUES(?,?,?)", &insert);
    }
    Status transaction(int rows) {
        Tx tx(db);
        if (!tx.begin_status().ok()) return tx.begin_status();
        for (int i = 0; i < rows; ++i) {
            insert.reset();
            ++n;
            insert.bind(1, new_uuid_v7(n)).bind(2, std::string(120, 'x')).bind(3, n);
            Status s = insert.run();
            if (!s.ok()) return s;
        }
        return tx.commit();
    }
};

// A store of `lines` batches that all had stock (a custom generation: many
// items, few events), then a full count started over it, as the Stocktake
// screen does: start_stocktake, then the sheet's header and its first page.
// The store file is removed afterwards.
Status bench_stocktake_sheet(const std::string& path, uint64_t seed, int64_t lines) {
    if (exists(path)) return Status::InvalidArgument(path + " already exists");
    Status result;
    {
        OpenOptions o;
        o.path = path;
        o.demo = true;
        auto store = Store::Open(o);
        if (!store.ok()) return store.status();
        Store& st = **store;
        GenerateOptions g;
        g.seed = seed;
        g.scale = DemoScale::kCustom;
        g.custom = {lines / 4, lines, lines * 3, 200, 60};  // items, batches, events, patients, days
        g.history_on_this_device = false;
        GenerateReport rep;
        result = generate(st, g, &rep);
        std::string user;
        for (const auto& u : st.users())
            if (u.role == Role::kStorekeeper) user = u.id;
        if (result.ok() && user.empty()) result = Status::NotFound("no storekeeper in the generated store");
        if (result.ok()) {
            auto t0 = Clock_::now();
            auto id = st.start_stocktake(user, "full count (benchmark)", false);
            const double start_ms = ms_since(t0);
            if (!id.ok()) {
                result = id.status();
            } else {
                // The first opening right after the start, then nine more
                // (a counter leaving the sheet and coming back).
                std::vector<double> opens;
                int64_t sheet_lines = 0;
                for (int i = 0; i < 10 && result.ok(); ++i) {
                    t0 = Clock_::now();
                    auto info = st.stocktake(*id);
                    auto page = st.stocktake_sheet(*id, 0, 50);  // a screenful and more
                    opens.push_back(ms_since(t0));
                    if (!info.ok()) result = info.status();
                    else if (!page.ok()) result = page.status();
                    else sheet_lines = info->lines;
                }
                if (result.ok()) {
                    emit("stocktake_sheet_lines", static_cast<double>(sheet_lines), "lines");
                    emit("stocktake_start_ms", start_ms, "ms");
                    emit("stocktake_sheet_open_first_ms", opens.front(), "ms", {}, 100);
                    emit("stocktake_sheet_open_p50_ms", percentile(opens, 0.5), "ms", {}, 100);
                }
            }
        }
    }
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    return result;
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--seed") opt.seed = std::strtoull(next().c_str(), nullptr, 10);
        else if (a == "--scale") {
            std::string v = next();
            if (v != "district" && v != "small") {
                std::fprintf(stderr, "outpost-bench: --scale is district or small\n");
                return 2;
            }
            opt.district = v == "district";
        } else if (a == "--db") opt.db = next();
        else if (a == "--keep") opt.keep = true;
        else if (a == "--generate-only") opt.generate_only = opt.keep = true;
        else if (a == "--stocktake-only") opt.stocktake_only = true;
        else {
            std::fprintf(stderr, "usage: outpost-bench [--seed N] [--scale district|small] [--db PATH] [--keep] "
                                 "[--generate-only | --stocktake-only]\n");
            return 2;
        }
    }
    if (opt.db.empty()) {
        const char* tmp = std::getenv("TMPDIR");
        opt.db = std::string(tmp && *tmp ? tmp : "/tmp") + "/outpost-bench-" + std::to_string(::getpid()) + ".db";
    }
    const std::string baseline_path = opt.db + ".baseline";
    if (exists(opt.db) || exists(baseline_path)) {
        std::fprintf(stderr, "outpost-bench: %s already exists; remove it or choose another --db\n", opt.db.c_str());
        return 2;
    }
    if (opt.stocktake_only) {
        Status s = bench_stocktake_sheet(opt.db + ".stocktake", opt.seed, opt.district ? 10000 : 1000);
        return s.ok() ? 0 : fail("stocktake sheet", s);
    }
    const int dispensings = opt.district ? 500 : 60;
    const int search_runs = opt.district ? 200 : 40;
    const int open_runs = opt.district ? 20 : 5;

    // ---- generate ---------------------------------------------------------------------
    {
        OpenOptions o;
        o.path = opt.db;
        o.demo = true;
        auto store = Store::Open(o);
        if (!store.ok()) return fail("create " + opt.db, store.status());
        GenerateOptions g;
        g.seed = opt.seed;
        g.scale = opt.district ? DemoScale::kDistrictHospital : DemoScale::kSmallClinic;
        g.history_on_this_device = !opt.district;
        if (opt.district) {
            g.site_code = "DIST";
            g.site_name = "District Hospital Pharmacy (benchmark)";
            g.device_name = "dispensary counter";
        }
        GenerateReport rep;
        const std::clock_t cpu0 = std::clock();
        Status s = generate(**store, g, &rep);
        const double cpu_s = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
        if (!s.ok()) return fail("generate", s);
        const std::string name = opt.district ? "generate_district" : "generate_small";
        emit(name + "_s", rep.seconds, "s", {}, opt.district ? std::optional<double>(60) : std::nullopt);
        // CPU time too: on a shared machine the wall time mostly measures the neighbours.
        emit(name + "_cpu_s", cpu_s, "s");
        emit("generated_stock_events", static_cast<double>(rep.events), "events");
        emit("generated_batches", static_cast<double>(rep.batches), "batches");
        emit("generated_patients", static_cast<double>(rep.patients), "patients");
    }

    // ---- verify over the whole ledger ---------------------------------------------------------
    {
        auto store = open_store(opt.db);
        if (!store.ok()) return fail("open", store.status());
        auto t0 = Clock_::now();
        auto r = (*store)->verify();
        double ms = ms_since(t0);
        if (!r.ok()) return fail("verify", r.status());
        if (!r->ok()) {
            std::fprintf(stderr, "outpost-bench: verify found %zu differences in the generated store\n",
                         r->differences.size());
            return 1;
        }
        emit("verify_ms", ms, "ms");
        emit("verify_events", static_cast<double>(r->events), "events");
    }

    // ---- month-end reports: one month's stock status against one count(*) ---------------------------
    // Opening the report means what the command and the screen do: compute it
    // and turn it into the table they show. Baseline: one SELECT count(*)
    // over the events, in the same run on the same connection. The first run
    // is cold (the report's pages not yet in SQLite's cache), then the median.
    {
        auto store = open_store(opt.db);
        if (!store.ok()) return fail("open", store.status());
        Store& st = **store;
        ReportOptions ro;
        ro.range = last_full_month(device_day_of_ms(st.now_ms()));
        std::vector<double> report_runs, report_cpu, count_runs;
        int64_t rows = 0, events = 0;
        for (int i = 0; i < open_runs; ++i) {
            auto t0 = Clock_::now();
            const std::clock_t cpu0 = std::clock();
            auto rep = stock_status_report(st, ro);
            if (!rep.ok()) return fail("stock status report", rep.status());
            const ReportTable table = to_table(*rep);
            report_runs.push_back(ms_since(t0));
            report_cpu.push_back(1000.0 * static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC);
            rows = static_cast<int64_t>(table.rows.size());
            t0 = Clock_::now();
            events = st.db().query_i64("SELECT count(*) FROM stock_events").value_or(0);
            count_runs.push_back(ms_since(t0));
        }
        emit("report_stock_status_month_first_ms", report_runs.front(), "ms", count_runs.front());
        emit("report_stock_status_month_p50_ms", percentile(report_runs, 0.5), "ms", percentile(count_runs, 0.5),
             std::nullopt);
        emit("report_stock_status_month_target_ms", percentile(report_runs, 0.5), "ms", {}, 300);
        // CPU time too: on a shared machine the wall time mostly measures the neighbours.
        emit("report_stock_status_month_p50_cpu_ms", percentile(report_cpu, 0.5), "ms");
        emit("report_stock_status_items", static_cast<double>(rows), "items");
        emit("report_events_counted", static_cast<double>(events), "events");
        auto t0 = Clock_::now();
        auto cons = consumption_report(st, ro);
        if (!cons.ok()) return fail("consumption report", cons.status());
        emit("report_consumption_12_months_ms", ms_since(t0), "ms");

        // The same month as a PDF (what Export and `--format pdf` write),
        // against writing it as CSV in the same run.
        auto rep = stock_status_report(st, ro);
        if (!rep.ok()) return fail("stock status report", rep.status());
        const ReportTable table = to_table(*rep);
        const std::string pdf = opt.db + ".report.pdf";
        t0 = Clock_::now();
        const std::string csv = to_csv(table);
        const double csv_ms = ms_since(t0);
        t0 = Clock_::now();
        Status written = write_report_pdf(table, {"Bench district", "now"}, pdf);
        const double pdf_ms = ms_since(t0);
        if (!written.ok()) return fail("report PDF", written);
        struct stat pdf_stat {};
        ::stat(pdf.c_str(), &pdf_stat);
        std::remove(pdf.c_str());
        emit("report_stock_status_pdf_ms", pdf_ms, "ms", csv_ms);
        emit("report_stock_status_pdf_bytes", static_cast<double>(pdf_stat.st_size), "bytes",
             static_cast<double>(csv.size()));
    }

    // ---- a central catalogue of 6,000 items ------------------------------------------------------
    {
        auto store = open_store(opt.db);
        if (!store.ok()) return fail("open", store.status());
        auto t0 = Clock_::now();
        Status s = extend_catalogue(**store, 6000, opt.seed);
        if (!s.ok()) return fail("extend catalogue", s);
        emit("extend_catalogue_to_6000_ms", ms_since(t0), "ms");
    }
    if (opt.generate_only) {
        std::fprintf(stderr, "outpost-bench: kept %s (open it with: outpost --demo --db %s)\n", opt.db.c_str(),
                     opt.db.c_str());
        return 0;
    }

    // ---- open the store and load the first screen's data -------------------------------------------
    {
        std::vector<double> runs;
        for (int i = 0; i < open_runs; ++i) {
            auto t0 = Clock_::now();
            auto store = open_store(opt.db);
            if (!store.ok()) return fail("open", store.status());
            StockQuery q;
            auto page = (*store)->stock_on_hand(q);
            auto users = (*store)->users();
            if (!page.ok()) return fail("stock on hand", page.status());
            runs.push_back(ms_since(t0));
            if (users.empty()) return fail("users", Status::NotFound("no users in the generated store"));
        }
        emit("open_first_screen_first_ms", runs.front(), "ms", {}, 200);
        emit("open_first_screen_p50_ms", percentile(runs, 0.5), "ms", {}, 200);
    }

    // ---- stock on hand, first page of a 3-letter search over 6,000 items ---------------------------------
    {
        auto store = open_store(opt.db);
        if (!store.ok()) return fail("open", store.status());
        std::vector<double> runs;
        int64_t matched = 0;
        for (int i = 0; i < search_runs; ++i) {
            StockQuery q;
            q.search = "met";
            auto t0 = Clock_::now();
            auto page = (*store)->stock_on_hand(q);
            runs.push_back(ms_since(t0));
            if (!page.ok()) return fail("stock search", page.status());
            matched = page->total;
        }
        emit("stock_search_3_letters_p50_ms", percentile(runs, 0.5), "ms", {}, 5);
        emit("stock_search_3_letters_p99_ms", percentile(runs, 0.99), "ms");
        emit("stock_search_items_matched", static_cast<double>(matched), "items");
        std::vector<double> item_runs;
        for (int i = 0; i < search_runs; ++i) {
            auto t0 = Clock_::now();
            auto items = (*store)->search_items("met", 20);
            item_runs.push_back(ms_since(t0));
            if (!items.ok()) return fail("item search", items.status());
        }
        emit("item_search_3_letters_p50_ms", percentile(item_runs, 0.5), "ms", {}, 100);
    }

    // ---- dispense commit latency against a bare SQLite transaction ---------------------------------------
    {
        auto store = open_store(opt.db);
        if (!store.ok()) return fail("open", store.status());
        Store& st = **store;
        std::string user;
        for (const auto& u : st.users())
            if (u.role == Role::kDispenser) user = u.id;
        auto patients = st.search_patients("", 0, 1);
        if (!patients.ok() || patients->rows.empty()) return fail("patients", Status::NotFound("no patient"));
        // Three items with the most stock, so 500 dispensings never run short.
        StockQuery q;
        q.sort = StockSort::kOnHandDesc;
        q.limit = 3;
        auto top = st.stock_on_hand(q);
        if (!top.ok() || top->rows.size() < 3) return fail("stock", Status::NotFound("three stocked items"));
        DispenseInput in;
        in.patient_id = patients->rows[0].id;
        in.prescriber = "Dr A. Mensah";
        for (const auto& r : top->rows) {
            DispenseLineInput l;
            l.item_id = r.item.id;
            l.quantity = std::max<int64_t>(1, std::min<int64_t>(10, r.available / (2 * dispensings)));
            l.directions = r.item.default_directions;
            in.lines.push_back(l);
        }
        // Rows one dispensing writes: prescription, 3 lines, 3 events, 3 stock
        // on hand, outbox, meta (HLC).
        const int rows = 1 + 3 + 3 + 3 + 1 + 1;
        Baseline base;
        Status s = base.open(baseline_path);
        if (!s.ok()) return fail("baseline", s);
        std::vector<double> disp, bare;
        for (int i = 0; i < dispensings; ++i) {
            auto t0 = Clock_::now();
            auto r = st.dispense(user, in);
            disp.push_back(ms_since(t0));
            if (!r.ok()) return fail("dispense", r.status());
            t0 = Clock_::now();
            s = base.transaction(rows);
            bare.push_back(ms_since(t0));
            if (!s.ok()) return fail("baseline transaction", s);
        }
        double p50 = percentile(disp, 0.5), p99 = percentile(disp, 0.99);
        double b50 = percentile(bare, 0.5), b99 = percentile(bare, 0.99);
        emit("dispense_commit_p50_ms", p50, "ms", b50);
        emit("dispense_commit_p99_ms", p99, "ms", b99, 3);  // target: ratio <= 3
        auto v = st.verify();
        if (!v.ok() || !v->ok()) return fail("verify after dispensing", v.ok() ? Status::Corruption("differences") : v.status());
    }

    // ---- opening a stocktake sheet of 10,000 lines ---------------------------------------------------
    {
        Status s = bench_stocktake_sheet(opt.db + ".stocktake", opt.seed, opt.district ? 10000 : 1000);
        if (!s.ok()) return fail("stocktake sheet", s);
    }

    if (!opt.keep) {
        for (const std::string& base : {opt.db, baseline_path})
            for (const char* suffix : {"", "-wal", "-shm"}) std::remove((base + suffix).c_str());
    } else {
        std::fprintf(stderr, "outpost-bench: kept %s\n", opt.db.c_str());
    }
    return 0;
}

// Central's copy of the sites' data and the dashboard's queries over it
// (sync/central/projection/, sync/central/dashboard/): figures worked by
// hand from pushes through the real request handler, scope never leaking
// another site, verify finding a tampered balance, CSV quoting.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>

#include "central_test_util.h"
#include "dashboard_data.h"
#include "projection.h"

using namespace outpost;
using namespace outpost::central_test;
using dashboard::Filter;
using dashboard::Scope;

namespace {

// 2026 day -> ms at 09:00 UTC.
int64_t at(int month, int day) {
    static const int kCum[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    const int64_t days_2026 = 20454;  // 1970-01-01 .. 2026-01-01
    return (days_2026 + kCum[month - 1] + day - 1) * 86400000LL + 9 * 3600000LL;
}

struct Site {
    Registered dev;
    int64_t seq = 0;
};

struct World {
    Central c;
    Site a, b;
    std::string amox, para;

    explicit World(const std::string& path = ":memory:") : c(false, path) {
        c.site("HC01");
        c.site("HC02");
        REQUIRE(c.core->import_catalogue_csv("code,name,strength,form,unit,pack_size,default_directions,warning,"
                                             "reorder_level,cold_chain,controlled,unit_price\n"
                                             "AMOX250,Amoxicillin,250 mg,tablet,tablet,100,,,0,0,0,0.05\n"
                                             "PARA500,\"Paracetamol, plain\",500 mg,tablet,tablet,1000,,,0,0,0,\n")
                    .ok());
        amox = *c.core->db().query_text("SELECT id FROM items WHERE code='AMOX250'");
        para = *c.core->db().query_text("SELECT id FROM items WHERE code='PARA500'");
        a.dev = c.register_device("HC01");
        b.dev = c.register_device("HC02");
        Db& db = c.core->db();
        REQUIRE(projection::set_region(db, "HC01", "North").ok());
        REQUIRE(projection::set_region(db, "HC02", "South").ok());
    }

    void batch(Site& s, const std::string& id, const std::string& item, const std::string& expiry) {
        ++s.seq;
        json row{{"id", id},      {"site_id", s.dev.site_id}, {"item_id", item},
                 {"batch_no", id}, {"expiry", expiry},         {"on_hold", 0},
                 {"needs_count", 0}, {"hlc", "0193a2b4c5d6" + std::to_string(1000 + s.seq)},
                 {"device_id", s.dev.device_id}};
        c.push(s.dev, json::array({json{{"seq", s.seq}, {"payload", {{"batches", json::array({row})}}}}}));
    }
    void event(Site& s, const std::string& kind, const std::string& item, const std::string& batch, int64_t q,
               int64_t when, const std::string& reason = "") {
        ++s.seq;
        json ev{{"id", "ev-" + s.dev.device_id + "-" + std::to_string(s.seq)},
                {"site_id", s.dev.site_id}, {"device_id", s.dev.device_id}, {"seq", s.seq},
                {"hlc", "0193a2b4c5d6" + std::to_string(1000 + s.seq)}, {"user_id", "u1"}, {"kind", kind},
                {"item_id", item}, {"batch_id", batch}, {"quantity", q}, {"created_ms", when}};
        if (!reason.empty()) ev["reason"] = reason;
        c.push(s.dev, json::array({json{{"seq", s.seq}, {"payload", {{"stock_events", json::array({ev})}}}}}));
    }
};

template <typename T>
T cell(const dashboard::Table& t, size_t row, const std::string& key) {
    const int c = t.column(key);
    REQUIRE(c >= 0);
    REQUIRE(row < t.rows.size());
    const auto* v = std::get_if<T>(&t.rows[row][static_cast<size_t>(c)]);
    REQUIRE(v != nullptr);
    return *v;
}

// Site HC01: amoxicillin batch A1 (expires 2027) 2,000 received in March,
// 300 dispensed in March, 600 in April; batch A2 (expired 2026-05-01) 150
// received, 100 written off as expired. Paracetamol: 10 received, 10
// dispensed in May. HC02: amoxicillin 100 received in April, expiring
// 2026-07-01. Today is 2026-06-15.
void fill(World& w) {
    w.batch(w.a, "A1", w.amox, "2027-01-01");
    w.batch(w.a, "A2", w.amox, "2026-05-01");
    w.batch(w.a, "P1", w.para, "2027-06-01");
    w.event(w.a, "receipt", w.amox, "A1", 2000, at(3, 2));
    w.event(w.a, "receipt", w.amox, "A2", 150, at(3, 2));
    w.event(w.a, "dispense", w.amox, "A1", -300, at(3, 20));
    w.event(w.a, "dispense", w.amox, "A1", -600, at(4, 10));
    w.event(w.a, "adjustment", w.amox, "A2", -100, at(5, 3), "expired");
    w.event(w.a, "receipt", w.para, "P1", 10, at(5, 1));
    w.event(w.a, "dispense", w.para, "P1", -10, at(5, 11));
    w.batch(w.b, "B1", w.amox, "2026-07-01");
    w.event(w.b, "receipt", w.amox, "B1", 100, at(4, 5));
}

}  // namespace

TEST_CASE("Stock status: SOH, available, AMC, months of stock and state worked by hand", "[central][dashboard]") {
    World w;
    fill(w);
    Filter f;
    f.site_code = "HC01";
    auto t = dashboard::stock_status(w.c.core->db(), Scope::all_sites(), f, kStartMs);
    REQUIRE(t.status().ToString() == "ok");
    REQUIRE(t->total_rows == 2);
    // Natural order: site, item name (Amoxicillin before Paracetamol).
    CHECK(cell<std::string>(*t, 0, "item_code") == "AMOX250");
    CHECK(cell<int64_t>(*t, 0, "soh") == 1150);       // 2000 - 900 + 150 - 100
    CHECK(cell<int64_t>(*t, 0, "available") == 1100);  // A2 expired
    CHECK(cell<double>(*t, 0, "amc") == Approx(300.0));  // (300 + 600 + 0) / 3, March-May
    CHECK(cell<double>(*t, 0, "mos") == Approx(1100.0 / 300.0));
    CHECK(cell<std::string>(*t, 0, "state") == "overstocked");  // 3.67 > 3
    CHECK(cell<std::string>(*t, 0, "region") == "North");
    CHECK(cell<int64_t>(*t, 1, "soh") == 0);
    CHECK(cell<std::string>(*t, 1, "state") == "stocked_out");
    CHECK(t->data_as_of_ms.size() == 1);
    CHECK(t->data_as_of_ms.at("HC01") == kStartMs);  // the fake clock did not move

    f.state = "stocked_out";
    auto out = dashboard::stock_status(w.c.core->db(), Scope::all_sites(), f, kStartMs);
    REQUIRE(out.ok());
    REQUIRE(out->total_rows == 1);
    CHECK(cell<std::string>(*out, 0, "item_code") == "PARA500");

    // Sorting and paging.
    Filter all;
    all.sort = "soh";
    all.descending = true;
    all.page_size = 1;
    all.page = 2;
    auto page = dashboard::stock_status(w.c.core->db(), Scope::all_sites(), all, kStartMs);
    REQUIRE(page.ok());
    CHECK(page->total_rows == 3);
    REQUIRE(page->rows.size() == 1);
    CHECK(cell<int64_t>(*page, 0, "soh") == 100);  // 1150, 100, 0
    all.sort = "nonsense";
    CHECK(dashboard::stock_status(w.c.core->db(), Scope::all_sites(), all, kStartMs).status().code() ==
          Status::Code::kInvalidArgument);
}

TEST_CASE("A viewer limited to one site never sees another in any query", "[central][dashboard]") {
    World w;
    fill(w);
    Db& db = w.c.core->db();
    const Scope north = Scope::only({"HC01"});
    Filter f;
    f.page_size = 0;
    std::vector<Result<dashboard::Table>> tables;
    tables.push_back(dashboard::sites_health(db, north, f, kStartMs));
    tables.push_back(dashboard::stock_status(db, north, f, kStartMs));
    tables.push_back(dashboard::expiring(db, north, f, kStartMs));
    tables.push_back(dashboard::consumption_trend(db, north, f, kStartMs));
    Filter item = f;
    item.item_code = "AMOX250";
    tables.push_back(dashboard::item_across_sites(db, north, item, kStartMs));
    for (auto& t : tables) {
        REQUIRE(t.status().ToString() == "ok");
        CHECK(t->total_rows > 0);
        const int c = t->column("site_code");
        REQUIRE(c >= 0);
        for (const auto& row : t->rows) CHECK(std::get<std::string>(row[static_cast<size_t>(c)]) == "HC01");
        CHECK(t->data_as_of_ms.count("HC02") == 0);
        CHECK(dashboard::to_csv(*t).find("HC02") == std::string::npos);
    }
    // Asking for the other site by filter finds nothing, not an error that
    // tells it exists.
    Filter other = f;
    other.site_code = "HC02";
    auto none = dashboard::stock_status(db, north, other, kStartMs);
    REQUIRE(none.ok());
    CHECK(none->total_rows == 0);
    CHECK(none->data_as_of_ms.empty());
    auto detail = dashboard::site_detail(db, north, "batches", other, kStartMs);
    CHECK(detail.status().code() == Status::Code::kNotFound);
    other.item_code = "AMOX250";
    CHECK(dashboard::stock_card(db, north, other).status().code() == Status::Code::kNotFound);
    auto regions = dashboard::regions(db, north);
    REQUIRE(regions.ok());
    CHECK(*regions == std::vector<std::string>{"North"});
    // An empty list sees nothing at all.
    auto nothing = dashboard::stock_status(db, Scope::only({}), f, kStartMs);
    REQUIRE(nothing.ok());
    CHECK(nothing->total_rows == 0);
}

TEST_CASE("Expiring and expired stock, with value from the catalogue's unit price", "[central][dashboard]") {
    World w;
    fill(w);
    Filter f;
    auto t = dashboard::expiring(w.c.core->db(), Scope::all_sites(), f, kStartMs);
    REQUIRE(t.status().ToString() == "ok");
    REQUIRE(t->total_rows == 2);  // A2 expired (50 left), B1 expiring in 16 days; A1 and P1 are not
    CHECK(cell<std::string>(*t, 0, "batch_no") == "A2");
    CHECK(cell<std::string>(*t, 0, "status") == "expired");
    CHECK(cell<int64_t>(*t, 0, "soh") == 50);
    CHECK(cell<double>(*t, 0, "value") == Approx(2.5));
    CHECK(cell<std::string>(*t, 1, "batch_no") == "B1");
    CHECK(cell<std::string>(*t, 1, "status") == "expiring");
    CHECK(cell<int64_t>(*t, 1, "days_left") == 16);
    f.state = "expiring";
    auto only = dashboard::expiring(w.c.core->db(), Scope::all_sites(), f, kStartMs);
    REQUIRE(only.ok());
    CHECK(only->total_rows == 1);  // expired stock is never counted as expiring
}

TEST_CASE("Consumption trend, stock card and site activity from the kept aggregates", "[central][dashboard]") {
    World w;
    fill(w);
    Db& db = w.c.core->db();
    Filter f;
    f.site_code = "HC01";
    f.item_code = "AMOX250";
    f.page_size = 0;
    auto trend = dashboard::consumption_trend(db, Scope::all_sites(), f, kStartMs);
    REQUIRE(trend.status().ToString() == "ok");
    std::map<std::string, int64_t> consumed, expired;
    for (size_t r = 0; r < trend->rows.size(); ++r) {
        consumed[cell<std::string>(*trend, r, "month")] = cell<int64_t>(*trend, r, "consumed");
        expired[cell<std::string>(*trend, r, "month")] = cell<int64_t>(*trend, r, "expired");
    }
    CHECK(consumed["2026-03"] == 300);
    CHECK(consumed["2026-04"] == 600);
    CHECK(expired["2026-05"] == 100);
    auto card = dashboard::stock_card(db, Scope::all_sites(), f);
    REQUIRE(card.status().ToString() == "ok");
    REQUIRE(card->rows.size() == 5);
    CHECK(cell<int64_t>(*card, 4, "balance") == 1150);
    CHECK(cell<int64_t>(*card, 2, "balance") == 1850);  // 2000 + 150 - 300

    // Paracetamol ran out on May 11: stock-out days of May = 11..31 = 21.
    f.item_code = "PARA500";
    auto para = dashboard::consumption_trend(db, Scope::all_sites(), f, kStartMs);
    REQUIRE(para.ok());
    bool saw_may = false;
    for (size_t r = 0; r < para->rows.size(); ++r)
        if (cell<std::string>(*para, r, "month") == "2026-05") {
            saw_may = true;
            CHECK(cell<int64_t>(*para, r, "stock_out_days") == 21);
        }
    CHECK(saw_may);

    auto sites = dashboard::sites_health(db, Scope::all_sites(), Filter(), kStartMs + 2 * 86400000LL);
    REQUIRE(sites.ok());
    REQUIRE(sites->total_rows == 2);
    CHECK(cell<std::string>(*sites, 0, "health") == "amber");
    CHECK(cell<int64_t>(*sites, 0, "days_since_dispensing") == 37);  // May 11 09:00 -> June 17 10:00
    std::vector<std::string> diff;
    REQUIRE(projection::verify_aggregates(db, &diff).ok());
    CHECK(diff.empty());
}

TEST_CASE("verify finds a tampered balance and rebuild restores the copy", "[central][dashboard]") {
    World w;
    fill(w);
    Db& db = w.c.core->db();
    std::vector<std::string> diff;
    REQUIRE(projection::verify_site(db, "HC01", &diff).ok());
    CHECK(diff.empty());
    REQUIRE(db.exec("UPDATE p_stock_on_hand SET quantity = quantity + 1 WHERE batch_id = 'A1'").ok());
    REQUIRE(projection::verify_site(db, "HC01", &diff).ok());
    REQUIRE(diff.size() == 1);
    CHECK(diff[0].find("batch A1: stock on hand 1101, ledger sum 1100") != std::string::npos);
    auto n = projection::rebuild(db, kStartMs);
    REQUIRE(n.ok());
    diff.clear();
    REQUIRE(projection::verify_site(db, "HC01", &diff).ok());
    CHECK(diff.empty());
    CHECK(projection::verify_site(db, "NOPE", &diff).code() == Status::Code::kNotFound);
}

TEST_CASE("CSV is RFC 4180 with titles, and empty cells for nulls", "[central][dashboard]") {
    World w;
    fill(w);
    Filter f;
    f.site_code = "HC01";
    f.page_size = 0;
    auto t = dashboard::stock_status(w.c.core->db(), Scope::all_sites(), f, kStartMs);
    REQUIRE(t.ok());
    const std::string csv = dashboard::to_csv(*t);
    CHECK(csv.rfind("Site,Site name,Region,Item,Item name,Unit,Stock on hand,Available,AMC,Months of stock,State\r\n",
                    0) == 0);
    CHECK(csv.find(",\"Paracetamol, plain\",tablet,0,0,3.33,0.00,stocked_out\r\n") != std::string::npos);
    auto j = dashboard::to_json(*t);
    CHECK(j["total_rows"] == 2);
    CHECK(j["columns"][9]["formula"] == "Available / AMC; blank when AMC = 0");
}

TEST_CASE("The status central keeps per site x item equals the one computed from batches and months",
          "[central][dashboard]") {
    World w;
    fill(w);
    Db& db = w.c.core->db();
    // Put a batch on hold: the batch row alone (no event) must move "available".
    ++w.a.seq;
    json held{{"id", "A1"},        {"site_id", w.a.dev.site_id}, {"item_id", w.amox}, {"batch_no", "A1"},
              {"expiry", "2027-01-01"}, {"on_hold", 1}, {"needs_count", 0}, {"hlc", "0193a2b4c5d69999"},
              {"device_id", w.a.dev.device_id}};
    w.c.push(w.a.dev, json::array({json{{"seq", w.a.seq}, {"payload", {{"batches", json::array({held})}}}}}));
    Filter f;
    f.page_size = 0;
    auto kept = dashboard::stock_status(db, Scope::all_sites(), f, kStartMs);
    REQUIRE(kept.ok());
    CHECK(cell<int64_t>(*kept, 0, "available") == 0);  // A1 on hold, A2 expired
    CHECK(cell<std::string>(*kept, 0, "state") == "stocked_out");
    // Without a fresh kept status (as on a day no push has come yet) the
    // query computes it; both give the same table.
    REQUIRE(db.exec("UPDATE central_meta SET value='2000-01-01' WHERE key='projection_day'").ok());
    auto computed = dashboard::stock_status(db, Scope::all_sites(), f, kStartMs);
    REQUIRE(computed.ok());
    CHECK(dashboard::to_csv(*kept) == dashboard::to_csv(*computed));
    // A later day: B1 (HC02) expired on 2026-07-01; the next push notices.
    const int64_t july2 = kStartMs + 17 * 86400000LL;
    w.c.clock.set(july2);
    w.event(w.a, "receipt", w.para, "P1", 5, july2);
    Filter hc02;
    hc02.site_code = "HC02";
    auto later = dashboard::stock_status(db, Scope::all_sites(), hc02, july2);
    REQUIRE(later.ok());
    CHECK(cell<int64_t>(*later, 0, "available") == 0);
    REQUIRE(db.exec("UPDATE central_meta SET value='2000-01-01' WHERE key='projection_day'").ok());
    auto later_computed = dashboard::stock_status(db, Scope::all_sites(), hc02, july2);
    REQUIRE(later_computed.ok());
    CHECK(dashboard::to_csv(*later) == dashboard::to_csv(*later_computed));
}

#ifdef OUTPOST_CENTRAL_BIN
TEST_CASE("outpost-central verify exits 0 only when equal and rebuild mends the copy", "[central][dashboard]") {
    const std::string path = "/tmp/outpost-dash-verify-" + std::to_string(::getpid()) + ".db";
    for (const char* sfx : {"", "-wal", "-shm"}) std::remove((path + sfx).c_str());
    {
        World w;  // in memory; copied to a file below
        fill(w);
        REQUIRE(w.c.core->db().exec("VACUUM INTO '" + path + "'").ok());
    }
    auto run = [&](const std::string& args, std::string* out) {
        FILE* p = ::popen((std::string(OUTPOST_CENTRAL_BIN) + " " + args + " 2>&1").c_str(), "r");
        REQUIRE(p != nullptr);
        char buf[512];
        out->clear();
        while (std::fgets(buf, sizeof buf, p)) *out += buf;
        const int st = ::pclose(p);
        return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    };
    std::string out;
    CHECK(run("verify --db " + path + " --site HC01", &out) == 0);
    {
        auto db = Db::Open(path, false);
        REQUIRE(db.ok());
        REQUIRE(db->exec("UPDATE p_stock_on_hand SET quantity = 7 WHERE batch_id = 'A2'").ok());
    }
    CHECK(run("verify --db " + path + " --site HC01", &out) == 1);
    CHECK(out.find("batch A2: stock on hand 7, ledger sum 50") != std::string::npos);
    CHECK(run("rebuild --db " + path, &out) == 0);
    CHECK(run("verify --db " + path + " --site HC01", &out) == 0);
    CHECK(run("verify --db " + path + " --site NOPE", &out) == 1);
    for (const char* sfx : {"", "-wal", "-shm"}) std::remove((path + sfx).c_str());
}
#endif

TEST_CASE("The names and status kept beside the figures follow their sources and equal a recomputation",
          "[central][dashboard]") {
    World w;
    fill(w);
    Db& db = w.c.core->db();
    std::vector<std::string> diff;
    REQUIRE(projection::verify_status(db, &diff).ok());
    CHECK(diff.empty());
    // Every writer of a source row: the catalogue import, the region
    // command, a site's row written directly, a batch's new expiry pushed.
    REQUIRE(w.c.core->import_catalogue_csv("code,name,strength,form,unit,pack_size,default_directions,warning,"
                                           "reorder_level,cold_chain,controlled,unit_price\n"
                                           "PARA500,Paracetamol,500 mg,tablet,caplet,1000,,,0,0,0,\n")
                .ok());
    REQUIRE(projection::set_region(db, "HC01", "East").ok());
    REQUIRE(projection::set_region(db, "HC02", "").ok());
    REQUIRE(db.exec("UPDATE sites SET name = 'Health centre 2' WHERE code = 'HC02'").ok());
    ++w.a.seq;
    json moved{{"id", "A1"},        {"site_id", w.a.dev.site_id}, {"item_id", w.amox}, {"batch_no", "A1-bis"},
               {"expiry", "2026-06-20"}, {"on_hold", 0}, {"needs_count", 0}, {"hlc", "0193a2b4c5d69999"},
               {"device_id", w.a.dev.device_id}};
    w.c.push(w.a.dev, json::array({json{{"seq", w.a.seq}, {"payload", {{"batches", json::array({moved})}}}}}));
    diff.clear();
    REQUIRE(projection::verify_status(db, &diff).ok());
    for (const auto& d : diff) FAIL_CHECK(d);

    Filter east;
    east.region = "East";
    east.page_size = 0;
    auto t = dashboard::stock_status(db, Scope::all_sites(), east, kStartMs);
    REQUIRE(t.ok());
    REQUIRE(t->total_rows == 2);
    CHECK(cell<std::string>(*t, 0, "item_name") == "Amoxicillin");
    CHECK(cell<std::string>(*t, 1, "item_name") == "Paracetamol");
    CHECK(cell<std::string>(*t, 1, "unit") == "caplet");
    Filter hc02;
    hc02.site_code = "HC02";
    t = dashboard::stock_status(db, Scope::all_sites(), hc02, kStartMs);
    REQUIRE(t.ok());
    REQUIRE(t->total_rows == 1);
    CHECK(cell<std::string>(*t, 0, "site_name") == "Health centre 2");
    CHECK(cell<std::string>(*t, 0, "region") == "");
    auto e = dashboard::expiring(db, Scope::all_sites(), east, kStartMs);
    REQUIRE(e.ok());
    REQUIRE(e->total_rows == 2);  // A2 expired in May (50 left), A1 now expiring on June 20
    CHECK(cell<std::string>(*e, 0, "batch_no") == "A2");
    CHECK(cell<std::string>(*e, 1, "batch_no") == "A1-bis");
    CHECK(cell<std::string>(*e, 1, "expiry") == "2026-06-20");
    CHECK(cell<std::string>(*e, 1, "region") == "East");

    // A kept name that differs is found, and rebuild gives it back.
    REQUIRE(db.exec("UPDATE p_site_item SET item_name = 'x' WHERE item_code = 'AMOX250' AND site_code = 'HC01'").ok());
    diff.clear();
    REQUIRE(projection::verify_status(db, &diff).ok());
    REQUIRE(diff.size() == 1);
    CHECK(diff[0].find("item name kept 'x', expected 'Amoxicillin'") != std::string::npos);
    REQUIRE(projection::rebuild(db, kStartMs).ok());
    diff.clear();
    REQUIRE(projection::verify_status(db, &diff).ok());
    CHECK(diff.empty());
}

TEST_CASE("A central file of the copy's version 1 gets the kept names, filled, when it opens", "[central][dashboard]") {
    const std::string path = "/tmp/outpost-dash-v1-" + std::to_string(::getpid()) + ".db";
    for (const char* sfx : {"", "-wal", "-shm"}) std::remove((path + sfx).c_str());
    {
        World w(path);
        fill(w);
        // Back to version 1: the derived tables without the kept columns,
        // their triggers and indexes gone, no version mark.
        Db& db = w.c.core->db();
        std::string drop;
        Stmt t = db.prepare("SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'index') AND sql IS NOT NULL "
                            "AND (name LIKE '%names%' OR name IN ('p_site_item_order', 'p_site_item_code', "
                            "'p_stock_on_hand_expiry', 'p_stock_on_hand_item'))");
        while (t.step()) drop += "DROP " + t.text(0) + " " + t.text(1) + ";";
        REQUIRE(db.exec(drop).ok());
        for (const char* c : {"site_code", "site_name", "region", "item_code", "item_name", "unit"})
            REQUIRE(db.exec(std::string("ALTER TABLE p_site_item DROP COLUMN ") + c).ok());
        for (const char* c : {"expiry", "batch_no", "site_code", "region", "item_code", "item_name"})
            REQUIRE(db.exec(std::string("ALTER TABLE p_stock_on_hand DROP COLUMN ") + c).ok());
        REQUIRE(db.exec("DELETE FROM central_meta WHERE key='projection_version'").ok());
    }
    Central again(false, path);
    Db& db = again.core->db();
    CHECK(db.query_text("SELECT value FROM central_meta WHERE key='projection_version'").value_or("") == "2");
    std::vector<std::string> diff;
    REQUIRE(projection::verify_status(db, &diff).ok());
    for (const auto& d : diff) FAIL_CHECK(d);
    Filter f;
    f.region = "North";
    auto t = dashboard::stock_status(db, Scope::all_sites(), f, kStartMs);
    REQUIRE(t.ok());
    REQUIRE(t->total_rows == 2);
    CHECK(cell<std::string>(*t, 0, "site_code") == "HC01");
    CHECK(cell<std::string>(*t, 1, "item_name") == "Paracetamol, plain");
    for (const char* sfx : {"", "-wal", "-shm"}) std::remove((path + sfx).c_str());
}

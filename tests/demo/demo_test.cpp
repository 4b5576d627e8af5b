// Tests of the demo generator and scenarios: the same seed and day give the
// same store (compared as a canonical dump of every table), the generated
// store passes verify and has the shape a demo needs, every scenario resets
// to the same state twice and shows its situation, and a real store (or any
// other file) is never reset or opened as a demo.
#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <unistd.h>

#include "demo_test_util.h"
#include "generator.h"
#include "scenarios.h"

using namespace outpost;
using namespace outpost::demo_test;

namespace {

// 2025-03-12 10:30 UTC, a Wednesday.
constexpr int64_t kToday = 1741775400000;

// Every row of every table, sorted, as text. users.pin_hash is left out:
// libsodium salts each hash at random (the PINs are checked separately).
std::string dump(Db& db) {
    std::string out;
    std::vector<std::string> tables;
    {
        Stmt t = db.prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name");
        while (t.step()) tables.push_back(t.text(0));
    }
    for (const auto& table : tables) {
        std::vector<std::string> cols;
        {
            Stmt c = db.prepare("SELECT name FROM pragma_table_info('" + table + "')");
            while (c.step())
                if (!(table == "users" && c.text(0) == "pin_hash")) cols.push_back(c.text(0));
        }
        std::string list, order;
        for (size_t i = 0; i < cols.size(); ++i) {
            list += (i ? "," : "") + cols[i];
            order += (i ? "," : "") + std::to_string(i + 1);
        }
        out += "## " + table + "\n";
        Stmt s = db.prepare("SELECT " + list + " FROM " + table + " ORDER BY " + order);
        while (s.step()) {
            for (size_t i = 0; i < cols.size(); ++i)
                out += (s.is_null(static_cast<int>(i)) ? "NULL" : s.text(static_cast<int>(i))) + "|";
            out += "\n";
        }
        REQUIRE(s.status().ok());
    }
    return out;
}

struct Generated {
    FakeClock clock{kToday};
    std::unique_ptr<Store> store;
    GenerateReport report;
};

std::unique_ptr<Generated> generate_in_memory(uint64_t seed, DemoScale scale = DemoScale::kSmallClinic,
                                              GenerateCounts custom = {}) {
    auto g = std::make_unique<Generated>();
    OpenOptions o;
    o.path = ":memory:";
    o.clock = &g->clock;
    o.demo = true;
    auto s = Store::Open(o);
    REQUIRE(s.ok());
    g->store = std::move(s.value());
    GenerateOptions opt;
    opt.seed = seed;
    opt.today_ms = kToday;
    opt.scale = scale;
    opt.custom = custom;
    Status st = generate(*g->store, opt, &g->report);
    INFO(st.ToString());
    REQUIRE(st.ok());
    return g;
}

std::string dump_file(const std::string& path) {
    OpenOptions o;
    o.path = path;
    o.create = false;
    o.demo = true;
    auto s = Store::Open(o);
    REQUIRE(s.ok());
    return dump((*s)->db());
}

std::string item_id(Store& s, const std::string& code) {
    auto it = s.item_by_code(code);
    REQUIRE(it.ok());
    return it->id;
}

}  // namespace

TEST_CASE("the same seed and day generate the same store ids included", "[demo]") {
    auto a = generate_in_memory(42);
    auto b = generate_in_memory(42);
    const std::string da = dump(a->store->db()), db = dump(b->store->db());
    CHECK(da.size() > 100000);
    CHECK(da == db);
    auto c = generate_in_memory(43);
    CHECK(dump(c->store->db()) != da);
    CHECK(a->store->identity().site_id == b->store->identity().site_id);
}

TEST_CASE("the demo store passes verify and looks like a small clinic", "[demo]") {
    auto g = generate_in_memory(1);
    Store& s = *g->store;
    auto v = s.verify();
    REQUIRE(v.ok());
    CHECK(v->ok());
    CHECK(v->events == g->report.events);
    CHECK(g->report.items == 56);
    CHECK(g->report.events > 6000);
    CHECK(g->report.patients >= 250);
    CHECK(g->report.patients <= 300);
    CHECK(s.identity().site_code == "DEMO");
    CHECK(s.identity().device_name == "training laptop");

    SECTION("three roles, and the PINs the login screen shows work") {
        auto users = s.users();
        std::set<Role> roles;
        for (const auto& u : users) roles.insert(u.role);
        CHECK(roles.size() == 3);
        for (const auto& du : demo_users()) {
            auto u = std::find_if(users.begin(), users.end(), [&](const User& x) { return x.name == du.name; });
            REQUIRE(u != users.end());
            CHECK(u->role == du.role);
            CHECK(s.verify_pin(u->id, du.pin).ok());
        }
    }
    SECTION("some batches expired with stock, some expiring within six weeks") {
        auto rows = s.expiring(42, 0, 1000);
        REQUIRE(rows.ok());
        int expired = 0, soon = 0;
        for (const auto& r : rows->rows) {
            CHECK(r.on_hand > 0);
            (r.days < 0 ? expired : soon)++;
        }
        CHECK(expired >= 2);
        CHECK(soon >= 2);
        // Most stock is fine: far more batches than the expiring list.
        CHECK(g->report.batches > 3 * static_cast<int64_t>(rows->rows.size()));
    }
    SECTION("ninety days of dispensing, tens of prescriptions a day, about three lines each") {
        Db& db = s.db();
        auto first = db.query_i64("SELECT MIN(created_ms) FROM prescriptions");
        auto last = db.query_i64("SELECT MAX(created_ms) FROM prescriptions");
        REQUIRE(first);
        CHECK(date_of(*first) == add_days(date_of(kToday), -90));
        CHECK(date_of(*last) == add_days(date_of(kToday), -1));
        auto days = db.query_i64("SELECT COUNT(DISTINCT created_ms/86400000) FROM prescriptions");
        CHECK(*days >= 75);  // Sundays closed
        double per_day = static_cast<double>(g->report.prescriptions) / static_cast<double>(*days);
        CHECK(per_day > 15);
        CHECK(per_day < 80);
        auto lines = db.query_i64("SELECT COUNT(*) FROM prescription_lines");
        double per_rx = static_cast<double>(*lines) / static_cast<double>(g->report.prescriptions);
        CHECK(per_rx > 2.5);
        CHECK(per_rx < 3.5);
        // Directions were expanded for the label.
        CHECK(db.query_i64("SELECT COUNT(*) FROM prescription_lines WHERE directions_text=''") == 0);
    }
    SECTION("receipts, adjustments with reasons, cancellations and one finished stocktake") {
        Db& db = s.db();
        CHECK(db.query_i64("SELECT COUNT(*) FROM stock_events WHERE kind='receipt'") > 56);
        CHECK(db.query_i64("SELECT COUNT(*) FROM stock_events WHERE kind='adjustment' AND reason IS NULL") == 0);
        CHECK(db.query_i64("SELECT COUNT(DISTINCT reason) FROM stock_events WHERE kind='adjustment'") >= 2);
        // Cancelled dispensings, with ids derived as the store derives them
        // (so the same row made on two devices merges).
        CHECK(db.query_i64("SELECT COUNT(*) FROM cancellations") > 0);
        Stmt rev = db.prepare("SELECT id, reverses_event_id FROM stock_events WHERE kind='reversal'");
        int reversals = 0;
        while (rev.step()) {
            CHECK(rev.text(0) == derived_id("reversal|" + rev.text(1)));
            ++reversals;
        }
        CHECK(reversals > 0);
        Stmt bat = db.prepare("SELECT id, site_id, item_id, batch_no, expiry FROM batches LIMIT 20");
        while (bat.step())
            CHECK(bat.text(0) == derived_id("batch|" + bat.text(1) + "|" + bat.text(2) + "|" + bat.text(3) + "|" +
                                            bat.text(4)));
        auto st = s.stocktakes(false);
        REQUIRE(st.ok());
        REQUIRE(st->size() == 1);
        CHECK(st->front().status == "finalised");
        CHECK(db.query_i64("SELECT COUNT(*) FROM stock_events WHERE kind='stocktake'") > 0);
        // Every local change waits in the outbox, gap-free, as live operations leave it.
        CHECK(s.outbox_last_seq() == db.query_i64("SELECT COUNT(*) FROM outbox"));
        CHECK(db.query_i64("SELECT MAX(seq) FROM stock_events") == s.outbox_last_seq());
    }
    SECTION("no balance below zero and nothing flagged in the standard demo") {
        StockQuery q;
        q.filter = StockFilter::kNegativeOrFlagged;
        auto flagged = s.stock_on_hand(q);
        REQUIRE(flagged.ok());
        CHECK(flagged->total == 0);
    }
    SECTION("live operations carry on after the generated history") {
        auto users = s.users();
        std::string storekeeper;
        for (const auto& u : users)
            if (u.role == Role::kStorekeeper) storekeeper = u.id;
        auto id = s.start_stocktake(storekeeper, "after generation", false);
        REQUIRE(id.ok());
        ReceiveInput in;
        in.item_id = item_id(s, "PARA500T");
        in.batch_no = "LIVE1";
        in.expiry = add_days(date_of(kToday), 400);
        in.quantity = 1000;
        auto r = s.receive(storekeeper, in);
        REQUIRE(r.ok());
        auto v2 = s.verify();
        REQUIRE(v2.ok());
        CHECK(v2->ok());
        CHECK(s.db().query_i64("SELECT COUNT(*) FROM outbox") == s.outbox_last_seq());
    }
}

TEST_CASE("a custom scale generates the counts asked for and passes verify", "[demo]") {
    GenerateCounts c{120, 400, 20000, 500, 60};
    auto g = generate_in_memory(5, DemoScale::kCustom, c);
    CHECK(g->report.items == 120);
    CHECK(g->report.batches >= 400);
    CHECK(g->report.batches < 480);
    CHECK(g->report.events > 17000);
    CHECK(g->report.events < 23000);
    auto v = g->store->verify();
    REQUIRE(v.ok());
    CHECK(v->ok());
}

TEST_CASE("the generator refuses a store that already has a site", "[demo]") {
    auto g = generate_in_memory(1);
    GenerateOptions o;
    Status s = generate(*g->store, o);
    CHECK(s.code() == Status::Code::kConflict);
}

TEST_CASE("every scenario resets to the same state twice in a row", "[demo]") {
    TempDir dir;
    const std::string path = dir.path + "/demo.db";
    for (DemoScenario sc : all_scenarios()) {
        INFO(scenario_name(sc));
        Status s = reset_demo(path, sc, 7, kToday);
        INFO(s.ToString());
        REQUIRE(s.ok());
        const std::string first = dump_file(path);
        REQUIRE(reset_demo(path, sc, 7, kToday).ok());
        CHECK(dump_file(path) == first);
        DemoScenario parsed;
        REQUIRE(parse_scenario(scenario_name(sc), &parsed));
        CHECK(parsed == sc);
    }
}

TEST_CASE("each scenario shows its situation", "[demo]") {
    TempDir dir;
    const std::string path = dir.path + "/demo.db";
    auto open = [&](DemoScenario sc) {
        REQUIRE(reset_demo(path, sc, 7, kToday).ok());
        OpenOptions o;
        o.path = path;
        o.create = false;
        o.demo = true;
        static FakeClock clock(kToday);
        o.clock = &clock;
        auto s = Store::Open(o);
        REQUIRE(s.ok());
        CHECK((*s)->meta("demo.scenario") == std::string(scenario_name(sc)));
        auto v = (*s)->verify();
        REQUIRE(v.ok());
        CHECK(v->ok());
        return std::move(s.value());
    };
    SECTION("expiring stock") {
        auto s = open(DemoScenario::kExpiringStock);
        auto rows = s->expiring(42, 0, 1000);
        REQUIRE(rows.ok());
        std::set<std::string> soon, expired;
        for (const auto& r : rows->rows) (r.days < 0 ? expired : soon).insert(r.item_id);
        CHECK(soon.count(item_id(*s, "AMOX250D")));
        CHECK(soon.count(item_id(*s, "OXYT10I")));
        CHECK(expired.count(item_id(*s, "ZINC20D")));
        CHECK(soon.size() >= 6);
    }
    SECTION("stock-out") {
        auto s = open(DemoScenario::kStockOut);
        auto d = s->item_detail(item_id(*s, "ARLU20T"));
        REQUIRE(d.ok());
        CHECK(d->available == 0);
        CHECK(s->db().query_i64("SELECT COUNT(*) FROM stock_events WHERE reason='transfer_out'") > 0);
    }
    SECTION("stocktake with a discrepancy") {
        auto s = open(DemoScenario::kStocktakeDiscrepancy);
        auto open_counts = s->stocktakes(true);
        REQUIRE(open_counts.ok());
        REQUIRE(open_counts->size() == 1);
        auto sheet = s->stocktake_sheet(open_counts->front().id, 0, 1000);
        REQUIRE(sheet.ok());
        int differ = 0, uncounted = 0;
        for (const auto& r : sheet->rows) {
            if (!r.counted) ++uncounted;
            else if (*r.counted != r.expected) ++differ;
        }
        CHECK(differ >= 1);
        CHECK(uncounted >= 1);
        // The trainee can finalise it: the corrections match the differences.
        std::string storekeeper;
        for (const auto& u : s->users())
            if (u.role == Role::kStorekeeper) storekeeper = u.id;
        auto fin = s->finalise_stocktake(storekeeper, open_counts->front().id);
        REQUIRE(fin.ok());
        CHECK(fin->corrections == differ);
        auto v = s->verify();
        REQUIRE(v.ok());
        CHECK(v->ok());
    }
    SECTION("two devices dispensed the last box offline") {
        auto s = open(DemoScenario::kTwoDevicesLastBox);
        StockQuery q;
        q.filter = StockFilter::kNegativeOrFlagged;
        auto flagged = s->stock_on_hand(q);
        REQUIRE(flagged.ok());
        REQUIRE(flagged->rows.size() == 1);
        CHECK(flagged->rows[0].item.code == "AMOX250D");
        CHECK(flagged->rows[0].on_hand < 0);
        CHECK(flagged->rows[0].available == 0);
        // Both devices' dispensings are on record, one of them pulled.
        CHECK(s->db().query_i64("SELECT COUNT(DISTINCT device_id) FROM prescriptions") == 2);
        CHECK(s->meta("demo.pulled") == std::string("1"));
    }
}

TEST_CASE("a real store is never reset or opened as a demo", "[demo]") {
    TempDir dir;
    const std::string path = dir.path + "/clinic.db";
    make_real_store(path, "KIS", "Kisoro Health Centre");
    Status r = reset_demo(path, DemoScenario::kStandard, 1, kToday);
    CHECK(r.code() == Status::Code::kPermissionDenied);
    CHECK(r.message().find("real clinic data") != std::string::npos);
    auto d = open_demo_store(path);
    CHECK(!d.ok());
    CHECK(d.status().code() == Status::Code::kPermissionDenied);
    // Untouched: still a real store with its site.
    OpenOptions o;
    o.path = path;
    o.create = false;
    auto s = Store::Open(o);
    REQUIRE(s.ok());
    CHECK((*s)->identity().site_name == "Kisoro Health Centre");

    SECTION("nor is a file that is not an Outpost store") {
        const std::string other = dir.path + "/notes.txt";
        std::ofstream(other) << "not a database";
        CHECK(reset_demo(other, DemoScenario::kStandard, 1, kToday).code() == Status::Code::kPermissionDenied);
        std::ifstream in(other);
        std::string text;
        std::getline(in, text);
        CHECK(text == "not a database");
    }
}

TEST_CASE("open_demo_store creates the demo when missing then opens it as it is", "[demo]") {
    TempDir dir;
    const std::string path = dir.path + "/demo.db";
    std::string site;
    {
        auto s = open_demo_store(path, DemoScenario::kStockOut, 3);
        REQUIRE(s.ok());
        CHECK((*s)->identity().demo);
        CHECK((*s)->meta("demo.scenario") == std::string("stock-out"));
        site = (*s)->identity().site_id;
        auto v = (*s)->verify();
        REQUIRE(v.ok());
        CHECK(v->ok());
    }
    auto again = open_demo_store(path, DemoScenario::kStandard, 9);
    REQUIRE(again.ok());
    CHECK((*again)->identity().site_id == site);  // opened, not regenerated
    OpenOptions real;
    real.path = path;
    real.create = false;
    CHECK(Store::Open(real).status().code() == Status::Code::kPermissionDenied);
}

TEST_CASE("Undo brings back the demo as it was before the reset", "[demo]") {
    TempDir dir;
    const std::string path = dir.path + "/demo.db";
    REQUIRE(reset_demo(path, DemoScenario::kStandard, 1, kToday).ok());
    CHECK_FALSE(demo_undo_available(path));
    CHECK(undo_demo_reset(path).code() == Status::Code::kNotFound);
    std::string patient;
    {  // a trainee's work
        auto s = open_demo_store(path);
        REQUIRE(s.ok());
        std::string admin;
        for (const User& u : (*s)->users())
            if (u.role == Role::kAdmin) admin = u.id;
        PatientInput p;
        p.family_name = "Trainee";
        p.given_name = "Work";
        auto id = (*s)->register_patient(admin, p);
        REQUIRE(id.ok());
        patient = *id;
    }
    const std::string before = dump_file(path);
    REQUIRE(keep_demo_for_undo(path).ok());
    REQUIRE(reset_demo(path, DemoScenario::kStockOut, 1, kToday).ok());
    CHECK(demo_undo_available(path));
    {
        auto s = open_demo_store(path);
        REQUIRE(s.ok());
        CHECK((*s)->meta("demo.scenario") == std::string("stock-out"));
        CHECK_FALSE((*s)->patient(patient).ok());
    }
    REQUIRE(undo_demo_reset(path).ok());
    CHECK_FALSE(demo_undo_available(path));
    CHECK(dump_file(path) == before);
    auto s = open_demo_store(path);
    REQUIRE(s.ok());
    CHECK((*s)->meta("demo.scenario") == std::string("standard"));
    CHECK((*s)->patient(patient).ok());
}

TEST_CASE("Undo never touches a real store", "[demo]") {
    TempDir dir;
    const std::string real = dir.path + "/clinic.db";
    make_real_store(real, "HC01", "Real clinic");
    CHECK(keep_demo_for_undo(real).code() == Status::Code::kPermissionDenied);
    CHECK_FALSE(demo_undo_available(real));
    // A real store where the copy would be is not put in place of anything,
    // and a real store is not replaced by a demo copy.
    const std::string demo = dir.path + "/demo.db";
    REQUIRE(std::rename(real.c_str(), demo_undo_path(demo).c_str()) == 0);
    CHECK(undo_demo_reset(demo).code() == Status::Code::kPermissionDenied);
    REQUIRE(std::rename(demo_undo_path(demo).c_str(), real.c_str()) == 0);
    REQUIRE(reset_demo(demo, DemoScenario::kStandard, 1, kToday).ok());
    REQUIRE(keep_demo_for_undo(demo).ok());
    REQUIRE(std::rename(real.c_str(), demo.c_str()) == 0);  // the real store now sits at the demo's path
    CHECK(undo_demo_reset(demo).code() == Status::Code::kPermissionDenied);
    OpenOptions o;
    o.path = demo;
    o.create = false;
    auto still = Store::Open(o);
    REQUIRE(still.ok());
    CHECK((*still)->identity().site_code == "HC01");
}

TEST_CASE("each role has one demo login found by role whatever the store calls it", "[demo]") {
    for (Role role : {Role::kDispenser, Role::kStorekeeper, Role::kAdmin}) {
        const DemoUser* d = demo_user_for(role);
        REQUIRE(d != nullptr);
        CHECK(d->role == role);
        int same_role = 0;
        for (const DemoUser& u : demo_users()) same_role += u.role == role ? 1 : 0;
        CHECK(same_role == 1);
    }
    CHECK(demo_user_for(Role::kAdmin)->pin == "9999");
}

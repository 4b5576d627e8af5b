// Ledger invariants under seeded random operations, migrations, queries and
// verify/rebuild.
#include <catch2/catch.hpp>
#include <random>

#include "schema.h"
#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

static int64_t ledger_sum(Store& s) {
    return s.db().query_i64("SELECT COALESCE(SUM(quantity),0) FROM stock_events").value();
}
static int64_t soh_sum(Store& s) {
    return s.db().query_i64("SELECT COALESCE(SUM(quantity),0) FROM stock_on_hand").value();
}

TEST_CASE("seeded random operations: stock on hand always equals the ledger", "[ledger][random]") {
    for (uint32_t seed : {1u, 2u, 3u, 42u}) {
        INFO("seed " << seed);
        Clinic c;
        std::mt19937 rng(seed);
        std::vector<std::string> items = {c.para, c.amox, c.ors};
        std::vector<std::string> rx;
        std::string open_stocktake;
        for (int step = 0; step < 150; ++step) {
            const std::string item = items[rng() % items.size()];
            switch (rng() % 7) {
                case 0: {
                    ReceiveInput in{item,
                                    "B" + std::to_string(rng() % 4),
                                    add_days(c.store->today(), 10 + rng() % 3 * 100),
                                    static_cast<int64_t>(1 + rng() % 200),
                                    QuantityUnit::kUnits,
                                    "",
                                    ""};
                    c.store->receive(c.storekeeper, in);
                    break;
                }
                case 1:
                case 2: {
                    DispenseInput in;
                    in.patient_id = c.patient;
                    in.confirm_short = rng() % 2;
                    in.lines.push_back(
                        {item, static_cast<int64_t>(rng() % 80), "", "", std::nullopt});
                    auto r = c.store->dispense(c.dispenser, in);
                    if (r.ok()) rx.push_back(r->prescription_id);
                    break;
                }
                case 3:
                    if (!rx.empty())
                        c.store->cancel_dispensing(c.dispenser, rx[rng() % rx.size()], "test");
                    break;
                case 4: {
                    auto d = c.store->item_detail(item);
                    if (!d->batches.empty())
                        c.store->adjust(c.storekeeper,
                                        {d->batches[rng() % d->batches.size()].id,
                                         -static_cast<int64_t>(1 + rng() % 5), "damaged", ""});
                    break;
                }
                case 5:
                    if (open_stocktake.empty()) {
                        open_stocktake = c.store->start_stocktake(c.storekeeper, "", false).value();
                    } else {
                        auto sheet = c.store->stocktake_sheet(open_stocktake, 0, 100);
                        for (const auto& l : sheet->rows)
                            if (rng() % 2)
                                c.store->enter_count(c.dispenser, open_stocktake, l.batch_id,
                                                     rng() % 300);
                        c.store->finalise_stocktake(c.storekeeper, open_stocktake);
                        open_stocktake.clear();
                    }
                    break;
                case 6:
                    c.clock.advance(static_cast<int64_t>(rng() % (3 * 86400000)));
                    break;
            }
            REQUIRE(soh_sum(*c.store) == ledger_sum(*c.store));
        }
        auto v = c.store->verify();
        REQUIRE(v.ok());
        CHECK(v->ok());
        CHECK(v->events > 10);
    }
}

TEST_CASE("verify finds a tampered balance and rebuild repairs it", "[ledger][verify]") {
    Clinic c;
    REQUIRE(c.store->verify()->ok());
    REQUIRE(c.store->db().exec("UPDATE stock_on_hand SET quantity=quantity+7 WHERE rowid=1").ok());
    auto v = c.store->verify();
    REQUIRE(v.ok());
    REQUIRE(v->differences.size() == 1);
    CHECK(v->differences[0].stored - v->differences[0].ledger == 7);
    REQUIRE(c.store->rebuild_stock_on_hand().ok());
    CHECK(c.store->verify()->ok());
}

TEST_CASE("migrations run from an empty database are idempotent and refuse newer files",
          "[schema]") {
    const std::string path = temp_path("migrate.db");
    {
        auto db = Db::Open(path, true);
        REQUIRE(db.ok());
        CHECK(schema_version(*db) == 0);
        REQUIRE(migrate(*db).ok());
        CHECK(schema_version(*db) == latest_schema_version());
        REQUIRE(migrate(*db).ok());  // nothing to do the second time
        CHECK(
            db->query_i64("SELECT COUNT(*) FROM sqlite_master WHERE name='stock_events'").value() ==
            1);
        CHECK(db->query_text("PRAGMA journal_mode").value() == "wal");
        CHECK(db->query_i64("PRAGMA foreign_keys").value() == 1);
        CHECK(db->query_i64("PRAGMA synchronous").value() == 2);  // FULL
        REQUIRE(db->exec("PRAGMA user_version=999").ok());
    }
    auto s = Store::Open({path, false});
    REQUIRE_FALSE(s.ok());
    CHECK_THAT(s.status().message(), Catch::Contains("newer Outpost"));
    auto missing = Store::Open({"/tmp/definitely/not/here.db", false});
    CHECK_FALSE(missing.ok());
}

TEST_CASE("a demo store and a real store never open as each other", "[schema][demo]") {
    const std::string real = temp_path("real.db"), demo = temp_path("demo.db");
    REQUIRE(Store::Open({real, true, nullptr, false}).ok());
    REQUIRE(Store::Open({demo, true, nullptr, true}).ok());
    auto r = Store::Open({real, false, nullptr, true});
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.status().message(), Catch::Contains("real clinic data"));
    auto d = Store::Open({demo, false, nullptr, false});
    REQUIRE_FALSE(d.ok());
    CHECK_THAT(d.status().message(), Catch::Contains("--demo"));
    CHECK(Store::Open({demo, false, nullptr, true}).ok());
}

TEST_CASE("stock on hand list: search filters sort and paging", "[queries]") {
    Clinic c;
    c.receive(c.ors, "O-EXP", 10, 5);
    StockQuery q;
    q.search = "amox";
    auto p = c.store->stock_on_hand(q);
    REQUIRE(p.ok());
    REQUIRE(p->rows.size() == 1);
    CHECK(p->rows[0].item.code == "AMOX250D");
    CHECK(p->rows[0].on_hand == 500);
    q.search = "PARA5";  // code, any case
    CHECK(c.store->stock_on_hand(q)->rows.size() == 1);
    q.search = "";
    q.filter = StockFilter::kLow;  // ORS: 5 available, reorder level 50
    p = c.store->stock_on_hand(q);
    REQUIRE(p->rows.size() == 1);
    CHECK(p->rows[0].item.id == c.ors);
    CHECK(p->rows[0].low);
    q.filter = StockFilter::kExpiring;  // within 42 days: P-EARLY (+30) and O-EXP (+10)
    CHECK(c.store->stock_on_hand(q)->total == 2);
    c.clock.advance(11LL * 86400000);
    q.filter = StockFilter::kExpired;
    p = c.store->stock_on_hand(q);
    REQUIRE(p->rows.size() == 1);
    CHECK(p->rows[0].has_expired);
    CHECK(p->rows[0].available == 0);
    q.filter = StockFilter::kAll;
    q.sort = StockSort::kOnHandDesc;
    q.limit = 2;
    p = c.store->stock_on_hand(q);
    CHECK(p->total == 3);
    REQUIRE(p->rows.size() == 2);
    CHECK(p->rows[0].item.id == c.para);
    q.offset = 2;
    p = c.store->stock_on_hand(q);
    REQUIRE(p->rows.size() == 1);
    CHECK(p->rows[0].item.id == c.ors);
}

TEST_CASE("item detail stock card with running balance expiring list", "[queries]") {
    Clinic c;
    DispenseInput in;
    in.patient_id = c.patient;
    in.lines.push_back({c.para, 30, "", "", std::nullopt});
    REQUIRE(c.store->dispense(c.dispenser, in).ok());
    auto d = c.store->item_detail(c.para);
    REQUIRE(d.ok());
    REQUIRE(d->batches.size() == 2);
    CHECK(d->batches[0].batch_no == "P-EARLY");
    CHECK(d->batches[0].on_hand == 70);
    CHECK(d->batches[0].days_to_expiry == 30);
    CHECK(d->on_hand == 1070);
    CHECK(d->amc == Approx(10.0));  // 30 dispensed in the 3-month window / 3
    auto card = c.store->stock_card(c.para, "", 0, 10);
    REQUIRE(card.ok());
    REQUIRE(card->rows.size() == 3);  // newest first
    CHECK(card->rows[0].kind == "dispense");
    CHECK(card->rows[0].quantity == -30);
    CHECK(card->rows[0].balance == 1070);
    CHECK(card->rows[0].detail == "Dispensed to KAMARA, Aminata");
    CHECK(card->rows[2].balance == 100);
    auto batch_card = c.store->stock_card(c.para, d->batches[1].id, 0, 10);
    REQUIRE(batch_card->rows.size() == 1);
    CHECK(batch_card->rows[0].balance == 1000);
    auto e = c.store->expiring(42, 0, 10);
    REQUIRE(e.ok());
    REQUIRE(e->rows.size() == 1);
    CHECK(e->rows[0].batch_no == "P-EARLY");
    CHECK(e->rows[0].days == 30);
    CHECK(c.store->item_detail("nope").status().code() == Status::Code::kNotFound);
}

TEST_CASE("item search matches code first then name", "[queries]") {
    Clinic c;
    auto r = c.store->search_items("amox");
    REQUIRE(r.ok());
    REQUIRE(r->size() == 1);
    CHECK((*r)[0].display_name() == "Amoxicillin 250 mg dispersible tablet");
    CHECK(c.store->search_items("%")->empty());  // LIKE wildcards are literal
    CHECK(c.store->search_items("")->size() == 3);
}

TEST_CASE("the audit view lists who did what newest first filtered by user and kind", "[queries][audit]") {
    Clinic c;
    DispenseInput in;
    in.patient_id = c.patient;
    in.lines.push_back({c.amox, 10, "", "", std::nullopt});
    REQUIRE(c.store->dispense(c.dispenser, in).ok());
    const std::string batch = c.store->item_detail(c.amox)->batches[0].id;
    REQUIRE(c.store->adjust(c.storekeeper, {batch, -2, "damaged", "dropped"}).ok());
    auto all = c.store->audit({});
    REQUIRE(all.ok());
    CHECK(all->total == 5);  // 3 receipts, 1 dispense, 1 adjustment
    REQUIRE(all->rows.size() == 5);
    CHECK(all->rows[0].kind == "adjustment");
    CHECK(all->rows[0].user_name == "Samuel Store");
    CHECK(all->rows[0].detail == "Adjusted: Damaged - dropped");
    CHECK(all->rows[0].device_name == "dispensary kiosk");
    CHECK(all->rows[1].user_name == "Dina Dispenser");
    CHECK(all->rows[1].detail == "Dispensed to KAMARA, Aminata");
    AuditQuery q;
    q.user_id = c.dispenser;
    CHECK(c.store->audit(q)->total == 1);
    q = {};
    q.kind = "receipt";
    CHECK(c.store->audit(q)->total == 3);
    q.kind = "bogus";
    CHECK(c.store->audit(q).status().code() == Status::Code::kInvalidArgument);
}

TEST_CASE("a version-1 store with data upgrades to the latest schema and keeps its ledger", "[schema]") {
    const std::string path = temp_path("upgrade.db");
    {
        auto db = Db::Open(path, true);
        REQUIRE(db.ok());
        REQUIRE(migrate(*db, 1).ok());
        CHECK(schema_version(*db) == 1);
    }
    {
        // Data written at version 1 (the store's own operations, then the
        // file is put back to version 1 without the later indexes and tables).
        Clinic c(path);
        REQUIRE(c.store->db()
                    .exec("DROP INDEX IF EXISTS stock_events_hlc; DROP TABLE IF EXISTS print_jobs; "
                          "DROP INDEX IF EXISTS stock_events_created; DROP TABLE IF EXISTS barcode_links; "
                          "DROP TABLE IF EXISTS requisition_lines; DROP TABLE IF EXISTS requisitions; "
                          "DROP TABLE IF EXISTS shipment_lines; DROP TABLE IF EXISTS shipments; "
                          "DROP TABLE IF EXISTS user_languages; DROP TABLE IF EXISTS label_languages; "
                          "DROP TABLE IF EXISTS held_changes; ALTER TABLE users DROP COLUMN lang; "
                          "PRAGMA user_version=1")
                    .ok());
    }
    auto s = Store::Open({path, false});
    REQUIRE(s.ok());
    CHECK(schema_version((*s)->db()) == latest_schema_version());
    CHECK((*s)->db().query_i64("SELECT COUNT(*) FROM sqlite_master WHERE name='stock_events_hlc'").value() == 1);
    CHECK((*s)->db().query_i64("SELECT COUNT(*) FROM sqlite_master WHERE name='stock_events_created'").value() == 1);
    CHECK((*s)->db().query_i64("SELECT COUNT(*) FROM sqlite_master WHERE name='barcode_links'").value() == 1);
    CHECK((*s)->db().query_i64("SELECT COUNT(*) FROM sqlite_master WHERE name='held_changes'").value() == 1);
    CHECK((*s)->db().query_i64("SELECT COUNT(*) FROM pragma_table_info('users') WHERE name='lang'").value() == 1);
    CHECK((*s)->db().query_i64("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('requisitions','requisition_lines',"
                               "'shipments','shipment_lines')").value() == 4);
    CHECK((*s)->verify()->ok());
    CHECK((*s)->audit({})->total == 3);
}

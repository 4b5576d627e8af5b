// Merging devices: the events of two offline devices applied in different
// orders give the same balances; replays change nothing; stocktake frontier
// arithmetic when events arrive after the count; scope refusals.
#include <catch2/catch.hpp>
#include <map>

#include "store_internal.h"
#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

namespace {

// A second device of the same site as `base`, holding everything base had.
std::unique_ptr<Store> twin(Clinic& base, FakeClock& clock, const std::string& device_name) {
    auto s = second_device(base, clock, device_name);
    std::vector<std::string> site;
    for (const auto& c : base.store->outbox_after(0, 100000, SIZE_MAX).value())
        site.push_back(c.payload);
    Status applied = s->apply_remote(site, "test_cursor", "1");
    INFO(applied.message());
    REQUIRE(applied.ok());
    return s;
}

std::vector<std::string> changes_after(Store& s, int64_t after) {
    std::vector<std::string> out;
    for (const auto& c : s.outbox_after(after, 100000, SIZE_MAX).value()) out.push_back(c.payload);
    return out;
}

std::map<std::string, int64_t> balances(Store& s) {
    std::map<std::string, int64_t> m;
    Stmt st = s.db().prepare("SELECT batch_id, quantity FROM stock_on_hand WHERE quantity<>0");
    while (st.step()) m[st.text(0)] = st.i64(1);
    return m;
}

}  // namespace

TEST_CASE("a twin device receives everything and verifies", "[replication]") {
    Clinic a;
    auto b = twin(a, a.clock, "back room laptop");
    CHECK(balances(*b) == balances(*a.store));
    CHECK(b->verify()->ok());
    CHECK(b->patient(a.patient).ok());
}

TEST_CASE("two offline devices dispensing from one batch merge in any order", "[replication]") {
    Clinic a;
    auto b = twin(a, a.clock, "laptop");
    const int64_t a_mark = a.outbox(), b_mark = b->outbox_last_seq();
    // Both dispense the last box of amoxicillin while offline.
    DispenseInput in;
    in.patient_id = a.patient;
    in.lines.push_back({a.amox, 400, "", "", std::nullopt});
    REQUIRE(a.store->dispense(a.dispenser, in).ok());
    REQUIRE(b->dispense(a.dispenser, in).ok());
    const std::string batch = a.store->item_detail(a.amox)->batches[0].id;
    REQUIRE(a.store->adjust(a.storekeeper, {batch, -5, "damaged", ""}).ok());
    REQUIRE(b->adjust(a.storekeeper, {batch, 2, "found", ""}).ok());
    auto from_a = changes_after(*a.store, a_mark);
    auto from_b = changes_after(*b, b_mark);
    REQUIRE(a.store->apply_remote(from_b, "c", "1").ok());
    REQUIRE(b->apply_remote(from_a, "c", "1").ok());
    CHECK(balances(*a.store) == balances(*b));
    CHECK(a.on_hand(batch) == 500 - 800 - 5 + 2);  // negative: flagged for a count, not blocked
    // Replaying changes nothing.
    REQUIRE(a.store->apply_remote(from_b, "c", "2").ok());
    REQUIRE(a.store->apply_remote(from_a, "c", "3").ok());
    CHECK(balances(*a.store) == balances(*b));
    CHECK(a.store->verify()->ok());
    CHECK(b->verify()->ok());
}

TEST_CASE("random operations on two devices converge whatever the delivery order",
          "[replication][random]") {
    for (uint32_t seed = 1; seed <= 5; ++seed) {
        Clinic a;
        auto b = twin(a, a.clock, "laptop");
        const int64_t a_mark = a.outbox(), b_mark = b->outbox_last_seq();
        std::mt19937 rng(seed);
        std::vector<std::string> items = {a.para, a.amox};
        for (int i = 0; i < 40; ++i) {
            Store& s = (rng() % 2) ? *a.store : *b;
            DispenseInput in;
            in.patient_id = a.patient;
            in.confirm_short = true;
            in.lines.push_back(
                {items[rng() % 2], static_cast<int64_t>(1 + rng() % 60), "", "", std::nullopt});
            REQUIRE(s.dispense(a.dispenser, in).ok());
        }
        auto from_a = changes_after(*a.store, a_mark);
        auto from_b = changes_after(*b, b_mark);
        // Third and fourth stores receive the union in opposite orders.
        auto c = twin(a, a.clock, "c");
        auto d = twin(a, a.clock, "d");
        REQUIRE(c->apply_remote(from_a, "x", "1").ok());
        REQUIRE(c->apply_remote(from_b, "x", "2").ok());
        REQUIRE(d->apply_remote(from_b, "x", "1").ok());
        REQUIRE(d->apply_remote(from_a, "x", "2").ok());
        CHECK(balances(*c) == balances(*d));
        CHECK(c->verify()->ok());
        CHECK(d->verify()->ok());
    }
}

TEST_CASE("a stocktake counts against its frontier: late events apply on top", "[stocktake]") {
    Clinic a;
    auto b = twin(a, a.clock, "laptop");
    const int64_t b_mark = b->outbox_last_seq();
    const std::string batch = a.store->item_detail(a.amox)->batches[0].id;  // 500 on record
    // A starts a count; B, offline, dispenses 30 from the same batch.
    auto st = a.store->start_stocktake(a.storekeeper, "monthly", false);
    REQUIRE(st.ok());
    DispenseInput in;
    in.patient_id = a.patient;
    in.lines.push_back({a.amox, 30, "", "", std::nullopt});
    REQUIRE(b->dispense(a.dispenser, in).ok());
    // A's counter finds 490 on the shelf (10 missing) before B's dispensing
    // is known to A. Then B's events arrive, before finalising.
    REQUIRE(a.store->enter_count(a.dispenser, *st, batch, 490).ok());
    REQUIRE(a.store->apply_remote(changes_after(*b, b_mark), "c", "1").ok());
    auto fin = a.store->finalise_stocktake(a.storekeeper, *st);
    REQUIRE(fin.ok());
    CHECK(fin->corrections == 1);
    CHECK(fin->net_change == -10);  // counted 490 against 500 at the frontier, not against 470
    CHECK(a.on_hand(batch) == 490 - 30);
    // The stocktake syncs to B and B agrees.
    const int64_t a_mark = a.outbox() - 1;
    REQUIRE(b->apply_remote(changes_after(*a.store, a_mark), "c", "2").ok());
    std::map<std::string, int64_t> ba = balances(*a.store), bb = balances(*b);
    CHECK(ba == bb);
    CHECK(b->stocktake(*st)->status == "finalised");
}

TEST_CASE("stocktake: blind sheet uncounted lines abandon state errors", "[stocktake]") {
    Clinic a;
    auto st = a.store->start_stocktake(a.storekeeper, "spot check", true, {a.para});
    REQUIRE(st.ok());
    auto sheet = a.store->stocktake_sheet(*st, 0, 50);
    REQUIRE(sheet.ok());
    REQUIRE(sheet->total == 2);  // two paracetamol batches
    CHECK(a.store->stocktake(*st)->blind);
    CHECK(a.store->enter_count(a.dispenser, *st, sheet->rows[0].batch_id, -1).code() ==
          Status::Code::kInvalidArgument);
    CHECK(a.store->enter_count(a.dispenser, *st, "not-on-sheet", 1).code() ==
          Status::Code::kNotFound);
    CHECK(a.store->finalise_stocktake(a.storekeeper, *st)
              .status()
              .message()
              .find("count at least one") != std::string::npos);
    REQUIRE(a.store->enter_count(a.dispenser, *st, sheet->rows[0].batch_id, 100)
                .ok());  // matches: no event
    CHECK(a.store->finalise_stocktake(a.dispenser, *st).status().code() ==
          Status::Code::kPermissionDenied);
    auto fin = a.store->finalise_stocktake(a.storekeeper, *st);
    REQUIRE(fin.ok());
    CHECK(fin->corrections == 0);
    CHECK(fin->uncounted == 1);
    CHECK(a.store->enter_count(a.dispenser, *st, sheet->rows[0].batch_id, 5).code() ==
          Status::Code::kConflict);
    auto st2 = a.store->start_stocktake(a.storekeeper, "", false);
    REQUIRE(a.store->abandon_stocktake(a.storekeeper, *st2).ok());
    CHECK(a.store->stocktake(*st2)->status == "abandoned");
    CHECK(a.store->stocktakes(true)->empty());
    CHECK(a.store->verify()->ok());
}

TEST_CASE("pulled changes for another site are refused and nothing is applied",
          "[replication][scope]") {
    Clinic a;
    Clinic other;
    const auto before = balances(*a.store);
    auto foreign = changes_after(*other.store, 0);
    Status s = a.store->apply_remote(foreign, "c", "9");
    INFO(s.message());
    CHECK(s.code() == Status::Code::kPermissionDenied);
    CHECK(balances(*a.store) == before);
    CHECK_FALSE(a.store->meta("c").has_value());
    CHECK(a.store->apply_remote({"{not json"}, "c", "9").code() == Status::Code::kInvalidArgument);
    CHECK(a.store->apply_remote({R"({"secrets":[]})"}, "c", "9").code() ==
          Status::Code::kInvalidArgument);
    CHECK_FALSE(a.store->meta("c").has_value());
}

TEST_CASE("patient edits merge last-writer-wins by (hlc device)", "[replication][patients]") {
    Clinic a;
    auto b = twin(a, a.clock, "laptop");
    const int64_t a_mark = a.outbox(), b_mark = b->outbox_last_seq();
    PatientInput p;
    p.family_name = "Kamara";
    p.given_name = "Aminata";
    p.village = "from A";
    REQUIRE(a.store->update_patient(a.dispenser, a.patient, p).ok());
    a.clock.advance(1000);
    p.village = "from B, later";
    REQUIRE(b->update_patient(a.dispenser, a.patient, p).ok());
    REQUIRE(a.store->apply_remote(changes_after(*b, b_mark), "c", "1").ok());
    REQUIRE(b->apply_remote(changes_after(*a.store, a_mark), "c", "1").ok());
    CHECK(a.store->patient(a.patient)->village == "from B, later");
    CHECK(b->patient(a.patient)->village == "from B, later");
}

// Found by the sync simulation: two offline devices that both receive the
// same batch (item, number, expiry) made two batch rows that collided on
// merge, and two devices cancelling one dispensing gave the stock back twice.
TEST_CASE("two devices receiving the same batch offline make one batch", "[replication][sim-regression]") {
    Clinic a;
    auto b = twin(a, a.clock, "laptop");
    const int64_t a_mark = a.outbox(), b_mark = b->outbox_last_seq();
    const std::string expiry = add_days(a.store->today(), 200);
    ReceiveInput in{a.ors, "ORS-77", expiry, 40, QuantityUnit::kUnits, "", ""};
    auto ra = a.store->receive(a.storekeeper, in);
    in.quantity = 60;
    auto rb = b->receive(a.storekeeper, in);
    REQUIRE(ra.ok());
    REQUIRE(rb.ok());
    CHECK(ra->batch_id == rb->batch_id);
    REQUIRE(a.store->apply_remote(changes_after(*b, b_mark), "c", "1").ok());
    REQUIRE(b->apply_remote(changes_after(*a.store, a_mark), "c", "1").ok());
    CHECK(a.on_hand(ra->batch_id) == 100);
    CHECK(balances(*a.store) == balances(*b));
}

TEST_CASE("a dispensing cancelled on two offline devices comes back once", "[replication][sim-regression]") {
    Clinic a;
    DispenseInput in;
    in.patient_id = a.patient;
    in.lines.push_back({a.para, 150, "", "", std::nullopt});
    auto rx = a.store->dispense(a.dispenser, in);
    REQUIRE(rx.ok());
    auto b = twin(a, a.clock, "laptop");
    const int64_t a_mark = a.outbox(), b_mark = b->outbox_last_seq();
    REQUIRE(a.store->cancel_dispensing(a.dispenser, rx->prescription_id, "wrong patient").ok());
    REQUIRE(b->cancel_dispensing(a.dispenser, rx->prescription_id, "duplicate").ok());
    REQUIRE(a.store->apply_remote(changes_after(*b, b_mark), "c", "1").ok());
    REQUIRE(b->apply_remote(changes_after(*a.store, a_mark), "c", "1").ok());
    CHECK(a.item_on_hand(a.para) == 1100);
    CHECK(balances(*a.store) == balances(*b));
    CHECK(a.store->verify()->ok());
}

TEST_CASE("a barcode linked on one device is known on another after a pull") {
    Clinic a;
    auto b = twin(a, a.clock, "Dispensary tablet");
    const std::string gtin = "09506000134352";
    REQUIRE(b->item_for_gtin(gtin).status().code() == Status::Code::kNotFound);
    const int64_t before = a.outbox();
    REQUIRE(a.store->link_barcode(a.storekeeper, gtin, a.amox).ok());
    REQUIRE(a.outbox() == before + 1);
    REQUIRE(b->apply_remote(changes_after(*a.store, before), "test_cursor", "2").ok());
    auto found = b->item_for_gtin(gtin);
    REQUIRE(found.ok());
    CHECK(found->id == a.amox);
    // Relinked on B (a later clock): A follows, and a replay of A's old link
    // does not win back.
    a.clock.advance(1000);
    const int64_t b_before = b->outbox_last_seq();
    REQUIRE(b->link_barcode(a.admin, gtin, a.para).ok());
    REQUIRE(a.store->apply_remote(changes_after(*b, b_before), "test_cursor", "3").ok());
    CHECK(a.store->item_for_gtin(gtin)->id == a.para);
    REQUIRE(b->apply_remote(changes_after(*a.store, before), "test_cursor", "4").ok());
    CHECK(b->item_for_gtin(gtin)->id == a.para);
}

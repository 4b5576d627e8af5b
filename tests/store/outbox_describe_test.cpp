// Outbox changes in words (Store::describe_change, refused_changes): each
// kind of local change, names that are missing on this device, and payloads
// that cannot be read.
#include <catch2/catch.hpp>

#include "store_internal.h"
#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

namespace {

OutboxChange last_change(Store& s) {
    auto all = s.outbox_after(s.outbox_last_seq() - 1, 1, SIZE_MAX);
    REQUIRE(all.ok());
    REQUIRE(all->size() == 1);
    return all->front();
}

std::string batch_of(Clinic& c, const std::string& item, size_t i = 0) {
    return c.store->item_detail(item)->batches.at(i).id;
}

}  // namespace

TEST_CASE("each kind of change is described in words", "[outbox][describe]") {
    Clinic c;
    Store& s = *c.store;
    SECTION("registering a patient") {
        PatientInput p;
        p.family_name = "Banda";
        p.given_name = "Ruth";
        p.village = "Chikwawa";
        REQUIRE(s.register_patient(c.dispenser, p).ok());
        CHECK(s.describe_change(last_change(s)) == "Details of patient BANDA, Ruth of Chikwawa");
    }
    SECTION("a dispensing of two medicines") {
        DispenseInput in;
        in.patient_id = c.patient;
        in.lines.push_back({c.amox, 15, "1t tds x5/7", "", std::nullopt});
        in.lines.push_back({c.para, 20, "", "", std::nullopt});
        REQUIRE(s.dispense(c.dispenser, in).ok());
        CHECK(s.describe_change(last_change(s)) ==
              "Dispensing for KAMARA, Aminata: Amoxicillin 250 mg x 15, Paracetamol 500 mg x 20");
    }
    SECTION("cancelling a dispensing") {
        DispenseInput in;
        in.patient_id = c.patient;
        in.lines.push_back({c.amox, 15, "", "", std::nullopt});
        auto rx = s.dispense(c.dispenser, in);
        REQUIRE(rx.ok());
        REQUIRE(s.cancel_dispensing(c.dispenser, rx->prescription_id, "wrong patient").ok());
        CHECK(s.describe_change(last_change(s)) ==
              "Cancellation of the dispensing for KAMARA, Aminata: Amoxicillin 250 mg x 15 (wrong "
              "patient)");
    }
    SECTION("a receipt of a new batch and an adjustment") {
        c.receive(c.ors, "ORS-9", 400, 40);
        CHECK(s.describe_change(last_change(s)) ==
              "Receipt of Oral rehydration salts 1 L batch ORS-9: 40 sachets");
        REQUIRE(s.adjust(c.storekeeper, {batch_of(c, c.ors), 3, "found", ""}).ok());
        CHECK(s.describe_change(last_change(s)) ==
              "Adjustment of Oral rehydration salts 1 L batch ORS-9: 3 sachets added (Found)");
    }
    SECTION("holding and releasing a batch") {
        const std::string batch = batch_of(c, c.amox);
        REQUIRE(s.set_batch_on_hold(c.storekeeper, batch, true).ok());
        CHECK(s.describe_change(last_change(s)) == "Amoxicillin 250 mg batch A-1 put on hold");
        REQUIRE(s.set_batch_on_hold(c.storekeeper, batch, false).ok());
        CHECK(s.describe_change(last_change(s)) ==
              "Amoxicillin 250 mg batch A-1 released from hold");
    }
    SECTION("a count flag raised by a pulled dispensing") {
        json row{
            {"id", batch_of(c, c.amox)}, {"item_id", c.amox}, {"on_hold", 0}, {"needs_count", 1}};
        OutboxChange flag{9, "count_flag", row["id"], "", json{{"batches", {row}}}.dump()};
        CHECK(s.describe_change(flag) == "Amoxicillin 250 mg batch A-1 flagged for a count");
    }
    SECTION("stock counts finalised and abandoned") {
        auto st = s.start_stocktake(c.storekeeper, "monthly", false, {c.amox});
        REQUIRE(st.ok());
        REQUIRE(s.enter_count(c.storekeeper, *st, batch_of(c, c.amox), 480).ok());
        REQUIRE(s.finalise_stocktake(c.storekeeper, *st).ok());
        CHECK(s.describe_change(last_change(s)) == "Stock count 'monthly' finalised: 1 correction");
        auto st2 = s.start_stocktake(c.storekeeper, "", false);
        REQUIRE(s.abandon_stocktake(c.storekeeper, *st2).ok());
        CHECK(s.describe_change(last_change(s)) == "Stock count abandoned");
    }
}

TEST_CASE("a change naming what this device does not hold says so", "[outbox][describe]") {
    Clinic c;
    Store& s = *c.store;
    json ev{{"kind", "receipt"},
            {"item_id", "no-such-item"},
            {"batch_id", "no-such-batch"},
            {"quantity", 5}};
    OutboxChange receipt{1, "receive", "e", "", json{{"stock_events", {ev}}}.dump()};
    CHECK(s.describe_change(receipt) ==
          "Receipt of an item not in this device's catalogue batch (unknown batch): 5 units");
    json rx{{"id", "rx"}, {"patient_id", "nobody"}};
    OutboxChange dispensing{2, "dispense", "rx", "", json{{"prescriptions", {rx}}}.dump()};
    CHECK(s.describe_change(dispensing) ==
          "Dispensing for a patient not on this device: no medicines listed");
    CHECK(s.describe_change({3, "dispense", "x", "", "{not json"}) ==
          "A dispense whose content cannot be read");
    CHECK(s.describe_change({4, "stock_transfer", "x", "", "{}"}) == "A stock transfer change");
    CHECK(s.describe_change({5, "receive", "x", "", "{\"stock_events\": 7}"}) ==
          "Receipt of an item not in this device's catalogue batch (unknown batch): 0 units");
}

TEST_CASE("refused changes come described with central's reason in order", "[outbox][describe]") {
    Clinic c;
    Store& s = *c.store;
    int64_t registered = 0;  // the fixture's patient
    for (const auto& change : s.outbox_after(0, 1000, SIZE_MAX).value())
        if (change.entity == "patient") registered = change.seq;
    REQUIRE(registered > 0);
    const int64_t last = s.outbox_last_seq();
    REQUIRE(s.quarantine_change(last, "batch numbers clash").ok());
    REQUIRE(s.quarantine_change(registered, "patient belongs to another site").ok());
    auto refused = s.refused_changes();
    REQUIRE(refused.ok());
    REQUIRE(refused->size() == 2);
    CHECK(refused->at(0).seq == registered);
    CHECK(refused->at(0).what == "Details of patient KAMARA, Aminata");
    CHECK(refused->at(0).reason == "patient belongs to another site");
    CHECK(refused->at(1).seq == last);
    CHECK(refused->at(1).what == "Receipt of Amoxicillin 250 mg batch A-1: 500 tablets");
    CHECK(refused->at(1).reason == "batch numbers clash");
}

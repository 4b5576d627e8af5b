// Receiving and adjusting stock through the screens, and holding a batch;
// each checked in the store afterwards.
#include <catch2/catch.hpp>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

TEST_CASE("receive stock in packs through the receive screen", "[screens][receive]") {
    Clinic clinic;
    Ui ui(clinic);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("Receive##nav"));
    REQUIRE(ui.type_into("##receive_item_search", "PCM"));
    REQUIRE(ui.tap_prefix("PCM500  "));
    REQUIRE(ui.type_into("##receive_batch", "PARA-2"));

    // Not a real date: the Receive button stays disabled.
    REQUIRE(ui.tap("receive_expiry"));
    REQUIRE(ui.keypad("receive", "20281340"));
    REQUIRE(ui.tap("Done##receive"));
    REQUIRE(ui.tap("receive_qty"));
    REQUIRE(ui.keypad("receive", "2"));
    REQUIRE(ui.tap("Done##receive"));
    REQUIRE(ui.tap("Packs of 1000##receive"));
    REQUIRE(ui.type_into("##receive_supplier", "CMS"));
    REQUIRE(ui.tap("Receive##receive"));
    CHECK(ui.notice().empty());

    REQUIRE(ui.tap("receive_expiry"));
    REQUIRE(ui.tap("Clear##receive"));
    REQUIRE(ui.keypad("receive", "20280131"));
    REQUIRE(ui.tap("Done##receive"));
    REQUIRE(ui.tap("Receive##receive"));
    INFO(ui.error());
    CHECK(ui.notice().find("2000") != std::string::npos);
    CHECK(ui.notice().find("PARA-2") != std::string::npos);
    CHECK(clinic.on_hand(clinic.para, "PARA-2") == 2000);
    CHECK(clinic.on_hand(clinic.para, "PARA-1") == 500);
    auto d = clinic.store->item_detail(clinic.para);
    REQUIRE(d.ok());
    bool found = false;
    for (const BatchRow& b : d->batches) {
        if (b.batch_no != "PARA-2") continue;
        found = true;
        CHECK(b.expiry == "2028-01-31");
    }
    CHECK(found);
}

TEST_CASE("adjust a batch with a reason from the item screen", "[screens][adjust]") {
    Clinic clinic;
    std::string reason_code, reason_label;
    for (const ReasonCode& r : clinic.store->reason_codes()) {
        if (r.direction <= 0) {
            reason_code = r.code;
            reason_label = r.label;
            break;
        }
    }
    REQUIRE_FALSE(reason_code.empty());

    Ui ui(clinic);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Stock##nav"));
    REQUIRE(ui.type_into("##stock_search", "amox"));
    REQUIRE(ui.tap_prefix("AMX250"));
    REQUIRE(ui.tap("Adjust##adjust-" + clinic.amox_late));
    REQUIRE(ui.visible("Remove stock##adjust"));
    REQUIRE(ui.tap("adjust_qty"));
    REQUIRE(ui.keypad("adjust", "7"));
    REQUIRE(ui.tap("Done##adjust"));
    // Without a reason nothing is saved.
    REQUIRE(ui.tap("Save adjustment##adjust"));
    CHECK(clinic.on_hand(clinic.amox, "AMX-LATE") == 100);

    REQUIRE(ui.tap(reason_label + "##reason-" + reason_code));
    REQUIRE(ui.type_into("##adjust_note", "Box crushed"));
    REQUIRE(ui.tap("Save adjustment##adjust"));
    INFO(ui.error());
    CHECK(clinic.on_hand(clinic.amox, "AMX-LATE") == 93);
    CHECK(clinic.on_hand(clinic.amox, "AMX-EARLY") == 10);
    CHECK_FALSE(ui.notice().empty());

    auto card = clinic.store->stock_card(clinic.amox, clinic.amox_late, 0, 5);
    REQUIRE(card.ok());
    REQUIRE_FALSE(card->rows.empty());
    CHECK(card->rows[0].quantity == -7);
}

TEST_CASE("hold and release a batch from the item screen", "[screens][item]") {
    Clinic clinic;
    Ui ui(clinic);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Stock##nav"));
    REQUIRE(ui.tap_prefix("AMX250"));
    REQUIRE(ui.tap("Hold##hold-" + clinic.amox_early));
    ui.frame(2);
    REQUIRE(ui.tap("Put on hold##item"));
    auto d = clinic.store->item_detail(clinic.amox);
    REQUIRE(d.ok());
    for (const BatchRow& b : d->batches) CHECK(b.on_hold == (b.id == clinic.amox_early));
    ui.frame(2);
    REQUIRE(ui.tap("Release##hold-" + clinic.amox_early));
    ui.frame(2);
    REQUIRE(ui.tap("Release##item"));
    d = clinic.store->item_detail(clinic.amox);
    REQUIRE(d.ok());
    for (const BatchRow& b : d->batches) CHECK_FALSE(b.on_hold);
}

TEST_CASE("stock list filters and the expiring list", "[screens][stock]") {
    Clinic clinic;
    Ui ui(clinic);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("Stock##nav"));
    CHECK(ui.visible_containing("##stock-" + clinic.amox));
    CHECK(ui.visible_containing("##stock-" + clinic.para));
    REQUIRE(ui.type_into("##stock_search", "ORS"));
    CHECK(ui.visible_containing("##stock-" + clinic.ors));
    CHECK_FALSE(ui.visible_containing("##stock-" + clinic.amox));

    // AMX-EARLY expires 2026-12-31: 199 days after the clinic's today.
    REQUIRE(ui.tap("Expiring##nav"));
    REQUIRE(ui.tap("6 months##days"));
    CHECK_FALSE(ui.visible_containing("##expiring-" + clinic.amox_early));
    REQUIRE(ui.tap("3 months##days"));
    CHECK_FALSE(ui.visible_containing("##expiring-" + clinic.amox_early));
    clinic.clock.advance(180LL * 24 * 3600 * 1000);  // now 19 days before expiry
    REQUIRE(ui.tap("30 days##days"));
    CHECK(ui.visible_containing("##expiring-" + clinic.amox_early));
    CHECK_FALSE(ui.visible_containing("##expiring-" + clinic.amox_late));
}

TEST_CASE("quantities are counted in plural units on the stock list and the item",
          "[screens][stock][units]") {
    Clinic clinic;
    Ui ui(clinic);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("Stock##nav"));
    std::string amox, ors;
    REQUIRE(ui.probe.find_prefix("AMX250   ", &amox));
    REQUIRE(ui.probe.find_prefix("ORS   ", &ors));
    CHECK(amox.find("   110 tablets") != std::string::npos);
    CHECK(ors.find("   50 sachets") != std::string::npos);
    // One left is singular.
    AdjustInput in;
    in.batch_id = clinic.ors_batch;
    in.quantity = -49;
    in.reason = "damaged";
    auto adjusted = clinic.store->adjust(clinic.storekeeper, in);
    INFO(adjusted.status().message());
    REQUIRE(adjusted.ok());
    ui.frame(3);
    REQUIRE(ui.probe.find_prefix("ORS   ", &ors));
    CHECK(ors.find("   1 sachet") != std::string::npos);
    CHECK(ors.find("   1 sachets") == std::string::npos);
}

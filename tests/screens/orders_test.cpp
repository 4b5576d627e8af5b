// Orders through the screens (issue 12): the storekeeper makes a
// requisition, changes a line (a reason is asked for when the change is
// large) and sends it; a shipment from central shows on Receive as expected
// and is received in one tap per line, or with a different quantity and its
// reason. Each checked in the store afterwards.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "orders.h"
#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;
using json = nlohmann::json;

TEST_CASE("a requisition through the screen: change a line with a reason, send", "[screens][orders]") {
    Clinic clinic;
    Ui ui(clinic);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Orders##nav"));
    REQUIRE(ui.tap("New requisition##req"));
    ui.frame(2);
    auto list = requisitions(*clinic.store);
    REQUIRE(list.ok());
    REQUIRE(list->size() == 1);
    auto draft = requisition(*clinic.store, list->front().id);
    REQUIRE(draft.ok());
    REQUIRE(!draft->lines.empty());
    const RequisitionLine& amox = draft->lines.front();  // by name: Amoxicillin first
    REQUIRE(amox.item_id == clinic.amox);
    CHECK(ui.visible("status:draft"));
    CHECK(ui.visible("working-" + amox.id));  // the working line is on screen

    REQUIRE(ui.tap("Change##req-" + amox.id));
    REQUIRE(ui.tap("Clear##req"));
    REQUIRE(ui.keypad("req", "500"));
    // Five packs where none was suggested: Save waits for a reason.
    REQUIRE(ui.tap("Save##req-line"));
    CHECK(requisition(*clinic.store, draft->info.id)->lines.front().quantity == amox.quantity);
    REQUIRE(ui.type_into("##req_reason", "Measles campaign"));
    REQUIRE(ui.tap("Save##req-line"));
    INFO(ui.error());
    CHECK(ui.notice().find("500") != std::string::npos);
    CHECK(requisition(*clinic.store, draft->info.id)->lines.front().quantity == 500);
    CHECK(requisition(*clinic.store, draft->info.id)->lines.front().reason == "Measles campaign");

    const int64_t before = clinic.store->outbox_last_seq();
    REQUIRE(ui.tap("Send to central##req"));
    ui.frame(2);
    CHECK(clinic.store->outbox_last_seq() == before + 1);
    CHECK(requisition(*clinic.store, draft->info.id)->info.status == RequisitionStatus::kSent);
    CHECK(ui.visible("status:sent"));
    CHECK_FALSE(ui.visible("Send to central##req"));
    REQUIRE(ui.tap("Back to the list##req"));
    CHECK(ui.visible_prefix("sent   sent "));
}

TEST_CASE("a dispenser sees no Orders screen", "[screens][orders]") {
    Clinic clinic;
    Ui ui(clinic);
    REQUIRE(ui.log_in());
    CHECK_FALSE(ui.visible("Orders##nav"));
}

TEST_CASE("an expected shipment received on the Receive screen", "[screens][orders][receive]") {
    Clinic clinic;
    Store& s = *clinic.store;
    const std::string site = s.identity().site_id;
    json ship{{"id", "ship-9"}, {"site_id", site}, {"requisition_id", "req-x"}, {"reference", "CMS-9"},
              {"note", ""},     {"created_ms", kStartMs}};
    json lines = json::array();
    lines.push_back({{"id", "sl-1"}, {"shipment_id", "ship-9"}, {"site_id", site}, {"line_no", 1},
                     {"item_id", clinic.ors}, {"batch_no", "ORS-NEW"}, {"expiry", "2028-04-30"}, {"quantity", 200}});
    lines.push_back({{"id", "sl-2"}, {"shipment_id", "ship-9"}, {"site_id", site}, {"line_no", 2},
                     {"item_id", clinic.para}, {"batch_no", "PARA-NEW"}, {"expiry", "2028-05-31"}, {"quantity", 1000}});
    REQUIRE(s.apply_remote({json{{"shipments", json::array({ship})}, {"shipment_lines", lines}}.dump()}, "cursor", "1")
                .ok());
    Ui ui(clinic);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("Receive##nav"));
    REQUIRE(ui.visible("Receive##expected-sl-1"));
    REQUIRE(ui.tap("Receive##expected-sl-1"));
    INFO(ui.error());
    CHECK(clinic.on_hand(clinic.ors, "ORS-NEW") == 200);
    CHECK_FALSE(ui.visible("Receive##expected-sl-1"));  // no longer expected

    REQUIRE(ui.tap("Different quantity##expected-sl-2"));
    REQUIRE(ui.tap("Clear##expected"));
    REQUIRE(ui.keypad("expected", "900"));
    REQUIRE(ui.tap("Save received##expected-sl-2"));  // no reason yet: nothing happens
    CHECK_FALSE(shipment_lines(s, "ship-9")->at(1).received.has_value());
    REQUIRE(ui.type_into("##expected_reason-sl-2", "One pack missing"));
    REQUIRE(ui.tap("Save received##expected-sl-2"));
    CHECK(clinic.on_hand(clinic.para, "PARA-NEW") == 900);
    CHECK(ui.notice().find("900") != std::string::npos);
    auto all = shipment_lines(s, "ship-9");
    REQUIRE(all.ok());
    CHECK(all->at(1).received == 900);
    CHECK(all->at(1).difference_reason == "One pack missing");
    CHECK_FALSE(ui.visible_prefix("Receive all as shipped"));
    auto v = s.verify();
    REQUIRE(v.ok());
    CHECK(v->ok());
}

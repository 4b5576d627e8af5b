// Roles in the screens: a dispenser is not offered what the store would
// refuse (adjust, hold, start or finalise a stocktake, the audit); a
// storekeeper is. The audit screen lists who did what and filters by kind
// and by user.
#include <catch2/catch.hpp>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

TEST_CASE("a dispenser is not offered adjust hold stocktake or audit - a storekeeper is",
          "[screens][roles]") {
    Clinic clinic;
    {
        Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
        REQUIRE(ui.log_in(kDispenser, kDispenserPin));
        CHECK_FALSE(ui.visible("Audit##nav"));
        REQUIRE(ui.tap("Stock##nav"));
        REQUIRE(ui.tap_prefix("AMX250"));
        REQUIRE(ui.visible("Back to stock##item"));
        CHECK_FALSE(ui.visible("Adjust##adjust-" + clinic.amox_early));
        CHECK_FALSE(ui.visible("Hold##hold-" + clinic.amox_early));
        CHECK_FALSE(ui.visible_prefix("Adjust##adjust-"));
        CHECK_FALSE(ui.visible_prefix("Hold##hold-"));
        REQUIRE(ui.tap("Stocktake##nav"));
        CHECK_FALSE(ui.visible("Start##stocktake"));
        CHECK_FALSE(ui.visible("##stocktake_description"));
    }
    // A storekeeper starts a count; a dispenser may count its lines but
    // not finalise or abandon it.
    auto started = clinic.store->start_stocktake(clinic.storekeeper, "June count", false);
    REQUIRE(started.ok());
    {
        Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
        REQUIRE(ui.log_in(kDispenser, kDispenserPin));
        REQUIRE(ui.tap("Stocktake##nav"));
        REQUIRE(ui.tap_containing("##stocktake-" + started.value()));
        CHECK(ui.visible_containing("##sheet-" + clinic.para_batch));
        CHECK_FALSE(ui.visible("Finalise##stocktake"));
        CHECK_FALSE(ui.visible("Abandon##stocktake"));
        REQUIRE(ui.tap_containing("##sheet-" + clinic.para_batch));
        REQUIRE(ui.keypad("count", "498"));
        REQUIRE(ui.tap("Save count##count"));
        INFO(ui.error());
        auto sheet = clinic.store->stocktake_sheet(started.value(), 0, 50);
        REQUIRE(sheet.ok());
        bool counted = false;
        for (const SheetRow& r : sheet->rows)
            if (r.batch_id == clinic.para_batch) counted = r.counted && *r.counted == 498;
        CHECK(counted);
    }
    {
        Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
        REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
        CHECK(ui.visible("Audit##nav"));
        REQUIRE(ui.tap("Stock##nav"));
        REQUIRE(ui.tap_prefix("AMX250"));
        CHECK(ui.visible("Adjust##adjust-" + clinic.amox_early));
        CHECK(ui.visible("Hold##hold-" + clinic.amox_early));
        REQUIRE(ui.tap("Stocktake##nav"));
        REQUIRE(ui.tap_containing("##stocktake-" + started.value()));
        CHECK(ui.visible("Finalise##stocktake"));
        CHECK(ui.visible("Abandon##stocktake"));
        REQUIRE(ui.tap("All stocktakes##stocktake"));
        CHECK(ui.visible("Start##stocktake"));
    }
}

TEST_CASE("the navigation bar fits one line at 1024x600 with Audit Sync and Training",
          "[screens][roles][layout]") {
    Clinic clinic;
    UiOptions options;
    options.sync_now = [] {};
    options.demo = true;
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    const char* nav[] = {"Dispense##nav", "Stock##nav",    "Receive##nav",
                         "Stocktake##nav", "Expiring##nav", "Audit##nav",
                         "Sync##nav",      "Training##nav", "Log out##nav"};
    const float y = ui.probe.find(nav[0])->min.y;
    for (const char* n : nav) {
        INFO(n);
        const WidgetProbe::Rect* r = ui.probe.find(n);
        REQUIRE(r);
        CHECK(r->min.y == y);
        CHECK(r->max.x <= 1024.0f);
    }
}

TEST_CASE("the audit shows who dispensed and filters by kind and by user", "[screens][audit]") {
    Clinic clinic;
    PatientInput pin;
    pin.family_name = "Vaka";
    pin.given_name = "Sione";
    auto patient = clinic.store->register_patient(clinic.dispenser, pin);
    REQUIRE(patient.ok());
    DispenseInput rx;
    rx.patient_id = patient.value();
    DispenseLineInput line;
    line.item_id = clinic.ors;
    line.quantity = 4;
    line.directions = "1 sachet in 1 L water";
    rx.lines.push_back(line);
    REQUIRE(clinic.store->dispense(clinic.dispenser, rx).ok());

    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Audit##nav"));
    // Newest first: the dispensing is the latest event (the receipts came
    // before it, by the storekeeper).
    const std::string newest = ui.text("audit0");
    INFO(newest);
    CHECK(newest.find(kDispenser) != std::string::npos);
    CHECK(newest.find("| dispense |") != std::string::npos);
    CHECK(newest.find("Oral rehydration salts") != std::string::npos);
    CHECK(newest.find("ORS-1") != std::string::npos);
    CHECK(newest.find("| -4 |") != std::string::npos);
    CHECK(newest.find("VAKA") != std::string::npos);
    CHECK(newest.find("kiosk-1") != std::string::npos);
    CHECK(ui.text("audit1").find(kStorekeeper) != std::string::npos);

    // Only the storekeeper's events: the four receipts.
    REQUIRE(ui.tap("Ben Storekeeper##audit-user-" + clinic.storekeeper));
    for (int i = 0; i < 4; ++i) {
        INFO(i);
        CHECK(ui.text("audit" + std::to_string(i)).find(kStorekeeper) != std::string::npos);
        CHECK(ui.text("audit" + std::to_string(i)).find("| receipt |") != std::string::npos);
    }
    CHECK(ui.text("audit4").empty());
    // Everyone's dispensings: only the one.
    REQUIRE(ui.tap("Everyone##audit-user"));
    REQUIRE(ui.tap("Dispensed##audit-kind"));
    CHECK(ui.text("audit0").find(kDispenser) != std::string::npos);
    CHECK(ui.text("audit1").empty());
    // The dispenser made no receipts.
    REQUIRE(ui.tap("Amina Dispenser##audit-user-" + clinic.dispenser));
    REQUIRE(ui.tap("Received##audit-kind"));
    CHECK(ui.text("audit0").empty());
}

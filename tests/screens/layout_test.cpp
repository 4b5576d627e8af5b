// Layout at the two screen sizes the kiosk meets (1366x768 laptops and
// 1024x600 netbooks): every touch target is at least 2.7 em tall and none
// runs off the right edge; the navigation bar fits on one line; the status
// line shows the sync state; the DEMO banner is on every screen.
#include <catch2/catch.hpp>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

void check_targets(Ui& ui, const char* where) {
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    INFO(where << " at " << display.x << "x" << display.y);
    REQUIRE_FALSE(ui.probe.all().empty());
    for (const auto& [key, r] : ui.probe.all()) {
        INFO(key);
        CHECK(r.height() >= 2.7f * em - 0.5f);
        CHECK(r.max.x <= display.x + 0.5f);
        CHECK(r.min.x >= -0.5f);
    }
}

}  // namespace

TEST_CASE("touch targets are big enough and on screen at both sizes", "[screens][layout]") {
    // The shell's font sizes: 20 px at 768 tall, 18 px at 600 (DejaVu Sans);
    // and ImGui's built-in font at 13 px.
    struct Case {
        ImVec2 size;
        float font_px;
    };
    const Case cases[] = {{ImVec2(1366, 768), 20}, {ImVec2(1024, 600), 18},
                          {ImVec2(1024, 600), 0}};
    for (const Case& c : cases) {
        Clinic clinic;
        Ui ui(clinic, c.size, UiOptions{}, c.font_px);
        check_targets(ui, "login tiles");
        REQUIRE(ui.tap_prefix("Amina Dispenser##user-"));
        check_targets(ui, "PIN keypad");
        REQUIRE(ui.tap("Switch user##login"));
        REQUIRE(ui.log_in());
        const char* nav[] = {"Dispense##nav", "Stock##nav", "Receive##nav", "Stocktake##nav",
                             "Expiring##nav", "Log out##nav"};
        const float y = ui.probe.find(nav[0])->min.y;
        for (const char* n : nav) {
            INFO(n);
            REQUIRE(ui.visible(n));
            CHECK(ui.probe.find(n)->min.y == y);  // one line
        }
        const char* screens[] = {"Dispense##nav", "Stock##nav", "Receive##nav", "Stocktake##nav",
                                 "Expiring##nav"};
        for (const char* n : screens) {
            REQUIRE(ui.tap(n));
            check_targets(ui, n);
        }
        // The busiest screens: a prescription with the keypad open, the
        // register form, the receive form with the keypad, an item detail.
        REQUIRE(ui.tap("Dispense##nav"));
        REQUIRE(ui.tap("New patient##dispense"));
        REQUIRE(ui.tap("reg_birth_year"));
        check_targets(ui, "register with keypad");
        REQUIRE(ui.tap("Done##year"));
        REQUIRE(ui.type_into("##reg_family", "Tau"));
        REQUIRE(ui.type_into("##reg_given", "Mele"));
        REQUIRE(ui.tap("Save patient##register"));
        INFO(ui.error());
        REQUIRE(ui.type_into("##item_search", "AMX"));
        REQUIRE(ui.tap_prefix("AMX250"));
        check_targets(ui, "prescription with keypad");
        REQUIRE(ui.tap("Receive##nav"));
        REQUIRE(ui.type_into("##receive_item_search", "ORS"));
        REQUIRE(ui.tap_prefix("ORS  "));
        REQUIRE(ui.tap("receive_qty"));
        check_targets(ui, "receive with keypad");
        REQUIRE(ui.tap("Stock##nav"));
        REQUIRE(ui.tap_prefix("AMX250"));
        check_targets(ui, "item detail");
    }
}

TEST_CASE("the status line shows the sync state in plain words", "[screens][status]") {
    Clinic clinic;
    {
        Ui ui(clinic);
        CHECK(ui.text("sync") == "Sync not set up");
    }
    SyncStatusBoard board;
    UiOptions options;
    options.sync = &board;
    Ui ui(clinic, ImVec2(1366, 768), options);
    SyncSnapshot snap;
    snap.configured = true;
    snap.last_success_ms = kStartMs - 4 * 60 * 1000;
    board.publish(snap);
    ui.frame();
    CHECK(ui.text("sync") == "Synced 4 min ago");
    CHECK(ui.text("sync:health") == "healthy");

    snap.changes_waiting = 37;
    snap.last_success_ms = kStartMs - 30LL * 3600 * 1000;  // 30 hours: amber
    board.publish(snap);
    ui.frame();
    CHECK(ui.text("sync").rfind("37 changes waiting", 0) == 0);
    CHECK(ui.text("sync:health") == "amber");

    snap.last_success_ms = kStartMs - 4LL * 24 * 3600 * 1000;  // 4 days: red
    board.publish(snap);
    ui.frame();
    CHECK(ui.text("sync:health") == "red");
}

TEST_CASE("demo mode shows a DEMO banner on every screen", "[screens][demo]") {
    Clinic clinic;
    {
        Ui ui(clinic);
        CHECK(ui.text("demo").empty());
    }
    UiOptions options;
    options.demo = true;
    Ui ui(clinic, ImVec2(1024, 600), options);
    CHECK(ui.text("demo").find("DEMO") == 0);
    REQUIRE(ui.log_in());
    const char* screens[] = {"Dispense##nav", "Stock##nav", "Receive##nav", "Stocktake##nav",
                             "Expiring##nav"};
    for (const char* n : screens) {
        REQUIRE(ui.tap(n));
        INFO(n);
        CHECK(ui.text("demo").find("DEMO") == 0);
    }
}

TEST_CASE("sync details sync set-up and training keep touch targets big and on screen",
          "[screens][layout][sync][demo]") {
    const ImVec2 sizes[] = {ImVec2(1366, 768), ImVec2(1024, 600)};
    for (const ImVec2 size : sizes) {
        const float font_px = size.y <= 600 ? 18.0f : 20.0f;
        {
            Clinic clinic;
            SyncStatusBoard board;
            SyncSnapshot snap;
            snap.configured = true;
            snap.changes_waiting = 37;
            snap.quarantined = 2;
            snap.last_success_ms = kStartMs - 50LL * 3600 * 1000;
            snap.last_error = "Central could not be reached (connection timed out). Will try again.";
            board.publish(snap);
            UiOptions options;
            options.demo = true;
            options.sync = &board;
            options.sync_now = [] {};
            options.demo_scenarios = {"Standard demo clinic", "Expiring stock", "Stock-out",
                                      "Stocktake with a discrepancy",
                                      "Two devices dispensed the last box offline"};
            options.reset_demo = [](int) {};
            options.simulate_offline = [](bool) {};
            Ui ui(clinic, size, options, font_px);
            REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
            check_targets(ui, "dispense with a long sync state");
            REQUIRE(ui.tap("Sync##nav"));
            check_targets(ui, "sync details");
            REQUIRE(ui.tap("Training##nav"));
            check_targets(ui, "training");
            REQUIRE(ui.tap("Stock-out##scenario-2"));
            check_targets(ui, "training confirmation");
        }
        {
            // An admin in demo mode with sync has every entry of the nav bar
            // (eleven and Log out): none may pass the window's edge.
            Clinic clinic;
            REQUIRE(clinic.store->add_user({"Ada Admin", Role::kAdmin, "9999"}).ok());
            SyncStatusBoard board;
            SyncSnapshot snap;
            snap.configured = true;
            board.publish(snap);
            UiOptions options;
            options.demo = true;
            options.sync = &board;
            options.sync_now = [] {};
            options.reset_demo = [](int) {};
            options.simulate_offline = [](bool) {};
            Ui ui(clinic, size, options, font_px);
            REQUIRE(ui.log_in("Ada Admin", "9999"));
            check_targets(ui, "an admin's nav bar in demo mode");
            CHECK(ui.visible("Printer##nav"));
            CHECK(ui.visible("Training##nav"));
            CHECK(ui.visible("Log out##nav"));
        }
        Clinic clinic(false);
        UiOptions options;
        options.start_registration = [](const std::string&, const std::string&) {};
        Ui ui(clinic, size, options, font_px);
        check_targets(ui, "sync set-up");
    }
}

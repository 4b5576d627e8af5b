// The trainer's panel, driven headless: one tap on a scenario resets the
// demo and "Undo the reset" (panel and login screen) asks to bring it back;
// the "Simulate offline" switch with the sync state, the demo's amber state
// and the simulated second device's line.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

TEST_CASE("the training panel resets in one tap and simulates offline", "[screens][demo]") {
    Clinic clinic;
    SyncStatusBoard board;
    std::vector<int> resets;
    std::vector<bool> offline_calls;
    UiOptions options;
    options.demo = true;
    options.sync = &board;
    options.demo_scenarios = {"Standard demo clinic", "Expiring stock", "Stock-out",
                              "Stocktake with a discrepancy",
                              "Two devices dispensed the last box offline"};
    options.reset_demo = [&](int i) { resets.push_back(i); };
    options.simulate_offline = [&](bool offline) { offline_calls.push_back(offline); };
    SyncSnapshot snap;
    snap.configured = true;
    snap.last_success_ms = kStartMs - 60 * 1000;
    board.publish(snap);
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("Training##nav"));
    for (const std::string& title : options.demo_scenarios) {
        INFO(title);
        CHECK_FALSE(ui.text("scenario:" + title).empty());  // every title has its description
    }

    // One tap resets (the app keeps the demo for Undo); no Undo before a reset.
    CHECK_FALSE(ui.visible("Undo the reset##training"));
    REQUIRE(ui.tap("Expiring stock##scenario-1"));
    REQUIRE(resets.size() == 1);
    CHECK(resets[0] == 1);

    // The offline switch, with the sync state beside it.
    CHECK(ui.text("training:sync") == "Synced 1 min ago");
    REQUIRE(ui.tap("Offline##simulate"));
    REQUIRE(ui.tap("Offline##simulate"));  // already offline: no second call
    snap.changes_waiting = 3;
    board.publish(snap);
    ui.frame();
    CHECK(ui.text("training:sync").rfind("3 changes waiting", 0) == 0);
    REQUIRE(ui.tap("Online##simulate"));
    CHECK(offline_calls == std::vector<bool>{true, false});
}

TEST_CASE("the training panel shows the demo's amber state and the second device's work",
          "[screens][demo]") {
    Clinic clinic;
    SyncStatusBoard board;
    int peer_calls = 0;
    UiOptions options;
    options.demo = true;
    options.sync = &board;
    options.simulate_offline = [](bool) {};
    options.demo_peer_status = [&] {
        ++peer_calls;
        return std::string("Dispensary tablet (simulated): 2 prescriptions dispensed");
    };
    // The demo's thresholds: a minute stands for a day.
    SyncSnapshot snap;
    snap.configured = true;
    snap.amber_after_ms = 60 * 1000;
    snap.red_after_ms = 180 * 1000;
    snap.last_success_ms = kStartMs - 30 * 1000;
    board.publish(snap);
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("Training##nav"));
    CHECK(ui.text("training:health") == "healthy");
    CHECK(ui.text("training:peer") == "Dispensary tablet (simulated): 2 prescriptions dispensed");
    CHECK(peer_calls > 0);
    // The switch shows without scrolling at 1024x600.
    const WidgetProbe::Rect* offline = ui.probe.find("Offline##simulate");
    REQUIRE(offline != nullptr);
    CHECK(offline->tappable());

    // The link is cut: the error shows at once, still green; amber after a minute.
    snap.last_error = "offline: the link to the demo central is cut (Training, Simulate offline)";
    snap.changes_waiting = 1;
    board.publish(snap);
    ui.frame();
    CHECK(ui.text("training:health") == "healthy");
    clinic.clock.advance(45 * 1000);
    ui.frame();
    CHECK(ui.text("training:health") == "amber");
    CHECK(ui.text("sync:health") == "amber");
    clinic.clock.advance(120 * 1000);
    ui.frame();
    CHECK(ui.text("training:health") == "red");
}

TEST_CASE("the offline switch hides without simulate_offline and starts where the app says",
          "[screens][demo]") {
    Clinic clinic;
    UiOptions options;
    options.demo = true;
    options.demo_scenarios = {"Standard demo clinic"};
    options.reset_demo = [](int) {};
    {
        Ui ui(clinic, ImVec2(1024, 600), options, 18);
        REQUIRE(ui.log_in());
        REQUIRE(ui.tap("Training##nav"));
        CHECK(ui.visible("Standard demo clinic##scenario-0"));
        CHECK_FALSE(ui.visible("Offline##simulate"));
    }
    std::vector<bool> calls;
    options.simulate_offline = [&](bool offline) { calls.push_back(offline); };
    options.simulated_offline = true;
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("Training##nav"));
    REQUIRE(ui.tap("Offline##simulate"));  // already on: nothing to do
    CHECK(calls.empty());
    REQUIRE(ui.tap("Online##simulate"));
    CHECK(calls == std::vector<bool>{false});
}

TEST_CASE("after a demo reset Undo shows on the login screen and the panel", "[screens][demo]") {
    Clinic clinic;
    int undo_calls = 0;
    UiOptions options;
    options.demo = true;
    options.demo_scenarios = {"Standard demo clinic", "Stock-out"};
    options.reset_demo = [](int) {};
    options.demo_reset_to = "Stock-out";
    options.undo_demo_reset = [&] { ++undo_calls; };
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    ui.frame(2);
    CHECK(ui.text("undo:login") ==
          "The demo was reset to Stock-out. Undo brings back the demo as it was just before.");
    REQUIRE(ui.tap("Undo the reset##login"));
    CHECK(undo_calls == 1);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("Training##nav"));
    CHECK_FALSE(ui.text("undo:training").empty());
    REQUIRE(ui.tap("Undo the reset##training"));
    CHECK(undo_calls == 2);
}

TEST_CASE("without a reset to undo or outside the demo no Undo shows", "[screens][demo]") {
    Clinic clinic;
    UiOptions options;
    options.demo_reset_to = "Stock-out";  // not demo mode: ignored
    options.undo_demo_reset = [] {};
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    ui.frame(2);
    CHECK_FALSE(ui.visible("Undo the reset##login"));
    UiOptions demo;
    demo.demo = true;
    demo.undo_demo_reset = [] {};  // nothing was reset
    Ui ui2(clinic, ImVec2(1024, 600), demo, 18);
    ui2.frame(2);
    CHECK_FALSE(ui2.visible("Undo the reset##login"));
}

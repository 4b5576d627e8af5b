// Login, lock-out message, switching user, auto-logout and the idle rule
// (no store queries while nothing changes).
#include <catch2/catch.hpp>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

TEST_CASE("a wrong PIN shows the store's message and the right PIN logs in", "[screens][login]") {
    Clinic clinic;
    Ui ui(clinic);
    REQUIRE(ui.visible_prefix("Amina Dispenser##user-"));
    REQUIRE_FALSE(ui.visible("Dispense##nav"));

    REQUIRE(ui.tap_prefix("Amina Dispenser##user-"));
    REQUIRE(ui.keypad("pin", "9999"));
    REQUIRE(ui.tap("Log in##pin"));
    CHECK_FALSE(ui.error().empty());
    CHECK_FALSE(ui.visible("Dispense##nav"));
    CHECK(ui.visible("Log in##pin"));  // still asking for the PIN

    REQUIRE(ui.keypad("pin", kDispenserPin));
    REQUIRE(ui.tap("Log in##pin"));
    CHECK(ui.visible("Dispense##nav"));
    CHECK(ui.visible("Log out##nav"));
    CHECK(ui.error().empty());
}

TEST_CASE("Back and Clear edit the PIN - Switch user returns to the tiles", "[screens][login]") {
    Clinic clinic;
    Ui ui(clinic);
    REQUIRE(ui.tap_prefix("Amina Dispenser##user-"));
    REQUIRE(ui.keypad("pin", "12349"));
    REQUIRE(ui.tap("Back##pin"));  // drops the 9
    REQUIRE(ui.tap("Log in##pin"));
    CHECK(ui.visible("Dispense##nav"));
    REQUIRE(ui.tap("Log out##nav"));
    CHECK_FALSE(ui.visible("Dispense##nav"));

    REQUIRE(ui.tap_prefix("Amina Dispenser##user-"));
    REQUIRE(ui.keypad("pin", "1"));
    REQUIRE(ui.tap("Clear##pin"));
    REQUIRE(ui.tap("Switch user##login"));
    CHECK(ui.visible_prefix("Ben Storekeeper##user-"));
    CHECK_FALSE(ui.visible("Log in##pin"));
}

TEST_CASE("five wrong PINs lock the user and the screen says so", "[screens][login]") {
    Clinic clinic;
    Ui ui(clinic);
    REQUIRE(ui.tap_prefix("Amina Dispenser##user-"));
    for (int i = 0; i < 5; ++i) {
        REQUIRE(ui.keypad("pin", "0000"));
        REQUIRE(ui.tap("Log in##pin"));
    }
    // Even the right PIN is refused now, with a message naming the wait.
    REQUIRE(ui.keypad("pin", kDispenserPin));
    REQUIRE(ui.tap("Log in##pin"));
    CHECK_FALSE(ui.visible("Dispense##nav"));
    CHECK(ui.error().find("minute") != std::string::npos);
}

TEST_CASE("auto-logout after the idle time drops a half-entered prescription", "[screens][login]") {
    Clinic clinic;
    UiOptions options;
    options.idle_logout_seconds = 60;
    Ui ui(clinic, ImVec2(1366, 768), options);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("New patient##dispense"));
    REQUIRE(ui.type_into("##reg_family", "Tau"));
    REQUIRE(ui.type_into("##reg_given", "Mele"));
    REQUIRE(ui.tap("Save patient##register"));
    REQUIRE(ui.type_into("##item_search", "AMX"));
    REQUIRE(ui.tap_prefix("AMX250"));
    CHECK(ui.visible("qty0"));
    const uint64_t before = clinic.store->data_version();

    ui.idle_seconds = 59;
    ui.frame(2);
    CHECK(ui.visible("Dispense##nav"));
    ui.idle_seconds = 61;
    ui.frame(2);
    CHECK_FALSE(ui.visible("Dispense##nav"));
    CHECK(ui.notice().find("logged out") != std::string::npos);
    CHECK(clinic.store->data_version() == before);  // nothing written

    // Logging back in starts clean: no prescription line survives.
    ui.idle_seconds = 0;
    REQUIRE(ui.log_in());
    CHECK(ui.visible("##patient_search"));
    CHECK_FALSE(ui.visible("qty0"));
    CHECK(clinic.on_hand(clinic.amox, "AMX-EARLY") == 10);
}

TEST_CASE("idle frames run no store queries", "[screens][idle]") {
    Clinic clinic;
    Ui ui(clinic);
    ui.frame(3);
    const int64_t at_login = ui.root->queries_run();
    ui.frame(30);
    CHECK(ui.root->queries_run() == at_login);

    REQUIRE(ui.log_in());
    const char* screens[] = {"Stock##nav", "Expiring##nav", "Stocktake##nav", "Dispense##nav"};
    for (const char* nav : screens) {
        REQUIRE(ui.tap(nav));
        ui.frame(3);
        const int64_t settled = ui.root->queries_run();
        ui.frame(30);
        INFO(nav);
        CHECK(ui.root->queries_run() == settled);
    }
    // A write moves the data version: the visible list re-queries once.
    REQUIRE(ui.tap("Stock##nav"));
    ui.frame(3);
    const int64_t settled = ui.root->queries_run();
    ReceiveInput in;
    in.item_id = clinic.ors;
    in.batch_no = "ORS-2";
    in.expiry = "2028-06-30";
    in.quantity = 5;
    REQUIRE(clinic.store->receive(clinic.storekeeper, in).ok());
    ui.frame(5);
    CHECK(ui.root->queries_run() > settled);
    CHECK(ui.root->queries_run() <= settled + 2);
}

TEST_CASE("a device with no users says exactly what to do", "[screens][login]") {
    Clinic clinic;
    REQUIRE(clinic.store->set_user_active(clinic.dispenser, false).ok());
    REQUIRE(clinic.store->set_user_active(clinic.storekeeper, false).ok());
    {
        Ui ui(clinic);  // a standalone site
        CHECK_FALSE(ui.visible_prefix("Amina Dispenser##user-"));
        const std::string message = ui.text("login:empty");
        CHECK(message.find("No one can log in on this device yet.") == 0);
        CHECK(message.find("outpost user add (see the README)") != std::string::npos);
        CHECK(message.find("outpost --demo") != std::string::npos);
    }
    SyncStatusBoard board;  // a registered device: users arrive by sync
    UiOptions options;
    options.sync = &board;
    Ui ui(clinic, ImVec2(1366, 768), options);
    const std::string message = ui.text("login:empty");
    CHECK(message.find("Its users come from central with sync") != std::string::npos);
}

TEST_CASE("login hints show under their user's tile", "[screens][login][demo]") {
    Clinic clinic;
    UiOptions options;
    options.demo = true;
    options.login_hints = {{kDispenser, "1234"}};
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    CHECK(ui.text("login-hint:" + std::string(kDispenser)) == "Dispenser, PIN 1234");
    CHECK(ui.text("login-hint:" + std::string(kStorekeeper)).empty());  // no hint given
    // The hint is what it says: the PIN logs in.
    REQUIRE(ui.log_in(kDispenser, "1234"));
}

// Issue 17, defect 7: idle logout works over any dialog, the kiosk's "Exit
// Outpost" prompt included, and the login screen under it takes taps after.
TEST_CASE("idle logout fires over the Exit Outpost dialog and closes it", "[screens][login]") {
    Clinic clinic;
    UiOptions options;
    options.kiosk = true;
    options.idle_logout_seconds = 60;
    Ui ui(clinic, ImVec2(1366, 768), options);
    REQUIRE(ui.log_in());
    ui.root->request_exit();
    ui.frame(3);
    REQUIRE(ui.visible("Stay in Outpost##exit"));
    ui.idle_seconds = 61;
    ui.frame(3);
    CHECK_FALSE(ui.visible("Dispense##nav"));
    CHECK_FALSE(ui.visible("Stay in Outpost##exit"));
    CHECK(ui.notice().find("logged out") != std::string::npos);
    CHECK_FALSE(ui.root->exit_approved());
    // Nothing modal is left over the login screen: logging in works.
    ui.idle_seconds = 0;
    REQUIRE(ui.log_in());
    CHECK(ui.visible("Dispense##nav"));

    // Opened from the login screen (nobody logged in), the prompt closes
    // when idle too, and a half-typed PIN goes with it.
    REQUIRE(ui.tap_prefix("Log out"));
    ui.root->request_exit();
    ui.frame(3);
    REQUIRE(ui.visible("Stay in Outpost##exit"));
    ui.idle_seconds = 61;
    ui.frame(3);
    CHECK_FALSE(ui.visible("Stay in Outpost##exit"));
    ui.idle_seconds = 0;
    REQUIRE(ui.log_in());
}

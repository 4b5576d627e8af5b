// Sync set-up, sync details and the trainer's panel, driven headless: the
// set-up screen hands the typed address and code to start_registration and
// shows what the app publishes on the board; the sync details list the
// changes central refused (quarantined in the store) and turn amber and red.
// The trainer's panel is in training_test.cpp.
#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

}  // namespace

TEST_CASE("a store with no identity shows the sync set-up not the login", "[screens][setup]") {
    Clinic clinic(false);
    SyncStatusBoard board;
    std::vector<std::pair<std::string, std::string>> calls;
    UiOptions options;
    options.sync = &board;
    options.start_registration = [&](const std::string& url, const std::string& code) {
        calls.emplace_back(url, code);
        SyncSnapshot starting;  // what the app publishes before returning
        starting.restoring = true;
        board.publish(starting);
    };
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    CHECK_FALSE(ui.visible_prefix("Log in"));
    CHECK(ui.text("login:empty").empty());
    REQUIRE(ui.visible("Set up this device (or restore it)##setup"));

    SECTION("a code is needed before anything is sent") {
        REQUIRE(ui.tap("##setup_url"));
        REQUIRE(ui.type_on_keyboard("https://central.example:8443"));
        REQUIRE(ui.tap("Set up this device (or restore it)##setup"));
        CHECK(calls.empty());
        CHECK(ui.error().find("registration code") != std::string::npos);
    }

    SECTION("progress, then an error in plain words with the input kept, then success") {
        REQUIRE(ui.tap("##setup_url"));
        REQUIRE(ui.type_on_keyboard("https://central.example:8443"));
        REQUIRE(ui.tap("##setup_code"));
        REQUIRE(ui.type_on_keyboard("K7Q-42"));
        REQUIRE(ui.tap("Set up this device (or restore it)##setup"));
        REQUIRE(calls.size() == 1);
        CHECK(calls[0].first == "https://central.example:8443");
        CHECK(calls[0].second == "K7Q-42");
        CHECK(ui.text("setup:progress") == "Restoring: 0 changes so far");

        SyncSnapshot snap;
        snap.restoring = true;
        snap.restore_done = 120;
        snap.restore_total = 900;
        board.publish(snap);
        ui.frame();
        CHECK(ui.text("setup:progress") == "Restoring: 120 of 900 changes");
        CHECK(ui.text("sync") == "Restoring: 120 of 900 changes");  // the status line too
        // No second start while one runs.
        ui.tap("Set up this device (or restore it)##setup");
        CHECK(calls.size() == 1);

        snap.restoring = false;
        snap.last_error = "Central does not know this registration code";
        board.publish(snap);
        ui.frame();
        CHECK(ui.text("setup:error").find("Central does not know this registration code") !=
              std::string::npos);
        CHECK(ui.text("setup:progress").empty());

        // The input is kept: another try sends the same address and code.
        REQUIRE(ui.tap("Set up this device (or restore it)##setup"));
        REQUIRE(calls.size() == 2);
        CHECK(calls[1] == calls[0]);
        CHECK(ui.text("setup:error").empty());  // the app cleared it as it started

        // The app's thread registered the store: the login appears.
        Identity id;
        id.site_id = "site-1";
        id.site_code = "HIL";
        id.site_name = "Hilltop Clinic";
        id.device_id = "device-9";
        id.device_name = "kiosk-9";
        REQUIRE(clinic.store->init_registered(id).ok());
        ui.frame(2);
        CHECK_FALSE(ui.visible("Set up this device (or restore it)##setup"));
        CHECK_FALSE(ui.text("login:empty").empty());  // no users pulled yet
    }
}

TEST_CASE("the set-up screen refuses an address that is not http(s)", "[screens][setup]") {
    Clinic clinic(false);
    int calls = 0;
    UiOptions options;
    options.start_registration = [&](const std::string&, const std::string&) { ++calls; };
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    REQUIRE(ui.tap("##setup_url"));
    REQUIRE(ui.type_on_keyboard("central.example"));
    REQUIRE(ui.tap("##setup_code"));
    REQUIRE(ui.type_on_keyboard("ABC"));
    REQUIRE(ui.tap("Set up this device (or restore it)##setup"));
    CHECK(calls == 0);
    CHECK(ui.error().find("https://") != std::string::npos);
}

TEST_CASE("a demo store never shows the set-up screen", "[screens][setup][demo]") {
    Clinic clinic;
    UiOptions options;
    options.demo = true;
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    CHECK_FALSE(ui.visible("Set up this device (or restore it)##setup"));
    CHECK(ui.log_in());
}

TEST_CASE("sync details show the snapshot refused changes and health", "[screens][sync]") {
    Clinic clinic;
    // A local operation makes an outbox change; central then refuses it.
    PatientInput p;
    p.family_name = "Vaka";
    p.given_name = "Sione";
    auto patient = clinic.store->register_patient(clinic.dispenser, p);
    REQUIRE(patient.ok());
    const int64_t seq = clinic.store->outbox_last_seq();
    REQUIRE(seq > 0);

    SyncStatusBoard board;
    int sync_now_calls = 0;
    UiOptions options;
    options.sync = &board;
    options.sync_now = [&] { ++sync_now_calls; };
    SyncSnapshot snap;
    snap.configured = true;
    snap.server = "https://central.example:8443";
    snap.last_success_ms = kStartMs - 4 * 60 * 1000;
    snap.last_attempt_ms = kStartMs - 60 * 1000;
    snap.next_attempt_ms = kStartMs + 3 * 60 * 1000;
    snap.changes_waiting = 2;
    board.publish(snap);
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));

    // The sync state on the status line opens the details.
    REQUIRE(ui.tap("sync##status"));
    CHECK(ui.text("sync:server") == "https://central.example:8443");
    CHECK(ui.text("sync:last_success") == "4 min ago (2026-06-15 09:56 UTC)");
    CHECK(ui.text("sync:next_attempt").rfind("in 3 min", 0) == 0);
    CHECK(ui.text("sync:waiting") == "2 to send");
    CHECK(ui.text("sync:sentence") == "Sync is healthy.");
    CHECK(ui.text("quarantined:" + std::to_string(seq)).empty());

    REQUIRE(ui.tap("Sync now##sync"));
    CHECK(sync_now_calls == 1);
    // An idle sync screen runs no store query per frame.
    const int64_t queries = ui.root->queries_run();
    ui.frame(5);
    CHECK(ui.root->queries_run() == queries);

    SECTION("a refused change shows with its reason") {
        REQUIRE(clinic.store->quarantine_change(seq, "patient belongs to another site").ok());
        snap.quarantined = 1;
        snap.last_error = "Central refused 1 change";
        board.publish(snap);
        ui.frame(2);
        const std::string row = ui.text("quarantined:" + std::to_string(seq));
        CHECK(row.find("Details of patient VAKA, Sione") != std::string::npos);
        CHECK(row.find(patient.value()) == std::string::npos);  // words, not the raw id
        CHECK(row.find("Refused: patient belongs to another site") != std::string::npos);
        CHECK(ui.text("sync:quarantined") == "1");
        CHECK(ui.text("sync:error") == "Central refused 1 change");
    }

    SECTION("amber after a day without success, red after three") {
        snap.last_success_ms = kStartMs - 30LL * 3600 * 1000;
        board.publish(snap);
        ui.frame();
        CHECK(ui.text("sync:health") == "amber");
        CHECK(ui.text("sync:sentence").find("more than a day") != std::string::npos);
        snap.last_success_ms = kStartMs - 4 * kDayMs;
        board.publish(snap);
        ui.frame();
        CHECK(ui.text("sync:health") == "red");
        CHECK(ui.text("sync:sentence").find("more than three days") != std::string::npos);
    }

    SECTION("a restore shows its progress") {
        snap.restoring = true;
        snap.restore_done = 50;
        snap.restore_total = 200;
        board.publish(snap);
        ui.frame();
        CHECK(ui.text("sync").rfind("Restoring: 50 of 200 changes", 0) == 0);
    }
}

TEST_CASE("refused changes are said in words a pharmacist reads", "[screens][sync]") {
    Clinic clinic;
    Store& store = *clinic.store;
    PatientInput p;
    p.family_name = "Banda";
    p.given_name = "Ruth";
    const std::string ruth = store.register_patient(clinic.dispenser, p).value();
    // Each operation below makes one outbox change; central refuses them all.
    DispenseInput rx;
    rx.patient_id = ruth;
    rx.lines.push_back({clinic.amox, 15, "1t tds x5/7", "", std::nullopt});
    auto dispensed = store.dispense(clinic.dispenser, rx);
    REQUIRE(dispensed.ok());
    const int64_t dispense_seq = store.outbox_last_seq();
    ReceiveInput in;
    in.item_id = clinic.para;
    in.batch_no = "P123";
    in.expiry = "2027-09-30";
    in.quantity = 1000;
    auto received = store.receive(clinic.storekeeper, in);
    REQUIRE(received.ok());
    const int64_t receive_seq = store.outbox_last_seq();
    REQUIRE(store.adjust(clinic.storekeeper, {clinic.ors_batch, -2, "damaged", ""}).ok());
    const int64_t adjust_seq = store.outbox_last_seq();
    REQUIRE(store.set_batch_on_hold(clinic.storekeeper, clinic.amox_late, true).ok());
    const int64_t hold_seq = store.outbox_last_seq();
    REQUIRE(store.quarantine_change(dispense_seq, "the patient belongs to another site").ok());
    REQUIRE(store.quarantine_change(receive_seq, "central does not know a table called 'x'").ok());
    REQUIRE(store.quarantine_change(adjust_seq, "a stock event names another device").ok());
    REQUIRE(store.quarantine_change(hold_seq, "").ok());

    SyncStatusBoard board;
    UiOptions options;
    options.sync = &board;
    SyncSnapshot snap;
    snap.configured = true;
    snap.quarantined = 4;
    board.publish(snap);
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("sync##status"));
    const auto row = [&](int64_t seq) { return ui.text("quarantined:" + std::to_string(seq)); };
    CHECK(row(dispense_seq) ==
          "Dispensing for BANDA, Ruth: Amoxicillin 250 mg x 15 - Refused: the patient belongs to another site");
    CHECK(row(receive_seq) == "Receipt of Paracetamol 500 mg batch P123: 1000 tablets - Refused: central does "
                              "not know a table called 'x'");
    CHECK(row(adjust_seq) == "Adjustment of Oral rehydration salts 20.5 g batch ORS-1: 2 sachets removed "
                             "(Damaged) - Refused: a stock event names another device");
    // The last one is below the fold at 1024x600: drag the list up to it.
    if (!ui.probe.find("quarantined:" + std::to_string(hold_seq))) {
        const auto* first = ui.probe.find("quarantined:" + std::to_string(dispense_seq));
        REQUIRE(first);
        ui.drag(first->centre(), -8 * 18.0f);
    }
    CHECK(row(hold_seq) == "Amoxicillin 250 mg batch AMX-LATE put on hold - Refused: no reason given");
    // No raw ids on the screen.
    for (const std::string& id : {ruth, dispensed->prescription_id, received->event_id, clinic.amox_late})
        for (int64_t seq : {dispense_seq, receive_seq, adjust_seq, hold_seq})
            CHECK(row(seq).find(id) == std::string::npos);
}

TEST_CASE("a refused change too long for its two lines ends with dots", "[screens][sync]") {
    Clinic clinic;
    PatientInput p;
    p.family_name = "Banda";
    p.given_name = "Ruth";
    DispenseInput rx;
    rx.patient_id = clinic.store->register_patient(clinic.dispenser, p).value();
    for (int i = 0; i < 16; ++i) rx.lines.push_back({clinic.para, 1 + i, "", "", std::nullopt});
    REQUIRE(clinic.store->dispense(clinic.dispenser, rx).ok());
    const int64_t seq = clinic.store->outbox_last_seq();
    const std::string full = clinic.store->describe_change(clinic.store->outbox_after(seq - 1, 1, SIZE_MAX).value().at(0));
    REQUIRE(full.size() > 300);
    REQUIRE(clinic.store->quarantine_change(seq, "too many lines").ok());
    SyncStatusBoard board;
    UiOptions options;
    options.sync = &board;
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Sync##nav"));
    const std::string row = ui.text("quarantined:" + std::to_string(seq));
    CHECK(row.rfind("Dispensing for BANDA, Ruth: Paracetamol 500 mg x 1, Paracetamol 500 mg x 2", 0) == 0);
    CHECK(row.find("... - Refused: too many lines") != std::string::npos);
    CHECK(row.size() < full.size());
    const auto* rect = ui.probe.find("quarantined:" + std::to_string(seq));
    REQUIRE(rect);
    CHECK(rect->height() <= 2 * 18.0f + 1);  // two lines of an 18 px font
}

TEST_CASE("the Sync nav entry shows only once sync is set up", "[screens][sync]") {
    Clinic clinic;
    {
        Ui ui(clinic, ImVec2(1024, 600), {}, 18);
        REQUIRE(ui.log_in());
        CHECK_FALSE(ui.visible("Sync##nav"));
    }
    SyncStatusBoard board;
    UiOptions options;
    options.sync = &board;
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("Sync##nav"));
    CHECK_FALSE(ui.text("sync:sentence").empty());
}

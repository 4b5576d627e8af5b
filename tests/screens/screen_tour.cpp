// The tour of every screen (see screen_tour.h).
#include "screen_tour.h"

#include <catch2/catch.hpp>

namespace outpost::screens_test {
namespace {

const char* const kAdmin = "Ada Admin";
const char* const kAdminPin = "9999";
const char* const kGtin = "09506000134352";  // linked to Amoxicillin

const std::vector<std::string> kStops = {
    // The counter, as the storekeeper (who may do everything but admin).
    "login", "pin", "dispense-find", "register", "register-refused", "register-accents",
    "item-search", "quantity", "prescription", "edit-patient", "labels", "history",
    "history-cancel", "stock", "item", "adjust", "receive-keyboard", "receive", "stocktake-list",
    "stocktake-count", "expiring", "audit", "reports-stock-status", "reports-consumption",
    "reports-export", "orders", "sync-details",
    // An admin: the printer settings, the devices here on the Sync screen
    // and barcode scans on Receive.
    "printer", "sync-peers", "receive-scanned-lines", "receive-check-batch", "link-barcode",
    // A dispenser: a scanned batch, and what a dispenser is offered.
    "dispense-scanned", "item-dispenser", "stocktake-dispenser",
    // The trainer's panel (demo mode).
    "training", "training-confirm",
    // A device not yet set up.
    "setup", "setup-keyboard", "setup-restoring", "setup-error",
};

struct Stops {
    const Visit& visit;
    std::vector<std::string> seen;
    std::vector<std::string> unreachable;
    void operator()(Ui& ui, const std::string& name) {
        ui.frame(2);
        seen.push_back(name);
        visit(ui, name);
    }
    // A tap on a widget that is drawn but out of a finger's reach (past the
    // window's edge in a long language, in no list that scrolls to it) is
    // noted, not fatal: the tour goes
    // on (the next tap elsewhere closes a keypad) and the layout tests fail
    // naming it.
    bool tap_or_note(Ui& ui, const std::string& key) {
        if (ui.tap(key)) return true;
        INFO(key << " is not drawn at all");
        REQUIRE(ui.visible(key));
        // In a list that scrolls, a finger scrolls to it.
        if (ui.scroll_into_view(key) && ui.tap(key)) return true;
        const WidgetProbe::Rect* r = ui.find(key);
        unreachable.push_back((seen.empty() ? std::string("start") : seen.back()) + ": " + ui.key(key) +
                              " drawn at y " + std::to_string(r->min.y) + "-" + std::to_string(r->max.y) +
                              " is out of reach (visible part ends at y " + std::to_string(r->clip_max.y) + ")");
        return false;
    }
};

// Types into a field (the tap docks the text keyboard), then hides the
// keyboard so what it covered at 600 tall can be tapped.
bool type(Ui& ui, const std::string& field, const std::string& text) {
    if (!ui.type_into(field, text)) return false;
    return !ui.visible("Hide##kbd") || ui.tap("Hide##kbd");
}

void seed(Clinic& clinic) {
    REQUIRE(clinic.store->add_user({kAdmin, Role::kAdmin, kAdminPin}).ok());
    REQUIRE(clinic.store->link_barcode(clinic.storekeeper, kGtin, clinic.amox).ok());
    PatientInput pin;
    pin.family_name = "Fifita";
    pin.given_name = "Lose";
    pin.village = "Kolonga";
    pin.sex = "F";
    pin.birth_year = 1984;
    auto patient = clinic.store->register_patient(clinic.dispenser, pin);
    REQUIRE(patient.ok());
    DispenseInput rx;
    rx.patient_id = patient.value();
    rx.prescriber = "Dr Tupou";
    DispenseLineInput line;
    line.item_id = clinic.para;
    line.quantity = 30;
    line.directions = "2t qds prn";
    rx.lines.push_back(line);
    REQUIRE(clinic.store->dispense(clinic.dispenser, rx).ok());
}

void counter(Ui& ui, Clinic& clinic, Stops& stop) {
    stop(ui, "login");
    REQUIRE(ui.tap_prefix(std::string(kDispenser) + "##user-"));
    REQUIRE(ui.keypad("pin", "12"));
    stop(ui, "pin");
    REQUIRE(ui.tap("Switch user##login"));
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("##patient_search"));
    REQUIRE(ui.type_on_keyboard("Fi"));
    stop(ui, "dispense-find");
    REQUIRE(ui.tap("New patient##dispense"));
    REQUIRE(type(ui, "##reg_family", "Tau"));
    REQUIRE(ui.tap("reg_birth_year"));
    stop(ui, "register");
    REQUIRE(ui.tap("Done##year"));
    REQUIRE(ui.tap("Save patient##register"));  // no given name yet: refused
    stop(ui, "register-refused");
    REQUIRE(ui.tap("##reg_given"));
    REQUIRE(ui.type_on_keyboard("Mel"));
    REQUIRE(ui.tap("Accents##kbd"));
    stop(ui, "register-accents");
    REQUIRE(ui.tap("\xC3\xA9##kbd"));
    REQUIRE(ui.tap("Hide##kbd"));
    REQUIRE(ui.tap("Save patient##register"));
    REQUIRE(type(ui, "##item_search", "a"));
    stop(ui, "item-search");
    REQUIRE(ui.tap_prefix("AMX250"));
    REQUIRE(ui.keypad("qty", "15"));
    stop(ui, "quantity");
    if (!stop.tap_or_note(ui, "Done##qty")) ui.press_enter();
    REQUIRE(type(ui, "##item_search", "PCM"));
    REQUIRE(ui.tap_prefix("PCM500"));
    REQUIRE(ui.keypad("qty", "20"));
    if (!stop.tap_or_note(ui, "Done##qty")) ui.press_enter();
    REQUIRE(type(ui, "##directions1", " zz"));
    stop(ui, "prescription");
    REQUIRE(ui.tap("Edit details##dispense"));
    REQUIRE(ui.tap("##edit_phone"));
    REQUIRE(ui.type_on_keyboard("0771234"));
    REQUIRE(ui.tap("Hide##kbd"));
    REQUIRE(ui.tap("edit_birth_year"));
    REQUIRE(ui.keypad("year", "1990"));
    stop(ui, "edit-patient");
    REQUIRE(ui.tap("Done##year"));
    REQUIRE(ui.tap("Save##edit_patient"));
    REQUIRE(ui.tap("Confirm dispensing##dispense"));
    stop(ui, "labels");
    REQUIRE(ui.tap("History##dispense_done"));
    stop(ui, "history");
    REQUIRE(ui.tap_prefix("Cancel dispensing##"));
    REQUIRE(ui.tap("##cancel_reason"));
    REQUIRE(ui.type_on_keyboard("Wrong"));
    stop(ui, "history-cancel");
    REQUIRE(ui.tap("Hide##kbd"));
    REQUIRE(ui.tap("Stock##nav"));
    stop(ui, "stock");
    REQUIRE(ui.tap_prefix("AMX250"));
    stop(ui, "item");
    REQUIRE(ui.tap("Adjust##adjust-" + clinic.amox_late));
    REQUIRE(ui.tap("adjust_qty"));
    stop(ui, "adjust");
    REQUIRE(ui.tap("Receive##nav"));
    REQUIRE(type(ui, "##receive_item_search", "ORS"));
    REQUIRE(ui.tap_prefix("ORS  "));
    REQUIRE(ui.tap("##receive_batch"));
    REQUIRE(ui.type_on_keyboard("ORS-2"));
    stop(ui, "receive-keyboard");
    REQUIRE(ui.tap("Hide##kbd"));
    REQUIRE(ui.tap("receive_expiry"));
    REQUIRE(ui.keypad("receive", "2028"));
    stop(ui, "receive");
    REQUIRE(ui.tap("Stocktake##nav"));
    stop(ui, "stocktake-list");
    REQUIRE(ui.tap("Start##stocktake"));
    REQUIRE(ui.tap_containing("##sheet-" + clinic.amox_early));
    stop(ui, "stocktake-count");
    REQUIRE(ui.tap("Expiring##nav"));
    REQUIRE(ui.tap("6 months##days"));
    stop(ui, "expiring");
    REQUIRE(ui.tap("Audit##nav"));
    stop(ui, "audit");
    REQUIRE(ui.tap("Reports##nav"));
    stop(ui, "reports-stock-status");
    REQUIRE(ui.tap("Consumption (12 months)##report"));
    stop(ui, "reports-consumption");
    REQUIRE(ui.tap("Stock status##report"));
    REQUIRE(ui.tap("Export##reports"));
    stop(ui, "reports-export");
    REQUIRE(ui.tap("Close##export"));
    REQUIRE(ui.tap("Orders##nav"));
    stop(ui, "orders");
    REQUIRE(ui.tap("Sync##nav"));
    stop(ui, "sync-details");
    REQUIRE(ui.tap("Log out##nav"));
}

void admin_and_dispenser(Ui& ui, Stops& stop) {
    REQUIRE(ui.log_in(kAdmin, kAdminPin));
    REQUIRE(ui.tap("Printer##nav"));
    stop(ui, "printer");
    // The devices here, below central's facts: the screen scrolls to them.
    REQUIRE(ui.tap("Sync##nav"));
    REQUIRE(ui.scroll_into_view("##peer_address"));
    stop(ui, "sync-peers");
    REQUIRE(ui.tap("Receive##nav"));
    const auto scan = [&](const std::string& text) {
        ui.root->scan(text);
        ui.frame(3);
    };
    const std::string gtin = kGtin;
    scan("]d201" + gtin + "17280131" "10AMX-NEW");
    scan("]d201" + gtin + "17280131" "10AMX-NEW");
    scan("]d201" + gtin + "17270630" "10AMX-LATE");
    stop(ui, "receive-scanned-lines");
    scan("01" + gtin + "10ABC12317271231");
    stop(ui, "receive-check-batch");
    REQUIRE(ui.tap("Type the batch by hand##receive-check"));
    // An unknown code opens the link panel (once the item is let go).
    if (stop.tap_or_note(ui, "Change item##receive")) {
        scan("]d20104006381333931" "17290331" "10P9");
        REQUIRE(type(ui, "##link_search", "PCM"));
        stop(ui, "link-barcode");
        REQUIRE(ui.tap("Cancel##link"));
    } else {
        stop(ui, "link-barcode");
    }
    REQUIRE(ui.tap("Log out##nav"));

    REQUIRE(ui.log_in());
    REQUIRE(type(ui, "##patient_search", "Fifita"));
    REQUIRE(ui.tap_containing("##patient-"));
    scan("]d201" + gtin + "17270630" "10AMX-LATE");
    stop(ui, "dispense-scanned");
    REQUIRE(ui.tap("Stock##nav"));
    REQUIRE(ui.tap_prefix("AMX250"));
    stop(ui, "item-dispenser");
    REQUIRE(ui.tap("Stocktake##nav"));
    stop(ui, "stocktake-dispenser");
    REQUIRE(ui.tap("Log out##nav"));

    REQUIRE(ui.log_in(kAdmin, kAdminPin));
    REQUIRE(ui.tap("Training##nav"));
    REQUIRE(ui.tap("Offline##simulate"));
    stop(ui, "training");
    REQUIRE(ui.tap("Stock-out##scenario-2"));
    stop(ui, "training-confirm");
}

void setup(const TourOptions& o, Stops& stop) {
    Clinic clinic(false);
    SyncStatusBoard board;
    UiOptions options;
    options.sync = &board;
    options.start_registration = [&board](const std::string&, const std::string&) {
        SyncSnapshot starting;
        starting.restoring = true;
        board.publish(starting);
    };
    Ui ui(clinic, o.size, options, o.font_px, o.lang);
    stop(ui, "setup");
    REQUIRE(ui.tap("##setup_url"));
    REQUIRE(ui.type_on_keyboard("https://central.example:8443"));
    REQUIRE(ui.tap("##setup_code"));
    REQUIRE(ui.type_on_keyboard("K7Q-42"));
    REQUIRE(ui.tap("Accents##kbd"));
    stop(ui, "setup-keyboard");
    REQUIRE(ui.tap("Hide##kbd"));
    REQUIRE(ui.tap("Set up this device (or restore it)##setup"));
    SyncSnapshot snap;
    snap.restoring = true;
    snap.restore_done = 2400;
    snap.restore_total = 9100;
    board.publish(snap);
    stop(ui, "setup-restoring");
    snap.restoring = false;
    snap.last_error = "Central does not know this registration code; ask your administrator for a new one.";
    board.publish(snap);
    stop(ui, "setup-error");
}

}  // namespace

const std::vector<std::string>& tour_stops() { return kStops; }

std::vector<std::string> run_tour(const TourOptions& o, const Visit& visit) {
    Stops stop{visit, {}};
    {
        Clinic clinic;
        seed(clinic);
        SyncStatusBoard board;
        SyncSnapshot snap;
        snap.configured = true;
        snap.server = "https://central.example:8443";
        snap.last_success_ms = kStartMs - 30LL * 3600 * 1000;  // amber
        snap.last_attempt_ms = kStartMs - 2 * 60 * 1000;
        snap.next_attempt_ms = kStartMs + 3 * 60 * 1000;
        snap.changes_waiting = 37;
        snap.quarantined = 1;
        board.publish(snap);
        UiOptions options;
        options.demo = true;
        options.sync = &board;
        options.sync_now = [] {};
        options.login_hints = {{kDispenser, "PIN 1234"}, {kStorekeeper, "PIN 5678"}};
        options.export_folders = [] {
            return std::vector<ExportFolder>{{"USB stick KINGSTON", "/media/clinic/KINGSTON"}};
        };
        // The shell passes the scenarios' English names (app/demo's
        // scenario_title); the training screen translates them.
        for (const char* name : {"Standard demo clinic", "Expiring stock", "Stock-out",
                                 "Stocktake with a discrepancy",
                                 "Two devices dispensed the last box offline"})
            options.demo_scenarios.push_back(name);
        options.reset_demo = [](int) {};
        options.simulate_offline = [](bool) {};
        // Two devices here (issue 15): one in step, one not reached; on the
        // status line of every stop and on the Sync screen.
        PeerStatusBoard peer_board;
        PeerSnapshot peers;
        peers.enabled = true;
        peers.serving = true;
        peers.listen_address = "192.168.1.31:7610";
        peers.discovery_problem = "mDNS not available (avahi-daemon not running)";
        PeerState tablet;
        tablet.name = "Dispensary tablet";
        tablet.address = "192.168.1.20:7610";
        tablet.source = PeerSource::kDiscovered;
        tablet.in_step = true;
        tablet.last_success_ms = tablet.last_attempt_ms = kStartMs - 2 * 60 * 1000;
        tablet.received_last = 12;
        tablet.given_last = 3;
        PeerState laptop;
        laptop.name = "Store-room laptop";
        laptop.address = "192.168.1.21:7610";
        laptop.source = PeerSource::kManual;
        laptop.last_success_ms = kStartMs - 3 * 3600 * 1000;
        laptop.last_attempt_ms = kStartMs - 60 * 1000;
        laptop.last_error = "no answer from 192.168.1.21:7610 within 5 s";
        peers.peers = {tablet, laptop};
        peer_board.publish(peers);
        options.peers = &peer_board;
        options.add_peer = [](const std::string&) { return Status::Ok(); };
        options.forget_peer = [](const std::string&) { return Status::Ok(); };
        options.peer_sync_now = [] {};
        Ui ui(clinic, o.size, options, o.font_px, o.lang);
        counter(ui, clinic, stop);
        admin_and_dispenser(ui, stop);
    }
    setup(o, stop);
    CHECK(stop.seen == kStops);
    return stop.unreachable;
}

}  // namespace outpost::screens_test

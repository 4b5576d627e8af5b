// The devices here (issue 15) on the screens, driven headless with a
// PeerStatusBoard the test publishes fake snapshots on, as the app's peer
// service will: the status line's words and colours for no, one and two
// peers in step, a peer heard from long ago, one never reached, and central
// amber or red beside peers in step; the Sync screen's "Devices here" rows,
// this device's address, "Sync with devices here", adding an address (the
// text trimmed, a refusal shown), Forget, and what a dispenser is not
// offered. In English and in French.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "french_check.h"
#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

constexpr int64_t kMinuteMs = 60LL * 1000;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int64_t kDayMs = 24 * kHourMs;
const char* const kAdmin = "Ada Admin";
const char* const kAdminPin = "9999";

PeerState peer(const std::string& name, const std::string& address, PeerSource source, bool in_step,
               int64_t last_success_ms) {
    PeerState p;
    p.name = name;
    p.address = address;
    p.source = source;
    p.in_step = in_step;
    p.last_success_ms = last_success_ms;
    p.last_attempt_ms = last_success_ms;
    return p;
}

// A clinic whose central was last reached `central_age_ms` ago, with a peer
// board and the three calls recorded.
struct PeerClinic {
    Clinic clinic;
    SyncStatusBoard sync;
    PeerStatusBoard peers;
    UiOptions options;
    std::vector<std::string> added, forgotten;
    int sync_now_calls = 0;
    Status add_answer = Status::Ok();

    explicit PeerClinic(int64_t central_age_ms) {
        REQUIRE(clinic.store->add_user({kAdmin, Role::kAdmin, kAdminPin}).ok());
        SyncSnapshot snap;
        snap.configured = true;
        snap.server = "https://central.example:8443";
        snap.last_success_ms = kStartMs - central_age_ms;
        snap.last_attempt_ms = kStartMs - kMinuteMs;
        sync.publish(snap);
        options.sync = &sync;
        options.sync_now = [] {};
        options.peers = &peers;
        options.add_peer = [this](const std::string& a) {
            added.push_back(a);
            return add_answer;
        };
        options.forget_peer = [this](const std::string& a) {
            forgotten.push_back(a);
            return Status::Ok();
        };
        options.peer_sync_now = [this] { ++sync_now_calls; };
    }
    void publish(std::vector<PeerState> list) {
        PeerSnapshot snap;
        snap.enabled = true;
        snap.serving = true;
        snap.listen_address = "192.168.1.31:7610";
        snap.discovery_running = true;
        snap.peers = std::move(list);
        peers.publish(snap);
    }
};

// Brings a widget of the scrolling Sync screen into view and taps it.
bool tap_in_view(Ui& ui, const std::string& key) {
    return ui.scroll_into_view(key) && ui.tap(key);
}

}  // namespace

TEST_CASE("the status line says whether the devices here are in step", "[screens][sync][peers]") {
    PeerClinic pc(4 * kDayMs);  // central: red
    pc.publish({});
    Ui ui(pc.clinic, ImVec2(1366, 768), pc.options, 20);
    REQUIRE(ui.log_in());

    SECTION("no peer known: as without peer sync") {
        CHECK(ui.text("sync") == "Synced 4 days ago");
        CHECK(ui.text("sync:peers").empty());
        CHECK(ui.text("sync:health") == "red");
    }
    SECTION("one peer in step") {
        pc.publish({peer("Dispensary tablet", "192.168.1.20:7610", PeerSource::kDiscovered, true,
                         kStartMs - 2 * kMinuteMs)});
        ui.frame();
        CHECK(ui.text("sync") == "Up to date with 1 device here; central 4 days ago");
        CHECK(ui.text("sync:peers:health") == "healthy");
        CHECK(ui.text("sync:health") == "red");  // central's part stays red
    }
    SECTION("two peers in step, changes waiting for central") {
        SyncSnapshot snap = pc.sync.read();
        snap.changes_waiting = 37;
        pc.sync.publish(snap);
        pc.publish({peer("Dispensary tablet", "192.168.1.20:7610", PeerSource::kDiscovered, true,
                         kStartMs - 2 * kMinuteMs),
                    peer("Store-room laptop", "192.168.1.21:7610", PeerSource::kManual, true,
                         kStartMs - 9 * kMinuteMs)});
        ui.frame();
        CHECK(ui.text("sync") ==
              "Up to date with 2 devices here; central 4 days ago, 37 changes waiting");
        CHECK(ui.text("sync:peers:health") == "healthy");
    }
    SECTION("a peer heard from long ago shows its age") {
        pc.publish({peer("Store-room laptop", "192.168.1.21:7610", PeerSource::kManual, true,
                         kStartMs - 3 * kHourMs)});
        ui.frame();
        CHECK(ui.text("sync") == "1 device here, last heard from 3 hours ago; central 4 days ago");
        CHECK(ui.text("sync:peers:health") == "amber");
    }
    SECTION("one of two in step") {
        pc.publish({peer("Dispensary tablet", "192.168.1.20:7610", PeerSource::kDiscovered, true,
                         kStartMs - kMinuteMs),
                    peer("Store-room laptop", "192.168.1.21:7610", PeerSource::kManual, true,
                         kStartMs - 2 * kDayMs)});
        ui.frame();
        CHECK(ui.text("sync").rfind("Up to date with 1 of 2 devices here; ", 0) == 0);
        CHECK(ui.text("sync:peers:health") == "amber");
    }
    SECTION("a peer never reached") {
        PeerState p = peer("192.168.1.40:7610", "192.168.1.40:7610", PeerSource::kManual, false, 0);
        p.last_attempt_ms = kStartMs - kMinuteMs;
        p.last_error = "no answer from 192.168.1.40:7610";
        pc.publish({p});
        ui.frame();
        CHECK(ui.text("sync") == "1 device here not reached yet; central 4 days ago");
        CHECK(ui.text("sync:peers:health") == "amber");
    }
}

TEST_CASE("peers in step keep their part green while central is amber", "[screens][sync][peers]") {
    PeerClinic pc(30 * kHourMs);  // central: amber
    pc.publish({peer("Dispensary tablet", "192.168.1.20:7610", PeerSource::kDiscovered, true,
                     kStartMs - kMinuteMs),
                peer("Store-room laptop", "192.168.1.21:7610", PeerSource::kRemembered, true,
                     kStartMs - 4 * kMinuteMs)});
    Ui ui(pc.clinic, ImVec2(1024, 600), pc.options, 18);
    REQUIRE(ui.log_in());
    CHECK(ui.text("sync") == "Up to date with 2 devices here; central 30 hours ago");
    CHECK(ui.text("sync:peers:health") == "healthy");
    CHECK(ui.text("sync:health") == "amber");
    // Drawn in two pieces (two colours): side by side, or, too long for one
    // line at 1024 px, the devices' part over central's, neither cut.
    const DrawnText* peers_part = nullptr;
    const DrawnText* central_part = nullptr;
    for (const DrawnText& t : ui.texts()) {
        if (t.text.rfind("Up to date with 2 devices here", 0) == 0) peers_part = &t;
        if (t.text == "central 30 hours ago") central_part = &t;
    }
    REQUIRE(peers_part);
    REQUIRE(central_part);
    const bool side_by_side =
        central_part->min.x >= peers_part->max.x - 1 && central_part->min.y == peers_part->min.y;
    const bool stacked =
        central_part->min.y >= peers_part->max.y - 1 && central_part->min.x == peers_part->min.x;
    CHECK((side_by_side || stacked));
    const WidgetProbe::Rect* button = ui.find("sync##status");
    REQUIRE(button);
    CHECK(central_part->max.y <= button->max.y);
    CHECK(peers_part->min.y >= button->min.y);
    // The state is still the button that opens the sync details.
    REQUIRE(ui.tap("sync##status"));
    CHECK_FALSE(ui.text("sync:sentence").empty());
    CHECK(ui.probe.find("Sync with devices here##peers"));
}

TEST_CASE("the Sync screen lists the devices here", "[screens][sync][peers]") {
    PeerClinic pc(3 * kDayMs);
    PeerState tablet = peer("Dispensary tablet", "192.168.1.20:7610", PeerSource::kDiscovered, true,
                            kStartMs - 2 * kMinuteMs);
    tablet.received_last = 12;
    tablet.given_last = 1;
    PeerState laptop = peer("Store-room laptop", "192.168.1.21:7610", PeerSource::kManual, false,
                            kStartMs - 3 * kHourMs);
    laptop.last_attempt_ms = kStartMs - kMinuteMs;
    laptop.last_error = "no answer from 192.168.1.21:7610";
    PeerState old = peer("Old kiosk", "10.0.0.9:7610", PeerSource::kRemembered, false,
                         kStartMs - 5 * kMinuteMs);
    pc.publish({tablet, laptop, old});
    Ui ui(pc.clinic, ImVec2(1024, 600), pc.options, 18);
    REQUIRE(ui.log_in(kAdmin, kAdminPin));
    REQUIRE(ui.tap("Sync##nav"));

    CHECK(ui.text("peer:192.168.1.20:7610") ==
          "Dispensary tablet - in step - last exchange 2 min ago (2026-06-15 09:58), 12 changes "
          "received, "
          "1 change sent - on this network: 192.168.1.20:7610");
    CHECK(ui.text("peer:192.168.1.21:7610:state") == "not reached");
    CHECK(ui.text("peer:192.168.1.21:7610").find("address typed: 192.168.1.21:7610") !=
          std::string::npos);
    CHECK(ui.text("peer:192.168.1.21:7610").find("last exchange 3 hours ago") != std::string::npos);
    CHECK(ui.text("peer:192.168.1.21:7610").find("no answer from 192.168.1.21:7610") !=
          std::string::npos);
    CHECK(ui.text("peer:10.0.0.9:7610:state") == "catching up");
    CHECK(ui.text("peer:10.0.0.9:7610").find("last good address: 10.0.0.9:7610") !=
          std::string::npos);
    CHECK(ui.text("peers:address") == "192.168.1.31:7610");
    CHECK(ui.text("peers:discovery").empty());

    SECTION("Sync with devices here asks the service") {
        REQUIRE(tap_in_view(ui, "Sync with devices here##peers"));
        CHECK(pc.sync_now_calls == 1);
    }
    SECTION("Forget is offered for addresses typed or remembered, not for those found") {
        CHECK_FALSE(ui.visible("Forget##peer-192.168.1.20:7610"));
        REQUIRE(ui.visible("Forget##peer-10.0.0.9:7610"));
        REQUIRE(tap_in_view(ui, "Forget##peer-192.168.1.21:7610"));
        REQUIRE(pc.forgotten == std::vector<std::string>{"192.168.1.21:7610"});
        CHECK(ui.notice().find("192.168.1.21:7610") != std::string::npos);
    }
    SECTION("an address typed is added trimmed; a refusal is shown and the text kept") {
        REQUIRE(tap_in_view(ui, "##peer_address"));
        REQUIRE(ui.type_on_keyboard("  192.168.1.22:7610 "));
        REQUIRE(ui.tap("Hide##kbd"));
        REQUIRE(tap_in_view(ui, "Add##peer"));
        REQUIRE(pc.added == std::vector<std::string>{"192.168.1.22:7610"});
        CHECK(ui.notice().find("Added 192.168.1.22:7610") != std::string::npos);

        pc.add_answer = Status::InvalidArgument(
            "\"kiosk\" is not an address: type it as host:port, "
            "such as 192.168.1.20:7610");
        REQUIRE(tap_in_view(ui, "##peer_address"));
        REQUIRE(ui.type_on_keyboard("kiosk"));
        REQUIRE(ui.tap("Hide##kbd"));
        REQUIRE(tap_in_view(ui, "Add##peer"));
        REQUIRE(pc.added.size() == 2);
        CHECK(pc.added[1] == "kiosk");
        CHECK(ui.error().find("is not an address") != std::string::npos);
        // Nothing typed: not sent, said.
        pc.add_answer = Status::Ok();
        REQUIRE(tap_in_view(ui, "##peer_address"));
        for (int i = 0; i < 5; ++i) REQUIRE(ui.tap("Back##kbd"));
        REQUIRE(ui.tap("Hide##kbd"));
        REQUIRE(tap_in_view(ui, "Add##peer"));
        CHECK(pc.added.size() == 2);
        CHECK(ui.error().find("address first") != std::string::npos);
    }
}

TEST_CASE("a dispenser syncs with the devices here but adds and forgets none",
          "[screens][sync][peers]") {
    PeerClinic pc(kHourMs);
    pc.publish({peer("Store-room laptop", "192.168.1.21:7610", PeerSource::kManual, true,
                     kStartMs - kMinuteMs)});
    Ui ui(pc.clinic, ImVec2(1024, 600), pc.options, 18);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("Sync##nav"));
    CHECK_FALSE(ui.text("peer:192.168.1.21:7610").empty());
    CHECK_FALSE(ui.visible("##peer_address"));
    CHECK_FALSE(ui.visible("Add##peer"));
    CHECK_FALSE(ui.visible("Forget##peer-192.168.1.21:7610"));
    REQUIRE(tap_in_view(ui, "Sync with devices here##peers"));
    CHECK(pc.sync_now_calls == 1);
}

TEST_CASE("the Sync screen says why the devices here cannot sync", "[screens][sync][peers]") {
    PeerClinic pc(kHourMs);
    Ui ui(pc.clinic, ImVec2(1024, 600), pc.options, 18);
    REQUIRE(ui.log_in(kAdmin, kAdminPin));
    REQUIRE(ui.tap("Sync##nav"));
    PeerSnapshot snap;

    SECTION("off, with the service's reason") {
        snap.why_disabled = "no site key yet: sync with central once";
        pc.peers.publish(snap);
        ui.frame();
        CHECK(ui.text("peers:disabled") ==
              "Sync with the other devices of this clinic is off: no site key yet: sync with "
              "central once");
        CHECK_FALSE(ui.visible("Sync with devices here##peers"));
        CHECK_FALSE(ui.visible("##peer_address"));
    }
    SECTION("not serving, no discovery, no peer") {
        snap.enabled = true;
        snap.serve_error = "port 7610 is in use by another program";
        snap.discovery_problem = "mDNS not available (avahi-daemon not running)";
        pc.peers.publish(snap);
        ui.frame();
        CHECK(ui.text("peers:serve_error") ==
              "Other devices cannot reach this one: port 7610 is in use by another program");
        CHECK(ui.text("peers:discovery") ==
              "Devices cannot be found on this network (mDNS not available (avahi-daemon not "
              "running)): "
              "add them by their address.");
        CHECK_FALSE(ui.text("peers:none").empty());
        // No peer: the status line as without peer sync.
        CHECK(ui.text("sync") == "Synced 1 hour ago");
    }
    SECTION("listening on every interface: this device's own addresses") {
        snap.enabled = true;
        snap.serving = true;
        snap.discovery_running = true;
        snap.listen_address = "0.0.0.0:7610";
        pc.peers.publish(snap);
        ui.frame();
        const std::string shown = ui.text("peers:address");
        // Whatever this machine's addresses are, never the unusable 0.0.0.0.
        CHECK(shown.find("0.0.0.0") == std::string::npos);
        if (!shown.empty()) CHECK(shown.find(":7610") != std::string::npos);
    }
}

TEST_CASE("the devices here in French", "[screens][sync][peers][i18n]") {
    PeerClinic pc(3 * kDayMs);
    PeerState laptop = peer("Store-room laptop", "192.168.1.21:7610", PeerSource::kManual, false,
                            kStartMs - 3 * kHourMs);
    laptop.last_error = "no answer from 192.168.1.21:7610";
    pc.publish({peer("Dispensary tablet", "192.168.1.20:7610", PeerSource::kDiscovered, true,
                     kStartMs - 2 * kMinuteMs),
                laptop});
    FrenchCheck check;
    Ui ui(pc.clinic, ImVec2(1024, 600), pc.options, 18, i18n::Lang::fr);
    REQUIRE(ui.log_in(kAdmin, kAdminPin));
    CHECK(ui.text("sync") == "À jour avec 1 des 2 appareils ici\u00a0; central il y a 3 jours");
    REQUIRE(ui.tap("Sync##nav"));
    check.look(ui);
    CHECK(ui.text("peer:192.168.1.20:7610:state") == "à jour");
    CHECK(ui.text("peer:192.168.1.20:7610").find("sur ce réseau\u00a0: 192.168.1.20:7610") !=
          std::string::npos);
    CHECK(ui.text("peer:192.168.1.21:7610").find("adresse saisie") != std::string::npos);
    REQUIRE(tap_in_view(ui, "##peer_address"));
    check.look(ui);
    CHECK(check.misses.empty());
    CHECK(check.untranslated.empty());
}

TEST_CASE("a long state puts the devices here over central's part", "[screens][sync][peers]") {
    PeerClinic pc(30 * kHourMs);
    SyncSnapshot snap = pc.sync.read();
    snap.changes_waiting = 37;
    snap.quarantined = 1;
    pc.sync.publish(snap);
    pc.publish({peer("Dispensary tablet", "192.168.1.20:7610", PeerSource::kDiscovered, true,
                     kStartMs - kMinuteMs),
                peer("Store-room laptop", "192.168.1.21:7610", PeerSource::kManual, false,
                     kStartMs - 3 * kHourMs)});
    Ui ui(pc.clinic, ImVec2(1024, 600), pc.options, 18);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    CHECK(ui.text("sync") ==
          "Up to date with 1 of 2 devices here; central 30 hours ago, 37 changes waiting, 1 "
          "refused by central");
    const DrawnText* peers_part = nullptr;
    const DrawnText* central_part = nullptr;
    for (const DrawnText& t : ui.texts()) {
        if (t.text == "Up to date with 1 of 2 devices here") peers_part = &t;
        if (t.text.rfind("central 30 hours ago", 0) == 0) central_part = &t;
    }
    REQUIRE(peers_part);
    REQUIRE(central_part);
    CHECK(central_part->min.y >= peers_part->max.y - 1);
}

// Tests of the demo's in-process sync world (app/demo/demo_central.h): the
// demo central takes in a generated demo store and the kiosk pushes its whole
// history to it; the simulated second device restores from it and its
// dispensings reach the kiosk; "simulate offline" keeps the kiosk's work
// waiting and sends it when the link is back; the demo's shortened health
// thresholds; and real stores and real centrals never take part.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <thread>

#include "client_session.h"
#include "demo_central.h"
#include "demo_test_util.h"
#include "scenarios.h"
#include "tables.h"

using namespace outpost;
using namespace outpost::demo_test;

namespace {

DemoCentralOptions quiet_options() {
    DemoCentralOptions o;
    o.peer_every_ms = 0;  // the tests drive a DemoPeer themselves
    o.request_latency_ms = 0;
    return o;
}

std::unique_ptr<Store> open_demo(const std::string& path) {
    OpenOptions o;
    o.path = path;
    o.create = false;
    o.demo = true;
    auto s = Store::Open(o);
    REQUIRE(s.ok());
    return std::move(s.value());
}

// item code -> units on hand, every item with stock.
std::map<std::string, int64_t> on_hand(Store& store) {
    StockQuery q;
    q.include_zero = false;
    q.limit = 1000;
    auto page = store.stock_on_hand(q);
    REQUIRE(page.ok());
    std::map<std::string, int64_t> m;
    for (const StockRow& r : page->rows) m[r.item.code] = r.on_hand;
    return m;
}

int64_t prescriptions(Store& store) { return store.db().query_i64("SELECT COUNT(*) FROM prescriptions").value_or(-1); }

// The kiosk's side: its store and a session over the demo link.
struct Kiosk {
    std::unique_ptr<Store> store;
    std::unique_ptr<Transport> link;
    SystemClock clock;
    SyncConfig config = DemoCentral::kiosk_sync_config();
    Kiosk(const std::string& path, DemoCentral& dc)
        : store(open_demo(path)), link(dc.transport_factory()(DemoCentral::kServerName)) {}
    CycleReport sync() {
        SyncSession session(*store, *link, clock, config);
        return session.run_once();
    }
    int64_t waiting() {
        return store->outbox_count_after(std::stoll(store->meta(sync_meta::kPushCursor).value_or("0")));
    }
};

Result<std::unique_ptr<DemoCentral>> start(const std::string& path) {
    return DemoCentral::Start(path, quiet_options());
}

// The standard demo store in a temporary folder, its demo central, and the
// kiosk after its first sync (the history pushed).
struct SyncedDemo {
    TempDir dir;
    std::string path = dir.path + "/demo.db";
    std::unique_ptr<DemoCentral> central;
    std::unique_ptr<Kiosk> kiosk;
    SyncedDemo() {
        REQUIRE(reset_demo(path, DemoScenario::kStandard, 1).ok());
        auto dc = start(path);
        REQUIRE(dc.ok());
        central = std::move(dc.value());
        kiosk = std::make_unique<Kiosk>(path, *central);
        REQUIRE(kiosk->sync().status.ok());
    }
};

}  // namespace

TEST_CASE("The demo central takes in the demo store and the kiosk pushes its whole history", "[demo_central]") {
    TempDir dir;
    const std::string path = dir.path + "/demo.db";
    REQUIRE(reset_demo(path, DemoScenario::kStandard, 1).ok());
    auto dc = start(path);
    REQUIRE(dc.ok());
    Kiosk kiosk(path, **dc);
    CHECK(kiosk.store->meta(sync_meta::kServer).value_or("") == DemoCentral::kServerName);
    const int64_t history = kiosk.store->outbox_last_seq();
    REQUIRE(history > 1000);  // 90 days of a small clinic
    CHECK(kiosk.waiting() == history);

    CycleReport r = kiosk.sync();
    REQUIRE(r.status.ok());
    CHECK(kiosk.waiting() == 0);
    auto sites = (*dc)->core().list_sites();
    REQUIRE(sites.ok());
    REQUIRE(sites->size() == 1);
    CHECK(sites->front().is_demo);
    CHECK(sites->front().code == kiosk.store->identity().site_code);
    bool found = false;
    for (const CentralDevice& d : sites->front().devices)
        if (d.id == kiosk.store->identity().device_id) {
            found = true;
            CHECK(d.accepted_through == history);
        }
    CHECK(found);
    CHECK((*dc)->core().db().query_i64("SELECT COUNT(*) FROM device_changes WHERE status='rejected'").value_or(-1) == 0);
}

TEST_CASE("Starting the demo central again pushes the history to the fresh central", "[demo_central]") {
    TempDir dir;
    const std::string path = dir.path + "/demo.db";
    REQUIRE(reset_demo(path, DemoScenario::kStandard, 1).ok());
    {
        auto first = start(path);
        REQUIRE(first.ok());
        Kiosk kiosk(path, **first);
        REQUIRE(kiosk.sync().status.ok());
        REQUIRE(kiosk.waiting() == 0);
    }
    auto second = start(path);
    REQUIRE(second.ok());
    Kiosk kiosk(path, **second);
    CHECK(kiosk.waiting() == kiosk.store->outbox_last_seq());
    REQUIRE(kiosk.sync().status.ok());
    CHECK(kiosk.waiting() == 0);
}

TEST_CASE("The second device restores the clinic and its dispensing reaches the kiosk", "[demo_central]") {
    SyncedDemo demo;
    Kiosk& kiosk = *demo.kiosk;
    DemoPeer peer(demo.central->core(), "Dispensary tablet", 7);
    REQUIRE(peer.restore().ok());
    REQUIRE(peer.store() != nullptr);
    CHECK(peer.store()->identity().device_id != kiosk.store->identity().device_id);
    CHECK(peer.store()->identity().site_id == kiosk.store->identity().site_id);
    CHECK(on_hand(*peer.store()) == on_hand(*kiosk.store));
    CHECK(prescriptions(*peer.store()) == prescriptions(*kiosk.store));
    CHECK(peer.store()->verify().ok());

    const int64_t before = prescriptions(*kiosk.store);
    const auto stock_before = on_hand(*kiosk.store);
    auto what = peer.dispense_one();
    REQUIRE(what.ok());
    CHECK(what->find(" for ") != std::string::npos);
    REQUIRE(peer.sync().ok());
    REQUIRE(kiosk.sync().status.ok());
    CHECK(prescriptions(*kiosk.store) == before + 1);
    CHECK(on_hand(*kiosk.store) != stock_before);
    CHECK(on_hand(*kiosk.store) == on_hand(*peer.store()));
    auto verify = kiosk.store->verify();
    REQUIRE(verify.ok());
    CHECK(verify->ok());
}

TEST_CASE("Simulate offline keeps the kiosk's work waiting and sends it when the link is back", "[demo_central]") {
    SyncedDemo demo;
    Kiosk& kiosk = *demo.kiosk;
    DemoPeer peer(demo.central->core(), "Dispensary tablet", 11);
    REQUIRE(peer.restore().ok());

    demo.central->set_offline(true);
    CHECK(demo.central->offline());
    // The kiosk works on: a patient registered while the link is cut.
    std::string admin;
    for (const User& u : kiosk.store->users())
        if (u.role == Role::kAdmin) admin = u.id;
    REQUIRE(!admin.empty());
    PatientInput p;
    p.family_name = "Offline";
    p.given_name = "Test";
    auto patient = kiosk.store->register_patient(admin, p);
    REQUIRE(patient.ok());
    CycleReport cut = kiosk.sync();
    CHECK(cut.status.code() == Status::Code::kUnavailable);
    CHECK(cut.status.message().find("Simulate offline") != std::string::npos);
    CHECK(kiosk.waiting() == 1);
    // The second device keeps its own link meanwhile.
    REQUIRE(peer.dispense_one().ok());
    REQUIRE(peer.sync().ok());
    const int64_t kiosk_rx = prescriptions(*kiosk.store);

    demo.central->set_offline(false);
    REQUIRE(kiosk.sync().status.ok());
    CHECK(kiosk.waiting() == 0);
    CHECK(prescriptions(*kiosk.store) == kiosk_rx + 1);
    REQUIRE(peer.sync().ok());
    CHECK(peer.store()->patient(*patient).ok());
}

TEST_CASE("The kiosk's SyncClient syncs with the demo central and shows the cut link", "[demo_central]") {
    TempDir dir;
    const std::string path = dir.path + "/demo.db";
    REQUIRE(reset_demo(path, DemoScenario::kStandard, 1).ok());
    auto dc = start(path);
    REQUIRE(dc.ok());
    SyncStatusBoard board;
    SyncConfig config = DemoCentral::kiosk_sync_config();
    config.backoff_seed = 3;
    SyncClient client(config, path, &board, {}, (*dc)->transport_factory());
    REQUIRE(client.start().ok());
    // Waits (up to a generous minute: this is not a timing test) for a state.
    auto wait_for = [&](const std::function<bool(const SyncSnapshot&)>& done) {
        for (int i = 0; i < 600; ++i) {
            if (done(board.read())) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        return false;
    };
    REQUIRE(wait_for([](const SyncSnapshot& s) { return s.last_success_ms > 0 && s.changes_waiting == 0 && !s.running; }));
    SyncSnapshot s = board.read();
    CHECK(s.server == DemoCentral::kServerName);
    CHECK(s.amber_after_ms == 60 * 1000);

    (*dc)->set_offline(true);
    client.sync_now();
    REQUIRE(wait_for([](const SyncSnapshot& x) { return !x.last_error.empty() && !x.running; }));
    CHECK(board.read().last_error.find("Simulate offline") != std::string::npos);
    (*dc)->set_offline(false);
    client.sync_now();
    REQUIRE(wait_for([](const SyncSnapshot& x) { return x.last_error.empty() && !x.running; }));
    client.stop();
}

TEST_CASE("The second device's thread restores and dispenses by itself", "[demo_central]") {
    TempDir dir;
    const std::string path = dir.path + "/demo.db";
    REQUIRE(reset_demo(path, DemoScenario::kStandard, 1).ok());
    DemoCentralOptions o = quiet_options();
    o.peer_every_ms = 100;
    o.peer_start_delay_ms = 0;
    o.seed = 5;
    std::atomic<int> calls{0};
    auto dc = DemoCentral::Start(path, o, [&] { ++calls; });
    REQUIRE(dc.ok());
    // The kiosk pushes its history so the device has stock to dispense.
    Kiosk kiosk(path, **dc);
    const int64_t history = prescriptions(*kiosk.store);
    REQUIRE(kiosk.sync().status.ok());
    DemoPeerReport r;
    for (int i = 0; i < 600 && r.dispensings < 2; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        r = (*dc)->peer();
    }
    CHECK(r.ready);
    CHECK(r.error.empty());
    CHECK(r.dispensings >= 2);
    CHECK(!r.last.empty());
    CHECK(calls.load() >= 2);
    // Some may have arrived with the kiosk's first pull already.
    REQUIRE(kiosk.sync().status.ok());
    CHECK(prescriptions(*kiosk.store) >= history + 2);
}

TEST_CASE("A real store cannot start the demo central", "[demo_central]") {
    TempDir dir;
    const std::string path = dir.path + "/real.db";
    make_real_store(path, "HC01", "Real clinic");
    auto dc = start(path);
    REQUIRE_FALSE(dc.ok());
    CHECK(dc.status().message().find("demo") != std::string::npos);
    OpenOptions o;
    o.path = path;
    auto s = Store::Open(o);
    REQUIRE(s.ok());
    CHECK_FALSE((*s)->meta(sync_meta::kToken).has_value());
}

TEST_CASE("Only a demo central takes in a demo site and only once", "[demo_central]") {
    TempDir dir;
    const std::string path = dir.path + "/demo.db";
    REQUIRE(reset_demo(path, DemoScenario::kStandard, 1).ok());
    auto store = open_demo(path);
    json rows = json::object();
    for (const char* t : {"sites", "devices", "users", "items"}) {
        auto r = read_rows(store->db(), *find_table(t));
        REQUIRE(r.ok());
        rows[t] = *r;
    }
    REQUIRE(rows["items"].size() >= 50);
    const Identity& id = store->identity();

    auto real = CentralCore::Open(":memory:", nullptr, false);
    REQUIRE(real.ok());
    auto refused = (*real)->adopt_demo_site(rows, id.device_id, id.device_name);
    CHECK(refused.status().code() == Status::Code::kPermissionDenied);
    CHECK((*real)->feed_head() == 1);  // only the reason codes it started with

    auto demo = CentralCore::Open(":memory:", nullptr, true);
    REQUIRE(demo.ok());
    json not_demo = rows;
    not_demo["sites"][0]["is_demo"] = 0;
    CHECK_FALSE((*demo)->adopt_demo_site(not_demo, id.device_id, id.device_name).ok());
    json two_sites = rows;
    two_sites["sites"].push_back(rows["sites"][0]);
    CHECK_FALSE((*demo)->adopt_demo_site(two_sites, id.device_id, id.device_name).ok());
    const int64_t head = (*demo)->feed_head();
    auto token = (*demo)->adopt_demo_site(rows, id.device_id, id.device_name);
    REQUIRE(token.ok());
    CHECK(token->size() == 64);
    CHECK((*demo)->feed_head() > head);
    CHECK((*demo)->db().query_i64("SELECT COUNT(*) FROM items").value_or(0) ==
          static_cast<int64_t>(rows["items"].size()));
    auto again = (*demo)->adopt_demo_site(rows, id.device_id, id.device_name);
    CHECK(again.status().code() == Status::Code::kConflict);
}

TEST_CASE("In the demo a minute without sync stands for a day", "[demo_central]") {
    const int64_t now = 10LL * 24 * 3600 * 1000;
    SyncSnapshot demo;
    demo.configured = true;
    demo.amber_after_ms = DemoCentral::kiosk_sync_config().amber_after_ms;
    demo.red_after_ms = DemoCentral::kiosk_sync_config().red_after_ms;
    SyncSnapshot real = demo;
    real.amber_after_ms = SyncConfig{}.amber_after_ms;
    real.red_after_ms = SyncConfig{}.red_after_ms;
    demo.last_success_ms = real.last_success_ms = now - 30 * 1000;
    CHECK(sync_health(demo, now) == SyncHealth::kHealthy);
    demo.last_success_ms = real.last_success_ms = now - 61 * 1000;
    CHECK(sync_health(demo, now) == SyncHealth::kAmber);
    CHECK(sync_health(real, now) == SyncHealth::kHealthy);
    demo.last_success_ms = real.last_success_ms = now - 181 * 1000;
    CHECK(sync_health(demo, now) == SyncHealth::kRed);
    CHECK(sync_health(real, now) == SyncHealth::kHealthy);
    real.last_success_ms = now - 25LL * 3600 * 1000;
    CHECK(sync_health(real, now) == SyncHealth::kAmber);
}

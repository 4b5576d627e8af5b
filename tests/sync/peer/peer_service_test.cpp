// The background peer service (sync/peer/peer_service.h) with real HTTP on
// loopback ports: two services with one manual address converge both ways
// within a few of the service's (shortened) periods; the last good address
// is tried first; discovery that does not work changes nothing for manual
// addresses, and a discovered device is asked; a device of another site is
// refused and nothing is written; no site key: off, in plain words.
#include "peer_service.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <optional>
#include <thread>

#include "peer_test_util.h"

using namespace outpost;
using namespace outpost::peer_test;

namespace {

// A store file of a device of site, registered and synced once (site key).
struct Device {
    std::string path;
    std::unique_ptr<Store> store;  // the test's own connection
};

std::string temp_path(const std::string& name) {
    static int n = 0;
    return "/tmp/outpost_peer_service_" + std::to_string(::getpid()) + "_" + std::to_string(++n) +
           "_" + name + ".db";
}

Device device_file(World& w, const std::string& site, const std::string& name) {
    Device d;
    d.path = temp_path(name);
    for (const char* ext : {"", "-wal", "-shm"}) std::remove((d.path + ext).c_str());
    d.store = Store::Open({d.path, true, &w.clock, false}).value();
    REQUIRE(register_device(*w.wire, w.central->issue_code(site).value(), name, *d.store).ok());
    REQUIRE(w.sync(*d.store).status.ok());
    REQUIRE(peer::site_keys_of(*d.store).current);
    return d;
}

peer::PeerServiceConfig quick(World& w, const Device& d) {
    peer::PeerServiceConfig c;
    c.store_path = d.path;
    c.listen_host = "127.0.0.1";
    c.listen_port = 0;  // any free port
    c.period_ms = 300;
    c.debounce_ms = 50;
    c.backoff = {100, 1000};
    c.backoff_seed = 7;
    c.timeouts = {2, 5, 5};
    c.clock = &w.clock;
    return c;
}

// Polls pred every 20 ms for up to 15 s (the services' periods are 300 ms).
template <typename F>
bool eventually(F pred) {
    for (int i = 0; i < 750; ++i) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return pred();
}

std::string address_of(const peer::PeerService& s) {
    return "127.0.0.1:" + std::to_string(s.listening_port());
}

// A copy, not a pointer: callers pass the board's read(), a temporary.
std::optional<PeerState> peer_named(const PeerSnapshot& snap, const std::string& name) {
    for (const PeerState& p : snap.peers)
        if (p.name == name) return p;
    return std::nullopt;
}

void dispense(Store& s, int64_t qty) {
    PatientInput p;
    p.family_name = "Banda";
    p.given_name = "Grace";
    p.sex = "F";
    const std::string user = s.users().at(0).id;
    auto patient = s.register_patient(user, p);
    REQUIRE(patient.ok());
    DispenseInput in;
    in.patient_id = *patient;
    in.prescriber = "Dr Phiri";
    DispenseLineInput line;
    line.item_id = s.item_by_code("AMOX250")->id;
    line.quantity = qty;
    line.directions = "1t tds";
    in.lines.push_back(line);
    auto r = s.dispense(user, in);
    INFO(r.status().message());
    REQUIRE(r.ok());
}

}  // namespace

TEST_CASE("two peer services with one manual address converge both ways and say in step",
          "[peer][service]") {
    World w;
    Device kiosk = device_file(w, "HC01", "Dispensary tablet");
    Device laptop = device_file(w, "HC01", "Store room laptop");
    receive(*kiosk.store, 100);
    PeerStatusBoard kiosk_board, laptop_board;
    peer::PeerService at_kiosk(quick(w, kiosk), &kiosk_board);
    peer::PeerService at_laptop(quick(w, laptop), &laptop_board);
    REQUIRE(at_kiosk.start().ok());
    REQUIRE(at_laptop.start().ok());
    REQUIRE(eventually(
        [&] { return at_kiosk.listening_port() > 0 && at_laptop.listening_port() > 0; }));
    CHECK(kiosk_board.read().enabled);
    CHECK(kiosk_board.read().serving);
    // Only the kiosk is told where the laptop is; central is out of the picture.
    REQUIRE(at_kiosk.add_peer(address_of(at_laptop)).ok());
    CHECK(at_kiosk.add_peer(address_of(at_laptop)).code() == Status::Code::kConflict);
    CHECK(at_kiosk.add_peer("not an address").code() == Status::Code::kInvalidArgument);
    REQUIRE(eventually([&] { return amox_on_hand(*laptop.store) == 100; }));

    // The laptop learnt where the kiosk serves from its request: a dispensing
    // there reaches the kiosk with no address typed on the laptop.
    dispense(*laptop.store, 15);
    at_laptop.notify_local_write();
    CHECK_FALSE(laptop_board.read().peers.empty());
    REQUIRE(eventually([&] { return amox_on_hand(*kiosk.store) == 85; }));
    CHECK(kiosk.store->version_vector().value() == laptop.store->version_vector().value());
    CHECK(kiosk.store->verify()->ok());
    CHECK(laptop.store->verify()->ok());

    // Both say so, by the other's name.
    REQUIRE(eventually([&] {
        const std::optional<PeerState> p = peer_named(kiosk_board.read(), "Store room laptop");
        return p && p->in_step && p->last_error.empty();
    }));
    REQUIRE(eventually([&] {
        const std::optional<PeerState> p = peer_named(laptop_board.read(), "Dispensary tablet");
        return p && p->in_step;
    }));
    const PeerSnapshot k = kiosk_board.read();
    const std::optional<PeerState> seen = peer_named(k, "Store room laptop");
    REQUIRE(seen);
    CHECK(seen->device_id == laptop.store->identity().device_id);
    CHECK(seen->address == address_of(at_laptop));
    CHECK(seen->source == PeerSource::kManual);
    CHECK(peers_in_step(k, w.clock.now_ms()) == 1);
    CHECK(k.peers.size() == 1);  // the manual address and the device are one peer
    const std::optional<PeerState> back = peer_named(laptop_board.read(), "Dispensary tablet");
    REQUIRE(back);
    CHECK(back->source == PeerSource::kRemembered);

    // The address book kept the laptop as the last good address.
    bool remembered = false;
    for (const PeerAddress& a : kiosk.store->peer_addresses().value())
        if (!a.manual && a.device_id == laptop.store->identity().device_id &&
            a.address == address_of(at_laptop))
            remembered = true;
    CHECK(remembered);
    CHECK(at_kiosk.forget_peer(address_of(at_laptop)).ok());
    CHECK(at_kiosk.forget_peer(address_of(at_laptop)).code() == Status::Code::kNotFound);
    at_kiosk.stop();
    at_laptop.stop();
}

TEST_CASE("the last good address is tried first, a dead one after it", "[peer][service]") {
    World w;
    Device kiosk = device_file(w, "HC01", "kiosk");
    Device laptop = device_file(w, "HC01", "laptop");
    PeerStatusBoard kiosk_board, laptop_board;
    peer::PeerService at_laptop(quick(w, laptop), &laptop_board);
    REQUIRE(at_laptop.start().ok());
    REQUIRE(eventually([&] { return at_laptop.listening_port() > 0; }));
    // Nothing listens on port 1; "127.0.0.1:1" sorts before the laptop's
    // address, so the first round tries it first.
    const std::string dead = "127.0.0.1:1", good = address_of(at_laptop);
    REQUIRE(kiosk.store->add_peer_address(dead).ok());
    REQUIRE(kiosk.store->add_peer_address(good).ok());
    std::mutex mu;
    std::vector<std::string> tried;
    peer::PeerServiceConfig c = quick(w, kiosk);
    c.listen_port = -1;       // ask only
    c.period_ms = 60 * 1000;  // rounds only when asked
    c.backoff = {60 * 1000, 60 * 1000};
    c.make_transport = [&](const std::string& host, int port) -> std::unique_ptr<Transport> {
        std::lock_guard<std::mutex> l(mu);
        tried.push_back(host + ":" + std::to_string(port));
        return std::make_unique<peer::PeerHttpTransport>(host, port, peer::PeerTimeouts{2, 5, 5});
    };
    peer::PeerService at_kiosk(c, &kiosk_board);
    REQUIRE(at_kiosk.start().ok());
    auto succeeded = [&] {
        const std::optional<PeerState> p = peer_named(kiosk_board.read(), "laptop");
        return p && p->in_step;
    };
    REQUIRE(eventually(succeeded));
    {
        std::lock_guard<std::mutex> l(mu);
        REQUIRE(tried.size() >= 2);
        CHECK(tried[0] == dead);
        CHECK(tried[1] == good);
        tried.clear();
    }
    const PeerSnapshot first = kiosk_board.read();
    REQUIRE(first.peers.size() == 2);
    const std::optional<PeerState> unreachable = peer_named(first, dead);  // named by its address
    REQUIRE(unreachable);
    CHECK_FALSE(unreachable->last_error.empty());  // says why
    CHECK_FALSE(unreachable->in_step);
    CHECK(unreachable->last_attempt_ms > 0);
    const int64_t rounds = at_kiosk.rounds();
    at_kiosk.sync_now();
    REQUIRE(eventually([&] {
        std::lock_guard<std::mutex> l(mu);
        return at_kiosk.rounds() > rounds && tried.size() >= 2;
    }));
    std::lock_guard<std::mutex> l(mu);
    CHECK(tried[0] == good);  // the last good address first
    CHECK(tried[1] == dead);  // sync now: even the one backing off
}

TEST_CASE(
    "discovery that does not work: manual addresses still converge, and a discovered device is asked",
    "[peer][service]") {
    World w;
    Device kiosk = device_file(w, "HC01", "kiosk");
    Device laptop = device_file(w, "HC01", "laptop");
    Device tablet = device_file(w, "HC01", "tablet");
    receive(*kiosk.store, 30);
    peer::ListDiscovery broken, at_laptop_mdns, at_tablet_mdns;
    broken.set_problem("mDNS not available (avahi-daemon not running)");
    PeerStatusBoard kb, lb, tb;
    peer::PeerServiceConfig kc = quick(w, kiosk), lc = quick(w, laptop), tc = quick(w, tablet);
    kc.discovery = &broken;
    lc.discovery = &at_laptop_mdns;
    tc.discovery = &at_tablet_mdns;
    peer::PeerService at_kiosk(kc, &kb), at_laptop(lc, &lb), at_tablet(tc, &tb);
    REQUIRE(at_kiosk.start().ok());
    REQUIRE(at_laptop.start().ok());
    REQUIRE(at_tablet.start().ok());
    REQUIRE(eventually([&] {
        return at_kiosk.listening_port() > 0 && at_laptop.listening_port() > 0 &&
               at_tablet.listening_port() > 0;
    }));
    REQUIRE(at_kiosk.add_peer(address_of(at_laptop)).ok());
    REQUIRE(eventually([&] { return amox_on_hand(*laptop.store) == 30; }));
    const PeerSnapshot k = kb.read();
    CHECK_FALSE(k.discovery_running);
    CHECK(k.discovery_problem == "mDNS not available (avahi-daemon not running)");

    // The laptop's discovery announced this device with its port, and finds the tablet.
    REQUIRE(
        eventually([&] { return at_laptop_mdns.announced().port == at_laptop.listening_port(); }));
    CHECK(at_laptop_mdns.announced().device_id == laptop.store->identity().device_id);
    CHECK(at_laptop_mdns.announced().site_id == laptop.store->identity().site_id);
    at_laptop_mdns.set_found(
        {{tablet.store->identity().device_id, address_of(at_tablet)},
         {laptop.store->identity().device_id, address_of(at_laptop)}});      // itself: skipped
    REQUIRE(eventually([&] { return amox_on_hand(*tablet.store) == 30; }));  // the kiosk's, relayed
    REQUIRE(eventually([&] {
        const std::optional<PeerState> p = peer_named(lb.read(), "tablet");
        return p && p->in_step;
    }));
    CHECK(peer_named(lb.read(), "tablet")->source == PeerSource::kDiscovered);
    for (const PeerState& p : lb.read().peers)
        CHECK(p.device_id != laptop.store->identity().device_id);
}

TEST_CASE("a device of another site at the address is refused and nothing is written",
          "[peer][service]") {
    World w;
    Device kiosk = device_file(w, "HC01", "kiosk");
    Device intruder = device_file(w, "HC02", "intruder");
    receive(*kiosk.store, 12);
    receive(*intruder.store, 99);
    auto events = [](Store& s) {
        return s.db().query_i64("SELECT COUNT(*) FROM stock_events").value_or(-1);
    };
    const int64_t kiosk_events = events(*kiosk.store), intruder_events = events(*intruder.store);
    PeerStatusBoard kb, ib;
    peer::PeerService at_intruder(quick(w, intruder), &ib);
    REQUIRE(at_intruder.start().ok());
    REQUIRE(eventually([&] { return at_intruder.listening_port() > 0; }));
    peer::PeerService at_kiosk(quick(w, kiosk), &kb);
    REQUIRE(at_kiosk.start().ok());
    REQUIRE(at_kiosk.add_peer(address_of(at_intruder)).ok());
    REQUIRE(eventually([&] {
        const PeerSnapshot s = kb.read();
        return s.peers.size() == 1 && !s.peers[0].last_error.empty();
    }));
    const PeerState p = kb.read().peers[0];
    CHECK_THAT(p.last_error, Catch::Contains("another site"));
    CHECK_FALSE(p.in_step);
    CHECK(p.device_id.empty());
    CHECK(p.last_success_ms == 0);
    at_kiosk.stop();
    at_intruder.stop();
    CHECK(events(*kiosk.store) == kiosk_events);
    CHECK(events(*intruder.store) == intruder_events);
    CHECK(amox_on_hand(*kiosk.store) == 12);
    for (const PeerAddress& a : kiosk.store->peer_addresses().value())
        CHECK(a.manual);  // nothing remembered
}

TEST_CASE("no site key: peer sync is off and says why", "[peer][service]") {
    World w;
    Device kiosk = device_file(w, "HC01", "kiosk");
    REQUIRE(kiosk.store->set_meta(sync_meta::kSiteKey, "").ok());
    PeerStatusBoard board;
    peer::PeerService at_kiosk(quick(w, kiosk), &board);
    REQUIRE(at_kiosk.start().ok());
    REQUIRE(eventually([&] { return !board.read().why_disabled.empty(); }));
    const PeerSnapshot s = board.read();
    CHECK_FALSE(s.enabled);
    CHECK_FALSE(s.serving);
    CHECK_THAT(s.why_disabled, Catch::Contains("site key"));
    CHECK(at_kiosk.listening_port() == 0);
}

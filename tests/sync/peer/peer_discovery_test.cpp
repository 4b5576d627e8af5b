// mDNS discovery with Avahi (sync/peer/avahi_discovery.cpp), against
// whatever this machine has. Without avahi-daemon (CI), discovery must say
// so in plain words and find nothing. With one (a developer's machine, or
// DBUS_SYSTEM_BUS_ADDRESS pointing at a bus where avahi-daemon runs), two
// devices of a site find each other with their serving ports, and a device
// of another site is not listed. The peer service's use of discovery is
// tested with ListDiscovery in peer_service_test.cpp.
#include "peer_discovery.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <thread>

using namespace outpost;

namespace {

template <typename F>
bool within_seconds(int seconds, F pred) {
    for (int i = 0; i < seconds * 20; ++i) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return pred();
}

}  // namespace

TEST_CASE("mDNS discovery finds the site's devices, or says plainly why it cannot",
          "[peer][mdns]") {
    auto a = peer::make_mdns_discovery(), b = peer::make_mdns_discovery(),
         other = peer::make_mdns_discovery();
    const std::string site = "test-site-" + std::to_string(::time(nullptr));
    a->start({site, "dev-a", "Dispensary tablet", 17611}, [] {});
    b->start({site, "dev-b", "Store room laptop", 17612}, [] {});
    other->start({site + "-other", "dev-c", "Other clinic", 17613}, [] {});
    REQUIRE(within_seconds(5, [&] { return a->running() || !a->problem().empty(); }));
    if (!a->running()) {
        WARN("no mDNS here: " << a->problem());
        CHECK_THAT(a->problem(), Catch::Contains("by hand"));
        CHECK(a->found().empty());
        return;
    }
    REQUIRE(within_seconds(10, [&] { return !a->found().empty() && !b->found().empty(); }));
    for (const peer::DiscoveredPeer& p : a->found()) {
        CHECK(p.device_id == "dev-b");  // never itself, never the other site's
        CHECK(p.address.substr(p.address.rfind(':')) == ":17612");
    }
    for (const peer::DiscoveredPeer& p : b->found()) CHECK(p.device_id == "dev-a");
    b->stop();
    CHECK(b->found().empty());
    CHECK(within_seconds(10, [&] { return a->found().empty(); }));  // b's announcement went away
}

// Peer sync and central together (issue 15): a device pushes the changes it
// had from a peer (relaying), central holds each change once whichever path
// it took, and pulls pass over what a device already had from a peer.
#include "peer_test_util.h"

using namespace outpost;
using namespace outpost::peer_test;

namespace {

int64_t central_rows_of(World& w, Store& device) {
    return w.central->db()
        .query_i64("SELECT COUNT(*) FROM feed WHERE device_id='" + device.identity().device_id + "'")
        .value_or(-1);
}

}  // namespace

TEST_CASE("a device relays its peer's changes to central which holds each once", "[peer][relay]") {
    World w;
    auto kiosk = w.device("HC01", "kiosk");
    auto laptop = w.device("HC01", "laptop");
    receive(*laptop, 40);
    receive(*laptop, 2, "L2");
    receive(*kiosk, 100);
    peer::PeerServer server(*laptop, w.clock);
    PeerLoopback lan(server);
    REQUIRE(peer::sync_with_peer(*kiosk, lan, w.clock).status.ok());

    // Only the kiosk reaches central: it pushes its own change and relays
    // the laptop's two.
    CycleReport k = w.sync(*kiosk);
    INFO(k.status.message());
    REQUIRE(k.status.ok());
    CHECK(k.pushed == 1);
    CHECK(k.relayed == 2);
    CHECK(central_rows_of(w, *laptop) == 2);
    CHECK(central_rows_of(w, *kiosk) == 1);
    // The laptop comes online: central already holds its changes, and it
    // pulls nothing it had from the kiosk.
    receive(*laptop, 1, "L3");
    CycleReport l = w.sync(*laptop);
    REQUIRE(l.status.ok());
    CHECK(l.pushed == 3);  // its cursor moves over the two relayed ones too
    CHECK(central_rows_of(w, *laptop) == 3);
    CHECK(central_rows_of(w, *kiosk) == 1);
    const int64_t kiosk_held = held_rows(*laptop);
    CHECK(kiosk_held == 1);  // the kiosk's change, had by peer, not pulled again
    // The kiosk pulls the laptop's third change only.
    CycleReport k2 = w.sync(*kiosk);
    REQUIRE(k2.status.ok());
    CHECK(k2.relayed == 0);
    CHECK(held_rows(*kiosk) == 3);
    CHECK(amox_on_hand(*kiosk) == 143);
    CHECK(amox_on_hand(*laptop) == 143);
    // A device restored from central holds the same version vector.
    auto fresh = w.device("HC01", "replacement");
    auto vv = fresh->version_vector().value();
    CHECK(vv.at(kiosk->identity().device_id) == 1);
    CHECK(vv.at(laptop->identity().device_id) == 3);
    CHECK(amox_on_hand(*fresh) == 143);
}

TEST_CASE("a pull after peer sync skips what the device had from its peer", "[peer][relay]") {
    World w;
    auto a = w.device("HC01", "kiosk");
    auto b = w.device("HC01", "laptop");
    REQUIRE(w.sync(*a).status.ok());  // a has central's row of b's registration
    for (int i = 0; i < 5; ++i) receive(*b, 1, "B" + std::to_string(i));
    REQUIRE(w.sync(*b).status.ok());  // central has b's five
    peer::PeerServer server(*b, w.clock);
    PeerLoopback lan(server);
    REQUIRE(peer::sync_with_peer(*a, lan, w.clock).status.ok());
    CHECK(held_rows(*a) == 5);
    CycleReport r = w.sync(*a);
    REQUIRE(r.status.ok());
    CHECK(r.pulled == 0);  // none of b's five again
    CHECK(amox_on_hand(*a) == 5);
}

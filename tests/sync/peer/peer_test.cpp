// Peer sync between devices of one site (issue 15): two and three devices
// converge with central out of reach, both directions, relaying; and the
// refusals of the seal: another site's device, no key, a wrong key, a
// replayed request or answer, a stale, oversized or malformed message.
// Every refusal writes nothing.
#include "peer_test_util.h"

#include "peer_seal.h"

using namespace outpost;
using namespace outpost::peer_test;

namespace {

struct Counts {
    int64_t events, held, outbox;
    bool operator==(const Counts& o) const { return events == o.events && held == o.held && outbox == o.outbox; }
};
Counts counts(Store& s) {
    return {s.db().query_i64("SELECT COUNT(*) FROM stock_events").value_or(-1), held_rows(s), s.outbox_last_seq()};
}

}  // namespace

TEST_CASE("two devices converge through peer sync both directions", "[peer]") {
    World w;
    auto kiosk = w.device("HC01", "kiosk");
    auto laptop = w.device("HC01", "laptop");
    // Central is out of reach from here on: only the peers talk.
    receive(*kiosk, 100);
    receive(*laptop, 40, "L2");
    peer::PeerServer server(*laptop, w.clock);
    PeerLoopback lan(server);
    peer::PeerReport r = peer::sync_with_peer(*kiosk, lan, w.clock);
    INFO(r.status.message());
    REQUIRE(r.status.ok());
    CHECK(r.received == 1);
    CHECK(r.given == 1);
    CHECK(amox_on_hand(*kiosk) == 140);
    CHECK(amox_on_hand(*laptop) == 140);
    CHECK(kiosk->version_vector().value() == laptop->version_vector().value());
    CHECK(kiosk->verify()->ok());
    CHECK(laptop->verify()->ok());
    // Again: nothing moves.
    r = peer::sync_with_peer(*kiosk, lan, w.clock);
    REQUIRE(r.status.ok());
    CHECK(r.received == 0);
    CHECK(r.given == 0);
}

TEST_CASE("three devices converge when two of them never meet", "[peer]") {
    World w;
    auto a = w.device("HC01", "kiosk");
    auto b = w.device("HC01", "store room");
    auto c = w.device("HC01", "tablet");
    receive(*a, 10);
    receive(*c, 7);
    peer::PeerServer at_b(*b, w.clock);
    PeerLoopback to_b(at_b);
    REQUIRE(peer::sync_with_peer(*a, to_b, w.clock).status.ok());  // a <-> b
    REQUIRE(peer::sync_with_peer(*c, to_b, w.clock).status.ok());  // c <-> b: c gets a's, b relays
    REQUIRE(peer::sync_with_peer(*a, to_b, w.clock).status.ok());  // a gets c's through b
    CHECK(amox_on_hand(*a) == 17);
    CHECK(amox_on_hand(*b) == 17);
    CHECK(amox_on_hand(*c) == 17);
    CHECK(a->version_vector().value() == c->version_vector().value());
}

TEST_CASE("a device of another site is refused and nothing is written", "[peer]") {
    World w;
    auto here = w.device("HC01", "kiosk");
    auto there = w.device("HC02", "intruder");
    receive(*there, 99);
    receive(*here, 5);
    const Counts before = counts(*here), before_there = counts(*there);
    peer::PeerServer server(*here, w.clock);
    PeerLoopback lan(server);
    peer::PeerReport r = peer::sync_with_peer(*there, lan, w.clock);
    CHECK(r.status.code() == Status::Code::kPermissionDenied);
    CHECK(r.status.message().find("another site") != std::string::npos);
    CHECK(counts(*here) == before);
    CHECK(counts(*there) == before_there);
    REQUIRE(lan.answers.size() == 1);
    CHECK(lan.answers[0].find("other_site") != std::string::npos);
}

TEST_CASE("a device with the site's id but a wrong key is refused", "[peer]") {
    World w;
    auto here = w.device("HC01", "kiosk");
    auto forger = w.device("HC01", "copied id");
    receive(*forger, 99);
    // Same site id, same key number, other bytes.
    REQUIRE(forger->set_meta(sync_meta::kSiteKey, std::string(64, 'a')).ok());
    const Counts before = counts(*here);
    peer::PeerServer server(*here, w.clock);
    PeerLoopback lan(server);
    peer::PeerReport r = peer::sync_with_peer(*forger, lan, w.clock);
    CHECK(r.status.code() == Status::Code::kPermissionDenied);
    CHECK(r.status.message().find("not sealed with this site's key") != std::string::npos);
    CHECK(counts(*here) == before);
}

TEST_CASE("without a site key nothing is sent or accepted", "[peer]") {
    World w;
    auto here = w.device("HC01", "kiosk");
    auto keyless = w.device("HC01", "old laptop");
    REQUIRE(keyless->set_meta(sync_meta::kSiteKey, "").ok());
    peer::PeerServer at_here(*here, w.clock);
    PeerLoopback lan(at_here);
    peer::PeerReport r = peer::sync_with_peer(*keyless, lan, w.clock);
    CHECK(r.status.code() == Status::Code::kPermissionDenied);
    CHECK(r.status.message().find("no site key") != std::string::npos);
    CHECK(lan.requests.empty());
    // A keyless device serving refuses every message.
    receive(*here, 3);
    const Counts before = counts(*keyless);
    peer::PeerServer at_keyless(*keyless, w.clock);
    PeerLoopback to_keyless(at_keyless);
    r = peer::sync_with_peer(*here, to_keyless, w.clock);
    CHECK_FALSE(r.status.ok());
    CHECK(to_keyless.answers.at(0).find("no_site_key") != std::string::npos);
    CHECK(counts(*keyless) == before);
}

TEST_CASE("a replayed peer message is refused and the first one was applied once", "[peer]") {
    World w;
    auto a = w.device("HC01", "kiosk");
    auto b = w.device("HC01", "laptop");
    receive(*a, 12);
    peer::PeerServer server(*b, w.clock);
    PeerLoopback lan(server);
    REQUIRE(peer::sync_with_peer(*a, lan, w.clock).status.ok());
    REQUIRE(lan.requests.size() >= 2);  // an ask, then a give
    const std::string give = lan.requests.back();
    const Counts after = counts(*b);
    peer::PeerReply again = server.handle(give);
    CHECK(again.status == 403);
    CHECK(again.body.find("replayed") != std::string::npos);
    CHECK(counts(*b) == after);
    CHECK(amox_on_hand(*b) == 12);
}

TEST_CASE("an old answer passed off as the reply to a new request is refused", "[peer]") {
    World w;
    auto a = w.device("HC01", "kiosk");
    auto b = w.device("HC01", "laptop");
    receive(*b, 8);
    peer::PeerServer server(*b, w.clock);
    PeerLoopback lan(server);
    REQUIRE(peer::sync_with_peer(*a, lan, w.clock).status.ok());
    const std::string old_answer = lan.answers.front();
    receive(*b, 1, "L9");
    const Counts before = counts(*a);
    lan.tamper_answer = [&](std::string* body) { *body = old_answer; };
    peer::PeerReport r = peer::sync_with_peer(*a, lan, w.clock);
    CHECK(r.status.code() == Status::Code::kPermissionDenied);
    CHECK(r.status.message().find("another request") != std::string::npos);
    CHECK(counts(*a) == before);
}

TEST_CASE("a message from outside the time window is refused", "[peer]") {
    World w;
    auto a = w.device("HC01", "kiosk");
    auto b = w.device("HC01", "laptop");
    receive(*a, 4);
    FakeClock behind(kStart - 11 * 60 * 1000);  // a clock 11 minutes slow
    peer::PeerServer server(*b, w.clock);
    PeerLoopback lan(server);
    const Counts before = counts(*b);
    peer::PeerReport r = peer::sync_with_peer(*a, lan, behind);
    CHECK_FALSE(r.status.ok());
    CHECK(r.status.message().find("minutes from this device's clock") != std::string::npos);
    CHECK(counts(*b) == before);
    // Nine minutes is within the window.
    FakeClock close(kStart - 9 * 60 * 1000);
    CHECK(peer::sync_with_peer(*a, lan, close).status.ok());
}

TEST_CASE("oversized and malformed peer messages are refused unread", "[peer]") {
    World w;
    auto a = w.device("HC01", "kiosk");
    auto b = w.device("HC01", "laptop");
    peer::PeerServer server(*b, w.clock);
    const Counts before = counts(*b);
    CHECK(server.handle(std::string(peer::kMaxMessageBytes + 1, 'x')).status == 413);
    CHECK(server.handle("").status == 400);
    CHECK(server.handle("GET / HTTP/1.1").status == 400);
    CHECK(server.handle(std::string("OPR1\0\0\0\1", 8)).status == 400);  // cut short
    const peer::SiteKeys keys = peer::site_keys_of(*a);
    REQUIRE(keys.current);
    // Sealed right but saying nothing sensible.
    const json base{{"site", keys.site_id}, {"from", a->identity().device_id}, {"at", w.clock.now_ms()}};
    json what = base;
    what["kind"] = "delete everything";
    CHECK(server.handle(peer::seal(what, keys)).status == 400);
    json no_vv = base;
    no_vv["kind"] = "ask";
    CHECK(server.handle(peer::seal(no_vv, keys)).status == 400);
    json bad_give = base;
    bad_give["kind"] = "give";
    bad_give["changes"] = json::array({{{"origin", "x"}, {"payload", {{"patients", 1}}}}});
    CHECK(server.handle(peer::seal(bad_give, keys)).status == 400);
    // A well-formed give whose change breaks scope: refused whole.
    json foreign = base;
    foreign["kind"] = "give";
    foreign["changes"] = json::array(
        {{{"origin", a->identity().device_id},
          {"seq", 1},
          {"payload", {{"patients", json::array({{{"id", "p"}, {"site_id", "another-site"}, {"family_name", "X"},
                                                  {"given_name", "Y"}, {"hlc", "1"}, {"device_id", "d"}}})}}}}});
    CHECK(server.handle(peer::seal(foreign, keys)).status == 403);
    // One flipped bit in the ciphertext.
    json ask = base;
    ask["kind"] = "ask";
    ask["held"] = json::object();
    std::string sealed = peer::seal(ask, keys);
    sealed[sealed.size() - 3] ^= 1;
    CHECK(server.handle(sealed).status == 403);
    CHECK(counts(*b) == before);
}

TEST_CASE("after a key rotation the previous key still opens messages", "[peer]") {
    World w;
    auto a = w.device("HC01", "kiosk");
    auto b = w.device("HC01", "laptop");
    receive(*a, 6);
    REQUIRE(w.central->rotate_site_key("HC01").ok());
    REQUIRE(w.sync(*b).status.ok());  // b has key 2 and keeps key 1
    CHECK(b->meta(sync_meta::kSiteKeyNo) == std::string("2"));
    CHECK(b->meta(sync_meta::kSiteKeyPreviousNo) == std::string("1"));
    peer::PeerServer server(*b, w.clock);
    PeerLoopback lan(server);
    // a has not heard of the rotation: it seals with key 1, b opens it, and
    // b's answers (key 2) a cannot open until it syncs with central.
    peer::PeerReport r = peer::sync_with_peer(*a, lan, w.clock);
    CHECK_FALSE(r.status.ok());
    CHECK(r.status.message().find("site key 2") != std::string::npos);
    REQUIRE(w.sync(*a).status.ok());
    r = peer::sync_with_peer(*a, lan, w.clock);
    INFO(r.status.message());
    CHECK(r.status.ok());
    CHECK(amox_on_hand(*b) == 6);
}

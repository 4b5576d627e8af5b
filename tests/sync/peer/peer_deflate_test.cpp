// Deflated peer messages (docs/protocol.md, "Peer exchange", compression):
// an asker that offers compression gets deflated answers and sends deflated
// gives once the peer said it opens them; an asker that does not (a build
// from before) sees only "OPR1" messages both ways; a deflated message that
// was tampered with, does not inflate, or inflates too far is refused.
#include <sodium.h>
#include <zlib.h>

#include "peer_seal.h"
#include "peer_test_util.h"

using namespace outpost;
using namespace outpost::peer_test;

namespace {

std::string magic(const std::string& sealed) {
    return sealed.substr(0, 4);
}

// Seals a hand-made plaintext as "OPZ1" the way peer_seal does, so the tests
// can send what a correct sealer never would.
std::string seal_deflated_bytes(const std::string& plain_deflated, const peer::SiteKeys& keys) {
    // The layout of peer_seal.h: magic, key number, site, nonce, ciphertext.
    std::string nonce(peer::kNonceBytes, '\x07');
    std::string ad = peer::kMagicDeflated;
    for (int shift = 24; shift >= 0; shift -= 8)
        ad += static_cast<char>((keys.current->no >> shift) & 0xff);
    ad += static_cast<char>(keys.site_id.size());
    ad += keys.site_id;
    ad += nonce;
    std::string out = ad;
    out.resize(ad.size() + plain_deflated.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char*>(&out[ad.size()]), &clen,
        reinterpret_cast<const unsigned char*>(plain_deflated.data()), plain_deflated.size(),
        reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
        reinterpret_cast<const unsigned char*>(nonce.data()),
        reinterpret_cast<const unsigned char*>(keys.current->bytes.data()));
    out.resize(ad.size() + clen);
    return out;
}

std::string zlib(const std::string& text) {
    uLongf n = compressBound(static_cast<uLong>(text.size()));
    std::string out(n, '\0');
    REQUIRE(compress2(reinterpret_cast<Bytef*>(&out[0]), &n,
                      reinterpret_cast<const Bytef*>(text.data()), static_cast<uLong>(text.size()),
                      9) == Z_OK);
    out.resize(n);
    return out;
}

}  // namespace

TEST_CASE("peers that both deflate exchange deflated messages and converge", "[peer][deflate]") {
    World w;
    auto kiosk = w.device("HC01", "kiosk");
    auto laptop = w.device("HC01", "laptop");
    for (int i = 0; i < 20; ++i) receive(*kiosk, 10 + i, "K" + std::to_string(i));
    for (int i = 0; i < 20; ++i) receive(*laptop, 5 + i, "L" + std::to_string(i));
    peer::PeerServer server(*laptop, w.clock);
    PeerLoopback lan(server);
    peer::PeerReport r = peer::sync_with_peer(*kiosk, lan, w.clock);
    INFO(r.status.message());
    REQUIRE(r.status.ok());
    CHECK(r.received == 20);
    CHECK(r.given == 20);
    CHECK(amox_on_hand(*kiosk) == amox_on_hand(*laptop));
    CHECK(kiosk->version_vector().value() == laptop->version_vector().value());
    // The first ask is plain (the asker does not know the peer yet); the
    // answers carrying changes and the give are deflated.
    REQUIRE(lan.requests.size() >= 2);
    CHECK(magic(lan.requests.front()) == "OPR1");
    CHECK(magic(lan.answers.front()) == "OPZ1");
    CHECK(magic(lan.requests.back()) == "OPZ1");
}

TEST_CASE("an asker that does not offer compression gets plain messages only", "[peer][deflate]") {
    World w;
    auto kiosk = w.device("HC01", "kiosk");
    auto laptop = w.device("HC01", "laptop");
    for (int i = 0; i < 20; ++i) receive(*kiosk, 10 + i, "K" + std::to_string(i));
    for (int i = 0; i < 20; ++i) receive(*laptop, 5 + i, "L" + std::to_string(i));
    peer::PeerServer server(*laptop, w.clock);
    PeerLoopback lan(server);
    peer::PeerReport r = peer::sync_with_peer(*kiosk, lan, w.clock, 0, false);
    REQUIRE(r.status.ok());
    CHECK(r.received == 20);
    CHECK(r.given == 20);
    for (const auto& m : lan.requests) CHECK(magic(m) == "OPR1");
    for (const auto& m : lan.answers) CHECK(magic(m) == "OPR1");
}

TEST_CASE(
    "deflated messages that are tampered with or do not inflate or inflate too far are refused",
    "[peer][deflate]") {
    World w;
    auto a = w.device("HC01", "kiosk");
    auto b = w.device("HC01", "laptop");
    receive(*a, 10);
    const peer::SiteKeys keys = peer::site_keys_of(*a);
    REQUIRE(keys.current);
    peer::PeerServer server(*b, w.clock);
    const int64_t held_before = held_rows(*b);
    json give{{"kind", "give"},
              {"site", keys.site_id},
              {"from", a->identity().device_id},
              {"at", w.clock.now_ms()},
              {"changes", json::array()}};
    for (int i = 0; i < 50; ++i) give["note" + std::to_string(i)] = std::string(40, 'x');

    // The flag is authenticated: OPZ1 relabelled OPR1 (or the reverse) does not open.
    std::string deflated = peer::seal(give, keys, nullptr, true);
    REQUIRE(magic(deflated) == "OPZ1");
    std::string relabelled = deflated;
    relabelled.replace(0, 4, "OPR1");
    CHECK(server.handle(relabelled).status == 403);
    std::string plain = peer::seal(give, keys);
    REQUIRE(magic(plain) == "OPR1");
    plain.replace(0, 4, "OPZ1");
    CHECK(server.handle(plain).status == 403);

    // Sealed right, but not a zlib stream.
    CHECK(server.handle(seal_deflated_bytes("not zlib at all", keys)).status == 400);
    // Sealed right, inflating past 64 MiB (a bomb: 65 MiB of spaces).
    std::string bomb = zlib("{\"kind\":\"give\"" + std::string(65u * 1024 * 1024, ' ') + "}");
    CHECK(bomb.size() < peer::kMaxMessageBytes);
    CHECK(server.handle(seal_deflated_bytes(bomb, keys)).status == 413);
    CHECK(held_rows(*b) == held_before);

    // And the genuine deflated message opens.
    {
        peer::Opened out;
        peer::Refusal why;
        std::string problem;
        CHECK(peer::open(peer::seal(give, keys, nullptr, true), keys, w.clock.now_ms(), &out, &why,
                         &problem));
        CHECK(out.deflated);
        CHECK(out.message["note7"] == std::string(40, 'x'));
    }
}

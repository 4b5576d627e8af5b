// Sealing peer messages (docs/protocol.md "Peer exchange", docs/security.md
// "Site keys"): every request and answer between two devices of a site is
// encrypted and authenticated with the site key (libsodium's
// XChaCha20-Poly1305 AEAD), and opened only when it is fresh (its time within
// kWindowMs of the receiver's clock) and new (its nonce not seen before).
//
// A sealed message, as bytes:
//   "OPR1" or "OPZ1"  4 bytes: magic and peer protocol version 1; "OPZ1" when
//                     the JSON was deflated (zlib) before sealing
//   key_no            4 bytes, big-endian: which of the site's keys sealed it
//   site_len, site    1 byte, then the site id (at most 64 bytes)
//   nonce             24 random bytes
//   ciphertext        the JSON message plus a 16-byte tag
// Everything before the ciphertext is authenticated too (associated data),
// so a message cannot be moved to another site or key number, nor its
// compression flag changed. A peer seals "OPZ1" only to a peer that said it
// opens it (docs/protocol.md, "Compression"); builds before it know only
// "OPR1" and refuse "OPZ1" as malformed.
//
// Thread safety: SeenNonces is not thread safe (the peer server holds a lock).
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "status.h"

namespace outpost {
namespace peer {

constexpr const char* kMagic = "OPR1";
constexpr const char* kMagicDeflated = "OPZ1";
// A deflated message may open to at most this much JSON (a bomb is refused).
constexpr size_t kMaxOpenedBytes = 64u * 1024 * 1024;
// Messages shorter than this are not worth deflating and go as "OPR1".
constexpr size_t kDeflateFromBytes = 256;
constexpr int kPeerProtocol = 1;
constexpr size_t kKeyBytes = 32;
constexpr size_t kNonceBytes = 24;
// A message more than this far from the receiver's clock is refused. Wide,
// because clinic clocks drift through months offline; the nonce memory
// covers replays inside the window.
constexpr int64_t kWindowMs = 10LL * 60 * 1000;
// Sealed messages larger than this are refused unread, both ways.
constexpr size_t kMaxMessageBytes = 8u * 1024 * 1024;

// One site key with its number (central counts rotations).
struct SiteKey {
    int64_t no = 0;
    std::string bytes;  // kKeyBytes raw bytes
};
// The keys a device holds: the current one seals, both open.
struct SiteKeys {
    std::string site_id;
    std::optional<SiteKey> current, previous;
};
// Reads a key from 64 hex digits; nullopt when it is not one.
std::optional<SiteKey> key_from_hex(int64_t no, const std::string& hex);

// Seals message (which must be an object) with keys.current; deflate: the
// JSON is deflated first ("OPZ1") when it is kDeflateFromBytes or longer.
// REQUIRES: keys.current set. nonce_out (optional) receives the raw nonce.
std::string seal(const nlohmann::json& message, const SiteKeys& keys, std::string* nonce_out = nullptr,
                 bool deflate = false);

// A message opened: its JSON and its nonce (raw bytes).
struct Opened {
    nlohmann::json message;
    std::string nonce;
    bool deflated = false;  // it came as "OPZ1"
};
// Why a message was refused; kind says which refusal (for the tests and the
// error code on the wire).
enum class Refusal { kMalformed, kOtherSite, kNoKey, kWrongKey, kStale, kReplayed, kOversized };
const char* refusal_name(Refusal r);  // "other_site", ...

// Opens a sealed message ("OPR1" or "OPZ1"). Checks, in order: size, shape,
// site, key number, the AEAD tag, the inflated size (kMaxOpenedBytes), the
// JSON, the message's "site" and "at" (ms) against now.
// Does not check nonces (SeenNonces does). On refusal returns false with
// *why and a plain-words *problem.
bool open(const std::string& sealed, const SiteKeys& keys, int64_t now_ms, Opened* out, Refusal* why,
          std::string* problem);

// The nonces of messages accepted within the window, so a replayed one is
// refused. Forgets nonces older than the window (a message that old is
// refused as stale anyway). At most kMaxRemembered are kept; when full, new
// messages are refused until old ones age out (a flood, not a clinic).
class SeenNonces {
public:
    static constexpr size_t kMaxRemembered = 200000;
    // True and remembered when new; false when seen before or full.
    bool remember(const std::string& nonce, int64_t at_ms, int64_t now_ms);
    size_t size() const { return seen_.size(); }

private:
    std::map<std::string, int64_t> seen_;  // nonce -> when it was accepted
};

}  // namespace peer
}  // namespace outpost

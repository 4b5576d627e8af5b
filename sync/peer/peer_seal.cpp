// Sealing and opening peer messages. See peer_seal.h for the format.
#include "peer_seal.h"

#include <sodium.h>
#include <zlib.h>

#include <cstring>

#include "json_read.h"

namespace outpost {
namespace peer {

using nlohmann::json;

namespace {

std::string header(const SiteKeys& keys, int64_t key_no, const std::string& nonce, bool deflated) {
    std::string h(deflated ? kMagicDeflated : kMagic);
    for (int shift = 24; shift >= 0; shift -= 8) h += static_cast<char>((key_no >> shift) & 0xff);
    h += static_cast<char>(keys.site_id.size());
    h += keys.site_id;
    h += nonce;
    return h;
}

bool refuse(Refusal r, const std::string& words, Refusal* why, std::string* problem) {
    *why = r;
    *problem = words;
    return false;
}

// zlib deflate of text at the best compression (messages are at most a few
// MiB); empty on failure.
std::string deflate_text(const std::string& text) {
    uLongf size = compressBound(static_cast<uLong>(text.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef*>(&out[0]), &size, reinterpret_cast<const Bytef*>(text.data()),
                  static_cast<uLong>(text.size()), Z_BEST_COMPRESSION) != Z_OK)
        return std::string();
    out.resize(size);
    return out;
}

// The inverse, refusing more than kMaxOpenedBytes out; false when data is
// not a whole zlib stream or opens too large.
bool inflate_text(const std::string& data, std::string* out) {
    z_stream zs{};
    if (inflateInit(&zs) != Z_OK) return false;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    out->clear();
    char buf[64 * 1024];
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) break;
        out->append(buf, sizeof buf - zs.avail_out);
        if (out->size() > kMaxOpenedBytes) break;
    }
    const bool whole = rc == Z_STREAM_END && zs.avail_in == 0 && out->size() <= kMaxOpenedBytes;
    inflateEnd(&zs);
    return whole;
}

}  // namespace

const char* refusal_name(Refusal r) {
    switch (r) {
        case Refusal::kMalformed: return "malformed";
        case Refusal::kOtherSite: return "other_site";
        case Refusal::kNoKey: return "no_site_key";
        case Refusal::kWrongKey: return "wrong_key";
        case Refusal::kStale: return "stale";
        case Refusal::kReplayed: return "replayed";
        case Refusal::kOversized: return "too_large";
    }
    return "refused";
}

std::optional<SiteKey> key_from_hex(int64_t no, const std::string& hex) {
    if (hex.size() != kKeyBytes * 2) return std::nullopt;
    std::string bytes(kKeyBytes, '\0');
    size_t len = 0;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(&bytes[0]), kKeyBytes, hex.data(), hex.size(), nullptr, &len,
                       nullptr) != 0 ||
        len != kKeyBytes)
        return std::nullopt;
    return SiteKey{no, bytes};
}

std::string seal(const json& message, const SiteKeys& keys, std::string* nonce_out, bool deflate) {
    std::string nonce(kNonceBytes, '\0');
    randombytes_buf(&nonce[0], kNonceBytes);
    if (nonce_out) *nonce_out = nonce;
    std::string plain = message.dump();
    if (deflate && plain.size() >= kDeflateFromBytes) {
        std::string packed = deflate_text(plain);
        if (packed.empty()) deflate = false;  // (never for valid input) sent as it is
        else plain = std::move(packed);
    } else {
        deflate = false;
    }
    const std::string ad = header(keys, keys.current->no, nonce, deflate);
    std::string out = ad;
    out.resize(ad.size() + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char*>(&out[ad.size()]), &clen, reinterpret_cast<const unsigned char*>(plain.data()),
        plain.size(), reinterpret_cast<const unsigned char*>(ad.data()), ad.size(), nullptr,
        reinterpret_cast<const unsigned char*>(nonce.data()),
        reinterpret_cast<const unsigned char*>(keys.current->bytes.data()));
    out.resize(ad.size() + clen);
    return out;
}

bool open(const std::string& sealed, const SiteKeys& keys, int64_t now_ms, Opened* out, Refusal* why,
          std::string* problem) {
    if (sealed.size() > kMaxMessageBytes)
        return refuse(Refusal::kOversized, "the message is larger than 8 MiB", why, problem);
    const size_t fixed = 4 + 4 + 1;
    const bool deflated = sealed.size() >= fixed && sealed.compare(0, 4, kMagicDeflated) == 0;
    if (sealed.size() < fixed || (!deflated && sealed.compare(0, 4, kMagic) != 0))
        return refuse(Refusal::kMalformed, "this is not an Outpost peer message (version 1)", why, problem);
    int64_t key_no = 0;
    for (int i = 4; i < 8; ++i) key_no = (key_no << 8) | static_cast<unsigned char>(sealed[i]);
    const size_t site_len = static_cast<unsigned char>(sealed[8]);
    const size_t ad_len = fixed + site_len + kNonceBytes;
    if (site_len > 64 || sealed.size() < ad_len + crypto_aead_xchacha20poly1305_ietf_ABYTES)
        return refuse(Refusal::kMalformed, "the peer message is cut short", why, problem);
    const std::string site = sealed.substr(fixed, site_len);
    if (site != keys.site_id)
        return refuse(Refusal::kOtherSite, "the message comes from a device of another site", why, problem);
    const SiteKey* key = nullptr;
    if (keys.current && keys.current->no == key_no) key = &*keys.current;
    else if (keys.previous && keys.previous->no == key_no) key = &*keys.previous;
    if (!keys.current)
        return refuse(Refusal::kNoKey, "this device has no site key yet: sync it with central once", why, problem);
    if (!key)
        return refuse(Refusal::kWrongKey,
                      "the message is sealed with site key " + std::to_string(key_no) + ", this device holds key " +
                          std::to_string(keys.current->no) + ": sync both devices with central",
                      why, problem);
    std::string plain(sealed.size() - ad_len - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long plen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(&plain[0]), &plen, nullptr,
            reinterpret_cast<const unsigned char*>(sealed.data() + ad_len), sealed.size() - ad_len,
            reinterpret_cast<const unsigned char*>(sealed.data()), ad_len,
            reinterpret_cast<const unsigned char*>(sealed.data() + fixed + site_len),
            reinterpret_cast<const unsigned char*>(key->bytes.data())) != 0)
        return refuse(Refusal::kWrongKey, "the message is not sealed with this site's key", why, problem);
    plain.resize(plen);
    if (deflated) {
        std::string inflated;
        if (!inflate_text(plain, &inflated))
            return refuse(inflated.size() > kMaxOpenedBytes ? Refusal::kOversized : Refusal::kMalformed,
                          inflated.size() > kMaxOpenedBytes ? "the message opens to more than 64 MiB"
                                                            : "the sealed message does not inflate",
                          why, problem);
        plain = std::move(inflated);
    }
    out->deflated = deflated;
    std::string unreadable;
    if (!parse_json(plain, &out->message, &unreadable) || !out->message.is_object())
        return refuse(Refusal::kMalformed, "the sealed message is not a JSON object", why, problem);
    if (out->message.value("site", json()) != keys.site_id)
        return refuse(Refusal::kOtherSite, "the sealed message names another site", why, problem);
    auto at = out->message.find("at");
    if (at == out->message.end() || !at->is_number_integer())
        return refuse(Refusal::kMalformed, "the sealed message has no time", why, problem);
    const int64_t skew = at->get<int64_t>() - now_ms;
    if (skew > kWindowMs || skew < -kWindowMs)
        return refuse(Refusal::kStale,
                      "the message's time is " + std::to_string((skew < 0 ? -skew : skew) / 60000) +
                          " minutes from this device's clock (10 allowed): an old message, or a clock to set right",
                      why, problem);
    out->nonce = sealed.substr(fixed + site_len, kNonceBytes);
    return true;
}

bool SeenNonces::remember(const std::string& nonce, int64_t at_ms, int64_t now_ms) {
    (void)at_ms;
    for (auto it = seen_.begin(); it != seen_.end();)
        it = it->second < now_ms - 2 * kWindowMs ? seen_.erase(it) : std::next(it);
    if (seen_.count(nonce) || seen_.size() >= kMaxRemembered) return false;
    seen_[nonce] = now_ms;
    return true;
}

}  // namespace peer
}  // namespace outpost

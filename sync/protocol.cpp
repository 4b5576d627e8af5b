// Error names, HTTP statuses, the error body and the payload hash of the sync
// protocol (see protocol.h and docs/protocol.md).
#include "protocol.h"

#include <sodium.h>

#include <cctype>

namespace outpost {
namespace protocol {

namespace {
struct ErrorInfo {
    Error error;
    const char* name;
    int status;
};
constexpr ErrorInfo kErrors[] = {
    {Error::kBadRequest, "bad_request", 400},
    {Error::kBadToken, "bad_token", 401},
    {Error::kBadCode, "bad_code", 401},
    {Error::kWrongSite, "wrong_site", 403},
    {Error::kDemoMismatch, "demo_mismatch", 403},
    {Error::kNotFound, "not_found", 404},
    {Error::kMethodNotAllowed, "method_not_allowed", 405},
    {Error::kSequenceConflict, "sequence_conflict", 409},
    {Error::kPayloadTooLarge, "payload_too_large", 413},
    {Error::kVersionTooOld, "version_too_old", 426},
    {Error::kRateLimited, "rate_limited", 429},
    {Error::kInternal, "internal", 500},
    {Error::kBusy, "busy", 503},
};
}  // namespace

const char* error_name(Error e) {
    for (const auto& i : kErrors)
        if (i.error == e) return i.name;
    return "internal";
}

int http_status(Error e) {
    for (const auto& i : kErrors)
        if (i.error == e) return i.status;
    return 500;
}

bool parse_error(const std::string& name, Error* out) {
    for (const auto& i : kErrors)
        if (name == i.name) {
            *out = i.error;
            return true;
        }
    return false;
}

std::string error_body(Error e, const std::string& message) {
    return nlohmann::json{{field::kError, error_name(e)}, {field::kMessage, message}}.dump();
}

std::string payload_hash(const nlohmann::json& payload) {
    // replace: a payload with invalid UTF-8 still hashes instead of throwing.
    const std::string text = payload.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

bool HeaderLess::operator()(const std::string& a, const std::string& b) const {
    const size_t n = a.size() < b.size() ? a.size() : b.size();
    for (size_t i = 0; i < n; ++i) {
        const int ca = std::tolower(static_cast<unsigned char>(a[i]));
        const int cb = std::tolower(static_cast<unsigned char>(b[i]));
        if (ca != cb) return ca < cb;
    }
    return a.size() < b.size();
}

}  // namespace protocol
}  // namespace outpost

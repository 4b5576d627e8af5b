// The sync protocol's shared vocabulary (docs/protocol.md, version 1): the
// version number, header names, endpoint paths, size limits, JSON field names
// and the error codes with their HTTP statuses. Both outpost-central and the
// device's sync client include this file, so a name is spelled once. Also the
// transport-neutral request/response types the central core handles, so the
// sync simulation can drive central in-process without HTTP.
//
// Stable: add to this file, do not rename or renumber.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>

namespace outpost {
namespace protocol {

// ---- version ---------------------------------------------------------------
// Version 2 adds packed push changes and "skip_own" pulls (docs/protocol.md);
// version 3 (peer sync, issue 15) adds relayed push changes ("origin"),
// version-vector pulls ("held"), the origin of each pulled change and the
// site key. Central still serves version 1 and 2 devices unchanged.
constexpr int kVersion = 3;     // what this build speaks
constexpr int kMinVersion = 1;  // the oldest central still serves

// ---- headers ---------------------------------------------------------------
constexpr const char* kHeaderProtocol = "X-Outpost-Protocol";
constexpr const char* kHeaderAuthorization = "Authorization";  // "Bearer <token>"
constexpr const char* kHeaderRetryAfter = "Retry-After";       // whole seconds
constexpr const char* kHeaderContentType = "Content-Type";
constexpr const char* kHeaderContentEncoding = "Content-Encoding";
constexpr const char* kHeaderAcceptEncoding = "Accept-Encoding";
// The device's app version ("0.1.0"), on every request since 0.1.0; optional:
// central records it per device (the dashboard's Sites page) and ignores a
// value longer than kMaxAppVersionChars or with characters outside printable
// ASCII. Older devices send none and keep working.
constexpr const char* kHeaderApp = "X-Outpost-App";
constexpr size_t kMaxAppVersionChars = 40;
constexpr const char* kContentTypeJson = "application/json";
constexpr const char* kBearerPrefix = "Bearer ";

// ---- endpoints -------------------------------------------------------------
constexpr const char* kPathRegister = "/v1/register";  // POST
constexpr const char* kPathPush = "/v1/push";          // POST
constexpr const char* kPathPull = "/v1/pull";          // POST
constexpr const char* kPathStatus = "/v1/status";      // GET

// ---- limits ----------------------------------------------------------------
// Request bodies larger than this (after decompression) get 413.
constexpr size_t kMaxBodyBytes = 8u * 1024 * 1024;
// A device reads at most this much of any answer from central (after gzip is
// undone) and refuses the rest: twice the request cap, well above the largest
// pull page (kMaxPullBytes of rows plus their JSON framing).
constexpr size_t kMaxAnswerBytes = 2 * kMaxBodyBytes;
// Central caps a pull page at these whatever the device asks for.
constexpr int64_t kMaxPullRows = 2000;
constexpr int64_t kMaxPullBytes = 4 * 1024 * 1024;
// A "skip_own" pull passes over at most this many of the device's own
// changes in one request (beyond max_rows).
constexpr int64_t kMaxPullSkippedRows = 20000;
// Used when a pull request leaves max_rows / max_bytes out.
constexpr int64_t kDefaultPullRows = 500;
constexpr int64_t kDefaultPullBytes = 256 * 1024;
// A registration code is good for this long after it is issued.
constexpr int64_t kRegistrationCodeLifetimeMs = 24LL * 3600 * 1000;
// Failed registrations per client address before 429, and the window.
// A busy central (its database still locked by another writer, such as an
// administrator's catalogue import, after the 5 s busy timeout) asks devices
// to come back after this many seconds (Retry-After on 503 busy).
constexpr int kBusyRetryAfterS = 10;
constexpr int kRegisterFailuresAllowed = 5;
constexpr int64_t kRegisterFailureWindowMs = 10LL * 60 * 1000;

// ---- JSON field names --------------------------------------------------------
namespace field {
// errors
constexpr const char* kError = "error";
constexpr const char* kMessage = "message";
// register
constexpr const char* kCode = "code";
constexpr const char* kDeviceName = "device_name";
constexpr const char* kDemo = "demo";
constexpr const char* kDeviceId = "device_id";
constexpr const char* kToken = "token";
constexpr const char* kSite = "site";  // {"id","code","name","is_demo"}
constexpr const char* kId = "id";
constexpr const char* kName = "name";
constexpr const char* kIsDemo = "is_demo";
// push
constexpr const char* kPending = "pending";
constexpr const char* kChanges = "changes";
constexpr const char* kSeq = "seq";
constexpr const char* kHlc = "hlc";
constexpr const char* kEntity = "entity";
constexpr const char* kEntityId = "entity_id";
constexpr const char* kPayload = "payload";
constexpr const char* kPacked = "packed";  // version 2: a payload in the packed form
constexpr const char* kAcceptedThrough = "accepted_through";
constexpr const char* kRejected = "rejected";  // [{"seq","error","message"}]
// pull
constexpr const char* kAfter = "after";
constexpr const char* kMaxRows = "max_rows";
constexpr const char* kMaxBytes = "max_bytes";
constexpr const char* kCursor = "cursor";
constexpr const char* kNext = "next";
constexpr const char* kMore = "more";
constexpr const char* kRemaining = "remaining";
constexpr const char* kSkipOwn = "skip_own";  // version 2: leave out the asker's own changes
// version 3 (peer sync)
constexpr const char* kOrigin = "origin";            // push/pull change: the device that made it
constexpr const char* kHeld = "held";                // version vector {device: seq}
constexpr const char* kRelayRefused = "relay_refused";  // push answer: [{"origin","seq","error","message"}]
constexpr const char* kSiteKey = "site_key";         // {"no": n, "key": "<64 hex>"}
constexpr const char* kSiteKeyNo = "site_key_no";    // pull request: the key number the device holds
constexpr const char* kKeyNo = "no";
constexpr const char* kKey = "key";
// status
constexpr const char* kSiteId = "site_id";
constexpr const char* kFeedHead = "feed_head";
constexpr const char* kServerTimeMs = "server_time_ms";
}  // namespace field

// ---- errors ------------------------------------------------------------------
// Request-level errors: the whole request failed, body {"error","message"}.
enum class Error {
    kBadRequest,        // 400 bad_request
    kBadToken,          // 401 bad_token
    kBadCode,           // 401 bad_code
    kWrongSite,         // 403 wrong_site
    kDemoMismatch,      // 403 demo_mismatch
    kNotFound,          // 404 not_found (no such endpoint)
    kMethodNotAllowed,  // 405 method_not_allowed
    kSequenceConflict,  // 409 sequence_conflict
    kPayloadTooLarge,   // 413 payload_too_large
    kVersionTooOld,     // 426 version_too_old
    kRateLimited,       // 429 rate_limited (+ Retry-After)
    kInternal,          // 500 internal (central's own fault; retry later)
    kBusy,              // 503 busy (+ Retry-After)
};

const char* error_name(Error e);  // "bad_token"
int http_status(Error e);         // 401
// Parses an error code from a response body's "error"; false when unknown.
bool parse_error(const std::string& name, Error* out);
// {"error": "<code>", "message": "<message>"} as text.
std::string error_body(Error e, const std::string& message);

// Reasons for a single rejected change inside a 200 push answer
// ("rejected": [{"seq", "error", "message"}]). The change is quarantined on
// the device and never blocks the changes behind it.
namespace reject {
constexpr const char* kWrongSite = "wrong_site";        // a row names another site
constexpr const char* kCentralTable = "central_table";  // sites/devices/users/items/reason_codes
constexpr const char* kUnknownTable = "unknown_table";  // a table central does not know
constexpr const char* kWrongDevice = "wrong_device";    // stock event's device_id/seq not this change's
constexpr const char* kBadChange = "bad_change";        // payload is not {"table": [rows]}
constexpr const char* kSequenceConflict = "sequence_conflict";  // a relayed copy differs from the held one
constexpr const char* kUnknownDevice = "unknown_device";  // a relayed change's origin is not of this site
}  // namespace reject

// SHA-256 (hex) of a change payload's canonical text (object keys sorted, no
// spaces: nlohmann's dump()). Central compares these to tell a replay from a
// reused sequence number with different content.
std::string payload_hash(const nlohmann::json& payload);

// ---- packed payloads (version 2) -----------------------------------------------
// A packed payload is the canonical payload {"table": [row objects]} with, per
// table, the column names sent once and each row as an array of values:
//   {"table": {"c": [columns], "i": [inherited columns], "r": [[values], ...]}}
// "i" names columns left out of every row because each row's value equals the
// change's own: site_id (the pushing device's site), device_id (the pushing
// device), seq and hlc (the change's). A table may also stay in the plain
// form (a list of objects), e.g. when its rows do not share one set of
// columns. Unpacking gives back exactly the canonical payload, so its
// payload_hash is the same whichever form travelled.
namespace packed {
constexpr const char* kColumns = "c";
constexpr const char* kInherited = "i";
constexpr const char* kRows = "r";
}  // namespace packed

// The values a packed change's rows inherit.
struct ChangeContext {
    std::string site_id, device_id, hlc;
    int64_t seq = 0;
};

// The packed form of a canonical payload (see above). Never fails: what
// cannot be packed stays plain.
nlohmann::json pack_payload(const nlohmann::json& payload, const ChangeContext& change);
// The canonical payload of a packed one. False with a plain-words *problem
// when the packed form is malformed (not an object, a row of the wrong
// length, an unknown inherited column, a column named twice).
bool unpack_payload(const nlohmann::json& packed, const ChangeContext& change, nlohmann::json* payload,
                    std::string* problem);

// ---- transport-neutral messages ------------------------------------------------
// Header names compare case-insensitively, as in HTTP.
struct HeaderLess {
    bool operator()(const std::string& a, const std::string& b) const;
};
using Headers = std::map<std::string, std::string, HeaderLess>;

struct Request {
    std::string method;       // "GET", "POST"
    std::string path;         // "/v1/push"
    Headers headers;
    std::string body;         // already decompressed
    std::string remote_addr;  // client address, for rate limits
};

struct Response {
    int status = 200;
    Headers headers;
    std::string body;
};

}  // namespace protocol
}  // namespace outpost

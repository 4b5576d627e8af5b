// Error names, HTTP statuses, the error body, the payload hash and the packed
// payload form of the sync protocol (see protocol.h and docs/protocol.md).
#include "protocol.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <vector>

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

namespace {

// The columns a packed row may inherit, with the change's value of each.
struct Inheritable {
    const char* name;
    nlohmann::json value;
};

std::vector<Inheritable> inheritable(const ChangeContext& c) {
    return {{"device_id", c.device_id}, {"hlc", c.hlc}, {"seq", c.seq}, {"site_id", c.site_id}};
}

// Packs one table's rows, or returns false when they must stay plain: not a
// non-empty list of objects with one shared set of columns.
bool pack_rows(const nlohmann::json& rows, const std::vector<Inheritable>& from_change, nlohmann::json* out) {
    using nlohmann::json;
    if (!rows.is_array() || rows.empty() || !rows[0].is_object()) return false;
    const json& first = rows[0];
    for (const auto& row : rows) {
        if (!row.is_object() || row.size() != first.size()) return false;
        for (auto it = first.begin(); it != first.end(); ++it)
            if (!row.contains(it.key())) return false;
    }
    json inherited = json::array();
    std::vector<std::string> columns;
    for (auto it = first.begin(); it != first.end(); ++it) {
        bool same_as_change = false;
        for (const auto& inh : from_change) {
            if (it.key() != inh.name) continue;
            // Equal values dump to the same text, so the canonical form (and
            // its hash) comes back unchanged.
            same_as_change = std::all_of(rows.begin(), rows.end(),
                                         [&](const json& row) { return row[inh.name].dump() == inh.value.dump(); });
        }
        if (same_as_change) inherited.push_back(it.key());
        else columns.push_back(it.key());
    }
    json values = json::array();
    for (const auto& row : rows) {
        json v = json::array();
        for (const auto& c : columns) v.push_back(row[c]);
        values.push_back(std::move(v));
    }
    *out = json::object();
    (*out)[packed::kColumns] = columns;
    if (!inherited.empty()) (*out)[packed::kInherited] = std::move(inherited);
    (*out)[packed::kRows] = std::move(values);
    return true;
}

}  // namespace

nlohmann::json pack_payload(const nlohmann::json& payload, const ChangeContext& change) {
    if (!payload.is_object()) return payload;
    const auto from_change = inheritable(change);
    nlohmann::json out = nlohmann::json::object();
    for (auto it = payload.begin(); it != payload.end(); ++it) {
        nlohmann::json table;
        if (pack_rows(it.value(), from_change, &table)) out[it.key()] = std::move(table);
        else out[it.key()] = it.value();
    }
    return out;
}

bool unpack_payload(const nlohmann::json& packed_payload, const ChangeContext& change, nlohmann::json* payload,
                    std::string* problem) {
    using nlohmann::json;
    if (!packed_payload.is_object()) {
        *problem = "the packed change is not a set of tables";
        return false;
    }
    const auto from_change = inheritable(change);
    json out = json::object();
    for (auto it = packed_payload.begin(); it != packed_payload.end(); ++it) {
        const json& t = it.value();
        if (!t.is_object()) {  // a plain table travels as it is
            out[it.key()] = t;
            continue;
        }
        const std::string where = "packed table " + it.key() + ": ";
        auto c = t.find(packed::kColumns);
        auto r = t.find(packed::kRows);
        auto i = t.find(packed::kInherited);
        if (c == t.end() || !c->is_array() || r == t.end() || !r->is_array() ||
            (i != t.end() && !i->is_array()) || t.size() != 2u + (i != t.end() ? 1u : 0u)) {
            *problem = where + "needs \"c\" and \"r\" lists (and optionally \"i\") and nothing else";
            return false;
        }
        json base = json::object();  // the inherited columns every row gets
        if (i != t.end()) {
            for (const auto& name : *i) {
                const Inheritable* found = nullptr;
                for (const auto& inh : from_change)
                    if (name.is_string() && name.get<std::string>() == inh.name) found = &inh;
                if (!found || base.contains(found->name)) {
                    *problem = where + "\"i\" may name only site_id, device_id, seq and hlc, once each";
                    return false;
                }
                base[found->name] = found->value;
            }
        }
        for (const auto& name : *c)
            if (!name.is_string() || base.contains(name.get<std::string>())) {
                *problem = where + "a column is not text or is named twice";
                return false;
            }
        std::vector<std::string> names = c->get<std::vector<std::string>>();
        for (size_t a = 0; a < names.size(); ++a)
            for (size_t b = a + 1; b < names.size(); ++b)
                if (names[a] == names[b]) {
                    *problem = where + "column " + names[a] + " is named twice";
                    return false;
                }
        json rows = json::array();
        for (const auto& values : *r) {
            if (!values.is_array() || values.size() != names.size()) {
                *problem = where + "a row does not have one value per column";
                return false;
            }
            json row = base;
            for (size_t k = 0; k < names.size(); ++k) row[names[k]] = values[k];
            rows.push_back(std::move(row));
        }
        out[it.key()] = std::move(rows);
    }
    *payload = std::move(out);
    return true;
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

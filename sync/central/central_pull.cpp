// Pull (docs/protocol.md "POST /v1/pull"): pages through the site's feed
// plus the global rows. Version 3 pulls send the device's version vector
// ("held"): changes it already holds (its own, and other devices' it had
// from a peer) are passed over, and each change sent names its origin and
// seq so the device can hold it for its peers; the answer also brings a new
// site key after a rotation.
#include <algorithm>

#include "central_core.h"
#include "central_internal.h"
#include "holdings.h"

namespace outpost {

using central::error_response;
using central::json;
using protocol::Error;
namespace field = protocol::field;

protocol::Response CentralCore::handle_pull(const Request& request, const Device& device) {
    json body;
    std::string unreadable;
    if (!parse_json(request.body, &body, &unreadable))
        return error_response(Error::kBadRequest, "the pull " + unreadable);
    if (!body.is_object()) return error_response(Error::kBadRequest, "the pull is not a JSON object");
    std::string device_id, problem;
    if (!central::get_string(body, field::kDeviceId, &device_id, &problem))
        return error_response(Error::kBadRequest, "pull: " + problem);
    if (device_id != device.id)
        return error_response(Error::kWrongSite, "this token belongs to another device");
    int64_t after = 0, max_rows = protocol::kDefaultPullRows, max_bytes = protocol::kDefaultPullBytes;
    if (!central::get_int(body, field::kAfter, &after, &problem) || after < 0)
        return error_response(Error::kBadRequest, "pull: \"after\" must be a cursor, 0 or more");
    if (body.contains(field::kMaxRows) &&
        (!central::get_int(body, field::kMaxRows, &max_rows, &problem) || max_rows < 1))
        return error_response(Error::kBadRequest, "pull: \"max_rows\" must be 1 or more");
    if (body.contains(field::kMaxBytes) &&
        (!central::get_int(body, field::kMaxBytes, &max_bytes, &problem) || max_bytes < 1))
        return error_response(Error::kBadRequest, "pull: \"max_bytes\" must be 1 or more");
    max_rows = std::min(max_rows, protocol::kMaxPullRows);
    max_bytes = std::min(max_bytes, protocol::kMaxPullBytes);
    // Version 2: the device already holds its own changes, so they are passed
    // over (the cursor still moves past them) instead of sent back.
    bool skip_own = false;
    if (auto so = body.find(field::kSkipOwn); so != body.end()) {
        if (!so->is_boolean()) return error_response(Error::kBadRequest, "pull: \"skip_own\" must be true or false");
        skip_own = so->get<bool>();
    }
    // Version 3: the device's version vector. Its presence also asks for the
    // origin and seq of each change sent.
    VersionVector held;
    const auto held_it = body.find(field::kHeld);
    const bool with_origin = held_it != body.end();
    if (with_origin && !read_version_vector(*held_it, &held, &problem))
        return error_response(Error::kBadRequest, "pull: " + problem);
    auto covered = [&](const std::string& origin, int64_t seq) {
        if (origin.empty() || seq <= 0) return false;
        if (skip_own && origin == device.id) return true;
        auto h = held.find(origin);
        return h != held.end() && seq <= h->second;
    };
    // Passed-over rows cost no payload; this bounds the work of one request.
    const int64_t scan_limit = max_rows + (skip_own || with_origin ? protocol::kMaxPullSkippedRows : 0);

    // Two index range scans (this site's rows, global rows) merged by cursor:
    // each reads at most scan_limit rows however long the feed is. Both, and
    // the count, read one snapshot: on PostgreSQL a global row committed
    // between the two scans could otherwise carry `next` past a site row
    // committed just before it.
    sql::ReadTx snapshot(*db_);
    if (!snapshot.begin_status().ok())
        return error_response(Error::kBusy,
                              "central is busy: " + snapshot.begin_status().message());
    sql::Stmt site = db_->prepare(
        "SELECT cursor, device_id, payload, seq FROM feed WHERE site_id=? AND cursor>? ORDER BY "
        "cursor LIMIT ?");
    site.bind(1, device.site_id).bind(2, after).bind(3, scan_limit);
    sql::Stmt global = db_->prepare(
        "SELECT cursor, device_id, payload, seq FROM feed WHERE site_id IS NULL AND cursor>? ORDER "
        "BY cursor LIMIT ?");
    global.bind(1, after).bind(2, max_rows);
    bool site_row = site.step(), global_row = global.step();
    std::string page = "{\"changes\":[";
    int64_t rows = 0, scanned = 0, bytes = 0, next = after;
    while ((site_row || global_row) && rows < max_rows && scanned < scan_limit) {
        const bool take_site = site_row && (!global_row || site.i64(0) < global.i64(0));
        sql::Stmt& from = take_site ? site : global;
        ++scanned;
        const std::string origin = from.is_null(1) ? std::string() : from.text(1);
        const int64_t seq = from.is_null(3) ? 0 : from.i64(3);
        if (take_site && covered(origin, seq)) {
            next = from.i64(0);
            site_row = site.step();
            continue;
        }
        const std::string payload = from.text(2);
        if (rows > 0 && bytes + static_cast<int64_t>(payload.size()) > max_bytes) break;
        next = from.i64(0);
        page += (rows ? ",{\"cursor\":" : "{\"cursor\":") + std::to_string(next);
        if (with_origin && !origin.empty() && seq > 0)
            page += ",\"origin\":" + json(origin).dump() + ",\"seq\":" + std::to_string(seq);
        page += ",\"payload\":" + payload + "}";
        bytes += static_cast<int64_t>(payload.size());
        ++rows;
        (take_site ? site_row : global_row) = from.step();
    }
    if (!site.status().ok() || !global.status().ok())
        return error_response(Error::kInternal, "central could not read its feed: " +
                                                    (site.status().ok() ? global.status() : site.status()).message());
    sql::Stmt count = db_->prepare(
        "SELECT (SELECT COUNT(*) FROM feed WHERE site_id=? AND cursor>?) + "
        "(SELECT COUNT(*) FROM feed WHERE site_id IS NULL AND cursor>?)");
    count.bind(1, device.site_id).bind(2, next).bind(3, next);
    const int64_t remaining = count.step() ? count.i64(0) : 0;
    snapshot.end();
    page += "],\"next\":" + std::to_string(next) + ",\"more\":" + (remaining > 0 ? "true" : "false") +
            ",\"remaining\":" + std::to_string(remaining);
    // Version 3: the site key, when the device does not hold the current one
    // (a first pull after an upgrade, or after `site rotate-key`).
    if (auto kn = body.find(field::kSiteKeyNo); kn != body.end()) {
        if (!kn->is_number_integer()) return error_response(Error::kBadRequest, "pull: \"site_key_no\" must be a whole number");
        auto key = site_key(device.site_id);
        if (!key.ok()) return error_response(Error::kInternal, "central could not read the site key: " + key.status().message());
        if (key->no != kn->get<int64_t>()) page += ",\"site_key\":" + site_key_json(*key).dump();
    }
    page += "}";

    sql::Stmt upd = db_->prepare("UPDATE devices SET last_pull_ms=? WHERE id=?");
    upd.bind(1, clock_->now_ms()).bind(2, device.id);
    (void)upd.run();  // health information only
    return central::json_response(200, page);
}

}  // namespace outpost

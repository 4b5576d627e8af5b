// Push and pull (docs/protocol.md). Push takes a device's outbox changes in
// seq order, insert-or-ignore by (device_id, seq) with a hash comparison that
// tells a harmless replay from a reused seq; changes that break scope are
// recorded as rejected and never block the ones behind them; everything
// accepted in one request commits in one transaction and is appended to the
// site's feed. Pull pages through the site's feed plus the global rows.
#include <algorithm>
#include <cstring>

#include "central_core.h"
#include "central_internal.h"
#include "projection.h"
#include "tables.h"

namespace outpost {

using central::error_response;
using central::json;
using protocol::Error;
namespace field = protocol::field;
namespace reject = protocol::reject;

namespace {

struct Rejection {
    std::string error, message;
};

// Why the device may not push this payload, or nullopt when it may. The rules
// (docs/protocol.md "Scope rules") plus the shape checks that keep a payload
// every device of the site could apply: a row central lets into the feed but a
// device's store refuses would stop that site's pulls for good.
std::optional<Rejection> scope_problem(const json& payload, const std::string& site_id,
                                       const std::string& device_id, int64_t seq) {
    if (!payload.is_object() || payload.empty())
        return Rejection{reject::kBadChange, "the change is not a set of tables with rows"};
    for (auto it = payload.begin(); it != payload.end(); ++it) {
        const TableSpec* spec = find_table(it.key());
        if (!spec)
            return Rejection{reject::kUnknownTable, "central does not know a table called '" + it.key() + "'"};
        if (spec->owner == Owner::kCentral)
            return Rejection{reject::kCentralTable, std::string("devices cannot change ") + spec->name +
                                                        ": that is central data, changed only on central"};
        if (!it->is_array())
            return Rejection{reject::kBadChange, std::string("the rows of ") + spec->name + " are not a list"};
        const bool has_site = std::any_of(spec->columns.begin(), spec->columns.end(),
                                          [](const char* c) { return std::string(c) == "site_id"; });
        const bool is_event = std::string(spec->name) == "stock_events";
        for (const auto& row : *it) {
            if (!row.is_object())
                return Rejection{reject::kBadChange, std::string("a row of ") + spec->name + " is not an object"};
            for (const char* k : spec->key) {
                auto kv = row.find(k);
                if (kv == row.end() || kv->is_null() || kv->is_object() || kv->is_array())
                    return Rejection{reject::kBadChange,
                                     std::string("a row of ") + spec->name + " has no " + k};
            }
            if (has_site) {
                auto s = row.find("site_id");
                if (s == row.end() || !s->is_string())
                    return Rejection{reject::kWrongSite, std::string("a row of ") + spec->name + " names no site"};
                if (s->get<std::string>() != site_id)
                    return Rejection{reject::kWrongSite,
                                     std::string("a row of ") + spec->name + " belongs to another site"};
            }
            if (is_event) {
                auto d = row.find("device_id");
                auto q = row.find("seq");
                if (d == row.end() || !d->is_string() || d->get<std::string>() != device_id)
                    return Rejection{reject::kWrongDevice, "a stock event names another device"};
                if (q == row.end() || !q->is_number_integer() || q->get<int64_t>() != seq)
                    return Rejection{reject::kWrongDevice, "a stock event carries another change's sequence number"};
                auto qty = row.find("quantity");
                auto batch = row.find("batch_id");
                auto item = row.find("item_id");
                if (qty == row.end() || !qty->is_number_integer() || batch == row.end() || !batch->is_string() ||
                    item == row.end() || !item->is_string())
                    return Rejection{reject::kBadChange, "a stock event lacks its quantity, batch or item"};
            }
        }
    }
    return std::nullopt;
}

// Child rows carry no site_id: their parent must be in the same change or
// be a row central already accepted from this site. Otherwise a device could
// attach lines or a cancellation to another site's prescription.
std::optional<Rejection> parent_problem(Db& db, const json& payload, const std::string& site_id) {
    static const struct {
        const char* child;
        const char* parent_column;
        const char* parent_table;
    } kChildren[] = {{"prescription_lines", "prescription_id", "prescriptions"},
                     {"cancellations", "prescription_id", "prescriptions"},
                     {"stocktake_lines", "stocktake_id", "stocktakes"}};
    Stmt known = db.prepare("SELECT 1 FROM site_parents WHERE id=? AND site_id=?");
    for (const auto& c : kChildren) {
        auto rows = payload.find(c.child);
        if (rows == payload.end()) continue;
        for (const auto& row : *rows) {
            auto parent = row.find(c.parent_column);
            if (parent == row.end() || !parent->is_string())
                return Rejection{reject::kBadChange, std::string("a row of ") + c.child + " has no " + c.parent_column};
            const std::string id = parent->get<std::string>();
            bool here = false;
            if (auto siblings = payload.find(c.parent_table); siblings != payload.end())
                for (const auto& p : *siblings) here |= p.value("id", json()) == id;
            if (here) continue;
            known.reset();
            known.bind(1, id).bind(2, site_id);
            if (!known.step())
                return Rejection{reject::kWrongSite, std::string("a row of ") + c.child + " names a " +
                                                         std::string(c.parent_table).substr(0, std::strlen(c.parent_table) - 1) +
                                                         " this site does not have"};
        }
    }
    return std::nullopt;
}

// Remembers the site of the parents an accepted change brings.
Status note_parents(Db& db, const json& payload, const std::string& site_id) {
    Stmt add = db.prepare("INSERT OR IGNORE INTO site_parents(id, site_id) VALUES(?,?)");
    for (const char* table : {"prescriptions", "stocktakes"}) {
        auto rows = payload.find(table);
        if (rows == payload.end()) continue;
        for (const auto& row : *rows) {
            auto id = row.find("id");
            if (id == row.end() || !id->is_string()) continue;  // not a parent anyone can name
            add.reset();
            add.bind(1, id->get<std::string>()).bind(2, site_id);
            Status s = add.run();
            if (!s.ok()) return s;
        }
    }
    return Status::Ok();
}

struct PushedChange {
    int64_t seq = 0;
    json payload;  // canonical (a packed change is unpacked on arrival)
};

}  // namespace

Status central::ensure_site_parents(Db& db) {
    if (db.query_i64("SELECT 1 FROM sqlite_master WHERE type='table' AND name='site_parents'")) return Status::Ok();
    // Filled once from the feed, so a database from before this table keeps
    // accepting cancellations of the prescriptions it already holds.
    return db.exec(
        "CREATE TABLE site_parents (id TEXT NOT NULL, site_id TEXT NOT NULL, PRIMARY KEY (id, site_id)) WITHOUT ROWID;"
        "INSERT OR IGNORE INTO site_parents SELECT json_extract(j.value, '$.id'), f.site_id FROM feed f, "
        "json_each(f.payload, '$.prescriptions') j WHERE f.site_id IS NOT NULL AND json_valid(f.payload) "
        "AND json_type(j.value, '$.id') = 'text';"
        "INSERT OR IGNORE INTO site_parents SELECT json_extract(j.value, '$.id'), f.site_id FROM feed f, "
        "json_each(f.payload, '$.stocktakes') j WHERE f.site_id IS NOT NULL AND json_valid(f.payload) "
        "AND json_type(j.value, '$.id') = 'text';");
}

protocol::Response CentralCore::handle_push(const Request& request, const Device& device) {
    json body;
    std::string unreadable;
    if (!parse_json(request.body, &body, &unreadable))
        return error_response(Error::kBadRequest, "the push " + unreadable + "; nothing was written");
    if (!body.is_object()) return error_response(Error::kBadRequest, "the push is not a JSON object");
    std::string device_id, problem;
    if (!central::get_string(body, field::kDeviceId, &device_id, &problem))
        return error_response(Error::kBadRequest, "push: " + problem);
    if (device_id != device.id)
        return error_response(Error::kWrongSite, "this token belongs to another device; nothing was written");
    int64_t pending = 0;
    if (body.contains(field::kPending) && (!central::get_int(body, field::kPending, &pending, &problem) || pending < 0))
        return error_response(Error::kBadRequest, "push: \"pending\" must be a whole number, 0 or more");
    auto changes_it = body.find(field::kChanges);
    if (changes_it == body.end() || !changes_it->is_array())
        return error_response(Error::kBadRequest, "push: \"changes\" must be a list");

    // Check every change's shape before touching anything.
    std::vector<PushedChange> changes;
    changes.reserve(changes_it->size());
    for (const auto& c : *changes_it) {
        if (!c.is_object()) return error_response(Error::kBadRequest, "push: a change is not an object");
        PushedChange pc;
        if (!central::get_int(c, field::kSeq, &pc.seq, &problem))
            return error_response(Error::kBadRequest, "push: a change's " + problem);
        if (pc.seq < 1) return error_response(Error::kBadRequest, "push: sequence numbers start at 1");
        auto p = c.find(field::kPayload);
        auto packed = c.find(field::kPacked);
        if (p != c.end()) {
            pc.payload = *p;
        } else if (packed != c.end()) {
            // Version 2: rows inherit this device, its site and the change's
            // seq and hlc. Unpacked here, so the hash, the scope checks and
            // the feed all see the canonical payload.
            protocol::ChangeContext ctx{device.site_id, device.id, "", pc.seq};
            auto hlc = c.find(field::kHlc);
            if (hlc != c.end() && hlc->is_string()) ctx.hlc = hlc->get<std::string>();
            if (!protocol::unpack_payload(*packed, ctx, &pc.payload, &problem))
                return error_response(Error::kBadRequest, "push: change " + std::to_string(pc.seq) + ": " + problem);
        } else {
            return error_response(Error::kBadRequest, "push: change " + std::to_string(pc.seq) + " has no payload");
        }
        changes.push_back(std::move(pc));
    }

    const int64_t now = clock_->now_ms();
    int64_t highest = device.accepted_through;
    int64_t conflict_seq = 0;
    json rejected = json::array();
    {
        Tx tx(db_);  // rolls back on every early return
        if (!tx.begin_status().ok())
            return error_response(Error::kBusy, "central is busy: " + tx.begin_status().message());
        Stmt held = db_.prepare("SELECT hash, status, error, reason FROM device_changes WHERE device_id=? AND seq=?");
        Stmt record = db_.prepare(
            "INSERT INTO device_changes(device_id, seq, hash, status, error, reason, received_ms) "
            "VALUES(?,?,?,?,?,?,?)");
        for (const auto& c : changes) {
            const std::string hash = protocol::payload_hash(c.payload);
            if (c.seq <= highest) {
                held.reset();
                held.bind(1, device.id).bind(2, c.seq);
                if (!held.step()) {
                    if (!held.status().ok()) return error_response(Error::kInternal, held.status().message());
                    // accepted_through passed this seq but no record exists:
                    // only possible if the database was edited by hand.
                    return error_response(Error::kInternal,
                                          "central has no record of change " + std::to_string(c.seq));
                }
                if (held.text(0) != hash) {
                    conflict_seq = c.seq;
                    break;
                }
                // A replay: repeat a rejected change's reason, since the
                // device may never have received the first answer.
                if (held.text(1) == "rejected")
                    rejected.push_back(
                        json{{field::kSeq, c.seq}, {field::kError, held.text(2)}, {field::kMessage, held.text(3)}});
                continue;
            }
            if (c.seq != highest + 1) break;  // a gap: the device resends from accepted_through + 1
            auto why = scope_problem(c.payload, device.site_id, device.id, c.seq);
            if (!why) why = parent_problem(db_, c.payload, device.site_id);
            record.reset();
            record.bind(1, device.id).bind(2, c.seq).bind(3, hash).bind(4, why ? "rejected" : "accepted");
            record.bind(5, why ? why->error : "").bind(6, why ? why->message : "").bind(7, now);
            Status s = record.run();
            if (s.ok() && !why) s = append_feed(device.site_id, device.id, c.seq, c.payload.dump());
            if (s.ok() && !why) s = note_parents(db_, c.payload, device.site_id);
            // The dashboard's copy, in the same transaction (projection.h).
            if (s.ok() && !why && project_) s = projection::apply_change(db_, device.site_id, c.payload, now);
            if (!s.ok())
                return error_response(Error::kInternal,
                                      "central could not store change " + std::to_string(c.seq) + ": " + s.message());
            if (why)
                rejected.push_back(json{{field::kSeq, c.seq}, {field::kError, why->error}, {field::kMessage, why->message}});
            highest = c.seq;
        }
        if (!conflict_seq) {
            Stmt upd = db_.prepare(
                "UPDATE devices SET accepted_through=?, pending=?, last_push_ms=?, last_error=? WHERE id=?");
            upd.bind(1, highest).bind(2, pending).bind(3, now);
            upd.bind(4, rejected.empty() ? std::string() : std::to_string(rejected.size()) + " change(s) refused");
            upd.bind(5, device.id);
            Status s = upd.run();
            if (s.ok()) s = tx.commit();
            if (!s.ok()) return error_response(Error::kInternal, "central could not commit the push: " + s.message());
        }
    }
    if (conflict_seq) {  // the transaction above rolled back: nothing of this push was written
        note_device_error(device.id, "reused sequence number " + std::to_string(conflict_seq) +
                                         " with different content; the device must be set up again");
        return error_response(Error::kSequenceConflict,
                              "this device sent change " + std::to_string(conflict_seq) +
                                  " again with different content; nothing was written. Set up sync again "
                                  "(restore) before sending more");
    }
    json answer{{field::kAcceptedThrough, highest}, {field::kRejected, rejected}};
    return central::json_response(200, answer.dump());
}

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
    // Passed-over rows cost no payload; this bounds the work of one request.
    const int64_t scan_limit = max_rows + (skip_own ? protocol::kMaxPullSkippedRows : 0);

    // Two index range scans (this site's rows, global rows) merged by cursor:
    // each reads at most scan_limit rows however long the feed is.
    Stmt site = db_.prepare(
        "SELECT cursor, device_id, payload FROM feed WHERE site_id=? AND cursor>? ORDER BY cursor LIMIT ?");
    site.bind(1, device.site_id).bind(2, after).bind(3, scan_limit);
    Stmt global = db_.prepare(
        "SELECT cursor, device_id, payload FROM feed WHERE site_id IS NULL AND cursor>? ORDER BY cursor LIMIT ?");
    global.bind(1, after).bind(2, max_rows);
    bool site_row = site.step(), global_row = global.step();
    std::string page = "{\"changes\":[";
    int64_t rows = 0, scanned = 0, bytes = 0, next = after;
    while ((site_row || global_row) && rows < max_rows && scanned < scan_limit) {
        const bool take_site = site_row && (!global_row || site.i64(0) < global.i64(0));
        Stmt& from = take_site ? site : global;
        ++scanned;
        if (skip_own && take_site && from.text(1) == device.id) {
            next = from.i64(0);
            site_row = site.step();
            continue;
        }
        const std::string payload = from.text(2);
        if (rows > 0 && bytes + static_cast<int64_t>(payload.size()) > max_bytes) break;
        next = from.i64(0);
        page += (rows ? ",{\"cursor\":" : "{\"cursor\":") + std::to_string(next) + ",\"payload\":" + payload + "}";
        bytes += static_cast<int64_t>(payload.size());
        ++rows;
        (take_site ? site_row : global_row) = from.step();
    }
    if (!site.status().ok() || !global.status().ok())
        return error_response(Error::kInternal, "central could not read its feed: " +
                                                    (site.status().ok() ? global.status() : site.status()).message());
    Stmt count = db_.prepare("SELECT (SELECT COUNT(*) FROM feed WHERE site_id=? AND cursor>?) + "
                             "(SELECT COUNT(*) FROM feed WHERE site_id IS NULL AND cursor>?)");
    count.bind(1, device.site_id).bind(2, next).bind(3, next);
    const int64_t remaining = count.step() ? count.i64(0) : 0;
    page += "],\"next\":" + std::to_string(next) + ",\"more\":" + (remaining > 0 ? "true" : "false") +
            ",\"remaining\":" + std::to_string(remaining) + "}";

    Stmt upd = db_.prepare("UPDATE devices SET last_pull_ms=? WHERE id=?");
    upd.bind(1, clock_->now_ms()).bind(2, device.id);
    (void)upd.run();  // health information only
    return central::json_response(200, page);
}

}  // namespace outpost

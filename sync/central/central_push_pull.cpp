// Push and pull (docs/protocol.md). Push takes a device's outbox changes in
// seq order, insert-or-ignore by (device_id, seq) with a hash comparison that
// tells a harmless replay from a reused seq; changes that break scope are
// recorded as rejected and never block the ones behind them; everything
// accepted in one request commits in one transaction and is appended to the
// site's feed. Version 3: a change may be another device's, relayed (its
// "origin"), checked and held under that device. Pull is central_pull.cpp.
#include <algorithm>
#include <cstring>
#include <map>

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
std::optional<Rejection> parent_problem(sql::Conn& db, const json& payload,
                                        const std::string& site_id) {
    static const struct {
        const char* child;
        const char* parent_column;
        const char* parent_table;
    } kChildren[] = {{"prescription_lines", "prescription_id", "prescriptions"},
                     {"cancellations", "prescription_id", "prescriptions"},
                     {"stocktake_lines", "stocktake_id", "stocktakes"}};
    sql::Stmt known = db.prepare("SELECT 1 FROM site_parents WHERE id=? AND site_id=?");
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
Status note_parents(sql::Conn& db, const json& payload, const std::string& site_id) {
    sql::Stmt add =
        db.prepare("INSERT INTO site_parents(id, site_id) VALUES(?,?) ON CONFLICT DO NOTHING");
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
    std::string origin;  // version 3: the device that made it; empty: the pushing device
    json payload;        // canonical (a packed change is unpacked on arrival)
};

// Where central stands with one origin device during a push.
struct OriginState {
    bool known = false;    // a device of the pushing device's site
    int64_t highest = 0;   // accepted_through, moving as changes are taken
    int64_t initial = 0;
    bool gap = false;      // a change was missing: the rest of this origin waits
};

json relay_refusal(const std::string& origin, int64_t seq, const char* error, const std::string& message) {
    return json{{field::kOrigin, origin}, {field::kSeq, seq}, {field::kError, error}, {field::kMessage, message}};
}

}  // namespace

Status central::ensure_site_parents(sql::Conn& db) {
    auto exists = db.table_exists("site_parents");
    if (!exists.ok()) return exists.status();
    if (*exists) return Status::Ok();
    if (db.engine() == sql::Engine::kPostgres)  // a PostgreSQL central never had a feed without it
        return db.exec(
            "CREATE TABLE site_parents (id TEXT NOT NULL, site_id TEXT NOT NULL, PRIMARY KEY (id, "
            "site_id))");
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
        if (auto o = c.find(field::kOrigin); o != c.end()) {
            if (!o->is_string() || o->get<std::string>().empty() || o->get<std::string>().size() > 64)
                return error_response(Error::kBadRequest, "push: a change's \"origin\" must be a device id");
            if (o->get<std::string>() != device.id) pc.origin = o->get<std::string>();
        }
        auto p = c.find(field::kPayload);
        auto packed = c.find(field::kPacked);
        if (p != c.end()) {
            pc.payload = *p;
        } else if (packed != c.end()) {
            // Version 2: rows inherit this device, its site and the change's
            // seq and hlc. Unpacked here, so the hash, the scope checks and
            // the feed all see the canonical payload.
            protocol::ChangeContext ctx{device.site_id, pc.origin.empty() ? device.id : pc.origin, "", pc.seq};
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
    int64_t conflict_seq = 0;
    json rejected = json::array(), relay_refused = json::array();
    std::map<std::string, OriginState> origins;
    origins[device.id] = OriginState{true, device.accepted_through, device.accepted_through, false};
    {
        sql::Tx tx(*db_);  // rolls back on every early return
        if (!tx.begin_status().ok())
            return error_response(Error::kBusy, "central is busy: " + tx.begin_status().message());
        // The site's feed lock first: on PostgreSQL this push then waits for
        // any other push of the site (another central process) and reads
        // what it committed, so accepted_through is read again below.
        if (Status locked = lock_feed(device.site_id); !locked.ok())
            return error_response(Error::kBusy, "central is busy: " + locked.message());
        {
            sql::Stmt now_held = db_->prepare("SELECT accepted_through FROM devices WHERE id=?");
            now_held.bind(1, device.id);
            if (!now_held.step())
                return error_response(Error::kInternal, "central could not read the device: " +
                                                            now_held.status().message());
            origins[device.id] = OriginState{true, now_held.i64(0), now_held.i64(0), false};
        }
        sql::Stmt held = db_->prepare(
            "SELECT hash, status, error, reason FROM device_changes WHERE device_id=? AND seq=?");
        sql::Stmt record = db_->prepare(
            "INSERT INTO device_changes(device_id, seq, hash, status, error, reason, received_ms) "
            "VALUES(?,?,?,?,?,?,?)");
        sql::Stmt origin_row =
            db_->prepare("SELECT accepted_through FROM devices WHERE id=? AND site_id=?");
        for (const auto& c : changes) {
            const bool relayed = !c.origin.empty();
            const std::string& origin = relayed ? c.origin : device.id;
            auto [it, fresh] = origins.try_emplace(origin);
            OriginState& st = it->second;
            if (fresh) {  // a relayed change: its origin must be a device of this site
                origin_row.reset();
                origin_row.bind(1, origin).bind(2, device.site_id);
                if (origin_row.step()) st = OriginState{true, origin_row.i64(0), origin_row.i64(0), false};
                else if (!origin_row.status().ok()) return error_response(Error::kInternal, origin_row.status().message());
            }
            if (!st.known) {
                relay_refused.push_back(relay_refusal(origin, c.seq, protocol::reject::kUnknownDevice,
                                                      "the change names a device that is not of this site"));
                continue;
            }
            const std::string hash = protocol::payload_hash(c.payload);
            if (c.seq <= st.highest) {
                held.reset();
                held.bind(1, origin).bind(2, c.seq);
                if (!held.step()) {
                    if (!held.status().ok()) return error_response(Error::kInternal, held.status().message());
                    // accepted_through passed this seq but no record exists:
                    // only possible if the database was edited by hand.
                    return error_response(Error::kInternal,
                                          "central has no record of change " + std::to_string(c.seq));
                }
                if (held.text(0) != hash) {
                    if (!relayed) {
                        conflict_seq = c.seq;
                        break;
                    }
                    // Another device's business: refused here, told to the pusher.
                    relay_refused.push_back(relay_refusal(origin, c.seq, protocol::reject::kSequenceConflict,
                                                          "central holds a different change under this number"));
                    continue;
                }
                // A replay: repeat a rejected change's reason, since the
                // device may never have received the first answer.
                if (held.text(1) == "rejected" && !relayed)
                    rejected.push_back(
                        json{{field::kSeq, c.seq}, {field::kError, held.text(2)}, {field::kMessage, held.text(3)}});
                continue;
            }
            if (st.gap || c.seq != st.highest + 1) {  // a gap: resent from accepted_through + 1
                st.gap = true;
                continue;
            }
            auto why = scope_problem(c.payload, device.site_id, origin, c.seq);
            if (!why) why = parent_problem(*db_, c.payload, device.site_id);
            record.reset();
            record.bind(1, origin).bind(2, c.seq).bind(3, hash).bind(4, why ? "rejected" : "accepted");
            record.bind(5, why ? why->error : "").bind(6, why ? why->message : "").bind(7, now);
            Status s = record.run();
            if (s.ok() && !why) s = append_feed(device.site_id, origin, c.seq, c.payload.dump());
            if (s.ok() && !why) s = note_parents(*db_, c.payload, device.site_id);
            // The dashboard's copy, in the same transaction (projection.h).
            if (s.ok() && !why && project_)
                s = projection::apply_change(*db_->sqlite(), device.site_id, c.payload, now);
            if (!s.ok())
                return error_response(Error::kInternal,
                                      "central could not store change " + std::to_string(c.seq) + ": " + s.message());
            // A relayed change central rejects is recorded under its origin,
            // which hears the reason when it pushes the change itself.
            if (why && !relayed)
                rejected.push_back(json{{field::kSeq, c.seq}, {field::kError, why->error}, {field::kMessage, why->message}});
            else if (why)
                relay_refused.push_back(relay_refusal(origin, c.seq, why->error.c_str(), why->message));
            st.highest = c.seq;
        }
        if (!conflict_seq) {
            sql::Stmt upd = db_->prepare(
                "UPDATE devices SET accepted_through=?, pending=?, last_push_ms=?, last_error=? "
                "WHERE id=?");
            upd.bind(1, origins[device.id].highest).bind(2, pending).bind(3, now);
            upd.bind(4, rejected.empty() ? std::string() : std::to_string(rejected.size()) + " change(s) refused");
            upd.bind(5, device.id);
            Status s = upd.run();
            sql::Stmt moved = db_->prepare("UPDATE devices SET accepted_through=? WHERE id=?");
            for (const auto& [id, o] : origins) {
                if (!s.ok() || id == device.id || o.highest == o.initial) continue;
                moved.reset();
                moved.bind(1, o.highest).bind(2, id);
                s = moved.run();
            }
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
    json answer{{field::kAcceptedThrough, origins[device.id].highest}, {field::kRejected, rejected}};
    // Version 3: what central holds of every device of the site, so the
    // device knows which of its peers' changes to relay (older devices
    // ignore it).
    sql::Stmt site_held = db_->prepare(
        "SELECT id, accepted_through FROM devices WHERE site_id=? AND accepted_through>0");
    site_held.bind(1, device.site_id);
    json vv = json::object();
    while (site_held.step()) vv[site_held.text(0)] = site_held.i64(1);
    answer[field::kHeld] = vv;
    if (!relay_refused.empty()) answer[field::kRelayRefused] = relay_refused;
    return central::json_response(200, answer.dump());
}

}  // namespace outpost

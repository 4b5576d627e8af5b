// Stocktakes. Start records the frontier: exactly which changes' events this
// store held. A count then means "counted N, having seen those events"; finalising
// writes, per counted batch, a correction of N minus the balance of those events.
// Events the frontier did not include (another device's dispensing that arrives
// later) apply on top, so nothing is counted twice. While open, a stocktake lives
// only on this device; finalising or abandoning ships it with its lines in one
// outbox change.
//
// The frontier (docs/schema.md, "Stocktake arithmetic"), as JSON text:
//   {"v": 2, "held": {device: n}, "beyond": {device: [seq, ...]}}
// held is the store's version vector (its own outbox; per other device the
// highest n with changes 1..n all held, from held_changes); beyond lists the
// changes of a device above n whose events the store held anyway (changes held
// out of order, or applied with no origin recorded), normally none. Stocktakes
// from before (and from older devices) have {device: highest seq} and are read
// as before: every event of that device up to that seq.
#include <map>
#include <set>

#include "i18n.h"
#include "json_read.h"
#include "store_internal.h"

namespace outpost {

namespace {

// Which events a frontier includes (see the top of this file).
struct Frontier {
    VersionVector held;                                   // device -> all changes 1..n
    std::map<std::string, std::set<int64_t>> beyond;      // device -> changes above n also held
    bool includes(const std::string& device, int64_t seq) const {
        auto h = held.find(device);
        if (h != held.end() && seq <= h->second) return true;
        auto b = beyond.find(device);
        return b != beyond.end() && b->second.count(seq) > 0;
    }
};

// Reads either form; InvalidArgument when the text is neither.
Result<Frontier> read_frontier(const std::string& text) {
    json j;
    std::string unreadable;
    const Status bad = Status::InvalidArgument(i18n::tr("this stocktake's starting point cannot be read"));
    if (!parse_json(text, &j, &unreadable) || !j.is_object()) return bad;
    Frontier f;
    if (!j.contains("v")) {  // before version vectors: {device: highest seq}
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (!it->is_number_integer()) return bad;
            f.held[it.key()] = it->get<int64_t>();
        }
        return f;
    }
    std::string problem;
    if (j["v"] != 2 || !j.contains("held") || !read_version_vector(j["held"], &f.held, &problem)) return bad;
    if (auto b = j.find("beyond"); b != j.end()) {
        if (!b->is_object()) return bad;
        for (auto it = b->begin(); it != b->end(); ++it) {
            if (!it->is_array()) return bad;
            for (const auto& seq : *it) {
                if (!seq.is_number_integer()) return bad;
                f.beyond[it.key()].insert(seq.get<int64_t>());
            }
        }
    }
    return f;
}

// The frontier of what store holds now (see the top of this file):
// {"v":2,"held":version vector,"beyond":{device:[seq,...]}}, beyond listing
// the changes above a device's entry whose events the store holds anyway
// (normally none, and then left out). Fails only when the store cannot be read.
Result<json> stocktake_frontier(Store& store) {
    Db& db_ = store.db();
    auto vv = store.version_vector();
    if (!vv.ok()) return vv.status();
    json beyond = json::object();
    // Usually every device's highest event seq is within its vector entry and
    // nothing more is read; a device above it has its events' seqs listed.
    Stmt top = db_.prepare("SELECT device_id, MAX(seq) FROM stock_events GROUP BY device_id");
    Stmt above = db_.prepare("SELECT DISTINCT seq FROM stock_events WHERE device_id=? AND seq>? ORDER BY seq");
    while (top.step()) {
        const std::string device = top.text(0);
        auto h = vv->find(device);
        const int64_t held = h == vv->end() ? 0 : h->second;
        if (top.i64(1) <= held) continue;
        above.reset();
        above.bind(1, device).bind(2, held);
        json seqs = json::array();
        while (above.step()) seqs.push_back(above.i64(0));
        if (!above.status().ok()) return above.status();
        beyond[device] = std::move(seqs);
    }
    if (!top.status().ok()) return top.status();
    json f{{"v", 2}, {"held", version_vector_json(*vv)}};
    if (!beyond.empty()) f["beyond"] = std::move(beyond);
    return f;
}

}  // namespace

static Result<json> load_stocktake_row(Db& db, const std::string& id) {
    Stmt s = db.prepare(
        "SELECT id,site_id,device_id,user_id,description,blind,status,frontier,started_ms,finished_ms,hlc "
        "FROM stocktakes WHERE id=?");
    s.bind(1, id);
    if (!s.step()) return Status::NotFound(i18n::tr("no such stocktake"));
    json r{{"id", s.text(0)},          {"site_id", s.text(1)}, {"device_id", s.text(2)},
           {"user_id", s.text(3)},     {"description", s.text(4)}, {"blind", s.i64(5)},
           {"status", s.text(6)},      {"frontier", s.text(7)},   {"started_ms", s.i64(8)},
           {"finished_ms", s.is_null(9) ? json() : json(s.i64(9))}, {"hlc", s.text(10)}};
    return r;
}

Result<std::string> Store::start_stocktake(const std::string& user_id, const std::string& description,
                                           bool blind, const std::vector<std::string>& item_ids) {
    if (!has_identity()) return Status::Conflict(i18n::tr("set up the site first"));
    User actor;
    Status st = check_actor(db_, user_id, Role::kStorekeeper, &actor);
    if (!st.ok()) return st;
    st = check_person_text(i18n::tr("description"), description, 200);
    if (!st.ok()) return st;
    for (const auto& id : item_ids) {
        auto it = load_item(db_, id);
        if (!it.ok()) return it.status();
    }
    std::string id = new_uuid_v7(now_ms());
    st = in_transaction(db_, [&]() -> Status {
        auto frontier = stocktake_frontier(*this);
        if (!frontier.ok()) return frontier.status();
        json row{{"id", id},
                 {"site_id", identity_.site_id},
                 {"device_id", identity_.device_id},
                 {"user_id", actor.id},
                 {"description", description},
                 {"blind", blind ? 1 : 0},
                 {"status", "open"},
                 {"frontier", frontier->dump()},
                 {"started_ms", now_ms()},
                 {"finished_ms", nullptr},
                 {"hlc", hlc_.tick(now_ms())}};
        Status s = upsert_row(db_, *find_table("stocktakes"), row, nullptr);
        if (!s.ok()) return s;
        // Every batch holding stock, and unexpired batches now at zero (stock
        // may be found); expired empty batches are left off the sheet.
        std::string sql =
            "INSERT INTO stocktake_lines(stocktake_id,batch_id,item_id,expected) "
            "SELECT ?1, b.id, b.item_id, COALESCE(h.quantity,0) FROM batches b "
            "JOIN items i ON i.id=b.item_id "
            "LEFT JOIN stock_on_hand h ON h.batch_id=b.id "
            "WHERE b.site_id=?2 AND (COALESCE(h.quantity,0)<>0 OR b.expiry>=?3)";
        if (!item_ids.empty()) {
            json ids = item_ids;
            sql += " AND b.item_id IN (SELECT value FROM json_each(?4))";
            Stmt ins = db_.prepare(sql);
            ins.bind(1, id).bind(2, identity_.site_id).bind(3, today()).bind(4, ids.dump());
            return ins.run();
        }
        Stmt ins = db_.prepare(sql);
        ins.bind(1, id).bind(2, identity_.site_id).bind(3, today());
        return ins.run();
    });
    if (!st.ok()) return st;
    ++local_writes_;
    return id;
}

static Status require_open(Db& db, const std::string& stocktake_id) {
    Stmt s = db.prepare("SELECT status, device_id FROM stocktakes WHERE id=?");
    s.bind(1, stocktake_id);
    if (!s.step()) return Status::NotFound(i18n::tr("no such stocktake"));
    if (s.text(0) == "finalised") return Status::Conflict(i18n::tr("this stocktake is already finalised"));
    if (s.text(0) != "open") return Status::Conflict(i18n::tr("this stocktake is already abandoned"));
    return Status::Ok();
}

Status Store::enter_count(const std::string& user_id, const std::string& stocktake_id,
                          const std::string& batch_id, int64_t counted) {
    User actor;
    Status st = check_actor(db_, user_id, Role::kDispenser, &actor);
    if (!st.ok()) return st;
    st = require_open(db_, stocktake_id);
    if (!st.ok()) return st;
    if (counted < 0) return Status::InvalidArgument(i18n::tr("a count cannot be negative"));
    if (counted > 1000000000) return Status::InvalidArgument(i18n::tr("that count is too large; check it"));
    Stmt s = db_.prepare("UPDATE stocktake_lines SET counted=?, counted_by=? WHERE stocktake_id=? AND batch_id=?");
    s.bind(1, counted).bind(2, actor.id).bind(3, stocktake_id).bind(4, batch_id);
    st = s.run();
    if (!st.ok()) return st;
    if (db_.changes() == 0) return Status::NotFound(i18n::tr("that batch is not on this stocktake sheet"));
    ++local_writes_;
    return Status::Ok();
}

Result<StocktakeResult> Store::finalise_stocktake(const std::string& user_id, const std::string& stocktake_id) {
    User actor;
    Status st = check_actor(db_, user_id, Role::kStorekeeper, &actor);
    if (!st.ok()) return st;
    st = require_open(db_, stocktake_id);
    if (!st.ok()) return st;
    StocktakeResult res;
    st = in_transaction(db_, [&]() -> Status {
        auto row = load_stocktake_row(db_, stocktake_id);
        if (!row.ok()) return row.status();
        StoreWriter w(*this, "stocktake");
        auto frontier = read_frontier((*row)["frontier"].get<std::string>());
        if (!frontier.ok()) return frontier.status();
        struct Line { std::string batch_id, item_id; int64_t counted; };
        std::vector<Line> lines;
        std::vector<json> line_rows;
        Stmt s = db_.prepare(
            "SELECT batch_id,item_id,expected,counted,counted_by FROM stocktake_lines WHERE stocktake_id=?");
        s.bind(1, stocktake_id);
        while (s.step()) {
            line_rows.push_back(json{{"stocktake_id", stocktake_id}, {"batch_id", s.text(0)},
                                     {"item_id", s.text(1)}, {"expected", s.i64(2)},
                                     {"counted", s.is_null(3) ? json() : json(s.i64(3))},
                                     {"counted_by", s.is_null(4) ? json() : json(s.text(4))}});
            if (s.is_null(3)) ++res.uncounted;
            else lines.push_back({s.text(0), s.text(1), s.i64(3)});
        }
        if (!s.status().ok()) return s.status();
        if (lines.empty()) return Status::InvalidArgument(i18n::tr("count at least one line before finalising, or abandon the stocktake"));
        (*row)["status"] = "finalised";
        (*row)["finished_ms"] = now_ms();
        (*row)["hlc"] = w.hlc();
        Status ws = w.write("stocktakes", *row);
        if (!ws.ok()) return ws;
        for (const auto& lr : line_rows) {
            ws = w.write("stocktake_lines", lr);
            if (!ws.ok()) return ws;
        }
        // The balance at the frontier: the events of the batch it includes.
        Stmt bal = db_.prepare("SELECT device_id, seq, quantity FROM stock_events WHERE batch_id=?");
        for (const auto& l : lines) {
            bal.reset();
            bal.bind(1, l.batch_id);
            int64_t at_frontier = 0;
            while (bal.step())
                if (frontier->includes(bal.text(0), bal.i64(1))) at_frontier += bal.i64(2);
            if (!bal.status().ok()) return bal.status();
            int64_t correction = l.counted - at_frontier;
            if (correction != 0) {
                json ev{{"user_id", actor.id}, {"kind", "stocktake"}, {"item_id", l.item_id},
                        {"batch_id", l.batch_id}, {"quantity", correction}, {"stocktake_id", stocktake_id}};
                auto id = w.event(ev);
                if (!id.ok()) return id.status();
                ++res.corrections;
                res.net_change += correction;
            }
            // A count settles a batch that a short dispensing flagged.
            auto b = load_batch(db_, l.batch_id);
            if (b.ok() && b->needs_count) {
                b->needs_count = false;
                ws = write_batch(w, *b);
                if (!ws.ok()) return ws;
            }
        }
        return w.finish(stocktake_id);
    });
    if (!st.ok()) return st;
    return res;
}

Status Store::abandon_stocktake(const std::string& user_id, const std::string& stocktake_id) {
    User actor;
    Status st = check_actor(db_, user_id, Role::kStorekeeper, &actor);
    if (!st.ok()) return st;
    st = require_open(db_, stocktake_id);
    if (!st.ok()) return st;
    return in_transaction(db_, [&]() -> Status {
        auto row = load_stocktake_row(db_, stocktake_id);
        if (!row.ok()) return row.status();
        StoreWriter w(*this, "stocktake");
        (*row)["status"] = "abandoned";
        (*row)["finished_ms"] = now_ms();
        (*row)["hlc"] = w.hlc();
        Status ws = w.write("stocktakes", *row);
        if (!ws.ok()) return ws;
        return w.finish(stocktake_id);
    });
}

}  // namespace outpost

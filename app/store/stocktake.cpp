// Stocktakes. Start records the frontier: for each device, the highest change
// sequence whose events this store had applied. A count then means "counted N,
// having seen events up to F"; finalising writes, per counted batch, a
// correction of N minus the balance at F. Events F did not include (another
// device's dispensing that arrives later) apply on top, so nothing is counted
// twice. While open, a stocktake lives only on this device; finalising or
// abandoning ships it with its lines in one outbox change.
#include "i18n.h"
#include "store_internal.h"

namespace outpost {

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
        json frontier = json::object();
        Stmt f = db_.prepare("SELECT device_id, MAX(seq) FROM stock_events GROUP BY device_id");
        while (f.step()) frontier[f.text(0)] = f.i64(1);
        if (!f.status().ok()) return f.status();
        json row{{"id", id},
                 {"site_id", identity_.site_id},
                 {"device_id", identity_.device_id},
                 {"user_id", actor.id},
                 {"description", description},
                 {"blind", blind ? 1 : 0},
                 {"status", "open"},
                 {"frontier", frontier.dump()},
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
        std::string frontier = (*row)["frontier"].get<std::string>();
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
        Stmt bal = db_.prepare(
            "SELECT COALESCE(SUM(e.quantity),0) FROM stock_events e "
            "JOIN json_each(?1) f ON f.key=e.device_id WHERE e.batch_id=?2 AND e.seq<=f.value");
        for (const auto& l : lines) {
            bal.reset();
            bal.bind(1, frontier).bind(2, l.batch_id);
            if (!bal.step()) return bal.status().ok() ? Status::IoError("balance query returned nothing") : bal.status();
            int64_t at_frontier = bal.i64(0);
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

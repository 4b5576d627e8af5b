// Central's half of orders (issue 12): the requisitions sites sent, and the
// shipments that answer them.
//
// Requisitions arrive as ordinary pushed site changes and sit in the feed.
// Central reads them into its own tables (order_requisitions,
// order_requisition_lines) from the feed, from a cursor kept in central_meta
// (orders_feed_cursor), before it lists or answers them: the feed is
// commit-ordered, so catching up from a cursor misses nothing and the tables
// are rebuildable from the feed (delete them and the key). This keeps the
// push transaction untouched.
//
// A shipment is central data written for one site: its rows (tables.h
// "shipments", "shipment_lines") go into central's shipments tables and, in
// the same transaction, one row of that site's feed, exactly as a site's
// users do; every device of the site pulls it.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <sstream>

#include "central_core.h"
#include "central_internal.h"
#include "clock.h"
#include "csv.h"
#include "json_read.h"
#include "tables.h"

namespace outpost {

using central::json;

namespace {

const char* kOrdersSchema = R"SQL(
CREATE TABLE IF NOT EXISTS order_requisitions (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL, device_id TEXT NOT NULL, user_id TEXT NOT NULL,
  status TEXT NOT NULL, created_ms INTEGER NOT NULL, sent_ms INTEGER NOT NULL DEFAULT 0,
  amc_method TEXT NOT NULL DEFAULT '', feed_cursor INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS order_requisitions_site ON order_requisitions(site_id, sent_ms);
CREATE TABLE IF NOT EXISTS order_requisition_lines (
  id TEXT PRIMARY KEY, requisition_id TEXT NOT NULL, line_no INTEGER NOT NULL, item_id TEXT NOT NULL,
  suggested INTEGER NOT NULL, quantity INTEGER NOT NULL, reason TEXT NOT NULL DEFAULT '',
  working TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS order_requisition_lines_req ON order_requisition_lines(requisition_id, line_no);
CREATE TABLE IF NOT EXISTS shipments (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL, requisition_id TEXT NOT NULL UNIQUE,
  reference TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', created_ms INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS shipment_lines (
  id TEXT PRIMARY KEY, shipment_id TEXT NOT NULL REFERENCES shipments(id), site_id TEXT NOT NULL,
  line_no INTEGER NOT NULL, item_id TEXT NOT NULL, batch_no TEXT NOT NULL, expiry TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0));
)SQL";

std::string text_or(const json& row, const char* key, const std::string& fallback = "") {
    auto it = row.find(key);
    return it != row.end() && it->is_string() ? it->get<std::string>() : fallback;
}
int64_t int_or(const json& row, const char* key, int64_t fallback = 0) {
    auto it = row.find(key);
    return it != row.end() && it->is_number_integer() ? it->get<int64_t>() : fallback;
}

std::string trim(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

// Reads requisitions pushed since the cursor into the order tables. Rows
// were checked on push (site, shape); a row this code cannot read is passed
// over, never fatal (it is still in the feed). REQUIRES: in a transaction.
Status catch_up(Db& db) {
    Status s = db.exec(kOrdersSchema);
    if (!s.ok()) return s;
    const int64_t after =
        std::stoll(db.query_text("SELECT value FROM central_meta WHERE key='orders_feed_cursor'").value_or("0"));
    Stmt feed = db.prepare(
        "SELECT cursor, site_id, payload FROM feed WHERE cursor>? AND site_id IS NOT NULL AND device_id IS NOT NULL "
        "AND instr(payload, '\"requisitions\"')>0 ORDER BY cursor");
    feed.bind(1, after);
    Stmt req = db.prepare(
        "INSERT INTO order_requisitions(id,site_id,device_id,user_id,status,created_ms,sent_ms,amc_method,feed_cursor) "
        "VALUES(?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET status=excluded.status, sent_ms=excluded.sent_ms, "
        "user_id=excluded.user_id");
    Stmt line = db.prepare(
        "INSERT OR IGNORE INTO order_requisition_lines(id,requisition_id,line_no,item_id,suggested,quantity,reason,"
        "working) VALUES(?,?,?,?,?,?,?,?)");
    int64_t last = after;
    while (feed.step()) {
        last = feed.i64(0);
        const std::string site = feed.text(1);
        json p;
        std::string unreadable;
        if (!parse_json(feed.text(2), &p, &unreadable) || !p.is_object()) continue;
        if (auto rs = p.find("requisitions"); rs != p.end() && rs->is_array())
            for (const auto& r : *rs) {
                if (!r.is_object() || text_or(r, "site_id") != site || text_or(r, "id").empty()) continue;
                req.reset();
                req.bind(1, text_or(r, "id")).bind(2, site).bind(3, text_or(r, "device_id"));
                req.bind(4, text_or(r, "user_id")).bind(5, text_or(r, "status", "sent"));
                req.bind(6, int_or(r, "created_ms")).bind(7, int_or(r, "sent_ms")).bind(8, text_or(r, "amc_method"));
                req.bind(9, last);
                s = req.run();
                if (!s.ok()) return s;
            }
        if (auto ls = p.find("requisition_lines"); ls != p.end() && ls->is_array())
            for (const auto& l : *ls) {
                if (!l.is_object() || text_or(l, "site_id") != site || text_or(l, "id").empty()) continue;
                line.reset();
                line.bind(1, text_or(l, "id")).bind(2, text_or(l, "requisition_id")).bind(3, int_or(l, "line_no"));
                line.bind(4, text_or(l, "item_id")).bind(5, int_or(l, "suggested")).bind(6, int_or(l, "quantity"));
                line.bind(7, text_or(l, "reason")).bind(8, text_or(l, "working"));
                s = line.run();
                if (!s.ok()) return s;
            }
    }
    if (!feed.status().ok()) return feed.status();
    if (last == after) return Status::Ok();
    Stmt m = db.prepare("INSERT OR REPLACE INTO central_meta(key,value) VALUES('orders_feed_cursor',?)");
    m.bind(1, std::to_string(last));
    return m.run();
}

}  // namespace

Status CentralCore::catch_up_orders() {
    std::lock_guard<std::mutex> l(mu_);
    auto lite = sqlite_only("requisitions and shipments");
    if (!lite.ok()) return lite.status();
    Db& db = **lite;
    Tx tx(db);
    if (!tx.begin_status().ok()) return tx.begin_status();
    Status s = catch_up(db);
    return s.ok() ? tx.commit() : s;
}

Result<std::vector<CentralRequisition>> CentralCore::list_requisitions(const std::string& site_code) {
    std::lock_guard<std::mutex> l(mu_);
    auto lite = sqlite_only("requisitions and shipments");
    if (!lite.ok()) return lite.status();
    Db& db = **lite;
    std::string site_id;
    if (!site_code.empty()) {
        auto id = site_id_of(site_code);
        if (!id.ok()) return id.status();
        site_id = *id;
    }
    Tx tx(db);
    if (!tx.begin_status().ok()) return tx.begin_status();
    Status s = catch_up(db);
    if (!s.ok()) return s;
    s = tx.commit();
    if (!s.ok()) return s;
    Stmt q = db.prepare(
        "SELECT r.id, st.code, st.name, r.device_id, r.user_id, r.sent_ms, COALESCE(sh.id,'') "
        "FROM order_requisitions r JOIN sites st ON st.id=r.site_id LEFT JOIN shipments sh ON "
        "sh.requisition_id=r.id "
        "WHERE (?='' OR r.site_id=?) ORDER BY r.sent_ms DESC, r.id DESC");
    q.bind(1, site_id).bind(2, site_id);
    std::vector<CentralRequisition> out;
    while (q.step())
        out.push_back({q.text(0), q.text(1), q.text(2), q.text(3), q.text(4), q.i64(5), q.text(6), {}});
    if (!q.status().ok()) return q.status();
    Stmt lq = db.prepare(
        "SELECT l.item_id, COALESCE(i.code,'?'), COALESCE(i.name,'an item not in the catalogue'), "
        "l.reason, l.working, "
        "l.suggested, l.quantity FROM order_requisition_lines l LEFT JOIN items i ON "
        "i.id=l.item_id "
        "WHERE l.requisition_id=? ORDER BY l.line_no");
    for (auto& r : out) {
        lq.reset();
        lq.bind(1, r.id);
        while (lq.step())
            r.lines.push_back({lq.text(0), lq.text(1), lq.text(2), lq.text(3), lq.text(4), lq.i64(5), lq.i64(6)});
        if (!lq.status().ok()) return lq.status();
    }
    return out;
}

Result<std::string> CentralCore::ship(const std::string& requisition_id, const std::vector<ShipmentLineInput>& lines,
                                      const std::string& reference) {
    std::lock_guard<std::mutex> l(mu_);
    auto lite = sqlite_only("requisitions and shipments");
    if (!lite.ok()) return lite.status();
    Db& db = **lite;
    if (lines.empty()) return Status::InvalidArgument("a shipment needs at least one line");
    if (reference.size() > 100) return Status::InvalidArgument("a shipment reference is at most 100 characters");
    Tx tx(db);
    if (!tx.begin_status().ok()) return tx.begin_status();
    Status s = catch_up(db);
    if (!s.ok()) return s;
    Stmt r = db.prepare("SELECT site_id FROM order_requisitions WHERE id=?");
    r.bind(1, requisition_id);
    if (!r.step())
        return r.status().ok() ? Status::NotFound("central has no requisition " + requisition_id +
                                                  " (see `outpost-central requisitions`)")
                               : r.status();
    const std::string site_id = r.text(0);
    r.reset();
    Stmt done = db.prepare("SELECT id FROM shipments WHERE requisition_id=?");
    done.bind(1, requisition_id);
    if (done.step()) return Status::Conflict("requisition " + requisition_id + " was answered already by shipment " + done.text(0));
    int64_t today = 0;
    parse_date(date_of(clock_->now_ms()), &today);
    const std::string id = new_id();
    const int64_t now = clock_->now_ms();
    json ship_row{{"id", id},          {"site_id", site_id},   {"requisition_id", requisition_id},
                  {"reference", reference.empty() ? "Shipment " + id.substr(0, 8) : reference},
                  {"note", ""},        {"created_ms", now}};
    json line_rows = json::array();
    Stmt item = db.prepare("SELECT id FROM items WHERE code=?");
    for (size_t i = 0; i < lines.size(); ++i) {
        const ShipmentLineInput& in = lines[i];
        const std::string at = "shipment line " + std::to_string(i + 1) + ": ";
        item.reset();
        item.bind(1, trim(in.item_code));
        if (!item.step()) return Status::NotFound(at + "central's catalogue has no item with code '" + in.item_code + "'");
        const std::string batch = trim(in.batch_no);
        if (batch.empty() || batch.size() > 100) return Status::InvalidArgument(at + "a batch number is 1 to 100 characters");
        int64_t exp = 0;
        if (!parse_date(in.expiry, &exp)) return Status::InvalidArgument(at + "expiry '" + in.expiry + "' is not a date; use YYYY-MM-DD");
        if (exp < today) return Status::InvalidArgument(at + "batch " + batch + " expired on " + in.expiry + "; do not ship it");
        if (in.quantity <= 0 || in.quantity > 1000000000)
            return Status::InvalidArgument(at + "the quantity must be a whole number of units from 1 to 1,000,000,000");
        line_rows.push_back({{"id", new_id()},          {"shipment_id", id},  {"site_id", site_id},
                             {"line_no", static_cast<int64_t>(i + 1)}, {"item_id", item.text(0)},
                             {"batch_no", batch},      {"expiry", in.expiry}, {"quantity", in.quantity}});
    }
    Stmt ins = db.prepare(
        "INSERT INTO shipments(id,site_id,requisition_id,reference,note,created_ms) "
        "VALUES(?,?,?,?,?,?)");
    ins.bind(1, id).bind(2, site_id).bind(3, requisition_id).bind(4, ship_row["reference"].get<std::string>());
    ins.bind(5, "").bind(6, now);
    s = ins.run();
    if (!s.ok()) return s;
    Stmt li = db.prepare(
        "INSERT INTO "
        "shipment_lines(id,shipment_id,site_id,line_no,item_id,batch_no,expiry,quantity) "
        "VALUES(?,?,?,?,?,?,?,?)");
    for (const auto& row : line_rows) {
        li.reset();
        li.bind(1, row["id"].get<std::string>()).bind(2, id).bind(3, site_id).bind(4, row["line_no"].get<int64_t>());
        li.bind(5, row["item_id"].get<std::string>()).bind(6, row["batch_no"].get<std::string>());
        li.bind(7, row["expiry"].get<std::string>()).bind(8, row["quantity"].get<int64_t>());
        s = li.run();
        if (!s.ok()) return s;
    }
    s = append_feed(site_id, "", 0, json{{"shipments", json::array({ship_row})}, {"shipment_lines", line_rows}}.dump());
    if (!s.ok()) return s;
    s = tx.commit();
    if (!s.ok()) return s;
    return id;
}

Result<std::string> CentralCore::ship_csv(const std::string& requisition_id, const std::string& csv_text,
                                          const std::string& reference) {
    auto read = read_csv(csv_text);
    if (!read.ok()) return Status::InvalidArgument("shipment " + read.status().message());
    const auto& records = *read;
    if (records.empty()) return Status::InvalidArgument("the shipment file is empty");
    std::map<std::string, size_t> col;
    for (size_t i = 0; i < records[0].fields.size(); ++i) {
        std::string name = trim(records[0].fields[i]);
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        col[name] = i;
    }
    for (const char* c : {"item_code", "batch_no", "expiry", "quantity"})
        if (!col.count(c))
            return Status::InvalidArgument(std::string("shipment line 1: the header has no '") + c +
                                           "' column (expected item_code,batch_no,expiry,quantity)");
    std::vector<ShipmentLineInput> lines;
    for (size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& rec = records[r];
        Status s = check_csv_record(rec, records[0].fields.size());
        if (!s.ok()) return Status::InvalidArgument("shipment " + s.message());
        const std::string q = trim(rec.fields[col["quantity"]]);
        if (q.empty() || q.size() > 10 || q.find_first_not_of("0123456789") != std::string::npos)
            return Status::InvalidArgument("shipment line " + std::to_string(rec.line) + ": quantity '" + q +
                                           "' is not a whole number of units");
        lines.push_back({rec.fields[col["item_code"]], rec.fields[col["batch_no"]], trim(rec.fields[col["expiry"]]),
                         std::stoll(q)});
    }
    if (lines.empty()) return Status::InvalidArgument("the shipment file has a header but no lines");
    return ship(requisition_id, lines, reference);
}

}  // namespace outpost

// The copy's schema, applying one accepted change, and rebuilding from the
// feed (projection.h). The checks are in projection_verify.cpp.
#include "projection.h"

#include <map>
#include <optional>
#include <set>
#include <utility>

#include "projection_days.h"
#include "projection_internal.h"
#include "tables.h"

namespace outpost {
namespace projection {

using json = nlohmann::json;

std::string utc_day(int64_t ms) { return day_text(day_of_ms(ms)); }

const std::vector<TableSpec>& copy_specs() {
    static const std::vector<TableSpec> specs = [] {
        std::vector<TableSpec> out;
        for (const auto& spec : table_specs()) {
            if (spec.owner != Owner::kSite) continue;
            const std::string name = spec.name;
            if (name == "barcode_links") continue;
            if (name == "patients") {
                // Counted, never named: the narrowed spec writes only these
                // columns, so names, phone and village never reach the copy.
                out.push_back({spec.name, spec.owner, spec.merge,
                               {"id", "site_id", "sex", "birth_year", "hlc", "device_id"}, spec.key});
                continue;
            }
            out.push_back(spec);
        }
        return out;
    }();
    return specs;
}

static const char* kDerivedSchema = R"SQL(
CREATE TABLE IF NOT EXISTS p_stock_on_hand (
  batch_id TEXT PRIMARY KEY, site_id TEXT NOT NULL, item_id TEXT NOT NULL, quantity INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS p_stock_on_hand_site_item ON p_stock_on_hand(site_id, item_id);
CREATE TABLE IF NOT EXISTS p_site_item (
  site_id TEXT NOT NULL, item_id TEXT NOT NULL, soh INTEGER NOT NULL DEFAULT 0,
  amc REAL NOT NULL DEFAULT 0, amc_month TEXT NOT NULL DEFAULT '',
  available INTEGER NOT NULL DEFAULT 0, mos REAL, state TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (site_id, item_id)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS batches_on_hold ON batches(id) WHERE on_hold = 1;
CREATE INDEX IF NOT EXISTS p_stock_on_hand_negative ON p_stock_on_hand(batch_id) WHERE quantity < 0;
CREATE INDEX IF NOT EXISTS p_site_item_item ON p_site_item(item_id);
CREATE INDEX IF NOT EXISTS p_site_item_amc_month ON p_site_item(amc_month);
CREATE TABLE IF NOT EXISTS p_daily (
  site_id TEXT NOT NULL, item_id TEXT NOT NULL, day INTEGER NOT NULL, net INTEGER NOT NULL,
  PRIMARY KEY (site_id, item_id, day)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS p_monthly (
  site_id TEXT NOT NULL, item_id TEXT NOT NULL, month TEXT NOT NULL,
  received INTEGER NOT NULL DEFAULT 0, dispensed INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0, adjusted INTEGER NOT NULL DEFAULT 0,
  stocktake INTEGER NOT NULL DEFAULT 0, expired INTEGER NOT NULL DEFAULT 0,
  net INTEGER NOT NULL DEFAULT 0, closing INTEGER NOT NULL DEFAULT 0,
  stock_out_days INTEGER NOT NULL DEFAULT 0, through_day INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, item_id, month)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS p_monthly_month ON p_monthly(month, site_id);
CREATE TABLE IF NOT EXISTS p_adjustments (
  site_id TEXT NOT NULL, item_id TEXT NOT NULL, month TEXT NOT NULL, reason TEXT NOT NULL,
  quantity INTEGER NOT NULL, PRIMARY KEY (site_id, item_id, month, reason)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS p_site_activity (
  site_id TEXT PRIMARY KEY, last_dispense_ms INTEGER NOT NULL DEFAULT 0,
  last_stocktake_ms INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS site_regions (site_id TEXT PRIMARY KEY, region TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS item_prices (item_id TEXT PRIMARY KEY, unit_price REAL NOT NULL);
CREATE INDEX IF NOT EXISTS batches_site_item ON batches(site_id, item_id);
CREATE INDEX IF NOT EXISTS batches_expiry ON batches(expiry);
CREATE INDEX IF NOT EXISTS stock_events_site_item ON stock_events(site_id, item_id, created_ms);
CREATE INDEX IF NOT EXISTS stocktakes_site ON stocktakes(site_id);
)SQL";

// The copy's CREATE TABLE statements, made from the specs: the same names,
// columns and keys as the store (untyped columns keep the values as the
// devices sent them; the store's CHECK and UNIQUE constraints are not
// repeated, so a row every device accepted is never refused here).
static std::string copy_schema_sql() {
    std::string sql;
    for (const auto& spec : copy_specs()) {
        sql += std::string("CREATE TABLE IF NOT EXISTS ") + spec.name + " (";
        for (const char* c : spec.columns) sql += std::string(c) + ", ";
        sql += "PRIMARY KEY (";
        for (size_t i = 0; i < spec.key.size(); ++i) sql += (i ? ", " : "") + std::string(spec.key[i]);
        sql += "));\n";
    }
    return sql;
}

Status ensure_schema(Db& db, int64_t now_ms) {
    const bool had = db.query_i64("SELECT 1 FROM sqlite_master WHERE type='table' AND name='p_monthly'").has_value();
    Status s = db.exec(copy_schema_sql() + kDerivedSchema);
    if (!s.ok()) return Status::IoError("central could not create its copy of the sites' data: " + s.message());
    if (!(s = migrate_names(db)).ok()) return s;
    if (had || !db.query_i64("SELECT 1 FROM feed WHERE site_id IS NOT NULL LIMIT 1")) return Status::Ok();
    auto n = rebuild(db, now_ms);
    return n.ok() ? Status::Ok() : n.status();
}

namespace {

Status note_stocktake(Db& db, const json& row) {
    if (row.value("status", "") != "finalised") return Status::Ok();
    const auto f = row.find("finished_ms");
    if (f == row.end() || !f->is_number_integer()) return Status::Ok();
    Stmt act = db.cached(
        "INSERT INTO p_site_activity(site_id, last_stocktake_ms) VALUES(?,?) ON CONFLICT(site_id) DO UPDATE "
        "SET last_stocktake_ms=max(last_stocktake_ms, excluded.last_stocktake_ms)");
    act.bind(1, row.value("site_id", "")).bind(2, f->get<int64_t>());
    return act.run();
}

}  // namespace

std::string reversed_kind(Db& db, const json& ev) {
    if (ev.value("kind", "") != "reversal") return "";
    auto r = ev.find("reverses_event_id");
    if (r == ev.end() || !r->is_string()) return "";
    Stmt k = db.cached("SELECT kind FROM stock_events WHERE id=?");
    k.bind(1, r->get<std::string>());
    return k.step() ? k.text(0) : "";
}

EventFigures figures_of(const std::string& kind, int64_t q, const std::string& reason,
                        const std::string& reversed) {
    EventFigures f;
    if (kind == "receipt") f.received = q;
    else if (kind == "dispense") f.dispensed = -q;
    else if (kind == "stocktake") f.stocktake = q;
    else if (kind == "reversal" && reversed == "dispense") f.cancelled = q;
    else {  // adjustments, and reversals of anything but a dispensing
        f.adjusted = q;
        f.reason = kind == "adjustment" ? (reason.empty() ? "(none)" : reason) : "reversal";
        if (kind == "adjustment" && reason == "expired") f.expired = -q;
    }
    return f;
}

Status recompute_stock_out(Db& db, const std::string& site, const std::string& item, int64_t from_day,
                           int64_t today) {
    Stmt first = db.cached("SELECT MIN(day), MAX(day) FROM p_daily WHERE site_id=? AND item_id=?");
    first.bind(1, site).bind(2, item);
    if (!first.step() || first.is_null(0)) return first.status();
    const int64_t first_day = first.i64(0), last_day = std::max(first.i64(1), today);
    int64_t start = std::max(month_start(from_day), month_start(first_day));
    Stmt open = db.cached("SELECT COALESCE(SUM(net), 0) FROM p_daily WHERE site_id=? AND item_id=? AND day<?");
    open.bind(1, site).bind(2, item).bind(3, start);
    int64_t balance = open.step() ? open.i64(0) : 0;
    std::map<int64_t, int64_t> nets;
    Stmt days = db.cached("SELECT day, net FROM p_daily WHERE site_id=? AND item_id=? AND day>=?");
    days.bind(1, site).bind(2, item).bind(3, start);
    while (days.step()) nets[days.i64(0)] = days.i64(1);
    if (!days.status().ok()) return days.status();
    Stmt put = db.cached(
        "INSERT INTO p_monthly(site_id, item_id, month, closing, stock_out_days, through_day) VALUES(?,?,?,?,?,?) "
        "ON CONFLICT(site_id, item_id, month) DO UPDATE SET closing=excluded.closing, "
        "stock_out_days=excluded.stock_out_days, through_day=excluded.through_day");
    for (int64_t m = start; m <= last_day; m = next_month_start(m)) {
        const int64_t end = std::min(next_month_start(m) - 1, last_day);
        int64_t out = 0;
        for (int64_t d = m; d <= end; ++d) {
            auto it = nets.find(d);
            if (it != nets.end()) balance += it->second;
            if (d >= first_day && balance <= 0) ++out;
        }
        put.reset();
        put.bind(1, site).bind(2, item).bind(3, day_text(m).substr(0, 7)).bind(4, balance).bind(5, out);
        put.bind(6, end);
        Status s = put.run();
        if (!s.ok()) return s;
    }
    return Status::Ok();
}

Status apply_rows(Db& db, const std::string& site_id, const json& payload, Touched* touched) {
    if (!payload.is_object()) return Status::InvalidArgument("a change is not a JSON object");
    EventSums sums;  // the change's new events, written once per row they move
    for (const auto& spec : copy_specs()) {
        auto rows = payload.find(spec.name);
        if (rows == payload.end() || !rows->is_array()) continue;
        const std::string name = spec.name;
        for (const auto& row : *rows) {
            bool inserted = false;
            Status s = upsert_row(db, spec, row, &inserted);
            if (!s.ok()) return Status::IoError("copying site " + site_id + "'s " + name + ": " + s.message());
            if (name == "stock_events" && inserted) add_event(db, row, &sums, touched);
            else if (name == "stocktakes") s = note_stocktake(db, row);
            else if (name == "batches" && row.contains("item_id") && row["item_id"].is_string())
                touched->batches.emplace(site_id, row["item_id"].get<std::string>());  // on hold may have changed
            if (!s.ok()) return Status::IoError("central's aggregates of site " + site_id + ": " + s.message());
        }
    }
    Status s = write_sums(db, sums);
    return s.ok() ? s : Status::IoError("central's aggregates of site " + site_id + ": " + s.message());
}

std::vector<std::string> amc_months(int64_t now_ms, int lookback) {
    std::vector<std::string> out;
    int64_t m = month_start(day_of_ms(now_ms));
    for (int i = 0; i < lookback; ++i) {
        m = month_start(m - 1);
        out.insert(out.begin(), day_text(m).substr(0, 7));
    }
    return out;
}

std::string amc_sql(int lookback) {
    // ?1 site, ?2 item, ?3 first month, ?4 last month of the window.
    return "SELECT COALESCE(SUM(dispensed - cancelled), 0) / " + std::to_string(lookback) +
           ".0 FROM p_monthly WHERE site_id=?1 AND item_id=?2 AND month BETWEEN ?3 AND ?4";
}

// Rewrites one site x item's kept status for today and the AMC window:
// available (unexpired today, not on hold, balances below zero as 0), AMC,
// months of stock and state with the default formula (dashboard_data.h).
static Status refresh_status(Db& db, const std::string& site, const std::string& item, const std::string& today,
                             const std::vector<std::string>& window) {
    Stmt put = db.cached(
        "UPDATE p_site_item SET amc=(" + amc_sql(kAmcLookback) + "), amc_month=?5, available=("
        "SELECT COALESCE(SUM(max(p.quantity, 0)), 0) FROM batches b JOIN p_stock_on_hand p ON p.batch_id = b.id "
        "WHERE b.site_id=?1 AND b.item_id=?2 AND b.on_hold = 0 AND b.expiry >= ?6) WHERE site_id=?1 AND item_id=?2");
    put.bind(1, site).bind(2, item).bind(3, window.front()).bind(4, window.back());
    put.bind(5, next_month_of(window.back())).bind(6, today);
    Status s = put.run();
    if (!s.ok()) return s;
    // The state only when it changes: it is in the natural-order index
    // (projection_names.cpp), which a write of the same value would touch.
    static const std::string state =
        "CASE WHEN available <= 0 THEN 'stocked_out' WHEN amc <= 0 THEN 'no_consumption' "
        "WHEN max(available, 0) / amc < ?3 THEN 'below_minimum' WHEN max(available, 0) / amc > ?4 THEN "
        "'overstocked' ELSE 'ok' END";
    Stmt mos = db.cached("UPDATE p_site_item SET mos = CASE WHEN amc > 0 THEN max(available, 0) / amc END "
                         "WHERE site_id=?1 AND item_id=?2");
    mos.bind(1, site).bind(2, item);
    if (!(s = mos.run()).ok()) return s;
    Stmt st = db.cached("UPDATE p_site_item SET state = " + state + " WHERE site_id=?1 AND item_id=?2 AND state IS NOT " +
                        state);
    st.bind(1, site).bind(2, item).bind(3, kMinMos).bind(4, kMaxMos);
    return st.run();
}

std::string next_month_of(const std::string& month) {
    int64_t d = 0;
    parse_day(month + "-01", &d);
    return day_text(next_month_start(d)).substr(0, 7);
}

Status flush(Db& db, const Touched& touched, int64_t now_ms) {
    const int64_t today = day_of_ms(now_ms);
    const std::string today_s = day_text(today);
    const auto window = amc_months(now_ms, kAmcLookback);
    std::set<std::pair<std::string, std::string>> refresh;
    for (const auto& t : touched.days) {
        Status s = recompute_stock_out(db, t.first.first, t.first.second, t.second, today);
        if (!s.ok()) return Status::IoError("central's stock-out days: " + s.message());
        refresh.insert(t.first);
    }
    refresh.insert(touched.batches.begin(), touched.batches.end());
    // A new day: batches that expired since the last day seen leave
    // "available"; a new month moves every AMC's window, so every row is
    // redone (once a month, in the first push of the month).
    const std::string seen = db.query_text("SELECT value FROM central_meta WHERE key='projection_day'").value_or("");
    bool all = false;
    if (seen < today_s) {
        all = seen.substr(0, 7) != today_s.substr(0, 7);
        if (!all) {
            Stmt expired = db.prepare(
                "SELECT DISTINCT b.site_id, b.item_id FROM batches b JOIN p_stock_on_hand p ON p.batch_id = b.id "
                "WHERE b.expiry >= ? AND b.expiry < ? AND p.quantity > 0");
            expired.bind(1, seen).bind(2, today_s);
            while (expired.step()) refresh.emplace(expired.text(0), expired.text(1));
            if (!expired.status().ok()) return expired.status();
        }
    }
    if (all) {
        Stmt every = db.prepare("SELECT site_id, item_id FROM p_site_item");
        while (every.step()) refresh.emplace(every.text(0), every.text(1));
        if (!every.status().ok()) return every.status();
    }
    for (const auto& r : refresh) {
        Status s = refresh_status(db, r.first, r.second, today_s, window);
        if (!s.ok()) return Status::IoError("central's stock status: " + s.message());
    }
    if (seen < today_s) {
        Stmt put = db.prepare("INSERT INTO central_meta(key, value) VALUES('projection_day', ?) "
                              "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
        put.bind(1, today_s);
        return put.run();
    }
    return Status::Ok();
}

Status apply_change(Db& db, const std::string& site_id, const json& payload, int64_t now_ms) {
    Touched touched;
    Status s = apply_rows(db, site_id, payload, &touched);
    if (!s.ok()) return s;
    return flush(db, touched, now_ms);
}

Result<int64_t> rebuild(Db& db, int64_t now_ms) {
    Tx tx(db);
    if (!tx.begin_status().ok()) return tx.begin_status();
    std::string wipe = "DELETE FROM p_stock_on_hand; DELETE FROM p_site_item; DELETE FROM p_daily; DELETE FROM p_monthly; "
                       "DELETE FROM p_adjustments; DELETE FROM p_site_activity; "
                       "DELETE FROM central_meta WHERE key='projection_day';";
    for (const auto& spec : copy_specs()) wipe += std::string(" DELETE FROM ") + spec.name + ";";
    Status s = db.exec(wipe);
    if (!s.ok()) return s;
    Stmt feed = db.prepare("SELECT site_id, payload FROM feed WHERE site_id IS NOT NULL ORDER BY cursor");
    Touched touched;
    int64_t n = 0;
    while (feed.step()) {
        json payload = json::parse(feed.text(1), nullptr, false);
        if (payload.is_discarded()) return Status::IoError("feed change " + std::to_string(n + 1) + " is not JSON");
        s = apply_rows(db, feed.text(0), payload, &touched);
        if (!s.ok()) return s;
        ++n;
    }
    if (!feed.status().ok()) return feed.status();
    if (!(s = flush(db, touched, now_ms)).ok()) return s;
    if (!(s = tx.commit()).ok()) return s;
    return n;
}

Status set_region(Db& db, const std::string& site_code, const std::string& region) {
    auto id = [&]() -> std::optional<std::string> {
        Stmt q = db.prepare("SELECT id FROM sites WHERE code=?");
        q.bind(1, site_code);
        if (q.step()) return q.text(0);
        return std::nullopt;
    }();
    if (!id) return Status::NotFound("there is no site with code '" + site_code + "'");
    Stmt st = region.empty() ? db.prepare("DELETE FROM site_regions WHERE site_id=?")
                             : db.prepare("INSERT INTO site_regions(site_id, region) VALUES(?,?) "
                                          "ON CONFLICT(site_id) DO UPDATE SET region=excluded.region");
    st.bind(1, *id);
    if (!region.empty()) st.bind(2, region);
    return st.run();
}

}  // namespace projection
}  // namespace outpost

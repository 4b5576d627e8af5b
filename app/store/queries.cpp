// Read queries for the screens. Every list is paged (offset, limit) and
// returns the total count so a screen can say "41-60 of 812". None of them
// writes. Dates compare as "YYYY-MM-DD" text, which sorts as dates do.
#include <map>

#include "consumption.h"
#include "i18n.h"
#include "local_time.h"
#include "reason_labels.h"
#include "store_internal.h"

namespace outpost {

static int64_t clamp_limit(int64_t limit) { return (limit <= 0 || limit > 1000) ? 50 : limit; }

static int64_t days_between(const std::string& from, const std::string& to) {
    int64_t a = 0, b = 0;
    parse_date(from, &a);
    parse_date(to, &b);
    return b - a;
}

// ---- stock on hand ----------------------------------------------------------------

Result<Page<StockRow>> Store::stock_on_hand(const StockQuery& q) {
    const std::string now = today();
    const std::string horizon = add_days(now, q.expiring_days < 0 ? 0 : q.expiring_days);
    // When neither the filter nor the sort needs stock figures, the page is
    // chosen from the items alone and stock is totalled for its rows only;
    // otherwise totals are computed for the items the search matched (not for
    // the whole catalogue). Both keep a 3-letter search over 6,000 items in a
    // few milliseconds.
    const bool page_first = q.filter == StockFilter::kAll && q.include_zero &&
                            (q.sort == StockSort::kName || q.sort == StockSort::kCode);
    const std::string order_items = q.sort == StockSort::kCode
                                        ? " ORDER BY items.code"
                                        : " ORDER BY items.name COLLATE NOCASE, items.strength, items.code";
    // ?1 today, ?2 site, ?3 search pattern, ?4 expiry horizon, ?5 limit, ?6 offset.
    std::string matched = "SELECT items.id FROM items WHERE items.active=1 AND items.search LIKE ?3 ESCAPE '\\'";
    if (page_first) matched += order_items + " LIMIT ?5 OFFSET ?6";
    const std::string agg =
        "WITH m AS MATERIALIZED (" + matched + "), "
        "agg AS (SELECT b.item_id AS item_id, SUM(COALESCE(h.quantity,0)) AS on_hand,"
        " SUM(CASE WHEN b.on_hold=0 AND b.expiry>=?1 AND h.quantity>0 THEN h.quantity ELSE 0 END) AS available,"
        " MIN(CASE WHEN h.quantity>0 THEN b.expiry END) AS nearest,"
        " MIN(CASE WHEN h.quantity>0 AND b.expiry>=?1 THEN b.expiry END) AS nearest_usable,"
        " SUM(CASE WHEN COALESCE(h.quantity,0)<>0 THEN 1 ELSE 0 END) AS nbatches,"
        " MAX(CASE WHEN h.quantity<0 OR b.needs_count=1 THEN 1 ELSE 0 END) AS flagged,"
        " MAX(CASE WHEN h.quantity>0 AND b.expiry<?1 THEN 1 ELSE 0 END) AS has_expired"
        " FROM batches b LEFT JOIN stock_on_hand h ON h.batch_id=b.id"
        " WHERE b.site_id=?2 AND b.item_id IN m GROUP BY b.item_id) ";
    std::string where = " WHERE 1";
    switch (q.filter) {
        case StockFilter::kAll: break;
        case StockFilter::kLow:
            where += " AND COALESCE(agg.available,0) <= items.reorder_level AND items.reorder_level > 0";
            break;
        case StockFilter::kExpiring: where += " AND agg.nearest_usable <= ?4"; break;
        case StockFilter::kExpired: where += " AND agg.has_expired=1"; break;
        case StockFilter::kNegativeOrFlagged: where += " AND agg.flagged=1"; break;
    }
    if (!q.include_zero) where += " AND COALESCE(agg.on_hand,0)<>0";
    std::string order;
    switch (q.sort) {
        case StockSort::kName:
        case StockSort::kCode: order = order_items; break;
        case StockSort::kOnHandAsc: order = " ORDER BY COALESCE(agg.on_hand,0), items.name COLLATE NOCASE"; break;
        case StockSort::kOnHandDesc: order = " ORDER BY COALESCE(agg.on_hand,0) DESC, items.name COLLATE NOCASE"; break;
        case StockSort::kNearestExpiry:
            order = " ORDER BY agg.nearest IS NULL, agg.nearest, items.name COLLATE NOCASE";
            break;
    }
    const std::string from = " FROM m JOIN items ON items.id=m.id LEFT JOIN agg ON agg.item_id=items.id";
    Page<StockRow> page;
    page.offset = q.offset < 0 ? 0 : q.offset;
    const int64_t limit = clamp_limit(q.limit);
    auto bind_common = [&](Stmt& s) {
        s.bind(1, now).bind(2, identity_.site_id).bind(3, like_pattern(q.search)).bind(4, horizon);
        s.bind(5, limit).bind(6, page.offset);
    };
    {
        Stmt c = page_first
                     ? db_.prepare("SELECT COUNT(*) FROM items WHERE items.active=1 AND items.search LIKE ?1 ESCAPE '\\'")
                     : db_.prepare(agg + "SELECT COUNT(*)" + from + where);
        if (page_first) c.bind(1, like_pattern(q.search));
        else bind_common(c);
        if (c.step()) page.total = c.i64(0);
        if (!c.status().ok()) return c.status();
    }
    Stmt s = db_.prepare(agg + std::string("SELECT ") + kItemColumns +
                         ", COALESCE(agg.on_hand,0), COALESCE(agg.available,0), COALESCE(agg.nearest,''),"
                         " COALESCE(agg.nbatches,0), COALESCE(agg.flagged,0), COALESCE(agg.has_expired,0)" +
                         from + where + order + (page_first ? "" : " LIMIT ?5 OFFSET ?6"));
    bind_common(s);
    while (s.step()) {
        StockRow r;
        read_item(s, 0, &r.item);
        r.on_hand = s.i64(13);
        r.available = s.i64(14);
        r.nearest_expiry = s.text(15);
        r.batches = s.i32(16);
        r.flagged = s.i64(17) != 0;
        r.has_expired = s.i64(18) != 0;
        r.low = r.item.reorder_level > 0 && r.available <= r.item.reorder_level;
        page.rows.push_back(std::move(r));
    }
    if (!s.status().ok()) return s.status();
    return page;
}

// ---- item detail and stock card --------------------------------------------------------

Result<ItemDetail> Store::item_detail(const std::string& item_id) {
    auto it = load_item(db_, item_id);
    if (!it.ok()) return it.status();
    ItemDetail d;
    d.item = *it;
    const std::string now = today();
    Stmt s = db_.prepare(
        "SELECT b.id,b.batch_no,b.expiry,COALESCE(h.quantity,0),b.on_hold,b.needs_count FROM batches b "
        "LEFT JOIN stock_on_hand h ON h.batch_id=b.id WHERE b.item_id=? AND b.site_id=? "
        "AND (COALESCE(h.quantity,0)<>0 OR b.expiry>=?) ORDER BY b.expiry, b.batch_no");
    s.bind(1, item_id).bind(2, identity_.site_id).bind(3, now);
    while (s.step()) {
        BatchRow b;
        b.id = s.text(0);
        b.batch_no = s.text(1);
        b.expiry = s.text(2);
        b.on_hand = s.i64(3);
        b.on_hold = s.i64(4) != 0;
        b.needs_count = s.i64(5) != 0;
        b.expired = b.expiry < now;
        b.days_to_expiry = days_between(now, b.expiry);
        d.on_hand += b.on_hand;
        if (!b.on_hold && !b.expired && b.on_hand > 0) d.available += b.on_hand;
        d.batches.push_back(std::move(b));
    }
    if (!s.status().ok()) return s.status();
    // Average monthly consumption: dispensed (net of cancellations) over the
    // last 3 months of 30.4375 days, as Open mSupply computes it by default.
    const double kLookbackDays = 3 * 30.4375;
    Stmt c = db_.prepare(
        "SELECT COALESCE(-SUM(quantity),0) FROM stock_events WHERE item_id=? AND kind IN ('dispense','reversal') "
        "AND created_ms>=?");
    c.bind(1, item_id).bind(2, now_ms() - static_cast<int64_t>(kLookbackDays * 86400000.0));
    if (c.step()) d.amc = amc_open_msupply(c.i64(0), 3, 30.4375, 0, false);
    return d;
}

// Ledger events from `source` (a subquery over stock_events with a `balance`
// column) with the names a person reads, for the stock card and the audit
// view. Columns: 0 id, 1 created_ms, 2 kind, 3 batch number, 4 user, 5
// quantity, 6 balance, 7 reason label, 8 note, 9 supplier, 10 reference,
// 11 patient's family name as stored, 12 item name, 13 device name, 14 batch
// expiry, 15 prescriber, 16 item code, 17 patient's given name, 18 the reason's code. The patient is
// named in C++ by patient_display_name (SQLite's upper() is ASCII only). Also
// used by the controlled-medicine register (reports).
std::string readable_events_sql(const std::string& source, const std::string& tail) {
    return "SELECT ev.id, ev.created_ms, ev.kind, b.batch_no, COALESCE(u.name,'?'), ev.quantity, ev.balance, "
           "COALESCE(r.label, ''), ev.note, COALESCE(ev.supplier,''), COALESCE(ev.reference,''), "
           "COALESCE(p.family_name, ''), "
           "i.name || CASE WHEN i.strength<>'' THEN ' ' || i.strength ELSE '' END, COALESCE(d.name, ev.device_id), "
           "b.expiry, COALESCE(rx.prescriber,''), i.code, COALESCE(p.given_name, ''), COALESCE(ev.reason, '') "
           "FROM (" + source + ") ev JOIN batches b ON b.id=ev.batch_id JOIN items i ON i.id=ev.item_id "
           "LEFT JOIN users u ON u.id=ev.user_id LEFT JOIN reason_codes r ON r.code=ev.reason "
           "LEFT JOIN prescription_lines l ON l.id=ev.prescription_line_id "
           "LEFT JOIN prescriptions rx ON rx.id=l.prescription_id LEFT JOIN patients p ON p.id=rx.patient_id "
           "LEFT JOIN devices d ON d.id=ev.device_id " + tail;
}

// The plain-words description of an event from columns 7-11 above.
std::string card_detail(const std::string& kind, Stmt& s, i18n::Lang lang) {
    // columns 7.. : reason label as stored, note, supplier, reference, patient; 18 the reason's code
    const std::string reason = reason_label(lang, s.text(18), s.text(7));
    const std::string note = s.text(8), supplier = s.text(9), ref = s.text(10);
    const std::string patient = s.text(11).empty() ? "" : patient_display_name(s.text(11), s.text(17));
    using i18n::format;
    auto tr = [lang](const char* msgid) { return i18n::tr_for(lang, msgid); };
    if (kind == "receipt") {
        if (supplier.empty()) return ref.empty() ? std::string(tr("Received")) : format(tr("Received ({0})"), {ref});
        return ref.empty() ? format(tr("Received from {0}"), {supplier})
                           : format(tr("Received from {0} ({1})"), {supplier, ref});
    }
    if (kind == "dispense") return patient.empty() ? std::string(tr("Dispensed")) : format(tr("Dispensed to {0}"), {patient});
    if (kind == "adjustment")
        return note.empty() ? format(tr("Adjusted: {0}"), {reason}) : format(tr("Adjusted: {0} - {1}"), {reason, note});
    if (kind == "stocktake") return tr("Stocktake correction");
    if (kind == "reversal")
        return note.empty() ? std::string(tr("Dispensing cancelled")) : format(tr("Dispensing cancelled: {0}"), {note});
    return kind;
}

Result<Page<CardRow>> Store::stock_card(const std::string& item_id, const std::string& batch_id, int64_t offset,
                                        int64_t limit) {
    auto it = load_item(db_, item_id);
    if (!it.ok()) return it.status();
    Page<CardRow> page;
    page.offset = offset < 0 ? 0 : offset;
    const std::string filter = batch_id.empty() ? "e.item_id=?1" : "e.item_id=?1 AND e.batch_id=?2";
    {
        Stmt c = db_.prepare("SELECT COUNT(*) FROM stock_events e WHERE " + filter);
        c.bind(1, item_id);
        if (!batch_id.empty()) c.bind(2, batch_id);
        if (c.step()) page.total = c.i64(0);
    }
    Stmt s = db_.prepare(readable_events_sql(
        "SELECT e.*, SUM(e.quantity) OVER (ORDER BY e.hlc, e.id ROWS UNBOUNDED PRECEDING) AS balance "
        "FROM stock_events e WHERE " + filter,
        "ORDER BY ev.hlc DESC, ev.id DESC LIMIT ?3 OFFSET ?4"));
    s.bind(1, item_id);
    if (!batch_id.empty()) s.bind(2, batch_id);
    s.bind(3, clamp_limit(limit)).bind(4, page.offset);
    while (s.step()) {
        CardRow r;
        r.event_id = s.text(0);
        r.when = local_datetime(s.i64(1));
        r.kind = s.text(2);
        r.batch_no = s.text(3);
        r.user_name = s.text(4);
        r.quantity = s.i64(5);
        r.balance = s.i64(6);
        r.detail = card_detail(r.kind, s);
        page.rows.push_back(std::move(r));
    }
    if (!s.status().ok()) return s.status();
    return page;
}

// ---- audit -------------------------------------------------------------------------------

Result<Page<AuditRow>> Store::audit(const AuditQuery& q) {
    static const char* kKinds[] = {"", "receipt", "dispense", "adjustment", "stocktake", "reversal"};
    bool known = false;
    for (const char* k : kKinds) known = known || q.kind == k;
    if (!known) return Status::InvalidArgument("unknown kind of event '" + q.kind + "'");
    Page<AuditRow> page;
    page.offset = q.offset < 0 ? 0 : q.offset;
    const std::string where = " WHERE (?1='' OR e.user_id=?1) AND (?2='' OR e.kind=?2)";
    {
        Stmt c = db_.prepare("SELECT COUNT(*) FROM stock_events e" + where);
        c.bind(1, q.user_id).bind(2, q.kind);
        if (c.step()) page.total = c.i64(0);
    }
    Stmt s = db_.prepare(readable_events_sql("SELECT e.*, 0 AS balance FROM stock_events e" + where,
                                             "ORDER BY ev.hlc DESC, ev.id DESC LIMIT ?3 OFFSET ?4"));
    s.bind(1, q.user_id).bind(2, q.kind).bind(3, clamp_limit(q.limit)).bind(4, page.offset);
    while (s.step()) {
        AuditRow r;
        r.event_id = s.text(0);
        r.when = local_datetime(s.i64(1));
        r.kind = s.text(2);
        r.batch_no = s.text(3);
        r.user_name = s.text(4);
        r.quantity = s.i64(5);
        r.item_name = s.text(12);
        r.detail = card_detail(r.kind, s);
        r.device_name = s.text(13);
        page.rows.push_back(std::move(r));
    }
    if (!s.status().ok()) return s.status();
    return page;
}

// ---- expiring ------------------------------------------------------------------------------

Result<Page<ExpiringRow>> Store::expiring(int days, int64_t offset, int64_t limit) {
    const std::string now = today();
    const std::string horizon = add_days(now, days < 0 ? 0 : days);
    Page<ExpiringRow> page;
    page.offset = offset < 0 ? 0 : offset;
    const std::string where =
        " FROM batches b JOIN stock_on_hand h ON h.batch_id=b.id JOIN items i ON i.id=b.item_id "
        "WHERE b.site_id=?1 AND h.quantity>0 AND b.expiry<=?2";
    {
        Stmt c = db_.prepare("SELECT COUNT(*)" + where);
        c.bind(1, identity_.site_id).bind(2, horizon);
        if (c.step()) page.total = c.i64(0);
    }
    Stmt s = db_.prepare(
        "SELECT i.id, i.name || CASE WHEN i.strength<>'' THEN ' ' || i.strength ELSE '' END, b.id, b.batch_no, "
        "b.expiry, h.quantity" + where + " ORDER BY b.expiry, i.name LIMIT ?3 OFFSET ?4");
    s.bind(1, identity_.site_id).bind(2, horizon).bind(3, clamp_limit(limit)).bind(4, page.offset);
    while (s.step()) {
        ExpiringRow r{s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.i64(5), 0};
        r.days = days_between(now, r.expiry);
        page.rows.push_back(std::move(r));
    }
    if (!s.status().ok()) return s.status();
    return page;
}

// ---- patient history ---------------------------------------------------------------------------

Result<Page<HistoryRow>> Store::patient_history(const std::string& patient_id, int64_t offset, int64_t limit) {
    Page<HistoryRow> page;
    page.offset = offset < 0 ? 0 : offset;
    {
        Stmt c = db_.prepare("SELECT COUNT(*) FROM prescriptions WHERE patient_id=?");
        c.bind(1, patient_id);
        if (c.step()) page.total = c.i64(0);
    }
    Stmt s = db_.prepare(
        "SELECT rx.id, rx.created_ms, rx.prescriber, COALESCE(u.name,'?'), c.reason IS NOT NULL, COALESCE(c.reason,'') "
        "FROM prescriptions rx LEFT JOIN users u ON u.id=rx.user_id "
        "LEFT JOIN cancellations c ON c.prescription_id=rx.id "
        "WHERE rx.patient_id=? ORDER BY rx.hlc DESC LIMIT ? OFFSET ?");
    s.bind(1, patient_id).bind(2, clamp_limit(limit)).bind(3, page.offset);
    while (s.step()) {
        HistoryRow r;
        r.prescription_id = s.text(0);
        r.when = local_datetime(s.i64(1));
        r.prescriber = s.text(2);
        r.dispenser = s.text(3);
        r.cancelled = s.i64(4) != 0;
        r.cancel_reason = s.text(5);
        page.rows.push_back(std::move(r));
    }
    if (!s.status().ok()) return s.status();
    Stmt l = db_.prepare(
        "SELECT l.id, i.name || CASE WHEN i.strength<>'' THEN ' ' || i.strength ELSE '' END, l.quantity, "
        "l.directions_text, (SELECT group_concat(b.batch_no, ', ') FROM stock_events e JOIN batches b ON b.id=e.batch_id "
        "WHERE e.prescription_line_id=l.id AND e.kind='dispense') "
        "FROM prescription_lines l JOIN items i ON i.id=l.item_id WHERE l.prescription_id=? ORDER BY l.line_no");
    for (auto& r : page.rows) {
        l.reset();
        l.bind(1, r.prescription_id);
        while (l.step()) r.lines.push_back({l.text(1), l.text(3), l.text(4), l.i64(2)});
        if (!l.status().ok()) return l.status();
    }
    return page;
}

// ---- stocktakes ------------------------------------------------------------------------------------

static const char* kStocktakeSelect =
    "SELECT s.id, s.description, s.status, s.started_ms, COALESCE(u.name,'?'), s.blind, "
    "(SELECT COUNT(*) FROM stocktake_lines l WHERE l.stocktake_id=s.id), "
    "(SELECT COUNT(counted) FROM stocktake_lines l WHERE l.stocktake_id=s.id) "
    "FROM stocktakes s LEFT JOIN users u ON u.id=s.user_id ";

static StocktakeInfo read_stocktake(Stmt& s) {
    StocktakeInfo i;
    i.id = s.text(0);
    i.description = s.text(1);
    i.status = s.text(2);
    i.started = datetime_of(s.i64(3));
    i.user_name = s.text(4);
    i.blind = s.i64(5) != 0;
    i.lines = s.i64(6);
    i.counted = s.i64(7);
    return i;
}

Result<StocktakeInfo> Store::stocktake(const std::string& stocktake_id) {
    Stmt s = db_.prepare(std::string(kStocktakeSelect) + "WHERE s.id=?");
    s.bind(1, stocktake_id);
    if (!s.step()) return Status::NotFound("no such stocktake");
    return read_stocktake(s);
}

Result<std::vector<StocktakeInfo>> Store::stocktakes(bool open_only) {
    Stmt s = db_.prepare(std::string(kStocktakeSelect) + "WHERE (?1=0 OR s.status='open') ORDER BY s.hlc DESC LIMIT 100");
    s.bind(1, static_cast<int64_t>(open_only ? 1 : 0));
    std::vector<StocktakeInfo> out;
    while (s.step()) out.push_back(read_stocktake(s));
    if (!s.status().ok()) return s.status();
    return out;
}

Result<Page<SheetRow>> Store::stocktake_sheet(const std::string& stocktake_id, int64_t offset, int64_t limit) {
    Page<SheetRow> page;
    page.offset = offset < 0 ? 0 : offset;
    {
        Stmt c = db_.prepare("SELECT COUNT(*) FROM stocktake_lines WHERE stocktake_id=?");
        c.bind(1, stocktake_id);
        if (c.step()) page.total = c.i64(0);
    }
    Stmt s = db_.prepare(
        "SELECT l.batch_id, l.item_id, i.name || CASE WHEN i.strength<>'' THEN ' ' || i.strength ELSE '' END, "
        "b.batch_no, b.expiry, l.expected, l.counted FROM stocktake_lines l "
        "JOIN batches b ON b.id=l.batch_id JOIN items i ON i.id=l.item_id WHERE l.stocktake_id=? "
        "ORDER BY i.name COLLATE NOCASE, i.strength, b.expiry LIMIT ? OFFSET ?");
    s.bind(1, stocktake_id).bind(2, limit <= 0 ? 50 : limit).bind(3, page.offset);
    while (s.step()) {
        SheetRow r;
        r.batch_id = s.text(0);
        r.item_id = s.text(1);
        r.item_name = s.text(2);
        r.batch_no = s.text(3);
        r.expiry = s.text(4);
        r.expected = s.i64(5);
        if (!s.is_null(6)) r.counted = s.i64(6);
        page.rows.push_back(std::move(r));
    }
    if (!s.status().ok()) return s.status();
    return page;
}

}  // namespace outpost

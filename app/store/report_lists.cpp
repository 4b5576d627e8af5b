// The list reports (see reports.h and docs/reports.md): expiries and losses,
// stocktake variances and the controlled-medicine register. Each is one or
// two queries over the ledger for the range's device days.
#include <algorithm>

#include "report_ledger.h"
#include "reports.h"
#include "store_internal.h"

namespace outpost {

// The name and strength of an item, as the lists show it.
static const char* kItemName = "i.name || CASE WHEN i.strength<>'' THEN ' ' || i.strength ELSE '' END";

// Stock taken off the books: every adjustment that removed stock for a
// reason other than a transfer out (a redistribution, not a loss; domain
// facts 2.1). Then batches that expired by the range's last day and still
// held stock at its end: expired on the shelf, not yet written off.
Result<LossReport> loss_report(Store& store, const ReportOptions& o) {
    LossReport rep;
    rep.range = o.range;
    rep.values_available = false;  // the catalogue has no unit price (docs/known-gaps.md)
    Stmt s = store.db().prepare(
        std::string("SELECT i.id, i.code, ") + kItemName + ", i.unit, b.batch_no, b.expiry, e.reason, "
        "COALESCE(r.label, e.reason, ''), -SUM(e.quantity) FROM stock_events e " + kByTime + " JOIN items i ON i.id=e.item_id "
        "JOIN batches b ON b.id=e.batch_id LEFT JOIN reason_codes r ON r.code=e.reason "
        "WHERE e.created_ms>=? AND e.created_ms<? AND e.kind='adjustment' AND e.quantity<0 "
        "AND COALESCE(e.reason,'')<>'transfer_out' "
        "GROUP BY e.item_id, e.batch_id, e.reason ORDER BY i.name COLLATE NOCASE, i.strength, b.expiry, e.reason");
    s.bind(1, o.range.start_ms()).bind(2, o.range.end_ms());
    while (s.step())
        rep.rows.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.text(4), s.text(5), s.text(6), s.text(7),
                            s.i64(8), std::nullopt});
    if (!s.status().ok()) return s.status();

    auto batches = batch_balances_at(store, o.range.end_ms());
    if (!batches.ok()) return batches.status();
    auto items = site_items(store);
    if (!items.ok()) return items.status();
    const std::string first = date_from_days(o.range.first), last = date_from_days(o.range.last);
    std::vector<LossRow> shelf;
    for (const BatchBalance& b : *batches) {
        // A batch is usable through its expiry date: expired on the shelf at
        // the range's end means its expiry is before the last day.
        if (b.balance <= 0 || b.expiry >= last || b.expiry < add_days(first, -1)) continue;
        const Item& it = items->at(b.item_id);
        std::string name = it.name + (it.strength.empty() ? "" : " " + it.strength);
        shelf.push_back({it.id, it.code, name, it.unit, b.batch_no, b.expiry, "", N_("Expired on the shelf"),
                         b.balance, std::nullopt});
    }
    std::sort(shelf.begin(), shelf.end(), [](const LossRow& a, const LossRow& b) {
        return std::make_tuple(search_key(a.name), a.expiry, a.batch_no) <
               std::make_tuple(search_key(b.name), b.expiry, b.batch_no);
    });
    rep.rows.insert(rep.rows.end(), shelf.begin(), shelf.end());
    return rep;
}

// Every line of the stocktakes finalised in the range. The variance is the
// correction the finalising wrote to the ledger (counted minus the balance
// at the count's frontier); those events carry the stocktake's id and are
// written in the finalising transaction, so they are looked up by time
// (a day either side) and id, through the created_ms index.
Result<StocktakeReport> stocktake_report(Store& store, const ReportOptions& o) {
    StocktakeReport rep;
    rep.range = o.range;
    Db& db = store.db();
    std::map<std::pair<std::string, std::string>, int64_t> correction;
    Stmt c = db.prepare(
        "SELECT stocktake_id, batch_id, SUM(quantity) FROM stock_events " + std::string(kByTime) + " WHERE kind='stocktake' "
        "AND created_ms>=? AND created_ms<? GROUP BY stocktake_id, batch_id");
    c.bind(1, o.range.start_ms() - 86400000).bind(2, o.range.end_ms() + 86400000);
    while (c.step()) correction[{c.text(0), c.text(1)}] = c.i64(2);
    if (!c.status().ok()) return c.status();
    Stmt s = db.prepare(
        std::string("SELECT s.id, s.finished_ms, s.description, COALESCE(u.name,'?'), i.code, ") + kItemName +
        ", b.batch_no, b.expiry, l.expected, l.counted, COALESCE(cu.name, l.counted_by, ''), l.batch_id "
        "FROM stocktakes s JOIN stocktake_lines l ON l.stocktake_id=s.id JOIN batches b ON b.id=l.batch_id "
        "JOIN items i ON i.id=l.item_id LEFT JOIN users u ON u.id=s.user_id LEFT JOIN users cu ON cu.id=l.counted_by "
        "WHERE s.status='finalised' AND s.finished_ms>=? AND s.finished_ms<? "
        "ORDER BY s.finished_ms, s.id, i.name COLLATE NOCASE, i.strength, b.expiry, b.batch_no");
    s.bind(1, o.range.start_ms()).bind(2, o.range.end_ms());
    while (s.step()) {
        StocktakeVarianceRow r;
        r.stocktake_id = s.text(0);
        r.finished_ms = s.i64(1);
        r.finished = datetime_of(r.finished_ms);
        r.description = s.text(2);
        r.started_by = s.text(3);
        r.code = s.text(4);
        r.name = s.text(5);
        r.batch_no = s.text(6);
        r.expiry = s.text(7);
        r.expected = s.i64(8);
        if (!s.is_null(9)) r.counted = s.i64(9);
        r.counted_by = s.text(10);
        auto f = correction.find({r.stocktake_id, s.text(11)});
        r.variance = f == correction.end() ? 0 : f->second;
        rep.rows.push_back(std::move(r));
    }
    if (!s.status().ok()) return s.status();
    return rep;
}

// Every movement of a controlled item in the range, by item then time, with
// the item's balance after each. A cancellation names the patient of the
// dispensing it reverses.
Result<ControlledReport> controlled_report(Store& store, const ReportOptions& o) {
    ControlledReport rep;
    rep.range = o.range;
    auto at_start = batch_balances_at(store, o.range.start_ms());
    if (!at_start.ok()) return at_start.status();
    auto items = site_items(store);
    if (!items.ok()) return items.status();
    std::map<std::string, int64_t> balance;  // by item code (unique), as the rows carry it
    for (const BatchBalance& b : *at_start) balance[items->at(b.item_id).code] += b.balance;
    const std::string source =
        "SELECT e.id, e.created_ms, e.kind, e.batch_id, e.item_id, e.user_id, e.quantity, 0 AS balance, e.reason, "
        "e.note, e.supplier, e.reference, e.device_id, e.hlc, "
        "COALESCE(e.prescription_line_id, (SELECT o.prescription_line_id FROM stock_events o "
        "WHERE o.id=e.reverses_event_id)) AS prescription_line_id "
        "FROM stock_events e " + std::string(kByTime) + " JOIN items ci ON ci.id=e.item_id AND ci.controlled=1 "
        "WHERE e.created_ms>=?1 AND e.created_ms<?2";
    Stmt s = store.db().prepare(readable_events_sql(
        source, "ORDER BY i.name COLLATE NOCASE, i.strength, ev.item_id, ev.created_ms, ev.hlc, ev.id"));
    s.bind(1, o.range.start_ms()).bind(2, o.range.end_ms());
    while (s.step()) {
        ControlledRow r;
        r.when_ms = s.i64(1);
        r.when = datetime_of(r.when_ms);
        r.kind = s.text(2);
        r.batch_no = s.text(3);
        r.user_name = s.text(4);
        r.quantity = s.i64(5);
        r.detail = card_detail(r.kind, s, o.lang);
        r.patient = s.text(11).empty() ? "" : patient_display_name(s.text(11), s.text(17));
        r.name = s.text(12);
        r.device_name = s.text(13);
        r.expiry = s.text(14);
        r.prescriber = s.text(15);
        r.code = s.text(16);
        r.balance = balance[r.code] += r.quantity;
        rep.rows.push_back(std::move(r));
    }
    if (!s.status().ok()) return s.status();
    return rep;
}

}  // namespace outpost

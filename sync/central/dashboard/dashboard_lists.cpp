// Expiring stock, consumption trends and one site in depth
// (dashboard_data.h).
#include <algorithm>

#include "dashboard_data.h"
#include "dashboard_internal.h"
#include "projection_days.h"

namespace outpost {
namespace dashboard {

using K = Column::Kind;

Result<Table> expiring(Db& db, const Scope& scope, const Filter& filter, int64_t now_ms) {
    if (!filter.state.empty() && filter.state != "expired" && filter.state != "expiring")
        return Status::InvalidArgument("the expiry state is 'expired' or 'expiring'");
    const int64_t today = projection::day_of_ms(now_ms);
    const int64_t horizon = today + std::max(0, filter.expiring_within_days);
    const std::string today_s = projection::day_text(today), horizon_s = projection::day_text(horizon);
    Query q;
    q.columns = {
        {"site_code", "Site", "", K::kText},
        {"site_name", "Site name", "", K::kText},
        {"region", "Region", "", K::kText},
        {"item_code", "Item", "", K::kText},
        {"item_name", "Item name", "", K::kText},
        {"batch_no", "Batch", "", K::kText},
        {"expiry", "Expiry", "", K::kDate},
        {"days_left", "Days left", "Expiry minus today (" + today_s + ", UTC); below 0: expired", K::kInteger},
        {"status", "Status",
         "expired: expiry before today; expiring: expiry from today to " + horizon_s + " (" +
             std::to_string(filter.expiring_within_days) + " days). Only batches with stock on hand > 0",
         K::kText},
        {"soh", "Stock on hand", "The batch's stock on hand (units of use)", K::kInteger},
        {"unit_price", "Unit price", "The catalogue's price per unit of use; blank when it has none", K::kNumber},
        {"value", "Value", "Stock on hand x unit price; blank when the catalogue has no price", K::kNumber},
    };
    q.with = "WITH " + scoped_sites_cte(scope, filter, &q.binds);
    q.with_binds = q.binds.size();
    // One table in expiry order: p_stock_on_hand keeps each batch's expiry,
    // number, site code, region, item code and name (projection_names.cpp),
    // and its partial index of batches with stock > 0 holds the order and
    // the filters, so a page reads its rows only. A batch central has no
    // batch row for (no expiry), or of a site or item it does not know (no
    // code), is not listed, as the joins of the copy did not list it.
    q.select =
        "SELECT p.site_code, (SELECT name FROM sites WHERE id = p.site_id) AS site_name, p.region, p.item_code, "
        "p.item_name, p.batch_no, p.expiry, CAST(julianday(p.expiry) - julianday(?) AS INTEGER) AS days_left, "
        "CASE WHEN p.expiry < ? THEN 'expired' ELSE 'expiring' END AS status, p.quantity AS soh, "
        "pr.unit_price, p.quantity * pr.unit_price AS value "
        "FROM p_stock_on_hand p LEFT JOIN item_prices pr ON pr.item_id = p.item_id WHERE p.quantity > 0 AND p.expiry <= ? AND +p.site_code IS NOT NULL "
        "AND +p.item_code IS NOT NULL AND ";
    q.binds.push_back(today_s);
    q.binds.push_back(today_s);
    q.binds.push_back(horizon_s);
    q.select += scope_condition(scope, "p.site_code", &q.binds);
    q.select += equal_conditions(
        "p.", {{"site_code", &filter.site_code}, {"region", &filter.region}, {"item_code", &filter.item_code}},
        &q.binds);
    if (!filter.state.empty()) {
        q.select += filter.state == "expired" ? " AND p.expiry < ?" : " AND p.expiry >= ?";
        q.binds.push_back(today_s);
    }
    q.natural_order = "expiry, site_code, item_name";
    auto t = run(db, q, filter);
    if (t.ok()) t->note = "Expiry judged on " + today_s + " (UTC)";
    return t;
}

Result<Table> consumption_trend(Db& db, const Scope& scope, const Filter& filter, int64_t now_ms) {
    std::string from = filter.month_from, to = filter.month_to;
    const int64_t this_month = projection::month_start(projection::day_of_ms(now_ms));
    if (to.empty()) to = projection::day_text(this_month).substr(0, 7);
    if (from.empty()) {
        int64_t m = this_month;
        for (int i = 0; i < 11; ++i) m = projection::month_start(m - 1);
        from = projection::day_text(m).substr(0, 7);
    }
    int64_t check = 0;
    if (!projection::parse_day(from + "-01", &check) || !projection::parse_day(to + "-01", &check))
        return Status::InvalidArgument("months are written YYYY-MM");
    Query q;
    q.columns = {
        {"site_code", "Site", "", K::kText},
        {"item_code", "Item", "", K::kText},
        {"item_name", "Item name", "", K::kText},
        {"month", "Month", "Calendar month, UTC", K::kText},
        {"consumed", "Consumed", "Units dispensed in the month minus dispensings cancelled in the month",
         K::kInteger},
        {"stock_out_days", "Stock-out days",
         "Days of the month ending with the item's stock on hand at the site <= 0 (days before its first "
         "event not counted; the current month through the day of the last change central received)",
         K::kInteger},
        {"adjustments", "Adjustments", "Net units of adjustments in the month (all reasons)", K::kInteger},
        {"expired", "Expired", "Units written off in the month with reason 'expired'", K::kInteger},
    };
    q.with = "WITH " + scoped_sites_cte(scope, filter, &q.binds);
    q.with_binds = q.binds.size();
    q.select =
        "SELECT ss.site_code, i.code AS item_code, i.name AS item_name, m.month, m.dispensed - m.cancelled AS "
        "consumed, m.stock_out_days, m.adjusted AS adjustments, m.expired FROM p_monthly m "
        "JOIN ss ON ss.site_id = m.site_id JOIN items i ON i.id = m.item_id WHERE m.month BETWEEN ? AND ?";
    q.binds.push_back(from);
    q.binds.push_back(to);
    if (!filter.item_code.empty()) {
        q.select += " AND i.code = ?";
        q.binds.push_back(filter.item_code);
    }
    q.natural_order = "site_code, item_name, month";
    auto t = run(db, q, filter);
    if (t.ok()) t->note = "Months " + from + " to " + to + " (UTC)";
    return t;
}

Result<Table> site_detail(Db& db, const Scope& scope, const std::string& part, const Filter& filter,
                          int64_t now_ms) {
    if (filter.site_code.empty()) return Status::InvalidArgument("name the site (its code)");
    auto site = site_in_scope(db, scope, filter.site_code);
    if (!site.ok()) return site.status();
    if (part == "items") return stock_status(db, scope, filter, now_ms);
    Query q;
    q.with = "WITH " + scoped_sites_cte(scope, filter, &q.binds);
    q.with_binds = q.binds.size();
    if (part == "batches") {
        q.columns = {
            {"item_code", "Item", "", K::kText},
            {"item_name", "Item name", "", K::kText},
            {"batch_no", "Batch", "", K::kText},
            {"expiry", "Expiry", "", K::kDate},
            {"on_hold", "On hold", "1: the site put the batch on hold (not available)", K::kInteger},
            {"needs_count", "Needs count", "1: a dispensing took the batch below zero; count it", K::kInteger},
            {"soh", "Stock on hand", "Sum of the batch's stock events", K::kInteger},
        };
        q.select =
            "SELECT i.code AS item_code, i.name AS item_name, b.batch_no, b.expiry, b.on_hold, b.needs_count, "
            "COALESCE(p.quantity, 0) AS soh FROM batches b JOIN ss ON ss.site_id = b.site_id "
            "JOIN items i ON i.id = b.item_id LEFT JOIN p_stock_on_hand p ON p.batch_id = b.id";
        if (!filter.item_code.empty()) {
            q.select += " WHERE i.code = ?";
            q.binds.push_back(filter.item_code);
        }
        q.natural_order = "item_name, expiry, batch_no";
    } else if (part == "stocktakes") {
        q.columns = {
            {"started_ms", "Started", "", K::kTimeMs},
            {"finished_ms", "Finished", "", K::kTimeMs},
            {"status", "Status", "open, finalised or abandoned", K::kText},
            {"description", "Description", "", K::kText},
            {"lines", "Lines", "Batches on the count sheet", K::kInteger},
            {"lines_counted", "Counted", "Lines with a count entered", K::kInteger},
            {"net_difference", "Net difference", "Sum of (counted - expected) over the counted lines",
             K::kInteger},
        };
        q.select =
            "SELECT t.started_ms, t.finished_ms, t.status, t.description, "
            "(SELECT COUNT(*) FROM stocktake_lines l WHERE l.stocktake_id = t.id) AS lines, "
            "(SELECT COUNT(*) FROM stocktake_lines l WHERE l.stocktake_id = t.id AND l.counted IS NOT NULL) AS "
            "lines_counted, (SELECT COALESCE(SUM(l.counted - l.expected), 0) FROM stocktake_lines l WHERE "
            "l.stocktake_id = t.id AND l.counted IS NOT NULL) AS net_difference "
            "FROM stocktakes t JOIN ss ON ss.site_id = t.site_id";
        q.natural_order = "started_ms DESC";
    } else {
        return Status::InvalidArgument("a site's part is items, batches or stocktakes, not '" + part + "'");
    }
    return run(db, q, filter);
}

}  // namespace dashboard
}  // namespace outpost

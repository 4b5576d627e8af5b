// Stock status (site x item), one item across sites and the stock card
// (dashboard_data.h). The formulas are those of ../shared/domain-facts.md
// 2.2-2.3 as the device's reports use them (app/store/consumption.h):
// Open mSupply AMC without stock-out adjustment, MOS = available / AMC.
#include <cstdio>

#include <algorithm>

#include "dashboard_data.h"
#include "dashboard_internal.h"
#include "projection_days.h"

namespace outpost {
namespace dashboard {

using K = Column::Kind;

namespace {

std::string month_of(int64_t day) { return projection::day_text(day).substr(0, 7); }

std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::vector<Column> stock_columns(const StockFormula& f) {
    const std::string n = std::to_string(f.lookback_months);
    return {
        {"site_code", "Site", "", K::kText},
        {"site_name", "Site name", "", K::kText},
        {"region", "Region", "", K::kText},
        {"item_code", "Item", "", K::kText},
        {"item_name", "Item name", "", K::kText},
        {"unit", "Unit", "", K::kText},
        {"soh", "Stock on hand", "Sum of every stock event of the item's batches at the site (units of use)",
         K::kInteger},
        {"available", "Available",
         "Stock on hand of batches not expired today and not on hold, batches below zero counted as 0",
         K::kInteger},
        {"amc", "AMC",
         "Average monthly consumption = units dispensed minus dispensings cancelled in the last " + n +
             " whole months / " + n + " (Open mSupply, no stock-out adjustment)",
         K::kNumber},
        {"mos", "Months of stock", "Available / AMC; blank when AMC = 0", K::kNumber},
        {"state", "State",
         "stocked_out: available <= 0; no_consumption: available > 0 and AMC = 0; below_minimum: months of stock < " +
             number_text(f.min_mos) + "; overstocked: months of stock > " + number_text(f.max_mos) +
             "; ok: otherwise",
         K::kText},
    };
}

// The stock status rows of the scope and filter; extra_columns are
// appended to the select (and to the columns by the caller).
// kept: read the status central keeps per site x item (fresh for today,
// default formula) instead of computing it.
Query stock_query(const Scope& scope, const Filter& filter, int64_t now_ms, const StockFormula& f,
                  const std::string& extra_select, const Binds& extra_binds, bool kept) {
    Query q;
    q.columns = stock_columns(f);
    const int64_t today = projection::day_of_ms(now_ms);
    int64_t m = projection::month_start(today);
    const std::string current = month_of(m);
    std::string from, to;
    for (int i = 0; i < f.lookback_months; ++i) {
        m = projection::month_start(m - 1);
        if (i == 0) to = month_of(m);
        from = month_of(m);
    }
    q.with = "WITH " + scoped_sites_cte(scope, filter, &q.binds) +
             ", w AS (SELECT ? AS today, ? AS cur, ? AS m_from, ? AS m_to, ? AS min_mos, ? AS max_mos, ? AS n)" +
             std::string(kept ? "" :
             // Batches whose stock is not available: expired, on hold, or below zero.
             ", unusable AS (SELECT b.site_id, b.item_id, SUM(p.quantity) AS q FROM p_stock_on_hand p "
             "  JOIN batches b ON b.id = p.batch_id, w "
             "  WHERE b.site_id IN (SELECT site_id FROM ss) AND p.batch_id IN (SELECT id FROM batches, w WHERE expiry < w.today "
             "    UNION SELECT id FROM batches WHERE on_hold = 1 "
             "    UNION SELECT batch_id FROM p_stock_on_hand WHERE quantity < 0) GROUP BY 1, 2)");
    q.binds.push_back(projection::day_text(today));
    q.binds.push_back(current);
    q.binds.push_back(from);
    q.binds.push_back(to);
    q.binds.push_back(f.min_mos);
    q.binds.push_back(f.max_mos);
    q.binds.push_back(int64_t{f.lookback_months});
    q.with_binds = q.binds.size();
    // The kept AMC is used when it was computed for this month's window (and
    // the default look-back); otherwise it is computed from the months here.
    const std::string amc =
        "CASE WHEN si.amc_month = w.cur AND w.n = 3 THEN si.amc ELSE (SELECT COALESCE(SUM(m.dispensed - "
        "m.cancelled), 0) * 1.0 / w.n FROM p_monthly m WHERE m.site_id = si.site_id AND m.item_id = si.item_id "
        "AND m.month BETWEEN w.m_from AND w.m_to) END";
    if (kept) {
        // One table: p_site_item keeps the names, region and state beside
        // the figures, so scope, filters, natural order and page run on its
        // indexes (projection_names.cpp) and only the page's rows are read.
        // Scope and site filter are on the kept site code, the same rows as
        // ss's (a row of a site or item central does not know has no code
        // and is not shown, as the joins did not show it).
        q.select = "SELECT si.site_code, si.site_name, si.region, si.item_code, si.item_name, si.unit, si.soh, "
                   "si.available, si.amc, si.mos, si.state" + extra_select +
                   " FROM p_site_item si WHERE +si.site_code IS NOT NULL AND +si.item_code IS NOT NULL";
        q.binds.insert(q.binds.end(), extra_binds.begin(), extra_binds.end());
        q.select += " AND " + scope_condition(scope, "si.site_code", &q.binds);
        q.select += equal_conditions("si.", {{"site_code", &filter.site_code}, {"region", &filter.region},
                                             {"item_code", &filter.item_code}, {"state", &filter.state}},
                                     &q.binds);
        q.natural_order = "site_code, item_name, item_code";
        return q;
    }
    std::string inner =
        "SELECT ss.site_code, ss.site_name, ss.region, i.code AS item_code, i.name AS item_name, i.unit AS unit, "
        "si.soh AS soh, si.soh - COALESCE(u.q, 0) AS available, " + amc + " AS amc, w.min_mos, w.max_mos" +
        extra_select + " FROM p_site_item si JOIN ss ON ss.site_id = si.site_id JOIN items i ON i.id = si.item_id "
        "LEFT JOIN unusable u ON u.site_id = si.site_id AND u.item_id = si.item_id, w";
    q.binds.insert(q.binds.end(), extra_binds.begin(), extra_binds.end());
    if (!filter.item_code.empty()) {
        inner += " WHERE i.code = ?";
        q.binds.push_back(filter.item_code);
    }
    q.select = "SELECT site_code, site_name, region, item_code, item_name, unit, soh, available, amc, "
               "CASE WHEN amc > 0 THEN max(available, 0) / amc END AS mos, "
               "CASE WHEN available <= 0 THEN 'stocked_out' WHEN amc <= 0 THEN 'no_consumption' "
               "WHEN max(available, 0) / amc < min_mos THEN 'below_minimum' "
               "WHEN max(available, 0) / amc > max_mos THEN 'overstocked' ELSE 'ok' END AS state" +
               std::string(extra_select.empty() ? "" : ", extra") + " FROM (" + inner + ")";
    if (!filter.state.empty()) {
        q.where = "state = ?";
        q.binds.push_back(filter.state);
    }
    q.natural_order = "site_code, item_name, item_code";
    return q;
}

std::string note_of(const StockFormula& f, int64_t now_ms) {
    int64_t m = projection::month_start(projection::day_of_ms(now_ms));
    std::string to, from;
    for (int i = 0; i < f.lookback_months; ++i) {
        m = projection::month_start(m - 1);
        if (i == 0) to = month_of(m);
        from = month_of(m);
    }
    return "AMC: Open mSupply, " + std::to_string(f.lookback_months) + "-month look-back (" + from + " to " + to +
           "), no stock-out adjustment; min " + number_text(f.min_mos) + " / max " + number_text(f.max_mos) +
           " months of stock; expiry judged on " + today_text(now_ms) + " (UTC)";
}

// The kept status is used when it was made for today with the formula asked.
bool kept_fresh(Db& db, const StockFormula& f, int64_t now_ms) {
    const StockFormula d;
    if (f.lookback_months != d.lookback_months || f.min_mos != d.min_mos || f.max_mos != d.max_mos) return false;
    return db.query_text("SELECT value FROM central_meta WHERE key='projection_day'").value_or("") ==
           today_text(now_ms);
}

}  // namespace

Result<Table> stock_status(Db& db, const Scope& scope, const Filter& filter, int64_t now_ms,
                           const StockFormula& formula) {
    if (formula.lookback_months < 1) return Status::InvalidArgument("the AMC look-back must be 1 month or more");
    auto t = run(db, stock_query(scope, filter, now_ms, formula, "", {}, kept_fresh(db, formula, now_ms)), filter);
    if (t.ok()) t->note = note_of(formula, now_ms);
    return t;
}

Result<Table> item_across_sites(Db& db, const Scope& scope, const Filter& filter, int64_t now_ms,
                                const StockFormula& formula) {
    if (filter.item_code.empty()) return Status::InvalidArgument("name the item (its catalogue code)");
    const int64_t horizon = projection::day_of_ms(now_ms) + std::max(0, filter.expiring_within_days);
    Query q = stock_query(scope, filter, now_ms, formula,
                          ", (SELECT COALESCE(SUM(p.quantity), 0) FROM batches b JOIN p_stock_on_hand p ON "
                          "p.batch_id = b.id WHERE b.site_id = si.site_id AND b.item_id = si.item_id AND "
                          "p.quantity > 0 AND b.expiry >= ? AND b.expiry <= ?) AS extra",
                          {today_text(now_ms), projection::day_text(horizon)}, kept_fresh(db, formula, now_ms));
    q.columns.push_back({"expiring_soon", "Expiring soon",
                         "Units in batches with stock > 0 expiring from today to " + projection::day_text(horizon) +
                             " (" + std::to_string(filter.expiring_within_days) + " days); expired stock not included",
                         K::kInteger});
    auto t = run(db, q, filter);
    if (t.ok()) t->note = note_of(formula, now_ms);
    return t;
}

Result<Table> stock_card(Db& db, const Scope& scope, const Filter& filter) {
    if (filter.site_code.empty() || filter.item_code.empty())
        return Status::InvalidArgument("a stock card needs a site and an item");
    auto site = site_in_scope(db, scope, filter.site_code);
    if (!site.ok()) return site.status();
    Query q;
    q.columns = {
        {"created_ms", "When", "The time the device recorded the event", K::kTimeMs},
        {"kind", "Kind", "receipt, dispense, adjustment, stocktake or reversal", K::kText},
        {"batch_no", "Batch", "", K::kText},
        {"expiry", "Expiry", "", K::kDate},
        {"quantity", "Quantity", "Units in (+) or out (-)", K::kInteger},
        {"reason", "Reason", "Adjustment reason code", K::kText},
        {"balance", "Balance",
         "Running balance of the item at the site: the sum of its events up to this one, in the order "
         "(time recorded, clock value)",
         K::kInteger},
        {"device_id", "Device", "", K::kText},
    };
    q.with = "WITH " + scoped_sites_cte(scope, filter, &q.binds);
    q.with_binds = q.binds.size();
    q.select =
        "SELECT e.created_ms, e.kind, b.batch_no, b.expiry, e.quantity, e.reason, "
        "SUM(e.quantity) OVER (ORDER BY e.created_ms, e.hlc, e.id ROWS UNBOUNDED PRECEDING) AS balance, "
        "e.device_id, e.hlc AS hlc_, e.id AS id_ FROM stock_events e JOIN ss ON ss.site_id = e.site_id "
        "JOIN items i ON i.id = e.item_id LEFT JOIN batches b ON b.id = e.batch_id WHERE i.code = ?";
    q.binds.push_back(filter.item_code);
    q.natural_order = "created_ms, hlc_, id_";
    return run(db, q, filter);
}

}  // namespace dashboard
}  // namespace outpost

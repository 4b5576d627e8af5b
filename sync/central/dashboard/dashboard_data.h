// The dashboard's data (issue 10): every query the central pages need, read
// from central's relational copy of the sites' data (sync/central/projection/)
// and its monthly aggregates. No HTTP and no HTML here: each query returns a
// Table, from which the web front makes both its JSON and its CSV, so a page
// and its download can never disagree.
//
// Scope is a required argument of every query and is applied in the SQL
// itself (a site_id IN (...) condition joined before any filter, count or
// page), so a viewer limited to a district cannot see another site's row,
// total or "data as of" by any filter, sort or page.
//
// Thread safety: the functions keep no state. Give each thread its own
// connection to central's file (WAL lets readers run beside the pushes), or
// call them inside CentralCore::read(), which holds the core's lock.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "sqlite_db.h"
#include "status.h"

namespace outpost {
namespace dashboard {

// Which sites a viewer may see. There is no default constructor: a query
// cannot be called without saying whose data it may return.
class Scope {
public:
    static Scope all_sites();
    // Only these site codes (an empty list sees nothing). Unknown codes are
    // simply matched by no site.
    static Scope only(std::vector<std::string> site_codes);
    bool all() const { return all_; }
    const std::vector<std::string>& site_codes() const { return codes_; }
    bool allows(const std::string& site_code) const;

private:
    Scope(bool all, std::vector<std::string> codes) : all_(all), codes_(std::move(codes)) {}
    bool all_ = false;
    std::vector<std::string> codes_;
};

// Filters; each query documents which it uses and ignores the rest. Empty
// string: no filter.
struct Filter {
    std::string item_code;  // catalogue code, exact
    std::string site_code;  // exact
    std::string region;     // exact (sites get a region: `outpost-central site region`)
    std::string state;      // stock_status: a StockStateKey below ("stocked_out", ...)
    std::string sort;       // a column key of the result; empty: the query's natural order
    bool descending = false;
    int page = 1;           // 1-based
    int page_size = 50;     // rows per page; 0: every row (CSV downloads)
    // expiring: batches expiring within this many days of today count as
    // expiring (default six weeks, Open mSupply's warning); already expired
    // batches are listed separately by the "status" column, never as expiring.
    int expiring_within_days = 42;
    // consumption_trend: months "YYYY-MM", both included; empty: the last 12.
    std::string month_from, month_to;
};

struct Column {
    enum class Kind { kText, kInteger, kNumber, kTimeMs, kDate };
    std::string key;      // stable, for sort= and JSON
    std::string title;    // for a header cell
    std::string formula;  // exact words for the tooltip ("SOH / AMC; blank when AMC = 0")
    Kind kind = Kind::kText;
};

// A cell: null (shown blank), a whole number, a number, or text. kTimeMs
// columns hold milliseconds UTC as int64 (0 or null: never) for the page to
// show in the viewer's time zone; kDate columns hold "YYYY-MM-DD" text.
using Cell = std::variant<std::monostate, int64_t, double, std::string>;

struct Table {
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;  // this page, each row one cell per column
    int64_t total_rows = 0;               // rows matching scope + filters, before paging
    int page = 1, page_size = 0;
    // "Data as of", per site in the result's scope and filters: the last
    // time central accepted a push from any device of the site (ms UTC; 0:
    // never). Keyed by site code.
    std::map<std::string, int64_t> data_as_of_ms;
    std::string note;  // e.g. the AMC method and months used, for the page header
    int column(const std::string& key) const;  // index, or -1
};

// The stock states (stock_status's "state" column holds the key).
//   stocked_out:   SOH <= 0
//   below_minimum: MOS < min MOS (2)
//   ok:            min MOS <= MOS <= max MOS (3)
//   overstocked:   MOS > max MOS
//   no_consumption: SOH > 0 and AMC = 0, so MOS is undefined (shown "-")
// SOH here is *available* stock: unexpired today, batch not on hold.
struct StockFormula {
    int lookback_months = 3;  // AMC = consumption of the last 3 whole months / 3
    double min_mos = 2.0, max_mos = 3.0;
};
const char* state_title(const std::string& state_key);  // "Stocked out", ...

// Sites and devices: one row per device (a site with no device: one row with
// blank device columns). Columns: site_code, site_name, region, device_id,
// device_name, app_version, last_push_ms, last_pull_ms, last_sync_ms,
// pending, last_error, health ("ok" / "amber" (> 1 day since last sync) /
// "red" (> 3 days) / "never"), days_since_stocktake, days_since_dispensing,
// picture_age_s (now - data as of). Filters: site_code, region; sort.
Result<Table> sites_health(Db& db, const Scope& scope, const Filter& filter, int64_t now_ms);

// Site x item with stock events at the site. Columns: site_code, site_name,
// region, item_code, item_name, unit, soh, available, amc, mos, state.
// Filters: item_code, site_code, region, state; sort; page. Reads the state
// central keeps per site x item when it is fresh for today and the formula
// is the default; computes it from batches and months otherwise (same
// figures). Stock-out days are in consumption_trend. note: the AMC method,
// its months and the day expiry was judged on.
Result<Table> stock_status(Db& db, const Scope& scope, const Filter& filter, int64_t now_ms,
                           const StockFormula& formula = StockFormula());

// One item (filter.item_code, required) across the sites: stock_status's
// columns for that item, plus expiring_soon (units expiring within the window).
Result<Table> item_across_sites(Db& db, const Scope& scope, const Filter& filter, int64_t now_ms,
                                const StockFormula& formula = StockFormula());

// One site in depth (filter.site_code required; refused NotFound when the
// scope does not allow it). part: "items" (as stock_status for the site),
// "batches" (batch_no, expiry, on_hold, needs_count, soh per batch),
// "stocktakes" (started, finished, status, lines, lines_counted,
// net_difference).
Result<Table> site_detail(Db& db, const Scope& scope, const std::string& part, const Filter& filter,
                          int64_t now_ms);

// The stock card of one item (filter.item_code) at one site
// (filter.site_code): every event in ledger order (created_ms, hlc) with
// kind, batch, quantity, reason and the running balance after it.
Result<Table> stock_card(Db& db, const Scope& scope, const Filter& filter);

// Batches with stock > 0 that are expired or expire within
// filter.expiring_within_days, across sites. Columns: site_code, site_name,
// region, item_code, item_name, batch_no, expiry, days_left, status
// ("expired" / "expiring"), soh, unit_price, value (soh x unit_price; blank
// when the catalogue has no price). Filters: item_code, site_code, region,
// state ("expired" or "expiring"); sort; page.
Result<Table> expiring(Db& db, const Scope& scope, const Filter& filter, int64_t now_ms);

// Monthly consumption per item and site (from the kept aggregates).
// Columns: site_code, item_code, item_name, month, consumed, stock_out_days,
// adjustments (net units), expired (units written off with reason expired).
// Filters: item_code, site_code, region, month_from/month_to; sort; page.
Result<Table> consumption_trend(Db& db, const Scope& scope, const Filter& filter, int64_t now_ms);

// Requisitions sites sent (dashboard_orders.cpp), one row per line.
// Columns: site_code, site_name, region, requisition_id, sent_ms, status
// ("draft" / "open" (sent, not answered) / "answered"), shipment (its
// reference), line_no, item_code, item_name, asked, suggested, shipped (sum
// of the shipment's lines for the item; null when not answered), reason,
// working.
// Filters: site_code, region, item_code, state (a status); sort; page.
// Reads central's order tables: REQUIRES CentralCore::catch_up_orders()
// (or list_requisitions) ran once on the file, so they exist.
Result<Table> requisitions(Db& db, const Scope& scope, const Filter& filter);

// Regions of the sites the scope allows, sorted (for a filter list).
Result<std::vector<std::string>> regions(Db& db, const Scope& scope);

// RFC 4180 CSV of every row of the table (UTF-8, CRLF, header of titles).
std::string to_csv(const Table& table);
// {"columns": [{key, title, formula, kind}], "rows": [[...]], "total_rows",
// "page", "page_size", "data_as_of_ms": {code: ms}, "note"}.
nlohmann::json to_json(const Table& table);

}  // namespace dashboard
}  // namespace outpost

// Shared by the projection's .cpp files only.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "sqlite_db.h"
#include "status.h"
#include "tables.h"

namespace outpost {
namespace projection {

// The specs of the copied tables (the store's, patients narrowed).
const std::vector<TableSpec>& copy_specs();

// What a change touched: (site, item) -> the earliest day of its events,
// and the (site, item) of its batch rows (a hold changes "available").
struct Touched {
    std::map<std::pair<std::string, std::string>, int64_t> days;
    std::set<std::pair<std::string, std::string>> batches;
};

// What one stock event adds to its month's figures.
struct EventFigures {
    int64_t received = 0, dispensed = 0, cancelled = 0, adjusted = 0, stocktake = 0, expired = 0;
    std::string reason;  // adjustments: the reason code ("reversal" for a non-dispensing reversal)
};
EventFigures figures_of(const std::string& kind, int64_t quantity, const std::string& reason,
                        const std::string& reversed_kind);
// The kind of the event a reversal reverses ("" when not a reversal or unknown).
std::string reversed_kind(Db& db, const nlohmann::json& event);

// AMC's look-back (dashboard_data.h StockFormula): the last 3 whole months.
constexpr int kAmcLookback = 3;
constexpr double kMinMos = 2.0, kMaxMos = 3.0;  // the kept state's months of stock
// The `lookback` whole months before now's month, oldest first ("YYYY-MM").
std::vector<std::string> amc_months(int64_t now_ms, int lookback);
std::string next_month_of(const std::string& month);
// AMC of one site x item: ?1 site, ?2 item, ?3..?4 the window's months.
std::string amc_sql(int lookback);

// Version 2 of the copy (projection_names.cpp): adds the kept names to
// p_site_item and p_stock_on_hand, their triggers and indexes, and fills
// them; once per file (central_meta 'projection_version').
Status migrate_names(Db& db);
// Rewrites every kept name from sites, site_regions, items and batches.
Status refill_names(Db& db);

// One change's new stock events summed per row of the derived tables they
// move (projection_events.cpp), so a dispensing of several lines writes
// each batch's, site x item's, day's, month's and site's row once.
struct EventSums {
    struct Batch {
        std::string site, item;
        int64_t quantity = 0;
    };
    struct Month {
        EventFigures f;
        int64_t net = 0;
    };
    using SiteItem = std::pair<std::string, std::string>;
    std::map<std::string, Batch> batches;                                            // batch id
    std::map<SiteItem, int64_t> site_items;                                          // soh
    std::map<std::tuple<std::string, std::string, int64_t>, int64_t> days;           // site, item, day -> net
    std::map<std::tuple<std::string, std::string, std::string>, Month> months;       // site, item, month
    std::map<std::tuple<std::string, std::string, std::string, std::string>, int64_t> reasons;  // + reason
    std::map<std::string, int64_t> last_dispense_ms;                                 // site
};
// Adds one new stock event to *sums and notes its site x item and day.
void add_event(Db& db, const nlohmann::json& event, EventSums* sums, Touched* touched);
Status write_sums(Db& db, const EventSums& sums);

Status apply_rows(Db& db, const std::string& site_id, const nlohmann::json& payload, Touched* touched);
Status flush(Db& db, const Touched& touched, int64_t now_ms);
// Walks the item's days from from_day's month through today (or its last
// event) and rewrites closing and stock-out days of each month.
Status recompute_stock_out(Db& db, const std::string& site, const std::string& item, int64_t from_day,
                           int64_t today);

}  // namespace projection
}  // namespace outpost

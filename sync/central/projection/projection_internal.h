// Shared by the projection's .cpp files only.
#pragma once

#include <cstdint>
#include <map>
#include <string>
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

// (site, item) -> the earliest day an event of this change touched.
using Touched = std::map<std::pair<std::string, std::string>, int64_t>;

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
// The `lookback` whole months before now's month, oldest first ("YYYY-MM").
std::vector<std::string> amc_months(int64_t now_ms, int lookback);
std::string next_month_of(const std::string& month);
// AMC of one site x item: ?1 site, ?2 item, ?3..?4 the window's months.
std::string amc_sql(int lookback);

Status apply_rows(Db& db, const std::string& site_id, const nlohmann::json& payload, Touched* touched);
Status flush(Db& db, const Touched& touched, int64_t now_ms);
// Walks the item's days from from_day's month through today (or its last
// event) and rewrites closing and stock-out days of each month.
Status recompute_stock_out(Db& db, const std::string& site, const std::string& item, int64_t from_day,
                           int64_t today);

}  // namespace projection
}  // namespace outpost

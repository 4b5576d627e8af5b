// Central's relational copy of every site's data (issue 10), kept in the
// same transaction as central accepts a push, rebuildable from the feed and
// checkable against the ledger. The dashboard (sync/central/dashboard/)
// reads only these tables.
//
// The copied tables (batches, stock_events, stocktakes, stocktake_lines,
// prescriptions, prescription_lines, cancellations, patients) have the
// store's names and columns: their schema is made from the store's
// TableSpecs (app/store/tables.h) and their rows are written by the store's
// own upsert_row with the store's merge rules, so two devices' versions of a
// batch or a stocktake merge on central exactly as on a device. Patients are
// copied without their names, phone or village (the spec is narrowed to id,
// site, sex, birth year and clock): the dashboard counts them, never shows
// them. Barcode links are not copied (nothing on the dashboard uses them).
//
// Derived tables, all kept incrementally as each new stock event arrives:
//   p_stock_on_hand   site x batch: quantity = the sum of the batch's events
//   p_monthly         site x item x month (UTC): received, dispensed,
//                     cancelled (dispensings reversed), adjusted, stocktake,
//                     expired (adjustments with reason "expired", units
//                     written off), net, closing balance, stock-out days
//                     (days ending with the item's balance <= 0) counted
//                     through `through_day`
//   p_adjustments     site x item x month x reason: net units
//   p_site_item       site x item: stock on hand, and the status for today
//                     with the default formula (available, AMC, months of
//                     stock, state), refreshed for each touched site x item
//   p_site_activity   site: last dispensing, last finalised stocktake (ms)
//   site_regions      site: region (set by the administrator)
//
// Names kept beside the figures (version 2 of the copy, central_meta
// 'projection_version'; projection_names.cpp): p_site_item holds its site's
// code, name and region and its item's code, name and unit, p_stock_on_hand
// its batch's expiry and number, site code, region, item code and name.
// Triggers on sites, site_regions, items and batches (and on the rows' own
// insert) keep them equal to those tables whoever writes them, so the
// dashboard's stock status and expiring pages filter, sort and page on one
// table's indexes instead of joining every row first. verify_status checks
// them with the kept status against a recomputation.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sqlite_db.h"
#include "status.h"

namespace outpost {
namespace projection {

// Creates the copy's tables when missing. A database that already holds a
// feed but no copy (made before the copy existed) is filled from its feed
// once. REQUIRES: not inside a transaction of the caller's when filling.
Status ensure_schema(Db& db, int64_t now_ms);

// Brings the copy up to date with one accepted change of a site (the
// canonical payload, as it goes into the feed). now_ms bounds stock-out days
// ("today"). REQUIRES: inside the push's transaction.
Status apply_change(Db& db, const std::string& site_id, const nlohmann::json& payload, int64_t now_ms);

// Empties the copy and replays every site row of the feed in cursor order,
// in one transaction. Returns how many feed changes were replayed.
Result<int64_t> rebuild(Db& db, int64_t now_ms);

// For one site (by code): per batch, the copy's stock on hand against the
// sum of the copy's ledger, and the copy's ledger against the feed's events.
// Each difference is one line in *differences (empty: equal).
Status verify_site(Db& db, const std::string& site_code, std::vector<std::string>* differences);

// Recomputes the monthly aggregates of every site from the copied ledger in
// memory (a separate walk, not the incremental code) and lists every
// (site, item, month) whose kept figures differ. Stock-out days are walked
// through each month's kept through_day (the "today" of its last update).
Status verify_aggregates(Db& db, std::vector<std::string>* differences);

// Recomputes, from the copied ledger, batches, sites, regions and items,
// every p_site_item row (stock on hand, available on the kept status's day,
// AMC of the months before its amc_month, months of stock, state, site code
// and name, region, item code, name and unit) and every p_stock_on_hand row
// (quantity, expiry, batch number, site code, region, item code and name),
// and lists each kept value that differs (empty: equal).
Status verify_status(Db& db, std::vector<std::string>* differences);

// Sets a site's region (by code); empty clears it.
Status set_region(Db& db, const std::string& site_code, const std::string& region);

// "YYYY-MM-DD" (UTC) of a time in ms.
std::string utc_day(int64_t ms);

}  // namespace projection
}  // namespace outpost

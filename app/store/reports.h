// Month-end reports computed from the stock ledger (stock_events): stock
// status per item, consumption by month, expiries and losses, stocktake
// variances and the controlled-medicine register. docs/reports.md gives each
// report's columns and formulas; the formulas themselves are in
// consumption.h and the calendar (where a device day starts) in
// report_days.h.
//
// Every report reads; none writes. Each takes the Store (for its connection
// and site) and returns a value or a Status saying why there is none (a bad
// range, a SQLite failure). Thread safety: as the Store (one thread per
// connection). to_table() turns any report into rows of text for CSV export
// (csv.h), the command line and the screen, so all three show the same
// columns.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "consumption.h"
#include "i18n.h"
#include "report_days.h"
#include "store.h"

namespace outpost {

struct ReportOptions {
    DayRange range;        // device days, both ends included
    AmcMethod amc;         // default: Open mSupply, 3 months, 30.4375 days
    double min_mos = 2.0;  // below: understock (DHIS2's example: 2 months safety stock)
    double max_mos = 3.0;  // above: overstock; order up to this (Open mSupply's default 3)
    // The language of run_report's table: titles, headers, notes, dates and
    // numbers. English (the default) keeps plain digits and ISO dates, the
    // machine-readable form tools read.
    i18n::Lang lang = i18n::Lang::en;
};

// ---- stock status ---------------------------------------------------------------
struct StockStatusRow {
    std::string item_id, code, name, unit;
    int64_t pack_size = 1;
    int64_t opening = 0;      // ledger balance at the start of the range
    int64_t received = 0;     // receipts
    int64_t dispensed = 0;    // dispensings (positive number)
    int64_t cancelled = 0;    // dispensings cancelled in the range (stock back)
    std::map<std::string, int64_t> adjusted;  // reason code -> net units (signed)
    int64_t adjusted_total = 0;
    int64_t stocktake = 0;    // net stocktake corrections (signed)
    int64_t closing = 0;      // ledger balance at the end of the range
    int64_t available = 0;    // of closing: batches unexpired at the end, not on hold now, > 0
    int64_t stock_out_days = 0;  // days in the range ending with the balance <= 0
    double amc = 0;
    std::optional<double> months_of_stock;  // available / AMC; none when AMC = 0
    StockState state = StockState::kNotUsed;
    int64_t suggested = 0;    // Open mSupply suggested quantity, units
    int64_t consumed() const { return dispensed - cancelled; }
};
struct StockStatusReport {
    DayRange range;
    AmcMethod amc;
    std::vector<Month> amc_months;  // the whole months the AMC came from, oldest first
    double min_mos = 0, max_mos = 0;
    std::vector<ReasonCode> reasons;  // adjustment reasons used in the range, store order
    std::vector<StockStatusRow> rows; // items with a batch at the site, by name
};
Result<StockStatusReport> stock_status_report(Store& store, const ReportOptions& options);

// ---- consumption by month --------------------------------------------------------
struct ConsumptionRow {
    std::string item_id, code, name, unit;
    std::vector<MonthUse> months;   // one per report month, oldest first
    int64_t total = 0;
    int64_t months_ending_out = 0;  // months whose last day ended with the balance <= 0
    double amc = 0;                 // by the options' method, over its look-back months
};
struct ConsumptionReport {
    std::vector<Month> months;      // 12 whole months ending by range.last
    AmcMethod amc;
    std::vector<Month> amc_months;
    std::vector<ConsumptionRow> rows;
};
Result<ConsumptionReport> consumption_report(Store& store, const ReportOptions& options, int months = 12);

// ---- expiries and losses ------------------------------------------------------------
struct LossRow {
    std::string item_id, code, name, unit, batch_no, expiry;
    // reason "" with label "Expired on the shelf": not written off. The label
    // as stored (English); to_table writes it in its language (reason_labels.h).
    std::string reason, reason_label;
    int64_t quantity = 0;              // units lost (positive)
    std::optional<double> value;       // none: the catalogue has no unit price
};
struct LossReport {
    DayRange range;
    std::vector<LossRow> rows;     // written off, then expired stock still on the shelf
    bool values_available = false; // false: no unit prices in the catalogue
};
Result<LossReport> loss_report(Store& store, const ReportOptions& options);

// ---- stocktake variances -------------------------------------------------------------
struct StocktakeVarianceRow {
    std::string stocktake_id, finished, description, started_by;  // finished: UTC text
    int64_t finished_ms = 0;
    std::string code, name, batch_no, expiry, counted_by;
    int64_t expected = 0;            // balance at the count's frontier
    std::optional<int64_t> counted;  // none: the line was not counted
    int64_t variance = 0;            // the correction written to the ledger
};
struct StocktakeReport {
    DayRange range;
    std::vector<StocktakeVarianceRow> rows;  // finalised in the range, oldest first
};
Result<StocktakeReport> stocktake_report(Store& store, const ReportOptions& options);

// ---- controlled medicines register --------------------------------------------------------
struct ControlledRow {
    std::string when, code, name, batch_no, expiry, kind, detail;  // when: UTC text
    int64_t when_ms = 0;
    std::string patient, prescriber, user_name, device_name;
    int64_t quantity = 0;  // signed: in > 0, out < 0
    int64_t balance = 0;   // the item's ledger balance after this event
};
struct ControlledReport {
    DayRange range;
    std::vector<ControlledRow> rows;  // every movement of a controlled item, by item then time
};
Result<ControlledReport> controlled_report(Store& store, const ReportOptions& options);

// ---- as a table ----------------------------------------------------------------------------
// A report as text: a title, notes (range, AMC method and months), a header
// and rows, each row as long as the header. In `lang` (i18n.h): English
// writes numbers as plain digits ("1234.5") and dates as 2026-06-30, the
// form tools and spreadsheets read; French, Portuguese and Spanish write
// them as the clinic does ("1 234,5", 30/06/2026; local_time.h). Times are
// the device's local time, the header naming the zone.
struct ReportTable {
    std::string title;
    std::string period;  // "2026-06-01 to 2026-06-30"; lists: "as of 2026-06-15 10:00 UTC"

    std::vector<std::string> notes;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};
ReportTable to_table(const StockStatusReport& r, i18n::Lang lang = i18n::Lang::en);
ReportTable to_table(const ConsumptionReport& r, i18n::Lang lang = i18n::Lang::en);
ReportTable to_table(const LossReport& r, i18n::Lang lang = i18n::Lang::en);
ReportTable to_table(const StocktakeReport& r, i18n::Lang lang = i18n::Lang::en);
ReportTable to_table(const ControlledReport& r, i18n::Lang lang = i18n::Lang::en);
// The table as a CSV file (csv.h write_csv: UTF-8 with a byte-order mark,
// RFC 4180): the header, then the rows. The notes are not written; the
// rows that need them carry them (stock status and consumption name the AMC
// method and months on every row).
std::string to_csv(const ReportTable& t);

// The report names the command line and the screen offer, in order.
const std::vector<std::string>& report_names();  // stock-status, consumption, losses, stocktakes, controlled
// Runs the named report. Fails with InvalidArgument for an unknown name.
Result<ReportTable> run_report(Store& store, const std::string& name, const ReportOptions& options);

}  // namespace outpost

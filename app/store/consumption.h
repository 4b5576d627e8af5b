// The supply-chain formulas of the domain facts (section 2.2-2.3) as pure
// functions: average monthly consumption (AMC) by Open mSupply's and by
// OpenLMIS's method, months of stock, the stock state, and Open mSupply's
// suggested order quantity. Quantities are in units of use, never packs.
// No I/O, no store: the reports (reports.h) feed them figures from the
// ledger, and the tests feed them the worked example. Thread safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "i18n.h"

namespace outpost {

// How AMC is computed. Every report that shows an AMC says which method and
// which months (AmcMethod::describe and the report's amc_months).
struct AmcMethod {
    enum class Kind {
        // AMC = C / n, optionally x D / (D - DOS); D = n x days_per_month.
        kOpenMSupply,
        // Per month i: N_i = ceil(C_i x 30 / (30 - X_i)) (N_i = C_i when
        // X_i = 0 or 30 - X_i <= 0); AMC = ceil(mean N_i).
        kOpenLmis,
    };
    Kind kind = Kind::kOpenMSupply;
    int lookback_months = 3;         // n, >= 1 (both methods; default 3)
    double days_per_month = 30.4375; // Open mSupply's 365.25 / 12; OpenLMIS always uses 30
    bool adjust_for_stock_out = false;  // Open mSupply only; OpenLMIS always adjusts
    // "Open mSupply, 3-month look-back, no stock-out adjustment", for report headers.
    // In words, in `lang`: "Open mSupply (3-month look-back, ...)".
    std::string describe(i18n::Lang lang = i18n::Lang::en) const;
};
// "msupply" (Open mSupply default), "msupply-adjusted" (with the stock-out
// adjustment) or "openlmis"; false for anything else.
bool parse_amc_method(const std::string& name, AmcMethod* out);

// One month (or one look-back window) of an item: units consumed (dispensed
// net of cancellations) and days with end-of-day stock on hand <= 0.
struct MonthUse {
    int64_t consumed = 0;
    int64_t stock_out_days = 0;
};

// Open mSupply: consumed over the whole look-back of `months` months,
// stock-out days in it. AMC = consumed / months, times D / (D - DOS) when
// adjust is set, DOS > 0 and DOS < D (D = months x days_per_month); when the
// item was out of stock for the whole window the adjustment is skipped (no
// days in stock to scale from). REQUIRES: months >= 1, days_per_month > 0.
double amc_open_msupply(int64_t consumed, int months, double days_per_month, int64_t stock_out_days,
                        bool adjust);

// OpenLMIS adjusted consumption of one period of `period_months` whole
// months (30 days each) with `stock_out_days` days out: N = ceil(C x 30M /
// (30M - X)); N = C when X = 0 or 30M - X <= 0. REQUIRES: period_months >= 1.
int64_t openlmis_adjusted_consumption(int64_t consumed, int period_months, int64_t stock_out_days);
// OpenLMIS average over periods: P = ceil(mean(N)); 0 for no periods.
int64_t openlmis_average(const std::vector<int64_t>& adjusted);

// AMC over the given months (oldest first, one entry per look-back month)
// by `method`. Open mSupply sums them into one window; OpenLMIS adjusts each
// month (M = 1) then averages. Empty months: 0.
double amc(const AmcMethod& method, const std::vector<MonthUse>& months);

// Months of stock = stock / AMC; nullopt ("undefined", shown as "-") when
// AMC <= 0. Stock below zero counts as zero.
std::optional<double> months_of_stock(int64_t stock, double amc);

// The state of an item's stock (domain facts 2.3, DHIS2's categories).
enum class StockState {
    kStockOut,       // stock <= 0
    kUnderstock,     // MOS < min_mos
    kAdequate,       // min_mos <= MOS <= max_mos
    kOverstock,      // MOS > max_mos
    kNotUsed,        // stock > 0 but AMC = 0: MOS undefined, nothing to compare
};
const char* stock_state_name(StockState s);  // "stock-out", "understock", ...
StockState stock_state(int64_t stock, double amc, double min_mos, double max_mos);

// Open mSupply's suggested quantity, exactly: AMC = 0 -> 0; MOS = available
// / AMC; min_mos := max_mos when min_mos = 0; max_mos = 0 or MOS > min_mos ->
// 0; else ceil((max_mos - MOS) x AMC) minus on_order, never below 0.
// on_order: stock already ordered and not received (0 until requisitions
// exist).
int64_t suggested_quantity(int64_t available, double amc, double min_mos, double max_mos,
                           int64_t on_order = 0);

// Units rounded up to whole packs (an order is placed in packs).
// REQUIRES: pack_size >= 1.
int64_t round_up_to_packs(int64_t units, int64_t pack_size);

}  // namespace outpost

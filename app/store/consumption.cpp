// The AMC, months-of-stock and order-quantity formulas (see consumption.h and
// docs/reports.md). Floating point is used only where the published formula
// divides; results that are quantities are rounded up, as both Open mSupply
// and OpenLMIS do, so a clinic never under-orders.
#include "consumption.h"

#include <cmath>
#include <cstdio>

namespace outpost {

std::string AmcMethod::describe(i18n::Lang lang) const {
    using i18n::format;
    using i18n::tr_for;
    const std::string n = format(tr_for(lang, "{0}-month look-back"), {std::to_string(lookback_months)});
    if (kind == Kind::kOpenLmis)
        return format(tr_for(lang, "OpenLMIS ({0}, each month adjusted for stock-out days, 30-day months)"), {n});
    char dpm[32];
    std::snprintf(dpm, sizeof dpm, "%g", days_per_month);
    std::string days = dpm;
    if (lang != i18n::Lang::en && days.find('.') != std::string::npos) days[days.find('.')] = ',';
    return format(adjust_for_stock_out
                      ? tr_for(lang, "Open mSupply ({0}, {1} days a month, adjusted for stock-out days)")
                      : tr_for(lang, "Open mSupply ({0}, {1} days a month, no stock-out adjustment)"),
                  {n, days});
}

bool parse_amc_method(const std::string& name, AmcMethod* out) {
    AmcMethod m;
    if (name == "msupply") {
    } else if (name == "msupply-adjusted") {
        m.adjust_for_stock_out = true;
    } else if (name == "openlmis") {
        m.kind = AmcMethod::Kind::kOpenLmis;
        m.days_per_month = 30;
    } else {
        return false;
    }
    *out = m;
    return true;
}

double amc_open_msupply(int64_t consumed, int months, double days_per_month, int64_t stock_out_days,
                        bool adjust) {
    if (months < 1) months = 1;
    double a = static_cast<double>(consumed) / months;
    const double d = months * days_per_month;
    const double dos = static_cast<double>(stock_out_days);
    if (adjust && dos > 0 && dos < d) a *= d / (d - dos);
    return a;
}

int64_t openlmis_adjusted_consumption(int64_t consumed, int period_months, int64_t stock_out_days) {
    const int64_t days = 30 * static_cast<int64_t>(period_months < 1 ? 1 : period_months);
    if (stock_out_days <= 0 || days - stock_out_days <= 0) return consumed;
    // Integer ceiling of C x days / (days - X), exact for the quantities a
    // clinic sees (no floating point rounding at .5 boundaries).
    const int64_t num = consumed * days, den = days - stock_out_days;
    return num >= 0 ? (num + den - 1) / den : -((-num) / den);
}

int64_t openlmis_average(const std::vector<int64_t>& adjusted) {
    if (adjusted.empty()) return 0;
    int64_t sum = 0;
    for (int64_t n : adjusted) sum += n;
    const int64_t k = static_cast<int64_t>(adjusted.size());
    return sum >= 0 ? (sum + k - 1) / k : -((-sum) / k);
}

double amc(const AmcMethod& method, const std::vector<MonthUse>& months) {
    if (months.empty()) return 0;
    if (method.kind == AmcMethod::Kind::kOpenLmis) {
        std::vector<int64_t> n;
        for (const MonthUse& m : months) n.push_back(openlmis_adjusted_consumption(m.consumed, 1, m.stock_out_days));
        return static_cast<double>(openlmis_average(n));
    }
    MonthUse total;
    for (const MonthUse& m : months) {
        total.consumed += m.consumed;
        total.stock_out_days += m.stock_out_days;
    }
    return amc_open_msupply(total.consumed, static_cast<int>(months.size()), method.days_per_month,
                            total.stock_out_days, method.adjust_for_stock_out);
}

std::optional<double> months_of_stock(int64_t stock, double amc) {
    if (!(amc > 0)) return std::nullopt;
    return static_cast<double>(stock < 0 ? 0 : stock) / amc;
}

const char* stock_state_name(StockState s) {
    switch (s) {
        // N_: the report tables translate these (tr_for), the CSV in English keeps them.
        case StockState::kStockOut: return N_("stock-out");
        case StockState::kUnderstock: return N_("understock");
        case StockState::kAdequate: return N_("adequate");
        case StockState::kOverstock: return N_("overstock");
        case StockState::kNotUsed: return N_("not used");
    }
    return "?";
}

StockState stock_state(int64_t stock, double amc, double min_mos, double max_mos) {
    if (stock <= 0) return StockState::kStockOut;
    const auto mos = months_of_stock(stock, amc);
    if (!mos) return StockState::kNotUsed;
    if (*mos < min_mos) return StockState::kUnderstock;
    if (*mos > max_mos) return StockState::kOverstock;
    return StockState::kAdequate;
}

int64_t suggested_quantity(int64_t available, double amc, double min_mos, double max_mos, int64_t on_order) {
    if (!(amc > 0)) return 0;
    const double mos = static_cast<double>(available < 0 ? 0 : available) / amc;
    if (min_mos == 0) min_mos = max_mos;
    if (max_mos == 0 || mos > min_mos) return 0;
    // A tiny tolerance so that 610.0000000001 (float noise) is not ordered as 611.
    const double want = (max_mos - mos) * amc;
    int64_t q = static_cast<int64_t>(std::ceil(want - 1e-9)) - on_order;
    return q < 0 ? 0 : q;
}

int64_t round_up_to_packs(int64_t units, int64_t pack_size) {
    if (pack_size < 1) pack_size = 1;
    if (units <= 0) return 0;
    return (units + pack_size - 1) / pack_size * pack_size;
}

}  // namespace outpost

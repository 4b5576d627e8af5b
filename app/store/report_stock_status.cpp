// The stock status and consumption-by-month reports (see reports.h and
// docs/reports.md): both walk each item's days from report_ledger.h and
// take AMC, months of stock, state and suggested quantity from
// consumption.h.
#include <algorithm>

#include "report_ledger.h"
#include "reports.h"
#include "store_internal.h"

namespace outpost {

namespace {

// Consumption and stock-out days of one item in each of `months`, from its
// days (months must lie inside the span of `d`).
std::vector<MonthUse> month_uses(const LedgerDays& span, const ItemDays& d, const std::vector<int64_t>& eod,
                                 const std::vector<Month>& months) {
    std::vector<MonthUse> out;
    for (const Month& m : months) {
        const DayRange r = m.days();
        MonthUse u;
        for (int64_t day = std::max(r.first, span.first); day <= std::min(r.last, span.last); ++day) {
            const size_t i = static_cast<size_t>(day - span.first);
            u.consumed += d.consumed[i];
            if (eod[i] <= 0) ++u.stock_out_days;
        }
        out.push_back(u);
    }
    return out;
}

}  // namespace

Result<StockStatusReport> stock_status_report(Store& store, const ReportOptions& o) {
    StockStatusReport rep;
    rep.range = o.range;
    rep.amc = o.amc;
    rep.min_mos = o.min_mos;
    rep.max_mos = o.max_mos;
    rep.amc_months = whole_months_ending_by(o.range.last, o.amc.lookback_months);
    const int64_t first = std::min(o.range.first, rep.amc_months.front().days().first);
    auto span = ledger_days(store, first, o.range.last, o.range.first);
    if (!span.ok()) return span.status();

    // Adjustment reasons used in the range, in the store's order.
    std::map<std::string, bool> reason_used;
    for (const auto& [id, d] : span->items)
        for (const auto& [reason, q] : d.moved.adjusted) reason_used[reason] = true;
    for (const ReasonCode& rc : store.reason_codes())
        if (reason_used.count(rc.code)) rep.reasons.push_back(rc);
    for (const auto& [code, used] : reason_used) {  // a reason no longer in the list still shows
        bool listed = false;
        for (const auto& rc : rep.reasons) listed = listed || rc.code == code;
        if (!listed) rep.reasons.push_back({code, code, 0});  // labelled by reason_label()
    }

    // Available at the end: unexpired on the range's last day, not on hold, positive.
    auto batches = batch_balances_at(store, o.range.end_ms());
    if (!batches.ok()) return batches.status();
    std::map<std::string, int64_t> available;
    const std::string last_date = date_from_days(o.range.last);
    for (const BatchBalance& b : *batches)
        if (!b.on_hold && b.expiry >= last_date && b.balance > 0) available[b.item_id] += b.balance;

    std::map<std::string, Item> items;
    for (const auto& [id, d] : span->items) items[id] = d.item;
    for (const Item* it : items_by_name(items)) {
        const ItemDays& d = span->items.at(it->id);
        StockStatusRow r;
        r.received = d.moved.received;
        r.dispensed = d.moved.dispensed;
        r.cancelled = d.moved.cancelled;
        r.stocktake = d.moved.stocktake;
        r.adjusted = d.moved.adjusted;
        r.adjusted_total = d.moved.adjusted_total;
        r.item_id = it->id;
        r.code = it->code;
        r.name = it->display_name();
        r.unit = it->unit;
        r.pack_size = it->pack_size;
        const std::vector<int64_t> eod = d.end_of_day();
        const size_t i0 = static_cast<size_t>(o.range.first - span->first);
        r.closing = d.closing;
        r.opening = i0 == 0 ? d.opening() : eod[i0 - 1];
        for (size_t i = i0; i < eod.size(); ++i)
            if (eod[i] <= 0) ++r.stock_out_days;
        r.available = available.count(it->id) ? available[it->id] : 0;
        r.amc = amc(o.amc, month_uses(*span, d, eod, rep.amc_months));
        r.months_of_stock = months_of_stock(r.available, r.amc);
        r.state = stock_state(r.available, r.amc, o.min_mos, o.max_mos);
        r.suggested = suggested_quantity(r.available, r.amc, o.min_mos, o.max_mos);
        rep.rows.push_back(std::move(r));
    }
    return rep;
}

Result<ConsumptionReport> consumption_report(Store& store, const ReportOptions& o, int months) {
    ConsumptionReport rep;
    rep.amc = o.amc;
    rep.months = whole_months_ending_by(o.range.last, months < 1 ? 1 : months);
    rep.amc_months = whole_months_ending_by(o.range.last, o.amc.lookback_months);
    const int64_t first = std::min(rep.months.front().days().first, rep.amc_months.front().days().first);
    const int64_t last = rep.months.back().days().last;
    auto span = ledger_days(store, first, last, last + 1);
    if (!span.ok()) return span.status();
    std::map<std::string, Item> items;
    for (const auto& [id, d] : span->items) items[id] = d.item;
    for (const Item* it : items_by_name(items)) {
        const ItemDays& d = span->items.at(it->id);
        const std::vector<int64_t> eod = d.end_of_day();
        ConsumptionRow r;
        r.item_id = it->id;
        r.code = it->code;
        r.name = it->display_name();
        r.unit = it->unit;
        r.months = month_uses(*span, d, eod, rep.months);
        for (size_t k = 0; k < rep.months.size(); ++k) {
            r.total += r.months[k].consumed;
            if (eod[static_cast<size_t>(rep.months[k].days().last - span->first)] <= 0) ++r.months_ending_out;
        }
        r.amc = amc(o.amc, month_uses(*span, d, eod, rep.amc_months));
        rep.rows.push_back(std::move(r));
    }
    return rep;
}

}  // namespace outpost

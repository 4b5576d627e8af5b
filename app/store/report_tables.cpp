// Reports as tables of text (see reports.h): the one place that decides a
// report's columns, their headings and how numbers are written, for the CSV
// export, the command line and the screen alike. docs/reports.md lists the
// same columns.
#include <cstdio>

#include "csv.h"
#include "reports.h"

namespace outpost {

namespace {

std::string num(int64_t v) { return std::to_string(v); }

std::string fixed(double v, int decimals) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string months_text(const std::vector<Month>& m) {
    if (m.empty()) return "";
    return m.size() == 1 ? m.front().text() : m.front().text() + " to " + m.back().text();
}

std::string amc_note(const AmcMethod& method, const std::vector<Month>& months) {
    return "AMC: " + method.describe() + ", from the months " + months_text(months);
}

}  // namespace

ReportTable to_table(const StockStatusReport& r) {
    ReportTable t;
    t.title = "Stock status, " + r.range.text();
    t.period = r.range.text();
    t.notes = {"Days: " + r.range.text() + " (" + num(r.range.days()) + " days, device days in UTC)",
               amc_note(r.amc, r.amc_months),
               "Understock below " + fixed(r.min_mos, 1) + " months of stock, overstock above " +
                   fixed(r.max_mos, 1) + "; suggested quantity orders up to " + fixed(r.max_mos, 1) + " months"};
    t.header = {"Code", "Item", "Unit", "Opening balance", "Received", "Dispensed", "Cancelled (returned)"};
    for (const ReasonCode& rc : r.reasons) t.header.push_back("Adjusted: " + rc.label);
    for (const char* h : {"Stocktake corrections", "Closing balance", "Available at close", "Stock-out days",
                          "AMC", "Months of stock", "State", "Suggested quantity", "AMC method", "AMC months"})
        t.header.push_back(h);
    const std::string method = r.amc.describe(), months = months_text(r.amc_months);
    for (const StockStatusRow& s : r.rows) {
        std::vector<std::string> row = {s.code, s.name, s.unit, num(s.opening), num(s.received), num(s.dispensed),
                                        num(s.cancelled)};
        for (const ReasonCode& rc : r.reasons) {
            auto f = s.adjusted.find(rc.code);
            row.push_back(num(f == s.adjusted.end() ? 0 : f->second));
        }
        row.push_back(num(s.stocktake));
        row.push_back(num(s.closing));
        row.push_back(num(s.available));
        row.push_back(num(s.stock_out_days));
        row.push_back(fixed(s.amc, 1));
        row.push_back(s.months_of_stock ? fixed(*s.months_of_stock, 2) : "-");
        row.push_back(stock_state_name(s.state));
        row.push_back(num(s.suggested));
        row.push_back(method);
        row.push_back(months);
        t.rows.push_back(std::move(row));
    }
    return t;
}

ReportTable to_table(const ConsumptionReport& r) {
    ReportTable t;
    t.title = "Consumption by month, " + months_text(r.months);
    if (!r.months.empty()) t.period = DayRange{r.months.front().days().first, r.months.back().days().last}.text();
    t.notes = {"Consumption: units dispensed net of cancellations, per calendar month (device days in UTC)",
               amc_note(r.amc, r.amc_months)};
    t.header = {"Code", "Item", "Unit"};
    for (const Month& m : r.months) t.header.push_back(m.text());
    for (const char* h : {"Total", "Months ending out of stock", "AMC", "AMC method", "AMC months"})
        t.header.push_back(h);
    for (const ConsumptionRow& c : r.rows) {
        std::vector<std::string> row = {c.code, c.name, c.unit};
        for (const MonthUse& m : c.months) row.push_back(num(m.consumed));
        row.push_back(num(c.total));
        row.push_back(num(c.months_ending_out));
        row.push_back(fixed(c.amc, 1));
        row.push_back(r.amc.describe());
        row.push_back(months_text(r.amc_months));
        t.rows.push_back(std::move(row));
    }
    return t;
}

ReportTable to_table(const LossReport& r) {
    ReportTable t;
    t.title = "Expiries and losses, " + r.range.text();
    t.period = r.range.text();
    t.notes = {"Written off: adjustments that removed stock, except transfers out",
               "Expired on the shelf: batches past expiry on " + date_from_days(r.range.last) +
                   " still holding stock, not written off"};
    if (!r.values_available) t.notes.push_back("Value: not available (the catalogue has no unit prices)");
    t.header = {"Code", "Item", "Unit", "Batch", "Expiry", "Reason", "Quantity", "Value"};
    for (const LossRow& l : r.rows)
        t.rows.push_back({l.code, l.name, l.unit, l.batch_no, l.expiry, l.reason_label, num(l.quantity),
                          l.value ? fixed(*l.value, 2) : "not available"});
    return t;
}

ReportTable to_table(const StocktakeReport& r) {
    ReportTable t;
    t.title = "Stocktake variances, " + r.range.text();
    t.period = r.range.text();
    t.notes = {"Stocktakes finalised in the range; variance = counted - balance at the count's frontier "
               "(the correction written to the ledger)"};
    t.header = {"Finalised", "Stocktake", "Started by", "Code", "Item", "Batch", "Expiry",
                "Expected", "Counted", "Variance", "Counted by"};
    for (const StocktakeVarianceRow& s : r.rows)
        t.rows.push_back({s.finished, s.description, s.started_by, s.code, s.name, s.batch_no, s.expiry,
                          num(s.expected), s.counted ? num(*s.counted) : "not counted", num(s.variance),
                          s.counted_by});
    return t;
}

ReportTable to_table(const ControlledReport& r) {
    ReportTable t;
    t.title = "Controlled medicines register, " + r.range.text();
    t.period = r.range.text();
    t.notes = {"Every movement of an item marked controlled; balance is the item's ledger balance after it"};
    t.header = {"When (UTC)", "Code", "Item", "Batch", "Expiry", "What", "Quantity", "Balance",
                "Patient", "Prescriber", "By", "Device"};
    for (const ControlledRow& c : r.rows)
        t.rows.push_back({c.when, c.code, c.name, c.batch_no, c.expiry, c.detail, num(c.quantity),
                          num(c.balance), c.patient, c.prescriber, c.user_name, c.device_name});
    return t;
}

std::string to_csv(const ReportTable& t) {
    std::vector<std::vector<std::string>> records;
    records.reserve(t.rows.size() + 1);
    records.push_back(t.header);
    records.insert(records.end(), t.rows.begin(), t.rows.end());
    return write_csv(records);
}

const std::vector<std::string>& report_names() {
    static const std::vector<std::string> names = {"stock-status", "consumption", "losses", "stocktakes",
                                                   "controlled"};
    return names;
}

template <typename R>
static Result<ReportTable> as_table(Result<R> r) {
    if (!r.ok()) return r.status();
    return to_table(*r);
}

Result<ReportTable> run_report(Store& store, const std::string& name, const ReportOptions& o) {
    if (name == "stock-status") return as_table(stock_status_report(store, o));
    if (name == "consumption") return as_table(consumption_report(store, o));
    if (name == "losses") return as_table(loss_report(store, o));
    if (name == "stocktakes") return as_table(stocktake_report(store, o));
    if (name == "controlled") return as_table(controlled_report(store, o));
    return Status::InvalidArgument("'" + name +
                                   "' is not a report; choose stock-status, consumption, losses, stocktakes "
                                   "or controlled");
}

}  // namespace outpost

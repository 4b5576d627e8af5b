// Reports as tables of text (see reports.h): the one place that decides a
// report's columns, their headings and how numbers are written, for the CSV
// export, the command line and the screen alike. docs/reports.md lists the
// same columns.
#include <cstdio>
#include <initializer_list>

#include "csv.h"
#include "local_time.h"
#include "reason_labels.h"
#include "reports.h"

namespace outpost {

namespace {

using i18n::format;
using i18n::Lang;
using i18n::tr_for;

// English: plain digits, the machine-readable form; other languages group
// thousands and write a decimal comma (local_time.h).
std::string num(int64_t v, Lang lang) {
    return lang == Lang::en ? std::to_string(v) : local_number(v, lang);
}

std::string fixed(double v, int decimals, Lang lang) {
    if (lang != Lang::en) return local_decimal(v, decimals, lang);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string range_text(const DayRange& r, Lang lang) {
    if (lang == Lang::en) return r.text();
    return format(tr_for(lang, "{0} to {1}"), {local_day(r.first, lang), local_day(r.last, lang)});
}

std::string months_text(const std::vector<Month>& m, Lang lang) {
    if (m.empty()) return "";
    return m.size() == 1 ? m.front().text()
                         : format(tr_for(lang, "{0} to {1}"), {m.front().text(), m.back().text()});
}

std::string amc_note(const AmcMethod& method, const std::vector<Month>& months, Lang lang) {
    return format(tr_for(lang, "AMC: {0}, from the months {1}"),
                  {method.describe(lang), months_text(months, lang)});
}

// "device days in Africa/Nairobi": where the report's days start and end.
std::string zone_words(Lang lang) {
    return format(tr_for(lang, "device days in {0}"), {device_time_zone()});
}

// An expiry "YYYY-MM-DD" as the language writes dates; kept as stored when
// it does not parse.
std::string expiry_text(const std::string& expiry, Lang lang) {
    int64_t day = 0;
    if (lang == Lang::en || !parse_date(expiry, &day)) return expiry;
    return local_day(day, lang);
}

std::string when_header(Lang lang) {
    return format(tr_for(lang, "When ({0})"), {device_time_zone()});
}

void add_headers(ReportTable& t, Lang lang, std::initializer_list<const char*> headers) {
    for (const char* h : headers) t.header.push_back(tr_for(lang, h));
}

}  // namespace

ReportTable to_table(const StockStatusReport& r, Lang lang) {
    ReportTable t;
    const std::string range = range_text(r.range, lang);
    t.title = format(tr_for(lang, "Stock status, {0}"), {range});
    t.period = range;
    t.notes = {
        format(tr_for(lang, "Days: {0} ({1} days, {2})"),
               {range, num(r.range.days(), lang), zone_words(lang)}),
        amc_note(r.amc, r.amc_months, lang),
        format(
            tr_for(lang,
                   "Understock below {0} months of stock, overstock above {1}; suggested quantity "
                   "orders up to {1} months"),
            {fixed(r.min_mos, 1, lang), fixed(r.max_mos, 1, lang)})};
    add_headers(t, lang,
                {N_("Code"), N_("Item"), N_("Unit"), N_("Opening balance"), N_("Received"),
                 N_("Dispensed"), N_("Cancelled (returned)")});
    for (const ReasonCode& rc : r.reasons)
        t.header.push_back(format(tr_for(lang, "Adjusted: {0}"), {reason_label(lang, rc.code, rc.label)}));
    add_headers(t, lang,
                {N_("Stocktake corrections"), N_("Closing balance"), N_("Available at close"),
                 N_("Stock-out days"), N_("AMC"), N_("Months of stock"), N_("State"),
                 N_("Suggested quantity"), N_("AMC method"), N_("AMC months")});
    const std::string method = r.amc.describe(lang), months = months_text(r.amc_months, lang);
    for (const StockStatusRow& s : r.rows) {
        std::vector<std::string> row = {s.code,
                                        s.name,
                                        s.unit,
                                        num(s.opening, lang),
                                        num(s.received, lang),
                                        num(s.dispensed, lang),
                                        num(s.cancelled, lang)};
        for (const ReasonCode& rc : r.reasons) {
            auto f = s.adjusted.find(rc.code);
            row.push_back(num(f == s.adjusted.end() ? 0 : f->second, lang));
        }
        row.push_back(num(s.stocktake, lang));
        row.push_back(num(s.closing, lang));
        row.push_back(num(s.available, lang));
        row.push_back(num(s.stock_out_days, lang));
        row.push_back(fixed(s.amc, 1, lang));
        row.push_back(s.months_of_stock ? fixed(*s.months_of_stock, 2, lang) : "-");
        row.push_back(tr_for(lang, stock_state_name(s.state)));
        row.push_back(num(s.suggested, lang));
        row.push_back(method);
        row.push_back(months);
        t.rows.push_back(std::move(row));
    }
    return t;
}

ReportTable to_table(const ConsumptionReport& r, Lang lang) {
    ReportTable t;
    t.title = format(tr_for(lang, "Consumption by month, {0}"), {months_text(r.months, lang)});
    if (!r.months.empty())
        t.period =
            range_text(DayRange{r.months.front().days().first, r.months.back().days().last}, lang);
    t.notes = {
        format(
            tr_for(lang,
                   "Consumption: units dispensed net of cancellations, per calendar month ({0})"),
            {zone_words(lang)}),
        amc_note(r.amc, r.amc_months, lang)};
    add_headers(t, lang, {N_("Code"), N_("Item"), N_("Unit")});
    for (const Month& m : r.months) t.header.push_back(m.text());
    add_headers(t, lang,
                {N_("Total"), N_("Months ending out of stock"), N_("AMC"), N_("AMC method"),
                 N_("AMC months")});
    for (const ConsumptionRow& c : r.rows) {
        std::vector<std::string> row = {c.code, c.name, c.unit};
        for (const MonthUse& m : c.months) row.push_back(num(m.consumed, lang));
        row.push_back(num(c.total, lang));
        row.push_back(num(c.months_ending_out, lang));
        row.push_back(fixed(c.amc, 1, lang));
        row.push_back(r.amc.describe(lang));
        row.push_back(months_text(r.amc_months, lang));
        t.rows.push_back(std::move(row));
    }
    return t;
}

ReportTable to_table(const LossReport& r, Lang lang) {
    ReportTable t;
    const std::string range = range_text(r.range, lang);
    t.title = format(tr_for(lang, "Expiries and losses, {0}"), {range});
    t.period = range;
    t.notes = {
        tr_for(lang, "Written off: adjustments that removed stock, except transfers out"),
        format(tr_for(lang,
                      "Expired on the shelf: batches past expiry on {0} still holding stock, not "
                      "written off"),
               {local_day(r.range.last, lang)})};
    if (!r.values_available)
        t.notes.push_back(tr_for(lang, "Value: not available (the catalogue has no unit prices)"));
    add_headers(t, lang,
                {N_("Code"), N_("Item"), N_("Unit"), N_("Batch"), N_("Expiry"), N_("Reason"),
                 N_("Quantity"), N_("Value")});
    for (const LossRow& l : r.rows)
        t.rows.push_back(
            {l.code, l.name, l.unit, l.batch_no, expiry_text(l.expiry, lang),
             l.reason.empty() ? std::string(tr_for(lang, l.reason_label.c_str()))
                              : reason_label(lang, l.reason, l.reason_label),
             num(l.quantity, lang),
             l.value ? fixed(*l.value, 2, lang) : std::string(tr_for(lang, "not available"))});
    return t;
}

ReportTable to_table(const StocktakeReport& r, Lang lang) {
    ReportTable t;
    const std::string range = range_text(r.range, lang);
    t.title = format(tr_for(lang, "Stocktake variances, {0}"), {range});
    t.period = range;
    t.notes = {
        tr_for(lang,
               "Stocktakes finalised in the range; variance = counted - balance at the count's "
               "frontier (the correction written to the ledger)")};
    t.header = {format(tr_for(lang, "Finalised ({0})"), {device_time_zone()})};
    add_headers(t, lang,
                {N_("Stocktake"), N_("Started by"), N_("Code"), N_("Item"), N_("Batch"),
                 N_("Expiry"), N_("Expected"), N_("Counted"), N_("Variance"), N_("Counted by")});
    for (const StocktakeVarianceRow& s : r.rows)
        t.rows.push_back(
            {local_datetime(s.finished_ms, lang), s.description, s.started_by, s.code, s.name,
             s.batch_no, expiry_text(s.expiry, lang), num(s.expected, lang),
             s.counted ? num(*s.counted, lang) : std::string(tr_for(lang, "not counted")),
             num(s.variance, lang), s.counted_by});
    return t;
}

ReportTable to_table(const ControlledReport& r, Lang lang) {
    ReportTable t;
    const std::string range = range_text(r.range, lang);
    t.title = format(tr_for(lang, "Controlled medicines register, {0}"), {range});
    t.period = range;
    t.notes = {
        tr_for(lang,
               "Every movement of an item marked controlled; balance is the item's ledger balance "
               "after it")};
    t.header = {when_header(lang)};
    add_headers(t, lang,
                {N_("Code"), N_("Item"), N_("Batch"), N_("Expiry"), N_("What"), N_("Quantity"),
                 N_("Balance"), N_("Patient"), N_("Prescriber"), N_("By"), N_("Device")});
    for (const ControlledRow& c : r.rows)
        t.rows.push_back({local_datetime(c.when_ms, lang), c.code, c.name, c.batch_no,
                          expiry_text(c.expiry, lang), c.detail, num(c.quantity, lang),
                          num(c.balance, lang), c.patient, c.prescriber, c.user_name,
                          c.device_name});
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
    static const std::vector<std::string> names = {"stock-status", "consumption", "losses",
                                                   "stocktakes", "controlled"};
    return names;
}

template <typename R>
static Result<ReportTable> as_table(Result<R> r, i18n::Lang lang) {
    if (!r.ok()) return r.status();
    return to_table(*r, lang);
}

Result<ReportTable> run_report(Store& store, const std::string& name, const ReportOptions& o) {
    if (name == "stock-status") return as_table(stock_status_report(store, o), o.lang);
    if (name == "consumption") return as_table(consumption_report(store, o), o.lang);
    if (name == "losses") return as_table(loss_report(store, o), o.lang);
    if (name == "stocktakes") return as_table(stocktake_report(store, o), o.lang);
    if (name == "controlled") return as_table(controlled_report(store, o), o.lang);
    return Status::InvalidArgument(
        "'" + name +
        "' is not a report; choose stock-status, consumption, losses, stocktakes "
        "or controlled");
}

}  // namespace outpost

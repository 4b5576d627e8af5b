// The on-screen lists as report tables (see list_tables.h). Rows are read a
// page at a time through the store's list queries until the total is
// reached. Words, numbers and dates are in the screen language (the user
// exporting), times in the device's zone as the screen shows them; English
// keeps plain digits and ISO dates, the machine-readable form.
#include "list_tables.h"

#include <initializer_list>

#include "clock.h"
#include "directions.h"
#include "i18n.h"
#include "local_time.h"

namespace outpost {

namespace {

constexpr int64_t kPage = 500;

using i18n::format;
using i18n::Lang;
using i18n::tr;

std::string num(int64_t v) {
    const Lang lang = i18n::screen_lang();
    return lang == Lang::en ? std::to_string(v) : local_number(v, lang);
}

std::string expiry_text(const std::string& expiry) {
    return local_day(expiry, i18n::screen_lang());  // English, or not a day: as stored
}

void add_headers(ReportTable& t, std::initializer_list<const char*> headers) {
    for (const char* h : headers) t.header.push_back(tr(h));
}

// The rows' times (AuditRow::when ...) are local: the header names the zone.
std::string when_header() {
    return format(tr("When ({0})"), {device_time_zone()});
}

// Calls fetch(offset, limit) -> Result<Page<T>> until every row is read,
// handing each row to take.
template <typename T, typename Fetch, typename Take>
Status read_all(Fetch fetch, Take take) {
    int64_t offset = 0;
    for (;;) {
        Result<Page<T>> page = fetch(offset, kPage);
        if (!page.ok()) return page.status();
        for (const T& row : page->rows) take(row);
        offset += static_cast<int64_t>(page->rows.size());
        if (page->rows.empty() || offset >= page->total) return Status::Ok();
    }
}

std::string as_of(Store& store) {
    return format(tr("as of {0}"), {local_datetime_zone(store.now_ms())});
}

const char* filter_words(StockFilter f) {
    switch (f) {
        case StockFilter::kAll:
            return tr("all items");
        case StockFilter::kLow:
            return tr("low stock");
        case StockFilter::kExpiring:
            return tr("expiring");
        case StockFilter::kExpired:
            return tr("expired stock");
        case StockFilter::kNegativeOrFlagged:
            return tr("needs a count");
    }
    return tr("all items");
}


}  // namespace

// The audit's kind of event in words ("receipt" -> "réception"); English keeps
// the identifier ("receipt"), as the export always wrote it.
std::string event_kind_words(const std::string& kind) {
    if (i18n::screen_lang() == Lang::en) return kind;
    if (kind == "receipt") return tr("receipt");
    if (kind == "dispense") return tr("dispensed");
    if (kind == "adjustment") return tr("adjusted");
    if (kind == "stocktake") return tr("stocktake");
    if (kind == "reversal") return tr("cancelled");
    return kind;
}

Result<ReportTable> stock_list_table(Store& store, const StockQuery& q) {
    ReportTable t;
    t.title = tr("Stock on hand");
    t.period = as_of(store);
    t.notes = {q.search.empty() ? format(tr("Showing: {0}"), {filter_words(q.filter)})
                                : format(tr("Showing: {0}, matching \"{1}\""), {filter_words(q.filter), q.search})};
    add_headers(t, {N_("Code"), N_("Item"), N_("Unit"), N_("On hand"), N_("Usable"), N_("Batches"), N_("Next expiry"), N_("Notes")});
    Status st = read_all<StockRow>(
        [&](int64_t offset, int64_t limit) {
            StockQuery page = q;
            page.offset = offset;
            page.limit = limit;
            return store.stock_on_hand(page);
        },
        [&](const StockRow& r) {
            std::string notes;
            auto add = [&notes](const char* w) {
                notes += (notes.empty() ? "" : ", ") + std::string(w);
            };
            if (r.low) add(tr("low"));
            if (r.has_expired) add(tr("expired stock"));
            if (r.flagged) add(tr("count needed"));
            t.rows.push_back({r.item.code, r.item.display_name(), r.item.unit, num(r.on_hand),
                              num(r.available), num(r.batches), expiry_text(r.nearest_expiry), notes});
        });
    if (!st.ok()) return st;
    return t;
}

Result<ReportTable> expiring_table(Store& store, int days) {
    ReportTable t;
    t.title = days <= 0 ? std::string(tr("Expired stock"))
                        : format(i18n::trn("Stock expiring within {0} day", "Stock expiring within {0} days",
                                           static_cast<unsigned long>(days)),
                                 {std::to_string(days)});
    t.period = as_of(store);
    t.notes = {tr("Batches with stock on hand, earliest expiry first")};
    add_headers(t, {N_("Item"), N_("Batch"), N_("Expiry"), N_("Days to expiry"), N_("On hand")});
    Status st = read_all<ExpiringRow>(
        [&](int64_t offset, int64_t limit) { return store.expiring(days, offset, limit); },
        [&](const ExpiringRow& r) {
            const std::string when =
                r.days < 0 ? format(i18n::trn("expired {0} day ago", "expired {0} days ago",
                                              static_cast<unsigned long>(-r.days)),
                                    {num(-r.days)})
                           : num(r.days);
            t.rows.push_back({r.item_name, r.batch_no, expiry_text(r.expiry), when, num(r.on_hand)});
        });
    if (!st.ok()) return st;
    return t;
}

Result<ReportTable> history_table(Store& store, const Patient& patient) {
    ReportTable t;
    t.title = format(tr("Dispensing history of {0}"), {patient.display_name()});
    t.period = as_of(store);
    t.notes = {tr("Newest first; one row per line dispensed")};
    t.header = {when_header()};
    add_headers(t, {N_("Dispensed by"), N_("Prescriber"), N_("Item"), N_("Quantity"), N_("Directions"), N_("Batches"), N_("Cancelled")});
    Status st = read_all<HistoryRow>(
        [&](int64_t offset, int64_t limit) {
            return store.patient_history(patient.id, offset, limit);
        },
        [&](const HistoryRow& r) {
            const std::string cancelled = r.cancelled ? format(tr("cancelled: {0}"), {r.cancel_reason}) : "";
            for (const HistoryLine& l : r.lines)
                t.rows.push_back({r.when, r.dispenser, r.prescriber, l.item_name, num(l.quantity),
                                  l.directions_text, l.batches, cancelled});
        });
    if (!st.ok()) return st;
    return t;
}

Result<ReportTable> audit_table(Store& store, const AuditQuery& q, const std::string& filter) {
    ReportTable t;
    t.title = tr("Audit: who did what");
    t.period = as_of(store);
    t.notes = {format(tr("Showing: {0}; newest first"), {filter})};
    t.header = {when_header()};
    add_headers(t, {N_("User"), N_("What"), N_("Quantity"), N_("Item"), N_("Batch"), N_("Detail"), N_("Device")});
    Status st = read_all<AuditRow>(
        [&](int64_t offset, int64_t limit) {
            AuditQuery page = q;
            page.offset = offset;
            page.limit = limit;
            return store.audit(page);
        },
        [&](const AuditRow& r) {
            t.rows.push_back({r.when, r.user_name, event_kind_words(r.kind),
                              (r.quantity > 0 ? "+" : "") + num(r.quantity), r.item_name,
                              r.batch_no, r.detail, r.device_name});
        });
    if (!st.ok()) return st;
    return t;
}

}  // namespace outpost

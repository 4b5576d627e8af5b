// The on-screen lists as report tables (see list_tables.h). Rows are read a
// page at a time through the store's list queries until the total is
// reached.
#include "list_tables.h"

#include "clock.h"
#include "directions.h"

namespace outpost {

namespace {

constexpr int64_t kPage = 500;

std::string num(int64_t v) {
    return std::to_string(v);
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
    return "as of " + datetime_of(store.now_ms()) + " UTC";
}

const char* filter_words(StockFilter f) {
    switch (f) {
        case StockFilter::kAll:
            return "all items";
        case StockFilter::kLow:
            return "low stock";
        case StockFilter::kExpiring:
            return "expiring";
        case StockFilter::kExpired:
            return "expired stock";
        case StockFilter::kNegativeOrFlagged:
            return "needs a count";
    }
    return "all items";
}

}  // namespace

Result<ReportTable> stock_list_table(Store& store, const StockQuery& q) {
    ReportTable t;
    t.title = "Stock on hand";
    t.period = as_of(store);
    t.notes = {std::string("Showing: ") + filter_words(q.filter) +
               (q.search.empty() ? "" : ", matching \"" + q.search + "\"")};
    t.header = {"Code", "Item", "Unit", "On hand", "Usable", "Batches", "Next expiry", "Notes"};
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
            if (r.low) add("low");
            if (r.has_expired) add("expired stock");
            if (r.flagged) add("count needed");
            t.rows.push_back({r.item.code, r.item.display_name(), r.item.unit, num(r.on_hand),
                              num(r.available), num(r.batches), r.nearest_expiry, notes});
        });
    if (!st.ok()) return st;
    return t;
}

Result<ReportTable> expiring_table(Store& store, int days) {
    ReportTable t;
    t.title =
        days <= 0 ? "Expired stock" : "Stock expiring within " + std::to_string(days) + " days";
    t.period = as_of(store);
    t.notes = {"Batches with stock on hand, earliest expiry first"};
    t.header = {"Item", "Batch", "Expiry", "Days to expiry", "On hand"};
    Status st = read_all<ExpiringRow>(
        [&](int64_t offset, int64_t limit) { return store.expiring(days, offset, limit); },
        [&](const ExpiringRow& r) {
            const std::string when =
                r.days < 0 ? "expired " + num(-r.days) + " days ago" : num(r.days);
            t.rows.push_back({r.item_name, r.batch_no, r.expiry, when, num(r.on_hand)});
        });
    if (!st.ok()) return st;
    return t;
}

Result<ReportTable> history_table(Store& store, const Patient& patient) {
    ReportTable t;
    t.title = "Dispensing history of " + patient.display_name();
    t.period = as_of(store);
    t.notes = {"Newest first; one row per line dispensed"};
    t.header = {"When (UTC)", "Dispensed by", "Prescriber", "Item",
                "Quantity",   "Directions",   "Batches",    "Cancelled"};
    Status st = read_all<HistoryRow>(
        [&](int64_t offset, int64_t limit) {
            return store.patient_history(patient.id, offset, limit);
        },
        [&](const HistoryRow& r) {
            const std::string cancelled = r.cancelled ? "cancelled: " + r.cancel_reason : "";
            for (const HistoryLine& l : r.lines)
                t.rows.push_back({r.when, r.dispenser, r.prescriber, l.item_name, num(l.quantity),
                                  l.directions_text, l.batches, cancelled});
        });
    if (!st.ok()) return st;
    return t;
}

Result<ReportTable> audit_table(Store& store, const AuditQuery& q, const std::string& filter) {
    ReportTable t;
    t.title = "Audit: who did what";
    t.period = as_of(store);
    t.notes = {"Showing: " + filter + "; newest first"};
    t.header = {"When (UTC)", "User", "What", "Quantity", "Item", "Batch", "Detail", "Device"};
    Status st = read_all<AuditRow>(
        [&](int64_t offset, int64_t limit) {
            AuditQuery page = q;
            page.offset = offset;
            page.limit = limit;
            return store.audit(page);
        },
        [&](const AuditRow& r) {
            t.rows.push_back({r.when, r.user_name, r.kind,
                              (r.quantity > 0 ? "+" : "") + num(r.quantity), r.item_name,
                              r.batch_no, r.detail, r.device_name});
        });
    if (!st.ok()) return st;
    return t;
}

}  // namespace outpost

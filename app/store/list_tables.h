// The on-screen lists (stock on hand, expiring stock, a patient's history,
// the audit) as report tables (reports.h ReportTable), so that they export
// as CSV and PDF through the same code as the month-end reports. Each reads
// every row of the list as the screen's query selects it (paging through
// the store's own list queries: no SQL of its own), not only the rows on
// screen. Errors: the query's Status.
#pragma once

#include <string>

#include "reports.h"
#include "store.h"

namespace outpost {

// Stock on hand as the Stock screen shows it for q (search, filter, sort;
// q.offset and q.limit are ignored: every matching item).
// A ledger event's kind ("receipt", "dispense", ...) in the screen language's
// words ("réception"); English keeps the identifier, as exports always wrote it.
std::string event_kind_words(const std::string& kind);

Result<ReportTable> stock_list_table(Store& store, const StockQuery& q);
// Batches expiring within `days` days (0: already expired), earliest first.
Result<ReportTable> expiring_table(Store& store, int days);
// A patient's dispensings, newest first, one row per line dispensed.
Result<ReportTable> history_table(Store& store, const Patient& patient);
// The audit for q's user and kind filters, newest first; `filter_words`
// describes them for the notes ("Everyone, every kind of event").
Result<ReportTable> audit_table(Store& store, const AuditQuery& q, const std::string& filter_words);

}  // namespace outpost

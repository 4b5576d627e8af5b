// Internal to the reports: the ledger read day by day. Both the stock status
// and the consumption report need each item's end-of-day balance (stock-out
// days) and its daily consumption over a span of device days; this is the
// one place that reads them.
//
// How balances are found: the balance of an item at a time T is its stock on
// hand now minus the ledger events created at or after T. stock_on_hand is
// the ledger's sum kept in the same transaction as every event (`outpost
// verify` checks it), so this equals summing the whole ledger up to T while
// reading only the events since T (an index on created_ms), which keeps a
// month's report over a two-year district ledger fast. Tests check it
// against the full ledger sum.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "store.h"

namespace outpost {

// Movements of one item by kind (and adjustments by reason) over a range.
struct Movements {
    int64_t received = 0, dispensed = 0, cancelled = 0, stocktake = 0, adjusted_total = 0;
    std::map<std::string, int64_t> adjusted;  // reason code -> signed units
};

struct ItemDays {
    Item item;
    int64_t closing = 0;              // balance at the end of the span's last day
    std::vector<int64_t> net;         // per day of the span: net ledger change
    std::vector<int64_t> consumed;    // per day: dispensed net of cancellations
    Movements moved;                  // over the days from LedgerDays::moved_from on
    // Balance at the end of each day of the span (closing going backwards).
    std::vector<int64_t> end_of_day() const;
    int64_t opening() const;          // balance at the start of the span's first day
};

struct LedgerDays {
    int64_t first = 0, last = 0;                 // device days, both included
    int64_t moved_from = 0;                      // first day counted in ItemDays::moved
    std::map<std::string, ItemDays> items;       // every item with a batch at the site
};

// One pass over the events of the span in time order (the created_ms
// index): no GROUP BY, whose sort of ~120,000 rows cost 400 ms on a district
// store; each event's device day comes from device_day_of_ms() itself.
// REQUIRES: first <= moved_from <= last + 1.
Result<LedgerDays> ledger_days(Store& store, int64_t first, int64_t last, int64_t moved_from);

// Every batch of the site with its ledger balance at the UTC time at_ms.
struct BatchBalance {
    std::string batch_id, item_id, batch_no, expiry;
    bool on_hold = false;  // today's flag (the flag has no history)
    int64_t balance = 0;
};
Result<std::vector<BatchBalance>> batch_balances_at(Store& store, int64_t at_ms);

// Every report query that selects events by time says so: "FROM
// stock_events INDEXED BY stock_events_created". Without it SQLite (no
// ANALYZE statistics) prefers an index that orders a GROUP BY and scans the
// whole ledger when a query has only a lower time bound.
extern const char* const kByTime;

// Every item with a batch at the site, by id.
Result<std::map<std::string, Item>> site_items(Store& store);

// Items in the order reports list them: by name, strength, code.
std::vector<const Item*> items_by_name(const std::map<std::string, Item>& items);

}  // namespace outpost

// The ledger read day by day for the reports (see report_ledger.h).
#include "report_ledger.h"

#include <algorithm>

#include "report_days.h"
#include "store_internal.h"

namespace outpost {

std::vector<int64_t> ItemDays::end_of_day() const {
    std::vector<int64_t> eod(net.size());
    int64_t b = closing;
    for (size_t i = net.size(); i-- > 0;) {
        eod[i] = b;
        b -= net[i];
    }
    return eod;
}

int64_t ItemDays::opening() const {
    int64_t b = closing;
    for (int64_t n : net) b -= n;
    return b;
}

Result<std::map<std::string, Item>> site_items(Store& store) {
    std::map<std::string, Item> out;
    Stmt s = store.db().prepare(std::string("SELECT ") + kItemColumns +
                                " FROM items WHERE items.id IN (SELECT item_id FROM batches WHERE site_id=?)");
    s.bind(1, store.identity().site_id);
    while (s.step()) {
        Item it;
        read_item(s, 0, &it);
        out[it.id] = std::move(it);
    }
    if (!s.status().ok()) return s.status();
    return out;
}

std::vector<const Item*> items_by_name(const std::map<std::string, Item>& items) {
    std::vector<const Item*> v;
    for (const auto& [id, it] : items) v.push_back(&it);
    std::sort(v.begin(), v.end(), [](const Item* a, const Item* b) {
        auto key = [](const Item* i) { return std::make_tuple(search_key(i->name), i->strength, i->code); };
        return key(a) < key(b);
    });
    return v;
}

Result<LedgerDays> ledger_days(Store& store, int64_t first, int64_t last) {
    Db& db = store.db();
    Status st = register_device_day_function(db);
    if (!st.ok()) return st;
    LedgerDays out;
    out.first = first;
    out.last = last;
    auto items = site_items(store);
    if (!items.ok()) return items.status();
    const size_t span = static_cast<size_t>(last - first + 1);
    for (auto& [id, it] : *items) {
        ItemDays d;
        d.item = it;
        d.net.assign(span, 0);
        d.consumed.assign(span, 0);
        out.items.emplace(id, std::move(d));
    }
    const int64_t start_ms = device_day_start_ms(first), end_ms = device_day_start_ms(last + 1);
    // Stock on hand now, then back out what happened from the end of the span on.
    Stmt now = db.prepare(
        "SELECT b.item_id, SUM(COALESCE(h.quantity,0)) FROM batches b LEFT JOIN stock_on_hand h ON h.batch_id=b.id "
        "WHERE b.site_id=? GROUP BY b.item_id");
    now.bind(1, store.identity().site_id);
    while (now.step()) {
        auto f = out.items.find(now.text(0));
        if (f != out.items.end()) f->second.closing = now.i64(1);
    }
    if (!now.status().ok()) return now.status();
    Stmt after = db.prepare("SELECT item_id, SUM(quantity) FROM stock_events WHERE created_ms>=? GROUP BY item_id");
    after.bind(1, end_ms);
    while (after.step()) {
        auto f = out.items.find(after.text(0));
        if (f != out.items.end()) f->second.closing -= after.i64(1);
    }
    if (!after.status().ok()) return after.status();
    Stmt days = db.prepare(
        "SELECT item_id, outpost_device_day(created_ms) AS d, SUM(quantity), "
        "SUM(CASE WHEN kind IN ('dispense','reversal') THEN -quantity ELSE 0 END) "
        "FROM stock_events WHERE created_ms>=? AND created_ms<? GROUP BY item_id, d");
    days.bind(1, start_ms).bind(2, end_ms);
    while (days.step()) {
        auto f = out.items.find(days.text(0));
        const int64_t day = days.i64(1);
        if (f == out.items.end() || day < first || day > last) continue;
        f->second.net[static_cast<size_t>(day - first)] += days.i64(2);
        f->second.consumed[static_cast<size_t>(day - first)] += days.i64(3);
    }
    if (!days.status().ok()) return days.status();
    return out;
}

Result<std::vector<BatchBalance>> batch_balances_at(Store& store, int64_t at_ms) {
    Db& db = store.db();
    std::map<std::string, int64_t> after;
    Stmt a = db.prepare("SELECT batch_id, SUM(quantity) FROM stock_events WHERE created_ms>=? GROUP BY batch_id");
    a.bind(1, at_ms);
    while (a.step()) after[a.text(0)] = a.i64(1);
    if (!a.status().ok()) return a.status();
    std::vector<BatchBalance> out;
    Stmt s = db.prepare(
        "SELECT b.id, b.item_id, b.batch_no, b.expiry, b.on_hold, COALESCE(h.quantity,0) FROM batches b "
        "LEFT JOIN stock_on_hand h ON h.batch_id=b.id WHERE b.site_id=?");
    s.bind(1, store.identity().site_id);
    while (s.step()) {
        BatchBalance b{s.text(0), s.text(1), s.text(2), s.text(3), s.i64(4) != 0, s.i64(5)};
        auto f = after.find(b.batch_id);
        if (f != after.end()) b.balance -= f->second;
        out.push_back(std::move(b));
    }
    if (!s.status().ok()) return s.status();
    return out;
}

}  // namespace outpost

// The ledger read day by day for the reports (see report_ledger.h).
#include "report_ledger.h"

#include <algorithm>
#include <unordered_map>

#include "report_days.h"
#include "store_internal.h"

namespace outpost {

const char* const kByTime = "INDEXED BY stock_events_created";

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

Result<LedgerDays> ledger_days(Store& store, int64_t first, int64_t last, int64_t moved_from) {
    Db& db = store.db();
    LedgerDays out;
    out.first = first;
    out.last = last;
    out.moved_from = moved_from;
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
    Stmt after = db.prepare("SELECT item_id, SUM(quantity) FROM stock_events " + std::string(kByTime) +
                            " WHERE created_ms>=? GROUP BY item_id");
    after.bind(1, end_ms);
    while (after.step()) {
        auto f = out.items.find(after.text(0));
        if (f != out.items.end()) f->second.closing -= after.i64(1);
    }
    if (!after.status().ok()) return after.status();
    Stmt ev = db.prepare("SELECT item_id, created_ms, kind, COALESCE(reason,''), quantity FROM stock_events " +
                         std::string(kByTime) + " WHERE created_ms>=? AND created_ms<?");
    ev.bind(1, start_ms).bind(2, end_ms);
    // Hashed: ids of one era share their first characters, which makes the
    // ordered map's comparisons most of the pass.
    std::unordered_map<std::string, ItemDays*> by_id;
    for (auto& [id, days] : out.items) by_id[id] = &days;
    ItemDays* d = nullptr;
    std::string item;
    while (ev.step()) {
        std::string id = ev.text(0);
        if (!d || id != item) {  // events of one item often come in runs (a receipt, a count)
            item = std::move(id);
            auto f = by_id.find(item);
            d = f == by_id.end() ? nullptr : f->second;
            if (!d) continue;
        }
        const int64_t day = device_day_of_ms(ev.i64(1));
        if (day < first || day > last) continue;
        const size_t i = static_cast<size_t>(day - first);
        const int64_t q = ev.i64(4);
        const std::string kind = ev.text(2);
        d->net[i] += q;
        const bool use = kind == "dispense" || kind == "reversal";
        if (use) d->consumed[i] -= q;
        if (day < moved_from) continue;
        Movements& m = d->moved;
        if (kind == "receipt") m.received += q;
        else if (kind == "dispense") m.dispensed -= q;
        else if (kind == "reversal") m.cancelled += q;
        else if (kind == "stocktake") m.stocktake += q;
        else if (kind == "adjustment") {
            m.adjusted[ev.text(3)] += q;
            m.adjusted_total += q;
        }
    }
    if (!ev.status().ok()) return ev.status();
    return out;
}

Result<std::vector<BatchBalance>> batch_balances_at(Store& store, int64_t at_ms) {
    Db& db = store.db();
    std::map<std::string, int64_t> after;
    Stmt a = db.prepare("SELECT batch_id, SUM(quantity) FROM stock_events " + std::string(kByTime) + " WHERE created_ms>=? GROUP BY batch_id");
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

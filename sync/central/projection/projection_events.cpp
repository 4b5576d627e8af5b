// One change's new stock events into the derived tables (projection.h):
// summed in memory per row first (projection_internal.h EventSums), then
// each row written once, in the push's transaction.
#include <algorithm>

#include "projection.h"
#include "projection_days.h"
#include "projection_internal.h"

namespace outpost {
namespace projection {

using json = nlohmann::json;

void add_event(Db& db, const json& ev, EventSums* sums, Touched* touched) {
    const std::string site = ev.value("site_id", ""), item = ev.value("item_id", ""),
                      batch = ev.value("batch_id", ""), kind = ev.value("kind", "");
    const int64_t q = ev.value("quantity", int64_t{0});
    const int64_t created = ev.contains("created_ms") && ev["created_ms"].is_number_integer()
                                ? ev["created_ms"].get<int64_t>()
                                : 0;
    auto b = sums->batches.find(batch);
    if (b == sums->batches.end()) b = sums->batches.emplace(batch, EventSums::Batch{site, item, 0}).first;
    b->second.quantity += q;
    sums->site_items[{site, item}] += q;
    const int64_t day = day_of_ms(created);
    sums->days[std::make_tuple(site, item, day)] += q;
    const EventFigures f =
        figures_of(kind, q, ev.value("reason", json()).is_string() ? ev["reason"].get<std::string>() : "",
                   reversed_kind(db, ev));
    const std::string month = day_text(day).substr(0, 7);
    EventSums::Month& m = sums->months[std::make_tuple(site, item, month)];
    m.f.received += f.received, m.f.dispensed += f.dispensed, m.f.cancelled += f.cancelled;
    m.f.adjusted += f.adjusted, m.f.stocktake += f.stocktake, m.f.expired += f.expired;
    m.net += q;
    if (kind == "adjustment") sums->reasons[std::make_tuple(site, item, month, f.reason)] += q;
    if (kind == "dispense") {
        auto a = sums->last_dispense_ms.find(site);
        if (a == sums->last_dispense_ms.end()) sums->last_dispense_ms.emplace(site, created);
        else a->second = std::max(a->second, created);
    }
    auto key = std::make_pair(site, item);
    auto it = touched->days.find(key);
    if (it == touched->days.end() || day < it->second) touched->days[key] = day;
}

Status write_sums(Db& db, const EventSums& sums) {
    Status s;
    Stmt soh = db.cached(
        "INSERT INTO p_stock_on_hand(batch_id, site_id, item_id, quantity) VALUES(?,?,?,?) "
        "ON CONFLICT(batch_id) DO UPDATE SET quantity=quantity+excluded.quantity");
    for (const auto& b : sums.batches) {
        soh.reset();
        soh.bind(1, b.first).bind(2, b.second.site).bind(3, b.second.item).bind(4, b.second.quantity);
        if (!(s = soh.run()).ok()) return s;
    }
    Stmt per_item = db.cached(
        "INSERT INTO p_site_item(site_id, item_id, soh) VALUES(?,?,?) "
        "ON CONFLICT(site_id, item_id) DO UPDATE SET soh=soh+excluded.soh");
    for (const auto& si : sums.site_items) {
        per_item.reset();
        per_item.bind(1, si.first.first).bind(2, si.first.second).bind(3, si.second);
        if (!(s = per_item.run()).ok()) return s;
    }
    Stmt daily = db.cached(
        "INSERT INTO p_daily(site_id, item_id, day, net) VALUES(?,?,?,?) "
        "ON CONFLICT(site_id, item_id, day) DO UPDATE SET net=net+excluded.net");
    for (const auto& d : sums.days) {
        daily.reset();
        daily.bind(1, std::get<0>(d.first)).bind(2, std::get<1>(d.first)).bind(3, std::get<2>(d.first));
        daily.bind(4, d.second);
        if (!(s = daily.run()).ok()) return s;
    }
    Stmt monthly = db.cached(
        "INSERT INTO p_monthly(site_id, item_id, month, received, dispensed, cancelled, adjusted, stocktake, "
        "expired, net) VALUES(?,?,?,?,?,?,?,?,?,?) ON CONFLICT(site_id, item_id, month) DO UPDATE SET "
        "received=received+excluded.received, dispensed=dispensed+excluded.dispensed, "
        "cancelled=cancelled+excluded.cancelled, adjusted=adjusted+excluded.adjusted, "
        "stocktake=stocktake+excluded.stocktake, expired=expired+excluded.expired, net=net+excluded.net");
    for (const auto& m : sums.months) {
        const EventFigures& f = m.second.f;
        monthly.reset();
        monthly.bind(1, std::get<0>(m.first)).bind(2, std::get<1>(m.first)).bind(3, std::get<2>(m.first));
        monthly.bind(4, f.received).bind(5, f.dispensed).bind(6, f.cancelled).bind(7, f.adjusted);
        monthly.bind(8, f.stocktake).bind(9, f.expired).bind(10, m.second.net);
        if (!(s = monthly.run()).ok()) return s;
    }
    Stmt adj = db.cached(
        "INSERT INTO p_adjustments(site_id, item_id, month, reason, quantity) VALUES(?,?,?,?,?) "
        "ON CONFLICT(site_id, item_id, month, reason) DO UPDATE SET quantity=quantity+excluded.quantity");
    for (const auto& r : sums.reasons) {
        adj.reset();
        adj.bind(1, std::get<0>(r.first)).bind(2, std::get<1>(r.first)).bind(3, std::get<2>(r.first));
        adj.bind(4, std::get<3>(r.first)).bind(5, r.second);
        if (!(s = adj.run()).ok()) return s;
    }
    Stmt act = db.cached(
        "INSERT INTO p_site_activity(site_id, last_dispense_ms) VALUES(?,?) ON CONFLICT(site_id) DO UPDATE "
        "SET last_dispense_ms=max(last_dispense_ms, excluded.last_dispense_ms)");
    for (const auto& a : sums.last_dispense_ms) {
        act.reset();
        act.bind(1, a.first).bind(2, a.second);
        if (!(s = act.run()).ok()) return s;
    }
    return Status::Ok();
}

}  // namespace projection
}  // namespace outpost

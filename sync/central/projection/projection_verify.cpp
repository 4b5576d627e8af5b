// The projection's checks (projection.h): stock on hand against the ledger
// and the ledger against the feed for one site, and the monthly aggregates
// against a fresh walk of the copied ledger.
#include <map>
#include <tuple>

#include "projection.h"
#include "projection_days.h"
#include "projection_internal.h"

namespace outpost {
namespace projection {

Status verify_site(Db& db, const std::string& site_code, std::vector<std::string>* differences) {
    Stmt site = db.prepare("SELECT id FROM sites WHERE code=?");
    site.bind(1, site_code);
    if (!site.step()) return Status::NotFound("there is no site with code '" + site_code + "'");
    const std::string site_id = site.text(0);
    // 1. Per batch: the kept stock on hand against the sum of the copy's ledger.
    Stmt soh = db.prepare(
        "WITH ledger AS (SELECT batch_id, SUM(quantity) q FROM stock_events WHERE site_id=?1 GROUP BY batch_id), "
        "kept AS (SELECT batch_id, quantity q FROM p_stock_on_hand WHERE site_id=?1) "
        "SELECT l.batch_id, l.q, k.q FROM ledger l LEFT JOIN kept k USING (batch_id) WHERE k.q IS NULL OR k.q<>l.q "
        "UNION ALL SELECT k.batch_id, NULL, k.q FROM kept k WHERE k.batch_id NOT IN (SELECT batch_id FROM ledger) "
        "AND k.q<>0");
    soh.bind(1, site_id);
    while (soh.step())
        differences->push_back("batch " + soh.text(0) + ": stock on hand " +
                               (soh.is_null(2) ? std::string("missing") : std::to_string(soh.i64(2))) +
                               ", ledger sum " + (soh.is_null(1) ? std::string("0") : std::to_string(soh.i64(1))));
    if (!soh.status().ok()) return soh.status();
    // 2. Per batch: the copy's ledger against the events in the site's feed,
    // each event id once: the first in feed order, as insert-once keeps it
    // (two devices cancelling one dispensing offline both send the reversal
    // with the same derived id).
    Stmt feed = db.prepare(
        "WITH f AS (SELECT json_extract(j.value, '$.batch_id') batch_id, SUM(json_extract(j.value, '$.quantity')) q "
        "  FROM (SELECT j.value, ROW_NUMBER() OVER (PARTITION BY json_extract(j.value, '$.id') "
        "        ORDER BY feed.cursor, j.key) AS nth FROM feed, json_each(feed.payload, '$.stock_events') j "
        "        WHERE feed.site_id=?1 AND json_valid(feed.payload)) j WHERE nth = 1 GROUP BY 1), "
        "c AS (SELECT batch_id, SUM(quantity) q FROM stock_events WHERE site_id=?1 GROUP BY batch_id) "
        "SELECT f.batch_id, f.q, c.q FROM f LEFT JOIN c USING (batch_id) WHERE c.q IS NULL OR c.q<>f.q "
        "UNION ALL SELECT c.batch_id, NULL, c.q FROM c WHERE c.batch_id NOT IN (SELECT batch_id FROM f)");
    feed.bind(1, site_id);
    while (feed.step())
        differences->push_back("batch " + feed.text(0) + ": the feed's events sum to " +
                               (feed.is_null(1) ? std::string("nothing") : std::to_string(feed.i64(1))) +
                               ", the copy's ledger to " +
                               (feed.is_null(2) ? std::string("nothing") : std::to_string(feed.i64(2))));
    return feed.status();
}

namespace {
struct Month {
    EventFigures f;
    int64_t net = 0;
    bool seen = false;
};
}  // namespace

Status verify_aggregates(Db& db, std::vector<std::string>* differences) {
    using Key = std::tuple<std::string, std::string, std::string>;  // site, item, month
    std::map<Key, Month> months;
    std::map<std::tuple<std::string, std::string, std::string, std::string>, int64_t> reasons;
    std::map<std::pair<std::string, std::string>, std::map<int64_t, int64_t>> daily;
    Stmt ev = db.prepare(
        "SELECT e.site_id, e.item_id, e.created_ms, e.kind, e.quantity, COALESCE(e.reason, ''), "
        "COALESCE((SELECT r.kind FROM stock_events r WHERE r.id=e.reverses_event_id AND e.kind='reversal'), '') "
        "FROM stock_events e");
    while (ev.step()) {
        const int64_t day = day_of_ms(ev.i64(2)), q = ev.i64(4);
        const std::string month = day_text(day).substr(0, 7);
        EventFigures f = figures_of(ev.text(3), q, ev.text(5), ev.text(6));
        Month& m = months[Key{ev.text(0), ev.text(1), month}];
        m.seen = true;
        m.f.received += f.received, m.f.dispensed += f.dispensed, m.f.cancelled += f.cancelled;
        m.f.adjusted += f.adjusted, m.f.stocktake += f.stocktake, m.f.expired += f.expired;
        m.net += q;
        if (ev.text(3) == "adjustment") reasons[{ev.text(0), ev.text(1), month, f.reason}] += q;
        daily[{ev.text(0), ev.text(1)}][day] += q;
    }
    if (!ev.status().ok()) return ev.status();

    Stmt kept = db.prepare(
        "SELECT site_id, item_id, month, received, dispensed, cancelled, adjusted, stocktake, expired, net, closing, "
        "stock_out_days, through_day FROM p_monthly ORDER BY site_id, item_id, month");
    std::map<Key, bool> have;
    while (kept.step()) {
        const Key k{kept.text(0), kept.text(1), kept.text(2)};
        have[k] = true;
        const Month& m = months.count(k) ? months[k] : Month{};
        const std::string where = "site " + kept.text(0) + " item " + kept.text(1) + " " + kept.text(2) + ": ";
        const int64_t want[] = {m.f.received, m.f.dispensed, m.f.cancelled, m.f.adjusted, m.f.stocktake,
                                m.f.expired, m.net};
        const char* names[] = {"received", "dispensed", "cancelled", "adjusted", "stocktake", "expired", "net"};
        for (int i = 0; i < 7; ++i)
            if (kept.i64(3 + i) != want[i])
                differences->push_back(where + names[i] + " kept " + std::to_string(kept.i64(3 + i)) +
                                       ", ledger " + std::to_string(want[i]));
        // Closing and stock-out days: walk the item's days up to this month's through_day.
        int64_t month_day = 0;
        parse_day(kept.text(2) + "-01", &month_day);
        const auto& days = daily[{kept.text(0), kept.text(1)}];
        const int64_t first = days.empty() ? month_day : days.begin()->first;
        int64_t balance = 0, out = 0;
        for (const auto& d : days)
            if (d.first < month_day) balance += d.second;
        for (int64_t d = month_day; d <= kept.i64(12); ++d) {
            auto it = days.find(d);
            if (it != days.end()) balance += it->second;
            if (d >= first && balance <= 0) ++out;
        }
        if (kept.i64(10) != balance)
            differences->push_back(where + "closing kept " + std::to_string(kept.i64(10)) + ", ledger " +
                                   std::to_string(balance));
        if (kept.i64(11) != out)
            differences->push_back(where + "stock-out days kept " + std::to_string(kept.i64(11)) + ", walk " +
                                   std::to_string(out));
    }
    if (!kept.status().ok()) return kept.status();
    for (const auto& m : months)
        if (m.second.seen && !have.count(m.first))
            differences->push_back("site " + std::get<0>(m.first) + " item " + std::get<1>(m.first) + " " +
                                   std::get<2>(m.first) + ": events in the ledger, no monthly row kept");
    Stmt adj = db.prepare("SELECT site_id, item_id, month, reason, quantity FROM p_adjustments");
    while (adj.step()) {
        auto it = reasons.find({adj.text(0), adj.text(1), adj.text(2), adj.text(3)});
        const int64_t want = it == reasons.end() ? 0 : it->second;
        if (it != reasons.end()) reasons.erase(it);
        if (adj.i64(4) != want)
            differences->push_back("site " + adj.text(0) + " item " + adj.text(1) + " " + adj.text(2) + " reason " +
                                   adj.text(3) + ": kept " + std::to_string(adj.i64(4)) + ", ledger " +
                                   std::to_string(want));
    }
    for (const auto& r : reasons)
        differences->push_back("site " + std::get<0>(r.first) + " " + std::get<2>(r.first) + " reason " +
                               std::get<3>(r.first) + ": adjustments in the ledger, none kept");
    return adj.status();
}

}  // namespace projection
}  // namespace outpost

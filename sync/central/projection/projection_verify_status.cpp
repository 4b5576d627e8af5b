// verify_status (projection.h): the kept stock status and names of
// p_site_item and p_stock_on_hand against a recomputation from the copied
// ledger, batches, sites, regions and items, walked in memory here (not by
// the incremental code's statements).
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <utility>

#include "projection.h"
#include "projection_days.h"
#include "projection_internal.h"

namespace outpost {
namespace projection {

namespace {

using SiteItem = std::pair<std::string, std::string>;

struct Names {
    std::map<std::string, std::pair<std::string, std::string>> sites;                // id -> code, name
    std::map<std::string, std::string> regions;                                      // site id -> region
    std::map<std::string, std::tuple<std::string, std::string, std::string>> items;  // id -> code, name, unit
};

Status read_names(Db& db, Names* n) {
    Stmt s = db.prepare("SELECT id, code, name FROM sites");
    while (s.step()) n->sites[s.text(0)] = {s.text(1), s.text(2)};
    Stmt r = db.prepare("SELECT site_id, region FROM site_regions");
    while (r.step()) n->regions[r.text(0)] = r.text(1);
    Stmt i = db.prepare("SELECT id, code, name, unit FROM items");
    while (i.step()) n->items[i.text(0)] = std::make_tuple(i.text(1), i.text(2), i.text(3));
    return s.status().ok() ? (r.status().ok() ? i.status() : r.status()) : s.status();
}

// A kept text column (NULL read as "(null)") against the expected text.
void check_text(const Stmt& k, int col, const std::string& want, const std::string& where, const char* name,
                std::vector<std::string>* out) {
    const std::string got = k.is_null(col) ? "(null)" : k.text(col);
    if (got != want) out->push_back(where + name + " kept '" + got + "', expected '" + want + "'");
}

std::string state_of(int64_t available, double amc) {
    if (available <= 0) return "stocked_out";
    if (amc <= 0) return "no_consumption";
    const double mos = static_cast<double>(available) / amc;
    if (mos < kMinMos) return "below_minimum";
    if (mos > kMaxMos) return "overstocked";
    return "ok";
}

}  // namespace

Status verify_status(Db& db, std::vector<std::string>* differences) {
    const std::string today = db.query_text("SELECT value FROM central_meta WHERE key='projection_day'").value_or("");
    Names names;
    Status st = read_names(db, &names);
    if (!st.ok()) return st;
    // The ledger: per batch, per site x item, and consumption per month.
    std::map<std::string, int64_t> batch_q;
    std::map<SiteItem, int64_t> soh;
    std::map<SiteItem, std::map<std::string, int64_t>> consumed;
    Stmt ev = db.prepare(
        "SELECT e.site_id, e.item_id, e.batch_id, e.created_ms, e.kind, e.quantity, COALESCE(e.reason, ''), "
        "COALESCE((SELECT r.kind FROM stock_events r WHERE r.id=e.reverses_event_id AND e.kind='reversal'), '') "
        "FROM stock_events e");
    while (ev.step()) {
        const int64_t q = ev.i64(5);
        const SiteItem key{ev.text(0), ev.text(1)};
        batch_q[ev.text(2)] += q;
        soh[key] += q;
        const EventFigures f = figures_of(ev.text(4), q, ev.text(6), ev.text(7));
        consumed[key][day_text(day_of_ms(ev.i64(3))).substr(0, 7)] += f.dispensed - f.cancelled;
    }
    if (!ev.status().ok()) return ev.status();
    // Available: batches not on hold, not expired on the kept status's day,
    // each batch below zero counted as 0.
    std::map<SiteItem, int64_t> available;
    std::map<std::string, std::pair<std::string, std::string>> batch_rows;  // id -> expiry, batch_no
    Stmt b = db.prepare("SELECT id, site_id, item_id, on_hold, expiry, batch_no FROM batches");
    while (b.step()) {
        batch_rows[b.text(0)] = {b.is_null(4) ? "(null)" : b.text(4), b.is_null(5) ? "(null)" : b.text(5)};
        auto q = batch_q.find(b.text(0));
        if (q != batch_q.end() && b.i64(3) == 0 && !b.is_null(4) && b.text(4) >= today)
            available[{b.text(1), b.text(2)}] += std::max<int64_t>(q->second, 0);
    }
    if (!b.status().ok()) return b.status();

    auto site_names = [&](const std::string& id, std::string* code, std::string* name, std::string* region) {
        auto s = names.sites.find(id);
        *code = s == names.sites.end() ? "(null)" : s->second.first;
        *name = s == names.sites.end() ? "(null)" : s->second.second;
        auto r = names.regions.find(id);
        *region = r == names.regions.end() ? "" : r->second;
    };
    auto item_names = [&](const std::string& id, std::string* code, std::string* name, std::string* unit) {
        auto i = names.items.find(id);
        *code = i == names.items.end() ? "(null)" : std::get<0>(i->second);
        *name = i == names.items.end() ? "(null)" : std::get<1>(i->second);
        *unit = i == names.items.end() ? "(null)" : std::get<2>(i->second);
    };

    Stmt k = db.prepare(
        "SELECT site_id, item_id, soh, amc, amc_month, available, mos, state, site_code, site_name, region, "
        "item_code, item_name, unit FROM p_site_item");
    std::map<SiteItem, bool> kept;
    while (k.step()) {
        const SiteItem key{k.text(0), k.text(1)};
        kept[key] = true;
        const std::string where = "site " + key.first + " item " + key.second + ": ";
        const int64_t want_soh = soh.count(key) ? soh[key] : 0, want_av = available.count(key) ? available[key] : 0;
        if (k.i64(2) != want_soh)
            differences->push_back(where + "stock on hand kept " + std::to_string(k.i64(2)) + ", ledger " +
                                   std::to_string(want_soh));
        if (k.i64(5) != want_av)
            differences->push_back(where + "available kept " + std::to_string(k.i64(5)) + ", ledger " +
                                   std::to_string(want_av));
        // AMC over the kAmcLookback months before the month it was made for.
        int64_t sum = 0;
        std::string m = k.text(4);
        for (int i = 0; i < kAmcLookback && !m.empty(); ++i) {
            int64_t d = 0;
            parse_day(m + "-01", &d);
            m = day_text(month_start(d - 1)).substr(0, 7);
            auto c = consumed[key].find(m);
            if (c != consumed[key].end()) sum += c->second;
        }
        const double amc = static_cast<double>(sum) / kAmcLookback;
        if (k.text(4).empty()) differences->push_back(where + "status never computed");
        if (std::fabs(k.f64(3) - amc) > 1e-9)
            differences->push_back(where + "AMC kept " + std::to_string(k.f64(3)) + ", ledger " + std::to_string(amc));
        const bool want_null_mos = !(amc > 0);
        const double want_mos = want_null_mos ? 0 : static_cast<double>(std::max<int64_t>(want_av, 0)) / amc;
        if (k.is_null(6) != want_null_mos || (!want_null_mos && std::fabs(k.f64(6) - want_mos) > 1e-9))
            differences->push_back(where + "months of stock kept " + (k.is_null(6) ? "blank" : std::to_string(k.f64(6))));
        check_text(k, 7, state_of(want_av, amc), where, "state", differences);
        std::string code, name, region, icode, iname, unit;
        site_names(key.first, &code, &name, &region);
        item_names(key.second, &icode, &iname, &unit);
        check_text(k, 8, code, where, "site code", differences);
        check_text(k, 9, name, where, "site name", differences);
        check_text(k, 10, region, where, "region", differences);
        check_text(k, 11, icode, where, "item code", differences);
        check_text(k, 12, iname, where, "item name", differences);
        check_text(k, 13, unit, where, "unit", differences);
    }
    if (!k.status().ok()) return k.status();
    for (const auto& s : soh)
        if (!kept.count(s.first))
            differences->push_back("site " + s.first.first + " item " + s.first.second +
                                   ": events in the ledger, no status kept");

    Stmt p = db.prepare(
        "SELECT batch_id, site_id, item_id, quantity, expiry, batch_no, site_code, region, item_code, item_name "
        "FROM p_stock_on_hand");
    while (p.step()) {
        const std::string where = "batch " + p.text(0) + ": ";
        const int64_t want = batch_q.count(p.text(0)) ? batch_q[p.text(0)] : 0;
        if (p.i64(3) != want)
            differences->push_back(where + "stock on hand kept " + std::to_string(p.i64(3)) + ", ledger " +
                                   std::to_string(want));
        auto row = batch_rows.find(p.text(0));
        check_text(p, 4, row == batch_rows.end() ? "(null)" : row->second.first, where, "expiry", differences);
        check_text(p, 5, row == batch_rows.end() ? "(null)" : row->second.second, where, "batch number", differences);
        std::string code, name, region, icode, iname, unit;
        site_names(p.text(1), &code, &name, &region);
        item_names(p.text(2), &icode, &iname, &unit);
        check_text(p, 6, code, where, "site code", differences);
        check_text(p, 7, region, where, "region", differences);
        check_text(p, 8, icode, where, "item code", differences);
        check_text(p, 9, iname, where, "item name", differences);
    }
    return p.status();
}

}  // namespace projection
}  // namespace outpost

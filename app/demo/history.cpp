// The day-by-day history simulation behind generated stores (see history.h).
// A day: a delivery every second week, prescriptions from 08:00 to 17:00
// (fewer on Saturdays, none on Sundays), an occasional adjustment, write-offs
// of stock that expired a week ago, and one finalised stocktake 30 days ago.
#include "history.h"

#include <algorithm>
#include <cmath>

#include "demo_data.h"
#include "directions.h"
#include "store_internal.h"  // search_key: generated rows must search as the store's own do

namespace outpost {

static constexpr int64_t kMin = 60 * 1000, kHour = 60 * kMin, kDay = 24 * kHour;
static constexpr double kLinesPerRx = 2.97;    // WHO AFRO PHC review: 3.1 medicines per encounter
static constexpr double kOpenShare = 5.4 / 7;  // weekdays full, Saturday 40 %, Sunday closed

static int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// Units a typical prescription of the item asks for, from its default directions.
int64_t demo_typical_quantity(const std::string& unit, const std::string& directions) {
    if (unit == "bottle" || unit == "tube" || unit == "inhaler") return 1;
    if (unit == "bag") return 2;
    if (unit == "cycle") return 3;
    if (unit == "sachet") return 6;
    Directions d = expand_directions(directions, unit);
    double per_day = d.units_per_day.value_or(0);
    double q;
    if (per_day > 0 && d.days) q = per_day * *d.days;
    else if (unit == "vial" || unit == "ampoule") q = 1;
    else if (per_day > 0 && d.as_needed) q = per_day * 3;
    else if (per_day > 0) q = per_day * 30;  // a month of a chronic medicine
    else if (d.units_per_dose) q = *d.units_per_dose;
    else q = unit == "mL" ? 100 : 10;
    return std::max<int64_t>(1, static_cast<int64_t>(std::lround(q)));
}

// How often an item is prescribed, relative to others (commonest first-line
// medicines of a primary care clinic score high; injections and controlled
// drugs low).
double demo_prescribing_weight(const std::string& code, const std::string& unit) {
    static const std::vector<std::pair<const char*, double>> common = {
        {"PARA500T", 10}, {"AMOX250D", 6}, {"ARLU20T", 6}, {"AMOX500C", 5}, {"ORS1LS", 5},
        {"ZINC20D", 4},   {"IBUP400T", 4}, {"FEFO60T", 4}, {"METR250T", 3}, {"SMXT480T", 3},
        {"ALBE400T", 3},  {"AMLO5T", 3},   {"METF500T", 3}, {"TLD30T", 3},  {"PARA120L", 3},
        {"HCTZ25T", 2},   {"IBUP200T", 2}, {"AMOX125S", 2}, {"FOLA400T", 2}, {"CIPR250T", 2}};
    for (const auto& c : common)
        if (code == c.first) return c.second;
    if (unit == "vial" || unit == "ampoule" || unit == "bag") return 0.4;
    return 1;
}

HistorySim::HistorySim(HistoryContext& ctx) : c_(ctx) {
    today_day_ = floor_div(c_.today_ms, kDay);
    first_day_ = today_day_ - c_.counts.days;
    rx_per_open_day_ = static_cast<double>(c_.counts.events) /
                       (static_cast<double>(c_.counts.days) * kOpenShare * kLinesPerRx * 1.03);
    double total_weight = 0;
    for (size_t i = 0; i < c_.items.size(); ++i) {
        SimItem& it = c_.items[i];
        it.typical_qty = demo_typical_quantity(it.unit, it.directions);
        it.directions_text = expand_directions(it.directions, it.unit).text;
        it.weight = i < 56 ? demo_prescribing_weight(it.code, it.unit) : 3.0 / (1.0 + (i - 56) / 40.0) * (0.5 + c_.rng.unit());
        total_weight += it.weight;
        auto has = [&](const std::vector<std::string>& v) { return std::find(v.begin(), v.end(), it.code) != v.end(); };
        it.stock_out = has(c_.scenario.stock_out_codes);
        it.last_box = it.code == c_.scenario.last_box_code;
        if (has(c_.scenario.expired_codes)) it.shape = SimItem::Shape::kExpiredLeftover;
        else if (has(c_.scenario.expiring_codes)) it.shape = SimItem::Shape::kExpiringSoon;
        else if (!it.stock_out && !it.last_box && i % 10 == 3) it.shape = SimItem::Shape::kExpiredLeftover;
        else if (!it.stock_out && !it.last_box && i % 10 == 6) it.shape = SimItem::Shape::kExpiringSoon;
    }
    const int64_t n = static_cast<int64_t>(c_.items.size());
    for (int64_t i = 0; i < n; ++i) {
        SimItem& it = c_.items[i];
        it.daily_use = rx_per_open_day_ * kOpenShare * kLinesPerRx * (it.weight / total_weight) * it.typical_qty * 1.05;
        it.batch_budget = std::max<int64_t>(c_.counts.batches / n + (i < c_.counts.batches % n ? 1 : 0), 1);
        if (it.shape != SimItem::Shape::kNormal) it.batch_budget = std::max<int64_t>(it.batch_budget, 2);
    }
    std::vector<double> weights;
    for (const auto& it : c_.items) weights.push_back(it.weight);
    picker_ = std::make_unique<WeightedPick>(weights);
}

// ---- helpers ----------------------------------------------------------------------------

int64_t HistorySim::usable(const SimItem& it, int64_t d) const {
    int64_t n = 0;
    for (size_t b : it.batches)
        if (batches_[b].expiry_day >= d && batches_[b].balance > 0) n += batches_[b].balance;
    return n;
}

std::vector<std::pair<size_t, int64_t>> HistorySim::allocate(const SimItem& it, int64_t d, int64_t qty) const {
    std::vector<std::pair<size_t, int64_t>> out;
    for (size_t b : it.batches) {
        if (qty == 0) break;
        const SimBatch& sb = batches_[b];
        if (sb.expiry_day < d || sb.balance <= 0) continue;
        int64_t take = std::min(qty, sb.balance);
        out.emplace_back(b, take);
        qty -= take;
    }
    return out;
}

std::string HistorySim::batch_no() {
    static const char* kLetters = "ABCDEFGHJKLMNPRSTUVWXYZ";
    std::string s;
    s += kLetters[c_.rng.below(23)];
    s += kLetters[c_.rng.below(23)];
    s += std::to_string(c_.rng.between(10000, 99999));
    return s;
}

int64_t HistorySim::receipt_units(const SimItem& it) const {
    double period = std::max<double>(28.0, static_cast<double>(c_.counts.days) / static_cast<double>(it.batch_budget));
    int64_t packs = static_cast<int64_t>(std::ceil(it.daily_use * period * 1.15 / static_cast<double>(it.pack)));
    return std::max<int64_t>(1, packs) * it.pack;
}

json HistorySim::batch_row(const SimBatch& b, bool needs_count) {
    json row = c_.writer.base_row();
    row["id"] = b.id;
    row["item_id"] = b.item_id;
    row["batch_no"] = b.batch_no;
    row["expiry"] = b.expiry;
    row["on_hold"] = 0;
    row["needs_count"] = needs_count ? 1 : 0;
    return row;
}

// ---- receipts ---------------------------------------------------------------------------

Status HistorySim::receive(size_t item, int64_t d, int64_t ms, int64_t units, bool new_batch, int64_t expiry_day) {
    SimItem& it = c_.items[item];
    BulkWriter& w = c_.writer;
    w.begin(c_.history_device_id, "receive", ms);
    size_t bi;
    if (!new_batch && !it.batches.empty()) {
        // A second delivery of the same lot: the latest-expiring batch.
        bi = it.batches.back();
    } else {
        SimBatch b;
        b.item_id = it.id;
        b.batch_no = batch_no();
        b.expiry_day = expiry_day;
        b.expiry = date_from_days(expiry_day);
        // As Store::receive names a new batch: from its natural key.
        b.id = derived_id("batch|" + c_.site_id + "|" + it.id + "|" + b.batch_no + "|" + b.expiry);
        b.item = item;
        Status s = w.write("batches", batch_row(b, false));
        if (!s.ok()) return s;
        bi = batches_.size();
        batches_.push_back(b);
        it.batches.push_back(bi);
        std::sort(it.batches.begin(), it.batches.end(), [&](size_t x, size_t y) {
            const SimBatch &a = batches_[x], &z = batches_[y];
            return a.expiry_day != z.expiry_day ? a.expiry_day < z.expiry_day : a.batch_no < z.batch_no;
        });
        ++it.batches_made;
        ++rep_.batches;
    }
    static const std::vector<std::string> kSuppliers = {"Central Medical Stores", "Central Medical Stores",
                                                        "Central Medical Stores", "District medical store",
                                                        "MSF supply"};
    std::string reference = "DN-" + date_from_days(d).substr(0, 7) + "-" + std::to_string(c_.rng.between(100, 999));
    json ev{{"user_id", c_.storekeeper_id}, {"kind", "receipt"}, {"item_id", it.id},
            {"batch_id", batches_[bi].id},  {"quantity", units},  {"supplier", c_.rng.pick(kSuppliers)},
            {"reference", reference}};
    auto id = w.event(ev);
    if (!id.ok()) return id.status();
    batches_[bi].balance += units;
    ++rep_.receipts;
    return w.end(*id).status();
}

Status HistorySim::open_stock() {
    int64_t ms = first_day_ * kDay + 7 * kHour;
    for (size_t i = 0; i < c_.items.size(); ++i) {
        SimItem& it = c_.items[i];
        auto round_packs = [&](double units) {
            return std::max<int64_t>(1, static_cast<int64_t>(std::ceil(units / static_cast<double>(it.pack)))) * it.pack;
        };
        int64_t exp_a = 0, qty_a = 0;
        if (it.shape == SimItem::Shape::kExpiredLeftover) {
            // Expires a few days or weeks before today with stock left over:
            // shown as expired stock still on the shelf.
            exp_a = today_day_ - c_.rng.between(3, 30);
            double until = static_cast<double>(exp_a - first_day_);
            // Earliest expiry: everything is taken from it until it expires,
            // so it holds more than that use and some is left over.
            qty_a = static_cast<int64_t>(it.daily_use * until * 1.1) +
                    std::max<int64_t>(it.typical_qty * 5, static_cast<int64_t>(it.daily_use * 10));
        } else if (it.shape == SimItem::Shape::kExpiringSoon) {
            exp_a = today_day_ + c_.rng.between(7, 40);
            // Overstocked: more than the whole history's use, so plenty is
            // left as it nears expiry (the classic way stock is wasted).
            qty_a = static_cast<int64_t>(it.daily_use * static_cast<double>(c_.counts.days) * 1.1) +
                    std::max<int64_t>(it.typical_qty * 8, static_cast<int64_t>(it.daily_use * 20));
        }
        if (exp_a) {
            Status s = receive(i, first_day_, ms, round_packs(static_cast<double>(qty_a)), true, exp_a);
            if (!s.ok()) return s;
        }
        int64_t exp = first_day_ + c_.rng.between(150, 1000);
        Status s = receive(i, first_day_, ms, receipt_units(it), true, exp);
        if (!s.ok()) return s;
        ms += 20 * 1000;
    }
    return Status::Ok();
}

Status HistorySim::deliveries(int64_t d, int64_t ms) {
    for (size_t i = 0; i < c_.items.size(); ++i) {
        SimItem& it = c_.items[i];
        if ((it.stock_out && d >= today_day_ - 21) || (it.last_box && d >= today_day_ - 30)) continue;
        // Deliveries come when stock runs low, and spread over the history
        // so each item gets about its share of the batches asked for.
        const bool low = static_cast<double>(usable(it, d)) < it.daily_use * 14 + static_cast<double>(it.typical_qty);
        const bool due = it.batches_made < it.batch_budget &&
                         (d - first_day_) * it.batch_budget >= it.batches_made * c_.counts.days;
        if (!low && !due) continue;
        bool fresh = it.batches_made < it.batch_budget || it.batches.empty() ||
                     batches_[it.batches.back()].expiry_day < d + 90;
        Status s = receive(i, d, ms, receipt_units(it), fresh, d + c_.rng.between(240, 900));
        if (!s.ok()) return s;
        ms += 10 * 1000;
    }
    return Status::Ok();
}

// ---- dispensing -------------------------------------------------------------------------

Result<std::string> HistorySim::patient_for_visit(int64_t d, int64_t ms) {
    int64_t left = c_.counts.patients - static_cast<int64_t>(patients_.size());
    bool fresh = patients_.empty() ||
                 (left > 0 && c_.rng.unit() < static_cast<double>(left) / static_cast<double>(std::max<int64_t>(1, expected_rx_left_)) * 1.3);
    if (!fresh) return patients_[c_.rng.below(patients_.size())];
    PatientInput p = random_patient(c_.rng, std::stoi(date_from_days(d).substr(0, 4)));
    BulkWriter& w = c_.writer;
    w.begin(c_.history_device_id, "patient", ms);
    json r = w.base_row();
    std::string id = w.new_id();
    r["id"] = id;
    r["family_name"] = p.family_name;
    r["given_name"] = p.given_name;
    r["sex"] = p.sex;
    r["birth_year"] = p.birth_year ? json(*p.birth_year) : json();
    r["village"] = p.village;
    r["phone"] = p.phone;
    r["search"] = search_key(p.family_name + " " + p.given_name + " " + p.village + " " + p.phone);
    Status s = w.write("patients", r);
    if (!s.ok()) return s;
    auto e = w.end(id);
    if (!e.ok()) return e.status();
    patients_.push_back(id);
    ++rep_.patients;
    return id;
}

Status HistorySim::prescription(int64_t d, int64_t ms) {
    auto patient = patient_for_visit(d, ms);
    if (!patient.ok()) return patient.status();
    --expected_rx_left_;
    static const double kLineShare[] = {0.12, 0.25, 0.30, 0.20, 0.13};  // 1..5 lines, mean 2.97
    double u = c_.rng.unit();
    int n_lines = 1;
    for (double acc = kLineShare[0]; n_lines < 5 && u >= acc; acc += kLineShare[n_lines++]) {
    }
    // Choose lines and make sure each can be supplied (an urgent delivery if
    // not) before the dispensing's own change starts.
    struct Line { size_t item; int64_t qty; };
    std::vector<Line> lines;
    for (int k = 0; k < n_lines; ++k) {
        size_t item = 0;
        bool dup = true;
        for (int tries = 0; tries < 6 && dup; ++tries) {
            item = picker_->pick(c_.rng);
            dup = std::any_of(lines.begin(), lines.end(), [&](const Line& l) { return l.item == item; });
        }
        if (dup) continue;
        SimItem& it = c_.items[item];
        int64_t qty = it.typical_qty;
        double v = c_.rng.unit();
        if (it.last_box) v = 0.5;  // the last-box item keeps to its usual quantity
        if (v < 0.1) qty = std::max<int64_t>(1, qty / 2);  // a child's course
        else if (v > 0.9) qty *= 2;                        // a longer course
        int64_t have = usable(it, d);
        if (it.stock_out && d >= today_day_ - 21) {
            if (have == 0) continue;  // out of stock: the patient goes without
            qty = std::min(qty, have);  // part supply
        } else if (it.last_box && d >= today_day_ - 30) {
            if (have - qty < it.typical_qty) continue;  // kept back: the last box
        } else if (have < qty) {
            bool fresh = it.batches_made < it.batch_budget || it.batches.empty() ||
                         batches_[it.batches.back()].expiry_day < d + 90;
            int64_t units = std::max(receipt_units(it), qty);
            Status s = receive(item, d, ms, units, fresh, d + c_.rng.between(240, 900));
            if (!s.ok()) return s;
        }
        lines.push_back({item, qty});
    }
    if (lines.empty()) return Status::Ok();

    std::vector<DispenseLine> planned;
    for (const Line& l : lines) planned.push_back({l.item, l.qty, allocate(c_.items[l.item], d, l.qty)});
    std::vector<std::pair<std::string, json>> events;
    const std::string user = c_.rng.chance(0.85) ? c_.dispenser_id : c_.admin_id;
    auto rx = write_dispensing(c_.history_device_id, ms + 30 * 1000, *patient, user, planned, false, &events);
    if (!rx.ok()) return rx.status();
    if (c_.rng.chance(0.004)) return cancel(rx->first, events, c_.writer.ms() + 2 * kMin);
    return Status::Ok();
}

Result<std::pair<std::string, std::string>> HistorySim::write_dispensing(
    const std::string& device, int64_t ms, const std::string& patient, const std::string& user,
    const std::vector<DispenseLine>& lines, bool offline_elsewhere, std::vector<std::pair<std::string, json>>* events) {
    BulkWriter& w = c_.writer;
    w.begin(device, "dispense", ms, offline_elsewhere, offline_elsewhere);
    std::string rx_id = w.new_id();
    json rx = w.base_row();
    rx["id"] = rx_id;
    rx["patient_id"] = patient;
    rx["prescriber"] = c_.rng.pick(demo_prescribers());
    rx["user_id"] = user;
    rx["created_ms"] = w.ms();
    Status s = w.write("prescriptions", rx);
    if (!s.ok()) return s;
    int line_no = 0;
    for (const DispenseLine& l : lines) {
        const SimItem& it = c_.items[l.item];
        std::string line_id = w.new_id();
        s = w.write("prescription_lines", json{{"id", line_id},        {"prescription_id", rx_id},
                                               {"line_no", ++line_no}, {"item_id", it.id},
                                               {"quantity", l.qty},    {"directions", it.directions},
                                               {"directions_text", it.directions_text}});
        if (!s.ok()) return s;
        for (const auto& a : l.allocations) {
            json ev{{"user_id", user}, {"kind", "dispense"}, {"item_id", it.id},
                    {"batch_id", batches_[a.first].id}, {"quantity", -a.second}, {"prescription_line_id", line_id}};
            auto id = w.event(ev);
            if (!id.ok()) return id.status();
            // A change made elsewhere moves this store's balances only when
            // it arrives (Store::apply_remote).
            if (!offline_elsewhere) batches_[a.first].balance -= a.second;
            if (events) events->emplace_back(*id, ev);
        }
    }
    auto payload = w.end(rx_id);
    if (!payload.ok()) return payload.status();
    if (!offline_elsewhere) ++rep_.prescriptions;
    return std::make_pair(rx_id, *payload);
}

Status HistorySim::cancel(const std::string& rx_id, const std::vector<std::pair<std::string, json>>& events, int64_t ms) {
    static const std::vector<std::string> kReasons = {"Wrong patient selected", "Prescriber changed the medicine",
                                                      "Patient left before collecting"};
    const std::string reason = c_.rng.pick(kReasons);
    BulkWriter& w = c_.writer;
    w.begin(c_.history_device_id, "cancel", ms);
    for (const auto& [event_id, ev] : events) {
        json r{{"id", derived_id("reversal|" + event_id)}, {"user_id", ev["user_id"]}, {"kind", "reversal"}, {"item_id", ev["item_id"]},
               {"batch_id", ev["batch_id"]}, {"quantity", -ev["quantity"].get<int64_t>()},
               {"reverses_event_id", event_id}, {"reason", "cancelled"}, {"note", reason}};
        auto id = w.event(r);
        if (!id.ok()) return id.status();
        for (auto& b : batches_)  // rare: a linear search is fine
            if (b.id == ev["batch_id"].get<std::string>()) b.balance -= ev["quantity"].get<int64_t>();
    }
    Status s = w.write("cancellations", json{{"id", derived_id("cancel|" + rx_id)}, {"prescription_id", rx_id}, {"reason", reason},
                                             {"user_id", events.front().second["user_id"]}, {"hlc", w.hlc()}});
    if (!s.ok()) return s;
    ++rep_.cancellations;
    return w.end(rx_id).status();
}

// ---- adjustments and stocktakes ------------------------------------------------------------

static Status write_adjustment(BulkWriter& w, const std::string& device, int64_t ms, const std::string& user,
                               SimBatch& b, int64_t qty, const std::string& reason, const std::string& note) {
    w.begin(device, "adjust", ms);
    json ev{{"user_id", user}, {"kind", "adjustment"}, {"item_id", b.item_id}, {"batch_id", b.id},
            {"quantity", qty}, {"reason", reason},     {"note", note}};
    auto id = w.event(ev);
    if (!id.ok()) return id.status();
    b.balance += qty;
    return w.end(*id).status();
}

Status HistorySim::write_offs(int64_t d, int64_t ms) {
    // Stock that expired a week ago is taken off the shelf, except in the
    // last six weeks: a demo should show some expired stock still waiting.
    if (d - 7 >= today_day_ - 45) return Status::Ok();
    for (auto& b : batches_) {
        if (b.expiry_day != d - 7 || b.balance <= 0) continue;
        Status s = write_adjustment(c_.writer, c_.history_device_id, ms, c_.storekeeper_id, b, -b.balance, "expired",
                                    "Expired; removed for destruction");
        if (!s.ok()) return s;
        ++rep_.adjustments;
        ms += 10 * 1000;
    }
    return Status::Ok();
}

Status HistorySim::random_adjustment(int64_t d, int64_t ms) {
    if (batches_.empty() || !c_.rng.chance(0.2)) return Status::Ok();
    SimBatch& b = batches_[c_.rng.below(batches_.size())];
    if (b.balance <= 0 || b.expiry_day < d) return Status::Ok();
    const SimItem& it = c_.items[b.item];
    int64_t small = std::max<int64_t>(1, std::min<int64_t>(b.balance, it.typical_qty));
    double u = c_.rng.unit();
    Status s;
    if (u < 0.6) s = write_adjustment(c_.writer, c_.history_device_id, ms, c_.storekeeper_id, b, -c_.rng.between(1, small),
                                      "damaged", "Found damaged on the shelf");
    else if (u < 0.8) s = write_adjustment(c_.writer, c_.history_device_id, ms, c_.storekeeper_id, b, c_.rng.between(1, small),
                                           "found", "Found in the back store");
    else if (u < 0.9) s = write_adjustment(c_.writer, c_.history_device_id, ms, c_.storekeeper_id, b, -c_.rng.between(1, small),
                                           "other", "Given to the outreach team, paperwork lost");
    else s = write_adjustment(c_.writer, c_.history_device_id, ms, c_.storekeeper_id, b, -c_.rng.between(1, small),
                              "lost", "Not found at the monthly check");
    if (s.ok()) ++rep_.adjustments;
    return s;
}

Status HistorySim::transfer_out(int64_t d, int64_t ms) {
    for (auto& it : c_.items) {
        if (!it.stock_out) continue;
        // Keep about six days of use; the rest goes to a neighbouring clinic.
        int64_t excess = usable(it, d) - static_cast<int64_t>(it.daily_use * 6) - 1;
        for (auto b = it.batches.rbegin(); b != it.batches.rend() && excess > 0; ++b) {
            SimBatch& sb = batches_[*b];
            if (sb.balance <= 0 || sb.expiry_day < d) continue;
            int64_t q = std::min(excess, sb.balance);
            Status s = write_adjustment(c_.writer, c_.history_device_id, ms, c_.storekeeper_id, sb, -q, "transfer_out",
                                        "Sent to Kintampo health centre for the malaria outbreak");
            if (!s.ok()) return s;
            ++rep_.adjustments;
            excess -= q;
            ms += 10 * 1000;
        }
    }
    return Status::Ok();
}

Status HistorySim::stocktake(int64_t d, int64_t ms, bool finalise) {
    BulkWriter& w = c_.writer;
    json frontier = json::object();
    frontier[c_.history_device_id] = w.last_seq(c_.history_device_id);
    if (c_.history_device_id != c_.device_id && w.last_seq(c_.device_id) > 0)
        frontier[c_.device_id] = w.last_seq(c_.device_id);
    const int64_t finish_ms = ms + 75 * kMin;
    if (finalise) w.begin(c_.device_id, "stocktake", finish_ms);
    else w.tick(ms);
    std::string id = w.new_id();
    json row{{"id", id},
             {"site_id", c_.site_id},
             {"device_id", c_.device_id},
             {"user_id", c_.storekeeper_id},
             {"description", finalise ? "Monthly stock count" : "Monthly stock count (training)"},
             {"blind", 0},
             {"status", finalise ? "finalised" : "open"},
             {"frontier", frontier.dump()},
             {"started_ms", ms},
             {"finished_ms", finalise ? json(finish_ms) : json()},
             {"hlc", w.hlc()}};
    Status s = w.write("stocktakes", row);
    if (!s.ok()) return s;
    int discrepancies = 0;
    for (auto& b : batches_) {
        if (b.balance == 0 && b.expiry_day < d) continue;  // as start_stocktake chooses its lines
        json line{{"stocktake_id", id}, {"batch_id", b.id}, {"item_id", b.item_id}, {"expected", b.balance}};
        if (!finalise && c_.rng.chance(0.15)) {  // not counted yet
            s = w.write("stocktake_lines", line);
            if (!s.ok()) return s;
            continue;
        }
        int64_t counted = b.balance;
        bool differs = b.balance > 0 && (finalise ? c_.rng.chance(0.06) : discrepancies < 3 && c_.rng.chance(0.1));
        if (differs) {
            int64_t step = std::max<int64_t>(1, b.balance / 40);
            counted = c_.rng.chance(0.8) ? std::max<int64_t>(0, b.balance - c_.rng.between(1, step))
                                         : b.balance + c_.rng.between(1, step);
            ++discrepancies;
        }
        line["counted"] = counted;
        line["counted_by"] = c_.storekeeper_id;
        s = w.write("stocktake_lines", line);
        if (!s.ok()) return s;
        if (finalise && counted != b.balance) {
            json ev{{"user_id", c_.storekeeper_id}, {"kind", "stocktake"}, {"item_id", b.item_id},
                    {"batch_id", b.id}, {"quantity", counted - b.balance}, {"stocktake_id", id}};
            auto e = w.event(ev);
            if (!e.ok()) return e.status();
            b.balance = counted;
            ++rep_.stocktake_corrections;
        }
    }
    if (finalise) return w.end(id).status();
    return Status::Ok();
}

// ---- the run ------------------------------------------------------------------------------

Status HistorySim::day(int64_t d) {
    const int64_t start = d * kDay;
    const int dow = static_cast<int>(((d + 4) % 7 + 7) % 7);  // 1970-01-01 was a Thursday; 0 is Sunday
    if ((d - first_day_) % 14 == 7) {
        Status s = deliveries(d, start + 7 * kHour + 30 * kMin);
        if (!s.ok()) return s;
    }
    if (d == today_day_ - 21) {
        Status s = transfer_out(d, start + 7 * kHour + 50 * kMin);
        if (!s.ok()) return s;
    }
    double factor = dow == 0 ? 0 : dow == 6 ? 0.4 : 1;
    int64_t n = static_cast<int64_t>(std::lround(rx_per_open_day_ * factor * (0.8 + 0.4 * c_.rng.unit())));
    const int64_t gap = 9 * kHour / (n + 1);
    for (int64_t i = 0; i < n; ++i) {
        Status s = prescription(d, start + 8 * kHour + gap * (i + 1) + static_cast<int64_t>(c_.rng.below(gap / 3 + 1)));
        if (!s.ok()) return s;
    }
    Status s = random_adjustment(d, start + 17 * kHour + 10 * kMin);
    if (!s.ok()) return s;
    s = write_offs(d, start + 17 * kHour + 20 * kMin);
    if (!s.ok()) return s;
    int64_t count_day = std::max(first_day_ + 1, today_day_ - 30);
    if (d == count_day) return stocktake(d, start + 17 * kHour + 30 * kMin, true);
    return Status::Ok();
}

// This morning: the scenario's own events.
Status HistorySim::morning(std::vector<std::string>* pulled) {
    const int64_t start = today_day_ * kDay;
    int64_t ms = std::clamp(c_.today_ms - 90 * kMin, start, start + 8 * kHour);
    const ScenarioPlan& plan = c_.scenario;
    for (size_t i = 0; i < c_.items.size() && !plan.last_box_code.empty(); ++i) {
        SimItem& it = c_.items[i];
        if (!it.last_box || patients_.size() < 2) continue;
        if (usable(it, today_day_) == 0) {
            Status s = receive(i, today_day_, ms, it.pack, true, today_day_ + 300);
            if (!s.ok()) return s;
        }
        // Both devices start from the same record: the last stock of the item.
        const int64_t have = usable(it, today_day_);
        const int64_t q = std::min(it.typical_qty, have);
        const auto alloc = allocate(it, today_day_, q);
        auto here = write_dispensing(c_.device_id, ms + 5 * kMin, patients_[0], c_.dispenser_id,
                                     {{i, q, alloc}}, false, nullptr);
        if (!here.ok()) return here.status();
        // The outreach tablet, offline, dispensed from the same record; its
        // change is handed back to be applied as if pulled after reconnecting.
        auto there = write_dispensing(c_.peer_device_id, ms + 20 * kMin, patients_[1], c_.admin_id,
                                      {{i, q, alloc}}, true, nullptr);
        if (!there.ok()) return there.status();
        if (pulled) pulled->push_back(there->second);
    }
    if (plan.open_stocktake_with_discrepancy) return stocktake(today_day_, ms + 40 * kMin, false);
    return Status::Ok();
}

Status HistorySim::run(GenerateReport* report, std::vector<std::string>* pulled) {
    expected_rx_left_ = static_cast<int64_t>(rx_per_open_day_ * kOpenShare * static_cast<double>(c_.counts.days));
    Status s = open_stock();
    if (!s.ok()) return s;
    for (int64_t d = first_day_; d < today_day_; ++d) {
        s = day(d);
        if (!s.ok()) return s;
    }
    s = morning(pulled);
    if (!s.ok()) return s;
    rep_.first_day = date_from_days(first_day_);
    rep_.last_day = date_from_days(today_day_ - 1);
    if (report) {
        report->batches = rep_.batches;
        report->patients = rep_.patients;
        report->prescriptions = rep_.prescriptions;
        report->receipts = rep_.receipts;
        report->adjustments = rep_.adjustments;
        report->cancellations = rep_.cancellations;
        report->stocktake_corrections = rep_.stocktake_corrections;
        report->first_day = rep_.first_day;
        report->last_day = rep_.last_day;
    }
    return c_.writer.flush_stock_on_hand();
}

}  // namespace outpost

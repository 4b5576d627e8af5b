// Month-end reports: the formulas against domain facts 2.6 and their
// boundaries, the worked example built as a real ledger, the day boundary,
// the list reports, and a hand computation over a seeded random ledger
// (opening + movements = closing = the ledger's own sum).
#include <catch2/catch.hpp>
#include <cmath>
#include <random>

#include "csv.h"
#include "reports.h"
#include "test_fixture.h"
#include "worked_example.h"

using namespace outpost;
using namespace outpost::test;

// ---- the formulas ---------------------------------------------------------------------

TEST_CASE("domain facts 2.6: the worked example, exactly", "[reports][amc]") {
    // 900 units over a 3-month look-back, 10 stock-out days.
    const double a = amc_open_msupply(900, 3, 30.4375, 10, true);
    CHECK(std::round(a * 10) / 10 == Approx(336.9));
    CHECK(a == Approx(300.0 * 91.3125 / 81.3125));
    CHECK(openlmis_adjusted_consumption(900, 3, 10) == 1013);
    CHECK(static_cast<double>(openlmis_adjusted_consumption(900, 3, 10)) / 3 == Approx(337.67).epsilon(0.001));
    // Available 400, MaxMOS 3: MinMOS 1 gives 0 (MOS 1.19 > 1); MinMOS 2 gives 611.
    REQUIRE(months_of_stock(400, a).has_value());
    CHECK(*months_of_stock(400, a) == Approx(1.187).epsilon(0.001));
    CHECK(suggested_quantity(400, a, 1, 3) == 0);
    CHECK(suggested_quantity(400, a, 2, 3) == 611);
}

TEST_CASE("AMC and suggested quantity at the boundaries", "[reports][amc]") {
    AmcMethod msupply, adjusted, openlmis;
    REQUIRE(parse_amc_method("msupply", &msupply));
    REQUIRE(parse_amc_method("msupply-adjusted", &adjusted));
    REQUIRE(parse_amc_method("openlmis", &openlmis));
    CHECK_FALSE(parse_amc_method("average", &msupply));

    SECTION("no consumption: AMC 0, months of stock undefined, suggested 0") {
        const std::vector<MonthUse> none(3);
        for (const AmcMethod& m : {msupply, adjusted, openlmis}) CHECK(amc(m, none) == 0);
        CHECK_FALSE(months_of_stock(500, 0).has_value());
        CHECK(suggested_quantity(500, 0, 2, 3) == 0);
        CHECK(suggested_quantity(0, 0, 2, 3) == 0);
        CHECK(stock_state(500, 0, 2, 3) == StockState::kNotUsed);
        CHECK(stock_state(0, 0, 2, 3) == StockState::kStockOut);
    }
    SECTION("overstocked gives 0; at the minimum it orders up to the maximum") {
        CHECK(suggested_quantity(2000, 300, 2, 3) == 0);
        CHECK(stock_state(2000, 300, 2, 3) == StockState::kOverstock);
        CHECK(suggested_quantity(600, 300, 2, 3) == 300);  // MOS exactly 2: orders
        CHECK(stock_state(600, 300, 2, 3) == StockState::kAdequate);
        CHECK(stock_state(599, 300, 2, 3) == StockState::kUnderstock);
        CHECK(suggested_quantity(601, 300, 2, 3) == 0);
        CHECK(suggested_quantity(600, 300, 2, 3, 250) == 50);   // stock on order counts
        CHECK(suggested_quantity(600, 300, 2, 3, 500) == 0);    // never negative
        CHECK(suggested_quantity(800, 300, 0, 3) == 100);       // MinMOS 0 means MaxMOS
        CHECK(suggested_quantity(100, 300, 2, 0) == 0);         // MaxMOS 0: never order
        CHECK(suggested_quantity(-50, 300, 2, 3) == 900);       // a negative balance is none
    }
    SECTION("stock-out days are excluded or not, per method") {
        const std::vector<MonthUse> months = {{300, 10}, {300, 0}, {300, 0}};
        CHECK(amc(msupply, months) == Approx(300));
        CHECK(amc(adjusted, months) == Approx(300.0 * 91.3125 / 81.3125));
        // OpenLMIS adjusts each month: ceil(300 x 30/20) = 450; ceil((450+300+300)/3) = 350.
        CHECK(amc(openlmis, months) == 350);
        // Out of stock for the whole window: nothing to scale from.
        CHECK(amc_open_msupply(0, 3, 30.4375, 92, true) == 0);
        CHECK(amc_open_msupply(90, 3, 30.4375, 92, true) == Approx(30));
        CHECK(openlmis_adjusted_consumption(120, 1, 30) == 120);
        CHECK(openlmis_adjusted_consumption(120, 1, 31) == 120);
        CHECK(openlmis_adjusted_consumption(120, 1, 0) == 120);
        CHECK(openlmis_average({}) == 0);
        CHECK(openlmis_average({1, 1, 2}) == 2);
    }
    SECTION("packs round up") {
        CHECK(round_up_to_packs(611, 100) == 700);
        CHECK(round_up_to_packs(600, 100) == 600);
        CHECK(round_up_to_packs(0, 100) == 0);
    }
    SECTION("every method says what it is") {
        CHECK(msupply.describe() == "Open mSupply (3-month look-back, 30.4375 days a month, no stock-out adjustment)");
        CHECK(adjusted.describe().find("adjusted for stock-out days") != std::string::npos);
        CHECK(openlmis.describe().find("OpenLMIS") == 0);
    }
}

TEST_CASE("the report calendar: months, ranges and the day boundary", "[reports][days]") {
    CHECK(device_day_of_ms(ms_at("2026-06-30", 23, 59) + 59999) == range_of("2026-06-30", "2026-06-30").first);
    CHECK(device_day_of_ms(ms_at("2026-07-01", 0)) == range_of("2026-07-01", "2026-07-01").first);
    const auto m = whole_months_ending_by(range_of("2026-06-30", "2026-06-30").last, 3);
    REQUIRE(m.size() == 3);
    CHECK(m[0].text() == "2026-04");
    CHECK(m[2].text() == "2026-06");
    // The month of a mid-month end is not over: the look-back ends the month before.
    CHECK(whole_months_ending_by(range_of("2026-06-20", "2026-06-20").last, 3)[2].text() == "2026-05");
    CHECK(whole_months_ending_by(range_of("2026-02-28", "2026-02-28").last, 13)[0].text() == "2025-02");
    CHECK(Month{2024, 2}.days().days() == 29);
    CHECK(last_full_month(range_of("2026-01-15", "2026-01-15").first).text() == "2025-12-01 to 2025-12-31");
    CHECK(parse_day_range("2026-06-31", "2026-07-01").status().message().find("'2026-06-31' is not a date") == 0);
    CHECK(parse_day_range("2026-07-01", "2026-06-01").status().message().find("ends (2026-06-01) before") !=
          std::string::npos);
    CHECK_FALSE(parse_day_range("2006-01-01", "2026-01-01").ok());
}

TEST_CASE("stock status of the worked example, from the ledger", "[reports][stock-status]") {
    WorkedExample w;
    ReportOptions o;
    o.range = range_of("2026-06-01", "2026-06-30");
    o.amc.adjust_for_stock_out = true;
    o.min_mos = 2;
    o.max_mos = 3;
    auto rep = stock_status_report(*w.c.store, o);
    REQUIRE(rep.ok());
    REQUIRE(rep->amc_months.size() == 3);
    CHECK(rep->amc_months.front().text() == "2026-04");
    CHECK(rep->amc_months.back().text() == "2026-06");
    const StockStatusRow& r = w.amox_row(*rep);
    CHECK(r.opening == 700);
    CHECK(r.received == 0);
    CHECK(r.dispensed == 310);
    CHECK(r.cancelled == 10);
    CHECK(r.consumed() == 300);
    CHECK(r.closing == 400);  // the 1 July dispensing is after the range
    CHECK(r.available == 400);
    CHECK(r.stock_out_days == 0);
    CHECK(std::round(r.amc * 10) / 10 == Approx(336.9));
    CHECK(r.state == StockState::kUnderstock);
    CHECK(r.suggested == 611);
    o.min_mos = 1;
    rep = stock_status_report(*w.c.store, o);
    REQUIRE(rep.ok());
    CHECK(w.amox_row(*rep).suggested == 0);
    CHECK(w.amox_row(*rep).state == StockState::kAdequate);

    SECTION("May: the 10 stock-out days, and the methods side by side") {
        o.range = range_of("2026-05-01", "2026-05-31");
        rep = stock_status_report(*w.c.store, o);
        REQUIRE(rep.ok());
        const StockStatusRow& may = w.amox_row(*rep);
        CHECK(may.opening == 300);
        CHECK(may.received == 700);
        CHECK(may.dispensed == 300);
        CHECK(may.closing == 700);
        CHECK(may.stock_out_days == 10);  // 10 May to 19 May ended at 0
        o.range = range_of("2026-06-01", "2026-06-30");
        o.amc = AmcMethod{};
        rep = stock_status_report(*w.c.store, o);
        CHECK(w.amox_row(*rep).amc == Approx(300));  // no adjustment
        REQUIRE(parse_amc_method("openlmis", &o.amc));
        rep = stock_status_report(*w.c.store, o);
        CHECK(w.amox_row(*rep).amc == 350);  // (300 + 450 + 300) / 3
    }
    SECTION("the day boundary: 1 July 00:00 UTC belongs to July") {
        o.range = range_of("2026-07-01", "2026-07-01");
        rep = stock_status_report(*w.c.store, o);
        REQUIRE(rep.ok());
        CHECK(w.amox_row(*rep).opening == 400);
        CHECK(w.amox_row(*rep).dispensed == 7);
        CHECK(w.amox_row(*rep).closing == 393);
    }
    SECTION("the table says which AMC method and months") {
        const ReportTable t = to_table(*rep);
        REQUIRE(!t.rows.empty());
        CHECK(t.header.size() == t.rows[0].size());
        CHECK(t.header[t.header.size() - 2] == "AMC method");
        CHECK(t.rows[0].back() == "2026-04 to 2026-06");
        bool noted = false;
        for (const auto& n : t.notes) noted = noted || n.find("from the months 2026-04 to 2026-06") != std::string::npos;
        CHECK(noted);
    }
}

TEST_CASE("consumption by month of the worked example", "[reports][consumption]") {
    WorkedExample w;
    ReportOptions o;
    o.range = range_of("2026-06-01", "2026-06-30");
    REQUIRE(parse_amc_method("openlmis", &o.amc));
    auto rep = consumption_report(*w.c.store, o);
    REQUIRE(rep.ok());
    REQUIRE(rep->months.size() == 12);
    CHECK(rep->months.front().text() == "2025-07");
    CHECK(rep->months.back().text() == "2026-06");
    const ConsumptionRow* amox = nullptr;
    for (const auto& r : rep->rows)
        if (r.item_id == w.c.amox) amox = &r;
    REQUIRE(amox);
    CHECK(amox->months[9].consumed == 300);
    CHECK(amox->months[10].consumed == 300);
    CHECK(amox->months[10].stock_out_days == 10);
    CHECK(amox->months[11].consumed == 300);
    CHECK(amox->months[8].consumed == 0);
    CHECK(amox->months[8].stock_out_days == 31);  // March: nothing received yet
    CHECK(amox->total == 900);
    CHECK(amox->months_ending_out == 9);  // July 2025 to March 2026
    CHECK(amox->amc == 350);
    const ReportTable t = to_table(*rep);
    CHECK(t.header[3] == "2025-07");
    CHECK(t.header.size() == t.rows[0].size());
}

// ---- the list reports ---------------------------------------------------------------------------

TEST_CASE("losses, stocktake variances and the controlled register", "[reports][lists]") {
    Clinic c(":memory:", false);
    c.clock.set(ms_at("2026-06-01", 8));
    ItemInput m{"MORPH10", "Morphine", "10 mg/mL", "injection", "ampoule", 10, "", "Controlled", 0};
    m.controlled = true;
    const std::string morphine = c.store->upsert_item(m).value();
    const std::string amp = c.receive(morphine, "M-1", 400, 50);
    const std::string old = c.receive(c.para, "P-OLD", 10, 200);   // expires 2026-06-11
    const std::string good = c.receive(c.para, "P-NEW", 300, 1000);
    c.clock.set(ms_at("2026-06-03", 9));
    DispenseInput in;
    in.patient_id = c.patient;
    in.prescriber = "Dr Banda";
    in.lines.push_back({morphine, 4, "", "", std::nullopt});
    REQUIRE(c.store->dispense(c.dispenser, in).ok());
    c.clock.set(ms_at("2026-06-05", 9));
    REQUIRE(c.store->adjust(c.storekeeper, {good, -30, "damaged", "roof leak"}).ok());
    REQUIRE(c.store->adjust(c.storekeeper, {good, -100, "transfer_out", "to Kasama"}).ok());
    REQUIRE(c.store->adjust(c.storekeeper, {amp, -1, "damaged", "ampoule broke"}).ok());
    c.clock.set(ms_at("2026-06-20", 9));
    auto st = c.store->start_stocktake(c.storekeeper, "June count", false, {c.para});
    REQUIRE(st.ok());
    REQUIRE(c.store->enter_count(c.storekeeper, *st, good, 860).ok());  // record says 870
    REQUIRE(c.store->finalise_stocktake(c.storekeeper, *st).ok());

    ReportOptions o;
    o.range = range_of("2026-06-01", "2026-06-30");
    SECTION("losses: written off, then expired on the shelf; no value without prices") {
        auto rep = loss_report(*c.store, o);
        REQUIRE(rep.ok());
        CHECK_FALSE(rep->values_available);
        REQUIRE(rep->rows.size() == 3);  // morphine damaged, paracetamol damaged, P-OLD expired on the shelf
        CHECK(rep->rows[0].code == "MORPH10");
        CHECK(rep->rows[0].quantity == 1);
        CHECK(rep->rows[1].code == "PARA500T");
        CHECK(rep->rows[1].reason_label == "Damaged");
        CHECK(rep->rows[1].quantity == 30);
        CHECK(rep->rows[2].batch_no == "P-OLD");
        CHECK(rep->rows[2].reason_label == "Expired on the shelf");
        CHECK(rep->rows[2].quantity == 200);
        const ReportTable t = to_table(*rep);
        CHECK(t.rows[0].back() == "not available");
    }
    SECTION("stocktake variances: counted minus the balance at the frontier") {
        auto rep = stocktake_report(*c.store, o);
        REQUIRE(rep.ok());
        REQUIRE(rep->rows.size() == 2);  // both paracetamol batches were on the sheet
        const auto& counted = rep->rows[0].batch_no == "P-NEW" ? rep->rows[0] : rep->rows[1];
        const auto& uncounted = rep->rows[0].batch_no == "P-NEW" ? rep->rows[1] : rep->rows[0];
        CHECK(counted.expected == 870);
        REQUIRE(counted.counted.has_value());
        CHECK(*counted.counted == 860);
        CHECK(counted.variance == -10);
        CHECK(counted.counted_by == "Samuel Store");
        CHECK(counted.description == "June count");
        CHECK_FALSE(uncounted.counted.has_value());
        CHECK(uncounted.variance == 0);
        o.range = range_of("2026-07-01", "2026-07-31");
        CHECK(stocktake_report(*c.store, o)->rows.empty());
    }
    SECTION("controlled register: who, to whom, how much, which batch, balance") {
        auto rep = controlled_report(*c.store, o);
        REQUIRE(rep.ok());
        REQUIRE(rep->rows.size() == 3);  // receipt, dispensing, breakage; no paracetamol
        CHECK(rep->rows[0].kind == "receipt");
        CHECK(rep->rows[0].balance == 50);
        const ControlledRow& d = rep->rows[1];
        CHECK(d.kind == "dispense");
        CHECK(d.quantity == -4);
        CHECK(d.balance == 46);
        CHECK(d.batch_no == "M-1");
        CHECK(d.patient == "KAMARA, Aminata");
        CHECK(d.prescriber == "Dr Banda");
        CHECK(d.user_name == "Dina Dispenser");
        CHECK(rep->rows[2].balance == 45);
        o.range = range_of("2026-06-04", "2026-06-30");
        rep = controlled_report(*c.store, o);
        REQUIRE(rep->rows.size() == 1);
        CHECK(rep->rows[0].balance == 45);  // carried from before the range
    }
    SECTION("run_report by name, and an unknown name") {
        for (const std::string& name : report_names()) {
            auto t = run_report(*c.store, name, o);
            REQUIRE(t.ok());
            for (const auto& row : t->rows) CHECK(row.size() == t->header.size());
        }
        auto bad = run_report(*c.store, "stock", o);
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.status().message().find("'stock' is not a report") == 0);
    }
}

// ---- a hand computation on a generated ledger ---------------------------------------------------

TEST_CASE("stock status agrees with a hand computation over a seeded random ledger", "[reports][random]") {
    for (uint32_t seed : {1u, 7u}) {
        INFO("seed " << seed);
        Clinic c;
        std::mt19937 rng(seed);
        const std::vector<std::string> items = {c.para, c.amox, c.ors};
        std::vector<std::string> rx;
        // 120 days of receipts, dispensings (some short), cancellations, adjustments and counts.
        for (int step = 0; step < 400; ++step) {
            const std::string item = items[rng() % items.size()];
            switch (rng() % 8) {
                case 0:
                    c.store->receive(c.storekeeper, {item, "B" + std::to_string(rng() % 3),
                                                     add_days(c.store->today(), 20 + rng() % 3 * 200),
                                                     static_cast<int64_t>(1 + rng() % 300), QuantityUnit::kUnits,
                                                     "", ""});
                    break;
                case 1: case 2: case 3: {
                    DispenseInput in;
                    in.patient_id = c.patient;
                    in.confirm_short = rng() % 3 == 0;
                    in.lines.push_back({item, static_cast<int64_t>(1 + rng() % 60), "", "", std::nullopt});
                    auto r = c.store->dispense(c.dispenser, in);
                    if (r.ok()) rx.push_back(r->prescription_id);
                    break;
                }
                case 4:
                    if (!rx.empty()) c.store->cancel_dispensing(c.dispenser, rx[rng() % rx.size()], "test");
                    break;
                case 5: {
                    auto d = c.store->item_detail(item);
                    if (!d->batches.empty())
                        c.store->adjust(c.storekeeper, {d->batches[rng() % d->batches.size()].id,
                                                        -static_cast<int64_t>(1 + rng() % 5),
                                                        rng() % 2 ? "damaged" : "expired", ""});
                    break;
                }
                case 6: {
                    auto st = c.store->start_stocktake(c.storekeeper, "", false, {item});
                    if (!st.ok()) break;
                    auto sheet = c.store->stocktake_sheet(*st, 0, 100);
                    REQUIRE(sheet.ok());
                    for (const auto& l : sheet->rows)
                        c.store->enter_count(c.storekeeper, *st, l.batch_id, rng() % 200);
                    c.store->finalise_stocktake(c.storekeeper, *st);
                    break;
                }
                default:
                    c.clock.advance(static_cast<int64_t>(rng() % (96 * 3600000)));
            }
        }
        ReportOptions o;
        const int64_t today = device_day_of_ms(c.clock.now_ms());
        o.range = DayRange{today - 50, today - 20};
        auto rep = stock_status_report(*c.store, o);
        REQUIRE(rep.ok());
        REQUIRE(rep->rows.size() == 3);
        // By hand: every event, its device day, straight from the table.
        struct Ev { std::string item, kind, reason; int64_t day, q; };
        std::vector<Ev> evs;
        Stmt s = c.store->db().prepare("SELECT item_id, kind, COALESCE(reason,''), created_ms, quantity FROM stock_events");
        while (s.step()) evs.push_back({s.text(0), s.text(1), s.text(2), device_day_of_ms(s.i64(3)), s.i64(4)});
        REQUIRE(evs.size() > 200);
        int64_t in_range = 0;
        for (const Ev& e : evs) in_range += e.day >= o.range.first && e.day <= o.range.last;
        REQUIRE(in_range > 40);  // the range is in the middle of the history, not before it
        auto balance_end_of = [&](const std::string& item, int64_t day) {
            int64_t b = 0;
            for (const Ev& e : evs) if (e.item == item && e.day <= day) b += e.q;
            return b;
        };
        for (const StockStatusRow& r : rep->rows) {
            INFO(r.code);
            int64_t rec = 0, disp = 0, canc = 0, adj = 0, stk = 0, outs = 0;
            std::map<std::string, int64_t> by_reason;
            for (const Ev& e : evs) {
                if (e.item != r.item_id || e.day < o.range.first || e.day > o.range.last) continue;
                if (e.kind == "receipt") rec += e.q;
                if (e.kind == "dispense") disp -= e.q;
                if (e.kind == "reversal") canc += e.q;
                if (e.kind == "adjustment") { adj += e.q; by_reason[e.reason] += e.q; }
                if (e.kind == "stocktake") stk += e.q;
            }
            for (int64_t d = o.range.first; d <= o.range.last; ++d) outs += balance_end_of(r.item_id, d) <= 0;
            CHECK(r.opening == balance_end_of(r.item_id, o.range.first - 1));
            CHECK(r.received == rec);
            CHECK(r.dispensed == disp);
            CHECK(r.cancelled == canc);
            CHECK(r.adjusted_total == adj);
            CHECK(r.adjusted == by_reason);
            CHECK(r.stocktake == stk);
            CHECK(r.closing == balance_end_of(r.item_id, o.range.last));
            CHECK(r.opening + r.received - r.dispensed + r.cancelled + r.adjusted_total + r.stocktake == r.closing);
            CHECK(r.stock_out_days == outs);
        }
        // The range that ends today closes at stock on hand.
        o.range = DayRange{today - 10, today};
        rep = stock_status_report(*c.store, o);
        REQUIRE(rep.ok());
        for (const StockStatusRow& r : rep->rows) CHECK(r.closing == c.item_on_hand(r.item_id));
    }
}

TEST_CASE("a report exported as CSV reads back with accents, commas and quotes intact", "[reports][csv]") {
    WorkedExample w;
    ItemInput sro{"SRO1L", "Sels de réhydratation orale, \"SRO\"", "1 L", "poudre\npour solution", "sachet", 100,
                  "", "", 0};
    const std::string id = w.c.store->upsert_item(sro).value();
    w.c.clock.set(ms_at("2026-06-02", 10));
    REQUIRE(w.c.store->receive(w.c.storekeeper, {id, "Lot-é1", "2027-01-31", 250, QuantityUnit::kUnits, "", ""}).ok());
    ReportOptions o;
    o.range = range_of("2026-06-01", "2026-06-30");
    for (const std::string& name : report_names()) {
        INFO(name);
        auto t = run_report(*w.c.store, name, o);
        REQUIRE(t.ok());
        const std::string csv = to_csv(*t);
        CHECK(csv.compare(0, 3, "\xEF\xBB\xBF") == 0);
        auto back = read_csv(csv);
        REQUIRE(back.ok());
        REQUIRE(back->size() == t->rows.size() + 1);
        CHECK((*back)[0].fields == t->header);
        for (size_t i = 0; i < t->rows.size(); ++i) CHECK((*back)[i + 1].fields == t->rows[i]);
    }
    auto t = run_report(*w.c.store, "stock-status", o);
    bool found = false;
    for (const auto& row : t->rows)
        if (row[0] == "SRO1L") {
            found = true;
            CHECK(row[1] == "Sels de réhydratation orale, \"SRO\" 1 L poudre\npour solution");
            CHECK(row[4] == "250");  // received
        }
    CHECK(found);
}

// The worked example of domain facts 2.6 as a real ledger, shared by the
// report tests (tests/store/reports_test.cpp) and the report PDF test
// (tests/print/report_pdf_test.cpp). Catch2 test code: REQUIRE on failure.
#pragma once

#include <catch2/catch.hpp>
#include <string>

#include "reports.h"
#include "test_fixture.h"

namespace outpost::test {

inline int64_t ms_at(const std::string& date, int hour, int minute = 0) {
    int64_t d = 0;
    REQUIRE(parse_date(date, &d));
    return device_day_start_ms(d) + hour * 3600000LL + minute * 60000LL;
}

inline DayRange range_of(const std::string& from, const std::string& to) {
    auto r = parse_day_range(from, to);
    REQUIRE(r.ok());
    return *r;
}

// Amoxicillin in April-June 2026: 900 dispensed (300 a month), out of stock
// from the end of 10 May to the receipt on 20 May (10 stock-out days), 400
// on the shelf at the end of June. One June dispensing of 10 is cancelled, and
// 7 are dispensed on 1 July at 00:00 UTC (after the range).
struct WorkedExample {
    Clinic c{":memory:", false};
    std::string batch_a, batch_b;
    void dispense(const std::string& when, int hour, int64_t qty, std::string* rx = nullptr) {
        c.clock.set(ms_at(when, hour));
        DispenseInput in;
        in.patient_id = c.patient;
        in.prescriber = "Dr Banda";
        in.lines.push_back({c.amox, qty, "1t bd x5/7", "", std::nullopt});
        // A month's consumption in a few records: far more than one course,
        // which the store asks to confirm (issue 17, defect 4).
        in.confirm_large = true;
        auto r = c.store->dispense(c.dispenser, in);
        REQUIRE(r.ok());
        if (rx) *rx = r->prescription_id;
    }
    void receive(const std::string& when, const std::string& batch, int64_t qty, std::string* id) {
        c.clock.set(ms_at(when, 10));
        ReceiveInput in{c.amox, batch, "2027-12-31", qty, QuantityUnit::kUnits, "CMS", ""};
        auto r = c.store->receive(c.storekeeper, in);
        REQUIRE(r.ok());
        *id = r->batch_id;
    }
    WorkedExample() {
        receive("2026-04-01", "A", 600, &batch_a);
        dispense("2026-04-10", 9, 300);
        dispense("2026-05-10", 9, 300);
        receive("2026-05-20", "B", 700, &batch_b);
        dispense("2026-06-10", 9, 300);
        std::string rx;
        dispense("2026-06-12", 9, 10, &rx);
        c.clock.set(ms_at("2026-06-12", 11));
        REQUIRE(c.store->cancel_dispensing(c.dispenser, rx, "wrong patient").ok());
        c.clock.set(ms_at("2026-06-30", 23, 59));
        dispense("2026-07-01", 0, 7);
    }
    const StockStatusRow& amox_row(const StockStatusReport& r) {
        for (const auto& row : r.rows)
            if (row.item_id == c.amox) return row;
        FAIL("amoxicillin is not in the report");
        return r.rows.front();
    }
};

}  // namespace outpost::test

// Report days follow the device's zone (issue 13): a dispensing at 01:00 in
// Nairobi on 1 July (22:00 UTC on 30 June) is July's, not June's.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>

#include "local_time.h"
#include "reports.h"
#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

namespace {

struct ZoneForTest {
    ~ZoneForTest() { use_time_zone_setting(""); }
};

int64_t day_of(const char* date) {
    int64_t d = 0;
    REQUIRE(parse_date(date, &d));
    return d;
}

constexpr int64_t kJune30At22Utc = 1782856800000LL;  // 2026-06-30 22:00 UTC

}  // namespace

TEST_CASE("a device day runs from local midnight to local midnight", "[reports][days][time]") {
    ZoneForTest keep;
    REQUIRE(use_time_zone_setting("Africa/Nairobi").ok());  // UTC+3, no daylight saving
    CHECK(device_day_of_ms(kJune30At22Utc) == day_of("2026-07-01"));
    CHECK(device_day_of_ms(kJune30At22Utc - 3600000LL - 1) ==
          day_of("2026-06-30"));  // 23:59:59 EAT
    CHECK(device_day_start_ms(day_of("2026-07-01")) == kJune30At22Utc - 1 * 3600000LL);
    REQUIRE(use_time_zone_setting("America/La_Paz").ok());  // UTC-4
    CHECK(device_day_of_ms(kJune30At22Utc) == day_of("2026-06-30"));
    CHECK(device_day_start_ms(day_of("2026-07-01")) == kJune30At22Utc + 6 * 3600000LL);
    // A day with a daylight-saving change is 23 hours long and still ends at
    // the next day's start (Lisbon: 29 March 2026, 01:00 -> 02:00).
    REQUIRE(use_time_zone_setting("Europe/Lisbon").ok());
    const int64_t d = day_of("2026-03-29");
    CHECK(device_day_start_ms(d + 1) - device_day_start_ms(d) == 23 * 3600000LL);
    CHECK(device_day_of_ms(device_day_start_ms(d + 1) - 1) == d);
    // Times before 1970 land on their day too.
    REQUIRE(use_time_zone_setting("UTC").ok());
    CHECK(device_day_of_ms(-1) == -1);
    CHECK(device_day_start_ms(-1) == -86400000LL);
}

TEST_CASE("a month's report counts what was dispensed on the clinic's days",
          "[reports][days][time]") {
    ZoneForTest keep;
    REQUIRE(use_time_zone_setting("Africa/Nairobi").ok());
    Clinic c(":memory:", false);
    c.clock.set(kJune30At22Utc - 20 * 86400000LL);
    ReceiveInput in{c.amox, "A", "2027-12-31", 100, QuantityUnit::kUnits, "CMS", ""};
    REQUIRE(c.store->receive(c.storekeeper, in).ok());
    c.clock.set(kJune30At22Utc + 30 * 60000LL);  // 01:30 on 1 July in Nairobi
    DispenseInput d;
    d.patient_id = c.patient;
    d.prescriber = "Dr Banda";
    d.lines.push_back({c.amox, 12, "1t bd x5/7", "", std::nullopt});
    d.confirm_large = true;
    REQUIRE(c.store->dispense(c.dispenser, d).ok());
    auto dispensed_in = [&](const char* from, const char* to) {
        ReportOptions o;
        o.range = parse_day_range(from, to).value();
        auto rep = stock_status_report(*c.store, o);
        REQUIRE(rep.ok());
        for (const auto& row : rep->rows)
            if (row.item_id == c.amox) return row.dispensed;
        return int64_t{-1};
    };
    CHECK(dispensed_in("2026-06-01", "2026-06-30") == 0);
    CHECK(dispensed_in("2026-07-01", "2026-07-31") == 12);
    // The same ledger read on UTC days puts it in June.
    REQUIRE(use_time_zone_setting("UTC").ok());
    CHECK(dispensed_in("2026-06-01", "2026-06-30") == 12);
}

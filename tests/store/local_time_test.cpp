// Local time and numbers as the clinic reads them (issue 13): the device's
// zone, the language's date order, thousands grouping; UTC stays stored.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <string>

#include "clock.h"
#include "local_time.h"

using namespace outpost;
using i18n::Lang;

namespace {

struct InZone {
    std::string old;
    bool had;
    explicit InZone(const char* zone) {
        const char* o = std::getenv("TZ");
        had = o != nullptr;
        if (had) old = o;
        if (zone) ::setenv("TZ", zone, 1); else ::unsetenv("TZ");
        ::tzset();
    }
    ~InZone() {
        if (had) ::setenv("TZ", old.c_str(), 1); else ::unsetenv("TZ");
        ::tzset();
    }
};

constexpr int64_t kJune15TenUtc = 1781517600000LL;  // 2026-06-15 10:00 UTC

}  // namespace

TEST_CASE("times are shown in the device's zone, dates in the language's order", "[i18n][time]") {
    InZone z("Africa/Nairobi");
    CHECK(local_datetime_zone(kJune15TenUtc, Lang::en) == "2026-06-15 13:00 EAT");
    CHECK(local_datetime(kJune15TenUtc, Lang::fr) == "15/06/2026 13:00");
    CHECK(local_date(kJune15TenUtc, Lang::pt) == "15/06/2026");
    CHECK(datetime_of(kJune15TenUtc) == "2026-06-15 10:00");  // the UTC form is unchanged
    InZone lp("America/La_Paz");
    CHECK(local_datetime_zone(kJune15TenUtc, Lang::es) == "15/06/2026 06:00 -04");
    // Across midnight the local date is the day before.
    CHECK(local_date(kJune15TenUtc - 8 * 3600 * 1000LL, Lang::en) == "2026-06-14");
}

TEST_CASE("the device's zone can be set and a wrong one is refused", "[i18n][time]") {
    InZone z(nullptr);
    CHECK(set_device_time_zone("").ok());
    Status bad = set_device_time_zone("Mars/Olympus_Mons");
    CHECK_FALSE(bad.ok());
    CHECK(bad.message().find("Mars/Olympus_Mons") != std::string::npos);
    CHECK_FALSE(set_device_time_zone("../../etc/passwd").ok());
    REQUIRE(set_device_time_zone("Africa/Maputo").ok());
    CHECK(device_time_zone() == "Africa/Maputo");
    CHECK(local_datetime_zone(kJune15TenUtc, Lang::pt) == "15/06/2026 12:00 CAT");
}

TEST_CASE("numbers are grouped as each language writes them", "[i18n]") {
    CHECK(local_number(1234567, Lang::en) == "1,234,567");
    CHECK(local_number(1234567, Lang::fr) == "1\u00a0234\u00a0567");
    CHECK(local_number(1234567, Lang::es) == "1.234.567");
    CHECK(local_number(1234, Lang::es) == "1234");
    CHECK(local_number(1234, Lang::fr) == "1\u00a0234");
    CHECK(local_number(999, Lang::pt) == "999");
    CHECK(local_number(-12345, Lang::en) == "-12,345");
    CHECK(local_number(0, Lang::fr) == "0");
}

TEST_CASE("a day kept as text is written as each language writes it", "[i18n][time]") {
    CHECK(local_day("2026-06-15", Lang::en) == "2026-06-15");
    CHECK(local_day("2026-06-15", Lang::fr) == "15/06/2026");
    CHECK(local_day("2026-06-15", Lang::pt) == "15/06/2026");
    CHECK(local_day("2026-12-03", Lang::es) == "03/12/2026");
    CHECK(local_day("", Lang::fr).empty());
    CHECK(local_day("2026-06", Lang::fr) == "2026-06");  // a month is not a day
    CHECK(local_day("20x6-06-15", Lang::fr) == "20x6-06-15");
}

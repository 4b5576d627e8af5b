// The Sync screen's time-zone section (clock_settings.cpp): an admin saves
// the device's zone, an unknown zone is refused, the clock follows at once.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>

#include "local_time.h"
#include "sync_status.h"
#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

// Puts the process back on the zone it had (TZ unset or as it was).
struct KeepZone {
    ~KeepZone() { use_time_zone_setting(""); }
};

}  // namespace

TEST_CASE("the time zone: an admin saves it on the Sync screen and the clock follows",
          "[screens][clock]") {
    KeepZone keep;
    Clinic clinic;
    REQUIRE(clinic.store->add_user({"Ana Admin", Role::kAdmin, "9999"}).ok());
    UiOptions options;
    SyncStatusBoard board;
    options.sync = &board;
    Ui ui(clinic, ImVec2(1366, 768), options);
    REQUIRE(ui.log_in("Ana Admin", "9999"));
    REQUIRE(ui.tap("Sync##nav"));
    REQUIRE(ui.type_into("##clock_zone", "Africa/Narobi"));
    REQUIRE(ui.tap("Save time zone##clock"));
    CHECK(ui.error().find("\"Africa/Narobi\" is not a time zone") != std::string::npos);
    CHECK(clinic.store->time_zone_setting().value().empty());

    REQUIRE(ui.tap("Log out##nav"));
    REQUIRE(ui.log_in("Ana Admin", "9999"));
    REQUIRE(ui.tap("Sync##nav"));
    REQUIRE(ui.type_into("##clock_zone", "America/La_Paz"));
    REQUIRE(ui.tap("Save time zone##clock"));
    INFO(ui.error());
    CHECK(clinic.store->time_zone_setting().value() == "America/La_Paz");
    CHECK(device_time_zone() == "America/La_Paz");
    CHECK(ui.notice().find("America/La_Paz") != std::string::npos);
    // 2026-06-15 10:00 UTC is 06:00 in La Paz.
    CHECK(local_datetime_zone(1781517600000LL, i18n::Lang::en) == "2026-06-15 06:00 -04");

    // A storekeeper does not see the setting.
    REQUIRE(ui.tap("Log out##nav"));
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Sync##nav"));
    CHECK_FALSE(ui.visible("Save time zone##clock"));
}

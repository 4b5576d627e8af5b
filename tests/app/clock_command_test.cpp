// `outpost clock` (the device's time zone) and the zone's precedence at
// start-up: --tz, else the stored setting, else the system's.
#include "clock_command.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "local_time.h"
#include "store.h"

using namespace outpost;

namespace {

std::string temp_db() {
    const std::string path = "/tmp/outpost-clock-" + std::to_string(getpid()) + ".db";
    std::remove(path.c_str());
    auto s = Store::Open({path, true, nullptr, false});
    REQUIRE(s.ok());
    REQUIRE((*s)->init_standalone("TST", "Hilltop", "kiosk").ok());
    return path;
}

int run(const std::vector<std::string>& args, std::string* out, std::string* err) {
    std::ostringstream o, e;
    const int status = run_clock_command(args, o, e);
    *out = o.str();
    *err = e.str();
    return status;
}

}  // namespace

TEST_CASE("outpost clock shows, sets and clears the device's time zone", "[clock]") {
    const std::string db = temp_db();
    std::string out, err;
    CHECK(run({"clock", "--db", db}, &out, &err) == 0);
    CHECK(out.find("time zone: the system's (") == 0);
    CHECK(run({"clock", "--db", db, "--tz", "Africa/Nairobi"}, &out, &err) == 0);
    CHECK(out == "time zone: Africa/Nairobi\n");
    CHECK(run({"clock", "--db", db, "--tz", "Africa/Nairoby"}, &out, &err) == 1);
    CHECK(err.find("\"Africa/Nairoby\" is not a time zone on this device") != std::string::npos);
    CHECK(run({"clock", "--db", db}, &out, &err) == 0);
    CHECK(out == "time zone: Africa/Nairobi\n");  // unchanged by the refusal
    CHECK(run({"clock", "--db", db, "--clear"}, &out, &err) == 0);
    CHECK(out.find("time zone: the system's (") == 0);
    CHECK(run({"clock"}, &out, &err) == 2);
    CHECK(run({"clock", "--db", db, "--tz", "UTC", "--clear"}, &out, &err) == 2);
    CHECK(run({"clock", "--db", db, "--bogus"}, &out, &err) == 2);
    CHECK(err.find("'--bogus' is not an option of `outpost clock`") != std::string::npos);
    CHECK(run({"clock", "--db", db + ".missing"}, &out, &err) == 1);
    std::remove(db.c_str());
}

TEST_CASE("the stored zone is used unless --tz was given and clearing it goes back to the system's",
          "[clock]") {
    const char* had = std::getenv("TZ");
    const std::string before = had ? had : "";
    REQUIRE(use_time_zone_setting("Africa/Maputo").ok());
    CHECK(device_time_zone() == "Africa/Maputo");
    CHECK(time_zone_source() == ZoneSource::kSetting);
    // A stored zone the tz database lacks: the system's zone, and why.
    Status gone = use_time_zone_setting("Atlantis/Capital");
    CHECK_FALSE(gone.ok());
    CHECK(gone.message().find("Atlantis/Capital") != std::string::npos);
    CHECK(time_zone_source() == ZoneSource::kSystem);
    REQUIRE(use_time_zone_setting("").ok());
    const char* now = std::getenv("TZ");
    CHECK((now ? now : "") == before);
    CHECK(time_zone_source() == ZoneSource::kSystem);
    // Last: --tz stays for the rest of this process (as for the app's run).
    REQUIRE(use_command_line_time_zone("America/La_Paz").ok());
    REQUIRE(use_time_zone_setting("Africa/Maputo").ok());
    CHECK(device_time_zone() == "America/La_Paz");
    CHECK(time_zone_source() == ZoneSource::kCommandLine);
    CHECK_FALSE(use_command_line_time_zone("Nowhere/At_All").ok());
    CHECK(device_time_zone() == "America/La_Paz");
}

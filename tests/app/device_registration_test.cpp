// Registration from the set-up screen runs on its own thread and reports on
// the board. With no central listening it must end with a plain error, leave
// the store without an identity, and allow another try.
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <thread>
#include <unistd.h>

#include "device_registration.h"
#include "store.h"

using namespace outpost;

TEST_CASE("registration against an unreachable central reports a plain error and can be retried", "[registration]") {
    const std::string db = "/tmp/outpost-reg-" + std::to_string(getpid()) + ".db";
    for (const char* ext : {"", "-wal", "-shm"}) std::remove((db + ext).c_str());
    SyncStatusBoard board;
    int wakes = 0;
    {
        DeviceRegistration reg(db, "kiosk", &board, [&] { ++wakes; });
        reg.start("http://127.0.0.1:9", "ABC-DEF-GHJ");
        CHECK(board.read().restoring);  // published before start() returned
        for (int i = 0; i < 200 && reg.running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        REQUIRE_FALSE(reg.running());
        CHECK_FALSE(reg.succeeded());
        SyncSnapshot s = board.read();
        CHECK_FALSE(s.restoring);
        CHECK_THAT(s.last_error, Catch::Contains("cannot reach central"));
        CHECK(wakes >= 1);
        reg.start("http://127.0.0.1:9", "ABC-DEF-GHJ");  // a second try is allowed
        for (int i = 0; i < 200 && reg.running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        CHECK_FALSE(reg.succeeded());
    }
    auto s = Store::Open({db, false});
    REQUIRE(s.ok());
    CHECK_FALSE((*s)->has_identity());
}

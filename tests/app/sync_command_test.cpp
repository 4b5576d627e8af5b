// `outpost register` / `outpost sync` refuse bad usage and unregistered
// stores in plain words, without touching the network. (The real exchange
// with central is covered by tests/sync/e2e_test.cpp.)
#include <catch2/catch.hpp>
#include <cstdio>
#include <sstream>
#include <unistd.h>

#include "store.h"
#include "sync_command.h"

using namespace outpost;

TEST_CASE("register and sync refuse bad usage and unregistered stores", "[sync-command]") {
    std::ostringstream out, err;
    CHECK(is_sync_command({"register"}));
    CHECK(is_sync_command({"sync"}));
    CHECK_FALSE(is_sync_command({"verify"}));
    CHECK(run_sync_command({"register", "--db", "/tmp/x.db"}, out, err) == 2);
    CHECK_THAT(err.str(), Catch::Contains("--central and --code"));
    CHECK(run_sync_command({"sync", "--bogus", "1"}, out, err) == 2);
    const std::string db = "/tmp/outpost-synccmd-" + std::to_string(getpid()) + ".db";
    std::remove(db.c_str());
    {
        auto s = Store::Open({db, true});
        REQUIRE(s.ok());
        REQUIRE((*s)->init_standalone("HC", "Standalone HC", "kiosk").ok());
    }
    err.str("");
    CHECK(run_sync_command({"sync", "--db", db}, out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("not set up for sync"));
    err.str("");
    // A store that already belongs to a site is never re-registered.
    CHECK(run_sync_command({"register", "--db", db, "--central", "http://127.0.0.1:9", "--code", "X"}, out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("already belongs to site Standalone HC"));
}

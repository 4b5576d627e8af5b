// The pool of central cores that `outpost-central serve` runs
// (central_pool.h): bounded, so a request that finds every connection taken
// gets 503 busy with Retry-After after the pool's wait instead of hanging,
// and its cores share one registration rate limit per address. Runs on
// SQLite and, in the `postgres` CTest run, on PostgreSQL.
#include "central_pool.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "central_test_util.h"

using namespace outpost;
using namespace outpost::central_test;

namespace {

// A database two connections can open: a fresh PostgreSQL database in the
// postgres run, else a new SQLite file.
std::string shared_database(const char* name) {
    if (pg_test::central_on_postgres()) return Central::postgres_database();
    const std::string path =
        "/tmp/outpost_pool_" + std::string(name) + "_" + std::to_string(getpid()) + ".db";
    for (const char* ext : {"", "-wal", "-shm"}) std::remove((path + ext).c_str());
    return path;
}

protocol::Request request(const std::string& method, const std::string& path,
                          const std::string& body) {
    protocol::Request r;
    r.method = method;
    r.path = path;
    r.headers[protocol::kHeaderProtocol] = "3";
    r.body = body;
    r.remote_addr = "10.9.9.9";
    return r;
}

}  // namespace

TEST_CASE("central pool: every connection taken answers 503 busy with Retry-After, never a hang",
          "[central]") {
    FakeClock clock{kStartMs};
    auto pool = CentralPool::Open(shared_database("busy"), 2, false, 200, &clock);
    REQUIRE(pool.status().ToString() == "ok");
    auto held1 = (*pool)->lease();
    auto held2 = (*pool)->lease();
    REQUIRE(held1.core());
    REQUIRE(held2.core());
    const auto t0 = std::chrono::steady_clock::now();
    protocol::Response r = (*pool)->handle(request("GET", protocol::kPathStatus, ""));
    const auto waited = std::chrono::steady_clock::now() - t0;
    CHECK(r.status == 503);
    CHECK(error_of(r) == "busy");
    CHECK(r.headers.count(protocol::kHeaderRetryAfter) == 1);
    CHECK(waited >= std::chrono::milliseconds(150));
    CHECK(waited < std::chrono::seconds(5));
    // A connection given back serves the next request (no token: 401).
    { auto gone = std::move(held1); }
    r = (*pool)->handle(request("GET", protocol::kPathStatus, ""));
    CHECK(r.status == 401);
}

TEST_CASE("central pool: the cores share one registration rate limit per address", "[central]") {
    FakeClock clock{kStartMs};
    auto pool = CentralPool::Open(shared_database("limit"), 2, false, 1000, &clock);
    REQUIRE(pool.status().ToString() == "ok");
    auto a = (*pool)->lease();
    auto b = (*pool)->lease();
    REQUIRE(a.core() != b.core());
    const std::string bad = json{{"code", "AAA-AAA-AAA"}, {"device_name", "kiosk"}}.dump();
    // The allowance, spread over both connections...
    for (int i = 0; i < protocol::kRegisterFailuresAllowed; ++i) {
        CentralCore* core = i % 2 ? a.core() : b.core();
        CHECK(core->handle(request("POST", protocol::kPathRegister, bad)).status == 401);
    }
    // ...is spent on both.
    for (CentralCore* core : {a.core(), b.core()}) {
        protocol::Response r = core->handle(request("POST", protocol::kPathRegister, bad));
        CHECK(r.status == 429);
        CHECK(error_of(r) == "rate_limited");
    }
}

// outpost-central: routing, protocol version, tokens and registration
// (single-use codes, expiry, rate limit, demo separation).
#include <cctype>
#include <cstdio>

#include "central_test_util.h"

using namespace outpost;
using namespace outpost::central_test;

TEST_CASE("central: unknown endpoints wrong methods and protocol versions", "[central]") {
    Central c;
    auto r = c.call("GET", "/v1/nothing", "");
    CHECK(r.status == 404);
    CHECK(error_of(r) == "not_found");
    r = c.call("GET", protocol::kPathPush, "");
    CHECK(r.status == 405);
    CHECK(error_of(r) == "method_not_allowed");

    for (const char* v : {static_cast<const char*>(nullptr), "0", "abc", "", "-1"}) {
        r = c.call("GET", protocol::kPathStatus, "", "", "10.0.0.1", v);
        INFO((v ? v : "(none)"));
        CHECK(r.status == 426);
        CHECK(error_of(r) == "version_too_old");
        CHECK(r.headers.at("content-type") == "application/json");
    }
    // A newer device is served (the answer here is about its token, not its version).
    r = c.call("GET", protocol::kPathStatus, "", "", "10.0.0.1", "2");
    CHECK(r.status == 401);
}

TEST_CASE("central: tokens are checked and revoked tokens refused", "[central]") {
    Central c;
    c.site("HC01");
    auto dev = c.register_device("HC01");
    CHECK(dev.token.size() == 64);

    auto r = c.call("GET", protocol::kPathStatus, "", dev.token);
    REQUIRE(r.status == 200);
    json s = json::parse(r.body);
    CHECK(s["device_id"] == dev.device_id);
    CHECK(s["site_id"] == dev.site_id);
    CHECK(s["accepted_through"] == 0);
    CHECK(s["feed_head"].get<int64_t>() >= 3);  // reason codes, site, device
    CHECK(s["server_time_ms"] == kStartMs);

    r = c.call("GET", protocol::kPathStatus, "");
    CHECK(r.status == 401);
    CHECK(error_of(r) == "bad_token");
    r = c.call("GET", protocol::kPathStatus, "", std::string(64, 'a'));
    CHECK(r.status == 401);
    CHECK(error_of(r) == "bad_token");

    // Only the hash of the token is stored.
    CHECK_FALSE(c.core->sql()
                    .query_i64("SELECT 1 FROM devices WHERE token_sha256='" + dev.token + "'")
                    .has_value());

    REQUIRE(c.core->revoke_device(dev.device_id).ok());
    r = c.call("GET", protocol::kPathStatus, "", dev.token);
    CHECK(r.status == 401);
    CHECK(error_of(r) == "bad_token");
    r = c.post(protocol::kPathPush, json{{"device_id", dev.device_id}, {"changes", json::array({Central::event_change(dev, 1)})}},
               dev.token);
    CHECK(r.status == 401);
    CHECK(c.core->revoke_device("no-such-device").code() == Status::Code::kNotFound);
}

TEST_CASE("central: registration gives a device a token and the site", "[central]") {
    Central c;
    const std::string site_id = c.site("HC01");
    auto code = c.core->issue_code("HC01");
    REQUIRE(code.ok());
    CHECK(code->size() == 11);  // XXX-XXX-XXX
    // People retype codes: lower case and no dashes still work.
    std::string typed;
    for (char ch : *code)
        if (ch != '-') typed += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    auto r = c.post(protocol::kPathRegister, json{{"code", typed}, {"device_name", "dispensary kiosk"}, {"demo", false}});
    REQUIRE(r.status == 200);
    json j = json::parse(r.body);
    CHECK(j["site"]["id"] == site_id);
    CHECK(j["site"]["code"] == "HC01");
    CHECK(j["site"]["name"] == "Site HC01");
    CHECK(j["site"]["is_demo"] == false);
    CHECK(j["device_id"].get<std::string>().size() == 36);

    // The device row is in the site's feed, so the site's devices learn of it.
    CHECK(c.core->sql().query_i64("SELECT COUNT(*) FROM feed WHERE site_id='" + site_id +
                                  "' AND payload LIKE '%\"devices\"%dispensary kiosk%'") == 1);

    SECTION("a code works once") {
        r = c.post(protocol::kPathRegister, json{{"code", *code}, {"device_name", "second"}});
        CHECK(r.status == 401);
        CHECK(error_of(r) == "bad_code");
        CHECK(json::parse(r.body)["message"].get<std::string>().find("already used") != std::string::npos);
        CHECK(c.core->sql().query_i64("SELECT COUNT(*) FROM devices") == 1);
    }
    SECTION("a code expires after 24 hours") {
        auto late = c.core->issue_code("HC01");
        c.clock.advance(24LL * 3600 * 1000);
        r = c.post(protocol::kPathRegister, json{{"code", *late}, {"device_name", "late"}});
        CHECK(r.status == 401);
        CHECK(error_of(r) == "bad_code");
        CHECK(json::parse(r.body)["message"].get<std::string>().find("expired") != std::string::npos);
    }
    SECTION("unknown codes and unknown sites") {
        r = c.post(protocol::kPathRegister, json{{"code", "AAA-AAA-AAA"}, {"device_name", "x"}});
        CHECK(r.status == 401);
        CHECK(error_of(r) == "bad_code");
        CHECK(c.core->issue_code("NOPE").status().code() == Status::Code::kNotFound);
    }
}

TEST_CASE("central: malformed registration requests are 400 and write nothing", "[central]") {
    Central c;
    c.site("HC01");
    auto code = *c.core->issue_code("HC01");
    const std::string bodies[] = {
        "", "not json", "[1,2]", "{\"code\":", R"({"device_name":"x"})", R"({"code":42,"device_name":"x"})",
        R"({"code":"ABC","device_name":7})", R"({"code":"ABC","device_name":""})",
        R"({"code":"ABC","device_name":"x","demo":"no"})",
    };
    for (const auto& b : bodies) {
        auto r = c.call("POST", protocol::kPathRegister, b);
        INFO(b);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "bad_request");
    }
    CHECK(c.core->sql().query_i64("SELECT COUNT(*) FROM devices") == 0);
    // The code was not spent by any of them.
    auto r = c.post(protocol::kPathRegister, json{{"code", code}, {"device_name", "kiosk"}});
    CHECK(r.status == 200);
}

TEST_CASE("central: failed registrations are rate limited per address", "[central]") {
    Central c;
    c.site("HC01");
    for (int i = 0; i < protocol::kRegisterFailuresAllowed; ++i) {
        auto r = c.post(protocol::kPathRegister, json{{"code", "BAD-BAD-BAD"}, {"device_name", "x"}}, "", "10.9.9.9");
        CHECK(r.status == 401);
        c.clock.advance(1000);
    }
    // Now even a good code from that address waits.
    auto good = *c.core->issue_code("HC01");
    auto r = c.post(protocol::kPathRegister, json{{"code", good}, {"device_name", "x"}}, "", "10.9.9.9");
    CHECK(r.status == 429);
    CHECK(error_of(r) == "rate_limited");
    const int retry = std::stoi(r.headers.at("Retry-After"));
    CHECK(retry > 0);
    CHECK(retry <= 600);
    // Another address is not affected.
    r = c.post(protocol::kPathRegister, json{{"code", "BAD-BAD-BAD"}, {"device_name", "x"}}, "", "10.1.1.1");
    CHECK(r.status == 401);
    // After the window the address may try again, and the good code still works.
    c.clock.advance(static_cast<int64_t>(retry) * 1000);
    r = c.post(protocol::kPathRegister, json{{"code", good}, {"device_name", "x"}}, "", "10.9.9.9");
    CHECK(r.status == 200);
}

TEST_CASE("central: demo and real never mix", "[central]") {
    SECTION("a real central refuses demo devices and demo sites") {
        Central c(false);
        c.site("HC01");
        auto code = *c.core->issue_code("HC01");
        auto r = c.post(protocol::kPathRegister, json{{"code", code}, {"device_name", "x"}, {"demo", true}});
        CHECK(r.status == 403);
        CHECK(error_of(r) == "demo_mismatch");
        CHECK(c.core->create_site("DEMO1", "Demo", true).status().code() == Status::Code::kPermissionDenied);
        // The refused attempt did not spend the code.
        r = c.post(protocol::kPathRegister, json{{"code", code}, {"device_name", "x"}, {"demo", false}});
        CHECK(r.status == 200);
    }
    SECTION("a demo central refuses real devices and real sites") {
        Central c(true);
        CHECK(c.core->create_site("HC01", "Real", false).status().code() == Status::Code::kPermissionDenied);
        c.site("DEMO1", true);
        auto code = *c.core->issue_code("DEMO1");
        auto r = c.post(protocol::kPathRegister, json{{"code", code}, {"device_name", "x"}});
        CHECK(r.status == 403);
        CHECK(error_of(r) == "demo_mismatch");
        r = c.post(protocol::kPathRegister, json{{"code", code}, {"device_name", "x"}, {"demo", true}});
        CHECK(r.status == 200);
        CHECK(json::parse(r.body)["site"]["is_demo"] == true);
    }
    SECTION("a demo database cannot be opened as a real central") {
        FakeClock clock(kStartMs);
        const std::string path = "/tmp/outpost_central_demo_test.db";
        for (const char* ext : {"", "-wal", "-shm"}) std::remove((path + ext).c_str());
        REQUIRE(CentralCore::Open(path, &clock, true).ok());
        auto real = CentralCore::Open(path, &clock, false);
        CHECK(real.status().code() == Status::Code::kPermissionDenied);
        CHECK(real.status().message().find("--demo") != std::string::npos);
        CHECK(CentralCore::Open(path, &clock, true).ok());
        for (const char* ext : {"", "-wal", "-shm"}) std::remove((path + ext).c_str());
    }
}

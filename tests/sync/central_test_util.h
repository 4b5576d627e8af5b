// Helpers for the outpost-central tests: a CentralCore on a fake clock in
// memory, requests built the way a device sends them, and a registered
// device. Header-only so each central_*_test.cpp can include it.
//
// With OUTPOST_TEST_CENTRAL_DB=postgres (the CTest entries labelled
// `postgres`) a Central made without a file path runs on a fresh database of
// a throwaway PostgreSQL cluster (postgres_cluster.h) instead of SQLite in
// memory, so the same tests check both engines. When PostgreSQL is not
// installed the program says so and exits 77, which CTest reports as skipped.
#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "central_core.h"
#include "postgres_cluster.h"
#include "protocol.h"

namespace outpost::central_test {

using json = nlohmann::json;

// 2026-06-15 10:00 UTC
constexpr int64_t kStartMs = 1781517600000LL;

struct Registered {
    std::string device_id, token, site_id;
};

struct Central {
    FakeClock clock{kStartMs};
    std::unique_ptr<CentralCore> core;

    explicit Central(bool demo = false, const std::string& path = ":memory:") {
        std::string target = path;
        if (path == ":memory:" && !demo && pg_test::central_on_postgres())
            target = postgres_database();
        auto opened = CentralCore::Open(target, &clock, demo);
        REQUIRE(opened.status().ToString() == "ok");
        core = std::move(opened).value();
    }

    // A new database on the test cluster (see the file comment).
    static std::string postgres_database() {
        auto& cluster = pg_test::Cluster::get();
        if (!cluster.available()) {
            if (cluster.skip_reason().find("is not installed") != std::string::npos) {
                std::fprintf(stderr, "SKIPPED: the PostgreSQL tests need PostgreSQL: %s\n",
                             cluster.skip_reason().c_str());
                std::exit(77);
            }
            FAIL("the PostgreSQL test cluster did not start: " << cluster.skip_reason());
        }
        std::string address = cluster.fresh_database();
        REQUIRE(!address.empty());
        return address;
    }

    protocol::Response call(const std::string& method, const std::string& path, const std::string& body,
                            const std::string& token = "", const std::string& addr = "10.0.0.1",
                            const char* version = "1") {
        protocol::Request r;
        r.method = method;
        r.path = path;
        if (version) r.headers[protocol::kHeaderProtocol] = version;
        if (!token.empty()) r.headers["authorization"] = "Bearer " + token;  // any case works
        r.body = body;
        r.remote_addr = addr;
        return core->handle(r);
    }
    protocol::Response post(const std::string& path, const json& body, const std::string& token = "",
                            const std::string& addr = "10.0.0.1") {
        return call("POST", path, body.dump(), token, addr);
    }

    std::string site(const std::string& code, bool demo = false) {
        auto id = core->create_site(code, "Site " + code, demo);
        REQUIRE(id.status().ToString() == "ok");
        return *id;
    }

    Registered register_device(const std::string& site_code, const std::string& name = "kiosk",
                               bool demo = false) {
        auto code = core->issue_code(site_code);
        REQUIRE(code.ok());
        auto r = post(protocol::kPathRegister, json{{"code", *code}, {"device_name", name}, {"demo", demo}});
        INFO(r.body);
        REQUIRE(r.status == 200);
        json j = json::parse(r.body);
        return {j["device_id"], j["token"], j["site"]["id"]};
    }

    // One change whose payload is a stock event of this device.
    static json event_change(const Registered& d, int64_t seq, int64_t quantity = 10) {
        json ev{{"id", "ev-" + d.device_id + "-" + std::to_string(seq)},
                {"site_id", d.site_id},
                {"device_id", d.device_id},
                {"seq", seq},
                {"hlc", "0193a2b4c5d60000"},
                {"user_id", "u1"},
                {"kind", "receipt"},
                {"item_id", "item-1"},
                {"batch_id", "batch-1"},
                {"quantity", quantity},
                {"created_ms", kStartMs}};
        return json{{"seq", seq}, {"hlc", "0193a2b4c5d60000"}, {"entity", "receipt"}, {"entity_id", ev["id"]},
                    {"payload", {{"stock_events", json::array({ev})}}}};
    }

    json push(const Registered& d, const json& changes, int expect_status = 200, int64_t pending = 0) {
        auto r = post(protocol::kPathPush, json{{"device_id", d.device_id}, {"pending", pending}, {"changes", changes}},
                      d.token);
        INFO(r.body);
        REQUIRE(r.status == expect_status);
        return json::parse(r.body);
    }

    json pull(const Registered& d, int64_t after, int64_t max_rows = 500, int64_t max_bytes = 1 << 20) {
        auto r = post(protocol::kPathPull,
                      json{{"device_id", d.device_id}, {"after", after}, {"max_rows", max_rows}, {"max_bytes", max_bytes}},
                      d.token);
        INFO(r.body);
        REQUIRE(r.status == 200);
        return json::parse(r.body);
    }

    int64_t feed_rows() { return core->sql().query_i64("SELECT COUNT(*) FROM feed").value_or(-1); }
};

inline std::string error_of(const protocol::Response& r) {
    json j = json::parse(r.body, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("error")) return "(no error body: " + r.body + ")";
    return j["error"].get<std::string>();
}

}  // namespace outpost::central_test

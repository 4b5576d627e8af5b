// Protocol version 3 on central (issue 15): site keys at registration and
// after rotation, relayed push changes (a device pushing its peers'
// changes: insert-or-ignore by origin and seq, origin checked against the
// pusher's site, scope rules as for the origin itself) and pulls that pass
// over what the device's version vector covers.
#include "central_test_util.h"

using namespace outpost;
using namespace outpost::central_test;

namespace {

json relayed(const Registered& origin, int64_t seq, int64_t quantity = 10) {
    json c = Central::event_change(origin, seq, quantity);
    c["origin"] = origin.device_id;
    return c;
}

json pull_held(Central& c, const Registered& d, int64_t after, const json& held, int64_t key_no = -1) {
    json body{{"device_id", d.device_id}, {"after", after}, {"held", held}};
    if (key_no >= 0) body["site_key_no"] = key_no;
    auto r = c.post(protocol::kPathPull, body, d.token);
    INFO(r.body);
    REQUIRE(r.status == 200);
    return json::parse(r.body);
}

int64_t feed_of(Central& c, const Registered& d) {
    return c.core->sql()
        .query_i64("SELECT COUNT(*) FROM feed WHERE device_id='" + d.device_id + "'")
        .value_or(-1);
}

}  // namespace

TEST_CASE("registration gives the site's key and each site has its own", "[central][relay]") {
    Central c;
    c.site("HC01");
    c.site("HC02");
    auto code = [&](const std::string& site) {
        auto r = c.post(protocol::kPathRegister, json{{"code", *c.core->issue_code(site)}, {"device_name", "d"}});
        REQUIRE(r.status == 200);
        return json::parse(r.body)["site_key"];
    };
    json a = code("HC01"), b = code("HC01"), other = code("HC02");
    CHECK(a["no"] == 1);
    CHECK(a["key"].get<std::string>().size() == 64);
    CHECK(a == b);
    CHECK(other["key"] != a["key"]);
}

TEST_CASE("a rotated site key reaches devices with their next pull", "[central][relay]") {
    Central c;
    c.site("HC01");
    auto d = c.register_device("HC01");
    json first = pull_held(c, d, 0, json::object(), 1);
    CHECK_FALSE(first.contains("site_key"));  // the device holds the current key
    auto no = c.core->rotate_site_key("HC01");
    REQUIRE(no.ok());
    CHECK(*no == 2);
    json after = pull_held(c, d, 0, json::object(), 1);
    REQUIRE(after.contains("site_key"));
    CHECK(after["site_key"]["no"] == 2);
    CHECK(after["site_key"]["key"].get<std::string>().size() == 64);
    CHECK_FALSE(pull_held(c, d, 0, json::object(), 2).contains("site_key"));
    CHECK(c.core->rotate_site_key("NOPE").status().code() == Status::Code::kNotFound);
    // A version 2 pull (no site_key_no) never carries the key.
    CHECK_FALSE(c.pull(d, 0).contains("site_key"));
}

TEST_CASE("central takes a peer's changes relayed by another device once", "[central][relay]") {
    Central c;
    c.site("HC01");
    auto a = c.register_device("HC01", "kiosk");
    auto b = c.register_device("HC01", "laptop");
    // a pushes its own change 1 and b's 1 and 2 (had from b over the LAN).
    json answer = c.push(a, json::array({Central::event_change(a, 1), relayed(b, 1), relayed(b, 2)}));
    CHECK(answer["accepted_through"] == 1);
    CHECK(answer["held"][b.device_id] == 2);
    CHECK(answer["held"][a.device_id] == 1);
    CHECK_FALSE(answer.contains("relay_refused"));
    CHECK(feed_of(c, b) == 2);
    // b comes online and pushes the same changes itself: already held.
    json from_b = c.push(b, json::array({Central::event_change(b, 1), Central::event_change(b, 2),
                                         Central::event_change(b, 3)}));
    CHECK(from_b["accepted_through"] == 3);
    CHECK(feed_of(c, b) == 3);
    // Relaying them again changes nothing.
    const int64_t rows = c.feed_rows();
    c.push(a, json::array({relayed(b, 1), relayed(b, 2), relayed(b, 3)}));
    CHECK(c.feed_rows() == rows);
}

TEST_CASE("relayed changes are refused when they are not the site's or differ", "[central][relay]") {
    Central c;
    c.site("HC01");
    c.site("HC02");
    auto a = c.register_device("HC01", "kiosk");
    auto b = c.register_device("HC01", "laptop");
    auto x = c.register_device("HC02", "elsewhere");
    const int64_t rows = c.feed_rows();

    SECTION("a device of another site") {
        json answer = c.push(a, json::array({relayed(x, 1)}));
        REQUIRE(answer["relay_refused"].size() == 1);
        CHECK(answer["relay_refused"][0]["error"] == "unknown_device");
        CHECK(answer["relay_refused"][0]["origin"] == x.device_id);
        CHECK(c.feed_rows() == rows);
        CHECK_FALSE(answer["held"].contains(x.device_id));
    }
    SECTION("a device central does not know") {
        Registered ghost{"0193ffff-0000-7000-8000-000000000000", "", a.site_id};
        json answer = c.push(a, json::array({relayed(ghost, 1)}));
        CHECK(answer["relay_refused"][0]["error"] == "unknown_device");
        CHECK(c.feed_rows() == rows);
    }
    SECTION("a different change under a number central holds: refused, no 409 for the relayer") {
        c.push(b, json::array({Central::event_change(b, 1, 10)}));
        json answer = c.push(a, json::array({relayed(b, 1, 99)}));
        CHECK(answer["relay_refused"][0]["error"] == "sequence_conflict");
        CHECK(c.feed_rows() == rows + 1);
    }
    SECTION("a stock event naming another device breaks scope for its origin") {
        json bad = relayed(b, 1);
        bad["payload"]["stock_events"][0]["device_id"] = a.device_id;
        json answer = c.push(a, json::array({bad}));
        CHECK(answer["relay_refused"][0]["error"] == "wrong_device");
        CHECK(c.feed_rows() == rows);
        // b pushing the same change itself hears the reason and quarantines it.
        bad.erase("origin");
        json from_b = c.push(b, json::array({bad}));
        CHECK(from_b["accepted_through"] == 1);
        CHECK(from_b["rejected"][0]["seq"] == 1);
    }
    SECTION("a gap in a relayed device's changes waits") {
        json answer = c.push(a, json::array({relayed(b, 2)}));
        CHECK_FALSE(answer["held"].contains(b.device_id));
        CHECK(c.feed_rows() == rows);
    }
    SECTION("a malformed origin is a bad request, nothing written") {
        json bad = relayed(b, 1);
        bad["origin"] = 7;
        c.push(a, json::array({Central::event_change(a, 1), bad}), 400);
        CHECK(c.feed_rows() == rows);
    }
}

TEST_CASE("a version 3 pull passes over what the device holds and names each change's origin", "[central][relay]") {
    Central c;
    c.site("HC01");
    auto a = c.register_device("HC01", "kiosk");
    auto b = c.register_device("HC01", "laptop");
    auto d = c.register_device("HC01", "tablet");
    c.push(a, json::array({Central::event_change(a, 1), Central::event_change(a, 2)}));
    c.push(b, json::array({Central::event_change(b, 1), Central::event_change(b, 2), Central::event_change(b, 3)}));
    // d had a's 1..2 and b's 1 from a peer: it gets b's 2 and 3 only.
    json page = pull_held(c, d, 0, json{{a.device_id, 2}, {b.device_id, 1}});
    std::vector<std::pair<std::string, int64_t>> got;
    for (const auto& ch : page["changes"])
        if (ch.contains("origin")) got.push_back({ch["origin"], ch["seq"]});
    CHECK(got == std::vector<std::pair<std::string, int64_t>>{{b.device_id, 2}, {b.device_id, 3}});
    CHECK_FALSE(page["more"].get<bool>());
    // Central data (the site's device rows) comes without an origin.
    size_t without = 0;
    for (const auto& ch : page["changes"]) without += !ch.contains("origin");
    CHECK(without > 0);
    // A version 2 pull is unchanged: every change, no origins.
    json v2 = c.pull(d, 0);
    size_t site_changes = 0;
    for (const auto& ch : v2["changes"]) {
        CHECK_FALSE(ch.contains("origin"));
        site_changes += ch["payload"].contains("stock_events");
    }
    CHECK(site_changes == 5);
    // A malformed vector is refused.
    auto r = c.post(protocol::kPathPull, json{{"device_id", d.device_id}, {"after", 0}, {"held", json{{"x", "1"}}}},
                    d.token);
    CHECK(r.status == 400);
}

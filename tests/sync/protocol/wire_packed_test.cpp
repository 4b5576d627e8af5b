// Protocol version 2 on the wire: packed push payloads unpack to exactly the
// canonical payload (same hash, so replay detection is unchanged), malformed
// packed payloads are refused, central accepts packed and plain pushes of the
// same change as one change, "skip_own" pulls pass over the asker's own
// changes while moving its cursor, and the client's pull-page scanner cuts
// out payloads and refuses broken pages.
#include <catch2/catch.hpp>

#include "central_core.h"
#include "client_session.h"
#include "protocol.h"

using namespace outpost;
using nlohmann::json;

namespace {

const protocol::ChangeContext kChange{"site-1", "dev-1", "0193a2b4c5d60007", 7};

json dispense_payload() {
    return json::parse(R"({
      "prescriptions": [{"id": "rx1", "site_id": "site-1", "device_id": "dev-1", "hlc": "0193a2b4c5d60007",
                         "patient_id": "p1", "prescriber": "", "user_id": "u1", "created_ms": 5}],
      "prescription_lines": [{"id": "l1", "prescription_id": "rx1", "line_no": 1, "item_id": "i1", "quantity": 10},
                             {"id": "l2", "prescription_id": "rx1", "line_no": 2, "item_id": "i2", "quantity": 3}],
      "stock_events": [{"id": "e1", "site_id": "site-1", "device_id": "dev-1", "seq": 7, "hlc": "0193a2b4c5d60007",
                        "kind": "dispense", "item_id": "i1", "batch_id": "b1", "quantity": -10, "reason": null},
                       {"id": "e2", "site_id": "site-1", "device_id": "dev-1", "seq": 7, "hlc": "0193a2b4c5d60007",
                        "kind": "dispense", "item_id": "i2", "batch_id": "b2", "quantity": -3, "reason": null}]})");
}

}  // namespace

TEST_CASE("a packed payload unpacks to the canonical payload and hashes the same", "[sync][wire]") {
    const json plain = dispense_payload();
    const json packed = protocol::pack_payload(plain, kChange);
    // The change's own values are named once, not sent per row.
    const json& events = packed["stock_events"];
    REQUIRE(events.is_object());
    CHECK(events["i"] == json({"device_id", "hlc", "seq", "site_id"}));
    CHECK(events["r"].size() == 2);
    CHECK(events["r"][0].is_array());
    CHECK(packed.dump().size() < plain.dump().size());

    json back;
    std::string problem;
    REQUIRE(protocol::unpack_payload(packed, kChange, &back, &problem));
    CHECK(back == plain);
    CHECK(protocol::payload_hash(back) == protocol::payload_hash(plain));
}

TEST_CASE("values that differ from the change's are kept in the rows", "[sync][wire]") {
    json plain = dispense_payload();
    plain["stock_events"][1]["seq"] = 6;  // not this change's seq
    const json packed = protocol::pack_payload(plain, kChange);
    const json& inherited = packed["stock_events"]["i"];
    CHECK(std::find(inherited.begin(), inherited.end(), json("seq")) == inherited.end());
    json back;
    std::string problem;
    REQUIRE(protocol::unpack_payload(packed, kChange, &back, &problem));
    CHECK(back == plain);

    // Rows with different columns stay plain, and still come back the same.
    json uneven = dispense_payload();
    uneven["stock_events"][0].erase("reason");
    const json p2 = protocol::pack_payload(uneven, kChange);
    CHECK(p2["stock_events"].is_array());
    REQUIRE(protocol::unpack_payload(p2, kChange, &back, &problem));
    CHECK(back == uneven);
}

TEST_CASE("malformed packed payloads are refused with a reason", "[sync][wire]") {
    json back;
    std::string problem;
    CHECK_FALSE(protocol::unpack_payload(json::array(), kChange, &back, &problem));
    CHECK_FALSE(protocol::unpack_payload(json::parse(R"({"stock_events": {"c": ["id"], "r": [["a", "b"]]}})"),
                                         kChange, &back, &problem));
    CHECK(problem.find("one value per column") != std::string::npos);
    CHECK_FALSE(protocol::unpack_payload(
        json::parse(R"({"stock_events": {"c": ["id"], "i": ["quantity"], "r": [["a"]]}})"), kChange, &back, &problem));
    CHECK_FALSE(protocol::unpack_payload(
        json::parse(R"({"stock_events": {"c": ["id", "seq"], "i": ["seq"], "r": [["a", 1]]}})"), kChange, &back,
        &problem));
    CHECK_FALSE(protocol::unpack_payload(json::parse(R"({"stock_events": {"c": ["id", "id"], "r": [["a", "b"]]}})"),
                                         kChange, &back, &problem));
    CHECK_FALSE(protocol::unpack_payload(json::parse(R"({"stock_events": {"c": ["id"], "r": [["a"]], "x": 1}})"),
                                         kChange, &back, &problem));
}

TEST_CASE("the pull page scanner cuts out payloads and refuses broken pages", "[sync][wire]") {
    PulledPage page;
    const std::string text =
        R"({"changes":[{"cursor":3,"payload":{"items":[{"id":"a","name":"Amox \"250\" }]"}]}},)"
        R"({"payload":{"x":[1,2.5e3,-4,true,false,null]},"cursor":9}],"next":9,"more":true,"remaining":12,"new":[{}]})";
    REQUIRE(read_pull_page(text, &page));
    REQUIRE(page.changes.size() == 2);
    CHECK(json::parse(page.changes[0].payload)["items"][0]["name"] == "Amox \"250\" }]");
    CHECK(json::parse(page.changes[1].payload)["x"].size() == 6);
    CHECK(page.next == 9);
    CHECK(page.more);
    CHECK(page.remaining == 12);

    REQUIRE(read_pull_page(R"( {"changes": [ ], "next": 4, "more": false, "remaining": 0} )", &page));
    CHECK(page.changes.empty());
    CHECK(page.next == 4);
    CHECK_FALSE(page.more);

    for (const char* broken : {
             "", "[]", R"({"changes":[]})", R"({"next":1})", R"({"changes":[{"cursor":1}],"next":1})",
             R"({"changes":[{"payload":[1]}],"next":1})", R"({"changes":[{"payload":{"a":1}],"next":1})",
             R"({"changes":[{"payload":{"a":"unterminated}}],"next":1})", R"({"changes":[],"next":1} trailing)",
             R"({"changes":[],"next":"1"})", R"({"changes":[],"next":1,"more":maybe})"})
        CHECK_FALSE(read_pull_page(broken, &page));
    std::string deep = R"({"changes":[{"payload":)";
    for (int i = 0; i < 200; ++i) deep += "{\"a\":";
    deep += "1";
    for (int i = 0; i < 200; ++i) deep += "}";
    deep += R"(}],"next":1})";
    CHECK_FALSE(read_pull_page(deep, &page));
}

#include "central_test_util.h"

using namespace outpost::central_test;

namespace {

// The packed (version 2) form of Central::event_change's change.
json packed_change(const Registered& d, int64_t seq, int64_t quantity = 10) {
    json plain = Central::event_change(d, seq, quantity);
    const protocol::ChangeContext ctx{d.site_id, d.device_id, plain["hlc"], seq};
    return json{{"seq", seq}, {"hlc", plain["hlc"]}, {"packed", protocol::pack_payload(plain["payload"], ctx)}};
}

}  // namespace

TEST_CASE("central stores a packed change as its canonical payload - plain replays of it are harmless",
          "[sync][wire]") {
    Central c;
    c.site("HC01");
    Registered d = c.register_device("HC01");
    json answer = c.push(d, json::array({packed_change(d, 1), packed_change(d, 2)}));
    CHECK(answer["accepted_through"] == 2);
    CHECK(answer["rejected"].empty());
    // The feed holds what a version 1 device would have sent.
    auto stored = c.core->db().query_text("SELECT payload FROM feed WHERE device_id IS NOT NULL ORDER BY cursor LIMIT 1");
    REQUIRE(stored);
    CHECK(json::parse(*stored) == Central::event_change(d, 1)["payload"]);
    // The same change in the plain form is a replay, not a conflict...
    CHECK(c.push(d, json::array({Central::event_change(d, 2)}))["accepted_through"] == 2);
    // ...and different content under a used seq still is one.
    c.push(d, json::array({packed_change(d, 2, 99)}), 409);
    // A packed change that breaks scope is rejected like a plain one.
    json other = packed_change(d, 3);
    other["packed"]["stock_events"]["c"].push_back("site_id");
    json& inherited = other["packed"]["stock_events"]["i"];
    inherited.erase(std::find(inherited.begin(), inherited.end(), json("site_id")));
    other["packed"]["stock_events"]["r"][0].push_back("another-site");
    answer = c.push(d, json::array({other}));
    CHECK(answer["accepted_through"] == 3);
    REQUIRE(answer["rejected"].size() == 1);
    CHECK(answer["rejected"][0]["error"] == "wrong_site");
    // A malformed packed change is a bad request.
    json bad = packed_change(d, 4);
    bad["packed"]["stock_events"]["r"][0].push_back(1);
    c.push(d, json::array({bad}), 400);
}

TEST_CASE("a skip_own pull passes over the device's own changes and moves its cursor", "[sync][wire]") {
    Central c;
    c.site("HC01");
    Registered a = c.register_device("HC01", "a");
    Registered b = c.register_device("HC01", "b");
    c.push(a, json::array({packed_change(a, 1), packed_change(a, 2)}));
    c.push(b, json::array({packed_change(b, 1)}));
    c.push(a, json::array({packed_change(a, 3)}));
    auto pull = [&](const Registered& d, int64_t after, int64_t max_rows) {
        auto r = c.post(protocol::kPathPull,
                        json{{"device_id", d.device_id}, {"after", after}, {"max_rows", max_rows}, {"skip_own", true}},
                        d.token);
        REQUIRE(r.status == 200);
        return json::parse(r.body);
    };
    const int64_t head = c.core->feed_head();
    // Device a gets the central rows and b's change, never its own, and its
    // cursor reaches the head.
    int64_t after = 0, a_rows = 0, b_rows = 0;
    for (int i = 0; i < 50; ++i) {
        json page = pull(a, after, 1);
        for (const auto& ch : page["changes"]) {
            const auto& events = ch["payload"].value("stock_events", json::array());
            for (const auto& ev : events) {
                CHECK(ev["device_id"] != a.device_id);
                ++b_rows;
            }
            ++a_rows;
        }
        CHECK(page["next"].get<int64_t>() >= after);
        after = page["next"];
        if (!page["more"].get<bool>()) break;
    }
    CHECK(after == head);
    CHECK(b_rows == 1);
    // Without skip_own everything comes back, as in version 1.
    json all = c.pull(a, 0);
    CHECK(all["changes"].size() == static_cast<size_t>(a_rows) + 3);
    auto r = c.post(protocol::kPathPull, json{{"device_id", a.device_id}, {"after", 0}, {"skip_own", "yes"}}, a.token);
    CHECK(r.status == 400);
}

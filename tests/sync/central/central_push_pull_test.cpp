// outpost-central: push (contiguity, replays, reused seqs, scope, body limits)
// and pull (paging, caps, scope between sites).
#include <set>
#include <unistd.h>

#include <cstdio>

#include "central_test_util.h"

using namespace outpost;
using namespace outpost::central_test;

namespace {
int64_t accepted_through(Central& c, const Registered& d) {
    return c.core->sql()
        .query_i64("SELECT accepted_through FROM devices WHERE id='" + d.device_id + "'")
        .value_or(-1);
}
}  // namespace

TEST_CASE("central push: accepted changes go to the site's feed once", "[central]") {
    Central c;
    c.site("HC01");
    auto d = c.register_device("HC01");
    const int64_t before = c.feed_rows();

    json a = c.push(d, json::array({Central::event_change(d, 1), Central::event_change(d, 2)}), 200, 35);
    CHECK(a["accepted_through"] == 2);
    CHECK(a["rejected"].empty());
    CHECK(c.feed_rows() == before + 2);
    CHECK(c.core->sql().query_i64("SELECT pending FROM devices") == 35);
    CHECK(c.core->sql().query_i64("SELECT last_push_ms FROM devices") == kStartMs);

    SECTION("a replay changes nothing and answers the same") {
        json again = c.push(d, json::array({Central::event_change(d, 1), Central::event_change(d, 2)}));
        CHECK(again["accepted_through"] == 2);
        CHECK(c.feed_rows() == before + 2);
        // A replay that overlaps new changes takes only the new one.
        again = c.push(d, json::array({Central::event_change(d, 2), Central::event_change(d, 3)}));
        CHECK(again["accepted_through"] == 3);
        CHECK(c.feed_rows() == before + 3);
    }
    SECTION("a reused seq with different content is 409 and nothing is written") {
        json changes = json::array({Central::event_change(d, 2, 999), Central::event_change(d, 3)});
        json e = c.push(d, changes, 409);
        CHECK(e["error"] == "sequence_conflict");
        CHECK(accepted_through(c, d) == 2);
        CHECK(c.feed_rows() == before + 2);  // change 3 was not taken either
        CHECK(c.core->sql().query_i64("SELECT COUNT(*) FROM device_changes") == 2);
        CHECK(c.core->sql().query_text("SELECT last_error FROM devices")->find("reused") !=
              std::string::npos);
    }
    SECTION("a gap stops processing; the device resends from accepted_through + 1") {
        json g = c.push(d, json::array({Central::event_change(d, 3), Central::event_change(d, 5)}));
        CHECK(g["accepted_through"] == 3);
        g = c.push(d, json::array({Central::event_change(d, 7)}));
        CHECK(g["accepted_through"] == 3);
        CHECK(c.feed_rows() == before + 3);
        g = c.push(d, json::array({Central::event_change(d, 4), Central::event_change(d, 5)}));
        CHECK(g["accepted_through"] == 5);
    }
    SECTION("status reports accepted_through") {
        auto r = c.call("GET", protocol::kPathStatus, "", d.token);
        CHECK(json::parse(r.body)["accepted_through"] == 2);
    }
}

TEST_CASE("central push: scope breaches are rejected recorded and never block", "[central]") {
    Central c;
    c.site("HC01");
    const std::string other_site = c.site("HC02");
    auto d = c.register_device("HC01");
    const int64_t before = c.feed_rows();

    auto with_payload = [&](int64_t seq, json payload) {
        return json{{"seq", seq}, {"hlc", "0193a2b4c5d60000"}, {"entity", "x"}, {"entity_id", "x"},
                    {"payload", payload}};
    };
    json item{{"id", "i1"}, {"code", "HACK"}, {"name", "Free drugs"}};
    json foreign_patient{{"id", "p1"}, {"site_id", other_site}, {"family_name", "A"}, {"given_name", "B"},
                         {"hlc", "0193a2b4c5d60000"}, {"device_id", d.device_id}};
    json no_site_patient = foreign_patient;
    no_site_patient.erase("site_id");
    json ev = Central::event_change(d, 4)["payload"]["stock_events"][0];
    ev["device_id"] = "someone-else";
    json ev_seq = Central::event_change(d, 5)["payload"]["stock_events"][0];
    ev_seq["seq"] = 99;

    json changes = json::array({
        with_payload(1, {{"items", json::array({item})}}),
        with_payload(2, {{"patients", json::array({foreign_patient})}}),
        with_payload(3, {{"users", json::array({json{{"id", "u"}, {"site_id", d.site_id}}})}}),
        with_payload(4, {{"stock_events", json::array({ev})}}),
        with_payload(5, {{"stock_events", json::array({ev_seq})}}),
        with_payload(6, {{"spaceships", json::array()}}),
        with_payload(7, json::array({1, 2})),
        with_payload(8, {{"patients", json::array({no_site_patient})}}),
        with_payload(9, {{"patients", json{{"not", "a list"}}}}),
        Central::event_change(d, 10),
    });
    json a = c.push(d, changes);
    CHECK(a["accepted_through"] == 10);
    std::map<int64_t, std::string> why;
    for (const auto& r : a["rejected"]) why[r["seq"]] = r["error"];
    CHECK(why == std::map<int64_t, std::string>{{1, "central_table"}, {2, "wrong_site"}, {3, "central_table"},
                                                 {4, "wrong_device"}, {5, "wrong_device"}, {6, "unknown_table"},
                                                 {7, "bad_change"}, {8, "wrong_site"}, {9, "bad_change"}});
    // Only the good change reached the feed; nothing of the other site's.
    CHECK(c.feed_rows() == before + 1);
    CHECK(c.core->sql().query_i64("SELECT COUNT(*) FROM feed WHERE payload LIKE '%HACK%' OR "
                                  "payload LIKE '%spaceships%'") == 0);
    CHECK(c.core->sql().query_i64("SELECT COUNT(*) FROM device_changes WHERE status='rejected'") ==
          9);
    CHECK(!c.core->sql().query_text("SELECT last_error FROM devices")->empty());

    // A replay repeats the rejections (the device may have missed the answer).
    json again = c.push(d, changes);
    CHECK(again["accepted_through"] == 10);
    CHECK(again["rejected"].size() == 9);
    CHECK(c.feed_rows() == before + 1);
}

TEST_CASE("central push: malformed requests are refused whole", "[central]") {
    Central c;
    c.site("HC01");
    c.site("HC02");
    auto d = c.register_device("HC01");
    auto other = c.register_device("HC02");
    const int64_t before = c.feed_rows();
    const std::string good_change = Central::event_change(d, 1).dump();
    const std::string bodies[] = {
        "nope",
        "[]",
        R"({"changes":[]})",
        "{\"device_id\":\"" + d.device_id + "\"}",
        "{\"device_id\":\"" + d.device_id + "\",\"changes\":{}}",
        "{\"device_id\":\"" + d.device_id + "\",\"changes\":[" + good_change + ",7]}",
        "{\"device_id\":\"" + d.device_id + "\",\"changes\":[" + good_change + ",{\"seq\":\"2\",\"payload\":{}}]}",
        "{\"device_id\":\"" + d.device_id + "\",\"changes\":[{\"seq\":0,\"payload\":{}}]}",
        "{\"device_id\":\"" + d.device_id + "\",\"changes\":[{\"seq\":1.5,\"payload\":{}}]}",
        "{\"device_id\":\"" + d.device_id + "\",\"changes\":[" + good_change + ",{\"seq\":2}]}",
        "{\"device_id\":\"" + d.device_id + "\",\"pending\":-3,\"changes\":[" + good_change + "]}",
        "{\"device_id\":\"" + d.device_id + "\",\"pending\":\"many\",\"changes\":[" + good_change + "]}",
    };
    for (const auto& b : bodies) {
        auto r = c.call("POST", protocol::kPathPush, b, d.token);
        INFO(b);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "bad_request");
    }
    CHECK(c.feed_rows() == before);
    CHECK(accepted_through(c, d) == 0);

    SECTION("naming another device (another site's) is 403 wrong_site and writes nothing") {
        auto r = c.post(protocol::kPathPush,
                        json{{"device_id", other.device_id}, {"changes", json::array({Central::event_change(other, 1)})}},
                        d.token);
        CHECK(r.status == 403);
        CHECK(error_of(r) == "wrong_site");
        CHECK(c.feed_rows() == before);
        CHECK(accepted_through(c, other) == 0);
    }
    SECTION("a body over 8 MiB is 413") {
        std::string huge = "{\"device_id\":\"" + d.device_id + "\",\"changes\":[],\"pad\":\"" +
                           std::string(protocol::kMaxBodyBytes, 'x') + "\"}";
        auto r = c.call("POST", protocol::kPathPush, huge, d.token);
        CHECK(r.status == 413);
        CHECK(error_of(r) == "payload_too_large");
    }
}

TEST_CASE("central pull: pages in cursor order never another site's rows", "[central]") {
    Central c;
    c.site("HC01");
    c.site("HC02");
    REQUIRE(c.core->import_catalogue_csv("code,name,strength,form,unit,pack_size,default_directions,warning,"
                                         "reorder_level,cold_chain,controlled\n"
                                         "PARA500T,Paracetamol,500 mg,tablet,tablet,1000,,,2000,0,0\n"
                                         "ORS,Oral rehydration salts,20.5 g,sachet,sachet,1,,,50,0,0\n")
                .ok());
    auto a1 = c.register_device("HC01", "a1");
    auto a2 = c.register_device("HC01", "a2");
    auto b1 = c.register_device("HC02", "b1");
    c.push(a1, json::array({Central::event_change(a1, 1), Central::event_change(a1, 2)}));
    c.push(b1, json::array({Central::event_change(b1, 1), Central::event_change(b1, 2), Central::event_change(b1, 3)}));
    c.push(a2, json::array({Central::event_change(a2, 1)}));

    // Everything a2 may see, two rows at a time.
    std::vector<int64_t> cursors;
    std::vector<json> payloads;
    int64_t after = 0;
    int pages = 0;
    for (;;) {
        json page = c.pull(a2, after, 2);
        ++pages;
        CHECK(page["changes"].size() <= 2);
        for (const auto& ch : page["changes"]) {
            cursors.push_back(ch["cursor"]);
            payloads.push_back(ch["payload"]);
        }
        if (!page["changes"].empty()) CHECK(page["next"] == page["changes"].back()["cursor"]);
        CHECK(page["next"].get<int64_t>() >= after);
        after = page["next"];
        if (!page["more"].get<bool>()) {
            CHECK(page["remaining"] == 0);
            break;
        }
        CHECK(page["remaining"].get<int64_t>() > 0);
        REQUIRE(pages < 50);
    }
    CHECK(std::is_sorted(cursors.begin(), cursors.end()));
    CHECK(std::set<int64_t>(cursors.begin(), cursors.end()).size() == cursors.size());

    std::set<std::string> tables;
    int events = 0;
    for (const auto& p : payloads) {
        CHECK(p.dump().find(b1.site_id) == std::string::npos);  // nothing of site B, not even its site row
        for (auto it = p.begin(); it != p.end(); ++it) tables.insert(it.key());
        if (p.contains("stock_events")) ++events;
    }
    CHECK(events == 3);  // a1's two and a2's own one
    CHECK(tables == std::set<std::string>{"reason_codes", "sites", "devices", "items", "stock_events"});
    // Global rows: reason codes (1) + 2 items; site rows: site, 2 devices, 3 events.
    CHECK(cursors.size() == 3 + 6);

    SECTION("pulling at the head is empty and says so") {
        json page = c.pull(a2, after);
        CHECK(page["changes"].empty());
        CHECK(page["next"] == after);
        CHECK(page["more"] == false);
    }
    SECTION("max_bytes limits a page but always gives at least one change") {
        json page = c.pull(a2, 0, 500, 1);
        CHECK(page["changes"].size() == 1);
        CHECK(page["more"] == true);
    }
    SECTION("the device's last pull is recorded") {
        CHECK(c.core->sql().query_i64("SELECT last_pull_ms FROM devices WHERE id='" + a2.device_id +
                                      "'") == kStartMs);
    }
}

TEST_CASE("central pull: bad requests and the 2000-row cap", "[central]") {
    Central c;
    c.site("HC01");
    auto d = c.register_device("HC01");
    for (const std::string& b : {std::string("{]"), "{\"device_id\":\"" + d.device_id + "\"}",
                                 "{\"device_id\":\"" + d.device_id + "\",\"after\":-1}",
                                 "{\"device_id\":\"" + d.device_id + "\",\"after\":\"0\"}",
                                 "{\"device_id\":\"" + d.device_id + "\",\"after\":0,\"max_rows\":0}",
                                 "{\"device_id\":\"" + d.device_id + "\",\"after\":0,\"max_bytes\":true}"}) {
        auto r = c.call("POST", protocol::kPathPull, b, d.token);
        INFO(b);
        CHECK(r.status == 400);
        CHECK(error_of(r) == "bad_request");
    }
    std::string csv = "code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,cold_chain,"
                      "controlled\n";
    for (int i = 0; i < 2100; ++i) csv += "IT" + std::to_string(i) + ",Item " + std::to_string(i) + ",,,,1,,,0,0,0\n";
    REQUIRE(c.core->import_catalogue_csv(csv).ok());
    json page = c.pull(d, 0, 1000000, 64LL << 20);
    CHECK(page["changes"].size() == protocol::kMaxPullRows);
    CHECK(page["more"] == true);
}

TEST_CASE("central push: a database locked by another writer answers 503 busy with Retry-After", "[central]") {
    const std::string path = "/tmp/outpost_central_busy_" + std::to_string(getpid()) + ".db";
    for (const char* ext : {"", "-wal", "-shm"}) std::remove((path + ext).c_str());
    {
        Central c(false, path);
        c.site("HC01");
        auto d = c.register_device("HC01");
        // An administrator's long import holds the write lock past the busy
        // timeout (5 s; this test waits for it).
        auto admin = Db::Open(path, false);
        REQUIRE(admin.ok());
        REQUIRE(admin->exec("BEGIN IMMEDIATE").ok());
        const int64_t before = c.feed_rows();
        json body{{"device_id", d.device_id}, {"pending", 0}, {"changes", json::array({Central::event_change(d, 1)})}};
        auto r = c.post(protocol::kPathPush, body, d.token);
        CHECK(r.status == 503);
        CHECK(error_of(r) == "busy");
        CHECK(r.headers[protocol::kHeaderRetryAfter] == std::to_string(protocol::kBusyRetryAfterS));
        REQUIRE(admin->exec("ROLLBACK").ok());
        CHECK(c.feed_rows() == before);
        // Once the lock is gone the same push is taken.
        json a = c.push(d, json::array({Central::event_change(d, 1)}));
        CHECK(a["accepted_through"] == 1);
    }
    for (const char* ext : {"", "-wal", "-shm"}) std::remove((path + ext).c_str());
}

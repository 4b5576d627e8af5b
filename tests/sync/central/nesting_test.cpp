// Issue 17, defect 1: a body of 100,000 '[' killed outpost-central (the tree
// nlohmann built was later copied and dumped recursively, overflowing the
// worker's stack). Every endpoint, with and without a token, with the
// nesting at the top of the body and inside a row, must be answered 400 (or
// 401 where the token is checked first) and central must keep serving a
// well-behaved device in the same run: in-process through CentralCore, and
// through the real process over HTTP, plain and gzip.
#include <httplib.h>

#include "central_process_util.h"
#include "central_test_util.h"

using namespace outpost;
using namespace outpost::central_test;

namespace {

std::string brackets(int n) { return std::string(n, '[') + std::string(n, ']'); }

struct HostileBody {
    std::string where;
    std::string body;
};

// The nesting at the top, as the change payload, and inside one row of a
// table, for each endpoint's own body shape.
std::vector<HostileBody> hostile_bodies(const std::string& device_id) {
    const std::string deep = brackets(100000);
    const std::string row_deep = "{\"stock_events\":[{\"id\":\"e1\",\"note\":" + deep + "}]}";
    return {
        {"top", deep},
        {"an object at the top", "{\"a\":" + deep + "}"},
        {"register code", "{\"code\":" + deep + ",\"device_name\":\"k\"}"},
        {"push payload", "{\"device_id\":\"" + device_id +
                             "\",\"changes\":[{\"seq\":1,\"hlc\":\"0193a2b4c5d60000\",\"entity\":\"x\","
                             "\"entity_id\":\"x\",\"payload\":" + deep + "}]}"},
        {"push row", "{\"device_id\":\"" + device_id +
                         "\",\"changes\":[{\"seq\":1,\"hlc\":\"0193a2b4c5d60000\",\"entity\":\"x\","
                         "\"entity_id\":\"x\",\"payload\":" + row_deep + "}]}"},
        {"packed push", "{\"device_id\":\"" + device_id + "\",\"changes\":[{\"seq\":1,\"packed\":" + deep + "}]}"},
        {"pull cursor", "{\"device_id\":\"" + device_id + "\",\"after\":" + deep + "}"},
    };
}

const char* const kPosts[] = {protocol::kPathRegister, protocol::kPathPush, protocol::kPathPull};

}  // namespace

TEST_CASE("central answers 400 to JSON nested 100,000 deep on every endpoint and keeps serving",
          "[sync][security][nesting]") {
    Central c;
    c.site("HC01");
    const Registered d = c.register_device("HC01");
    for (const char* path : kPosts) {
        for (const auto& hostile : hostile_bodies(d.device_id)) {
            for (const std::string& token : {d.token, std::string()}) {
                INFO(path << ", nesting in " << hostile.where << (token.empty() ? ", no token" : ", with token"));
                const protocol::Response r = c.call("POST", path, hostile.body, token);
                if (token.empty() && std::string(path) != protocol::kPathRegister) {
                    CHECK(r.status == 401);
                } else {
                    CHECK(r.status == 400);
                    CHECK(r.body.find("nested deeper than 32 levels") != std::string::npos);
                }
            }
        }
    }
    // The status endpoint takes no body; a hostile one is ignored.
    CHECK(c.call("GET", protocol::kPathStatus, brackets(100000), d.token).status == 200);
    CHECK(c.call("GET", "/v1/nowhere", brackets(100000), d.token).status == 404);

    // Nothing was written, and the same device still pushes and pulls.
    const json good = {{"device_id", d.device_id}, {"changes", json::array({Central::event_change(d, 1)})}};
    const protocol::Response push = c.post(protocol::kPathPush, good, d.token);
    REQUIRE(push.status == 200);
    CHECK(json::parse(push.body)["accepted_through"] == 1);
    const protocol::Response pull = c.post(protocol::kPathPull, {{"device_id", d.device_id}, {"after", 0}}, d.token);
    CHECK(pull.status == 200);
}

#if defined(OUTPOST_CENTRAL_BIN)
TEST_CASE("the real outpost-central survives nested JSON on every endpoint, plain and gzip",
          "[sync][security][nesting][process]") {
    const std::string dir = process_test::temp_dir("nesting");
    const std::string cli = std::string(OUTPOST_CENTRAL_BIN) + " ";
    const std::string db = " --db " + dir + "/central.db 2>/dev/null";
    process_test::shell(cli + "site create --code HC01 --name Clinic" + db);
    const std::string code = process_test::shell(cli + "code --site HC01" + db);
    process_test::CentralServer central(dir + "/central.db", dir + "/log.txt");

    httplib::Client http("127.0.0.1", central.port);
    http.set_connection_timeout(5, 0);
    http.set_read_timeout(20, 0);
    http.set_write_timeout(20, 0);
    httplib::Headers h{{protocol::kHeaderProtocol, "1"}};
    auto reg = http.Post(protocol::kPathRegister, h, json{{"code", code}, {"device_name", "kiosk"}}.dump(),
                         "application/json");
    REQUIRE(reg);
    REQUIRE(reg->status == 200);
    const json r = json::parse(reg->body);
    const Registered d{r["device_id"], r["token"], r["site"]["id"]};
    httplib::Headers authorised = h;
    authorised.emplace("Authorization", "Bearer " + d.token);

    for (bool gzip : {false, true}) {
        http.set_compress(gzip);
        for (const char* path : kPosts) {
            for (const auto& hostile : hostile_bodies(d.device_id)) {
                for (const httplib::Headers* headers : {&authorised, &h}) {
                    INFO(path << ", nesting in " << hostile.where << (headers == &h ? ", no token" : ", with token")
                              << (gzip ? ", gzip" : ""));
                    auto answer = http.Post(path, *headers, hostile.body, "application/json");
                    REQUIRE(answer);  // an answer at all: the process is alive
                    CHECK((answer->status == 400 || answer->status == 401));
                }
            }
        }
    }
    http.set_compress(false);
    // A well-behaved device in the same run.
    const json good = {{"device_id", d.device_id}, {"changes", json::array({Central::event_change(d, 1)})}};
    auto push = http.Post(protocol::kPathPush, authorised, good.dump(), "application/json");
    REQUIRE(push);
    CHECK(push->status == 200);
    auto pull = http.Post(protocol::kPathPull, authorised, json{{"device_id", d.device_id}, {"after", 0}}.dump(),
                          "application/json");
    REQUIRE(pull);
    CHECK(pull->status == 200);
    CHECK(json::parse(pull->body)["changes"].size() >= 1);
    CHECK(central.stop() == 0);
}
#endif

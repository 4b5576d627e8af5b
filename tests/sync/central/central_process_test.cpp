// The real outpost-central process on loopback: started on a free port, driven
// with httplib::Client (gzip request bodies, gzip responses), stopped with
// SIGTERM. Also the admin CLI's exit codes.
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "central_process_util.h"
#include "central_test_util.h"

using namespace outpost;
using namespace outpost::central_test;

namespace {

std::string temp_db(const std::string& name) {
    const std::string path = "/tmp/outpost_central_" + name + "_" + std::to_string(getpid()) + ".db";
    for (const char* ext : {"", "-wal", "-shm"}) std::remove((path + ext).c_str());
    return path;
}

// Runs the CLI, returns its exit status; stdout into *out.
int run_cli(const std::string& args, std::string* out = nullptr) {
    const std::string cmd = std::string(OUTPOST_CENTRAL_BIN) + " " + args + " 2>/dev/null";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string text;
    char buf[512];
    while (fgets(buf, sizeof buf, p)) text += buf;
    const int status = pclose(p);
    if (out) *out = text;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace

TEST_CASE("outpost-central process: register push and pull over HTTP then SIGTERM", "[central][process]") {
    const std::string db = temp_db("process");
    std::string code;
    REQUIRE(run_cli("site create --db " + db + " --code HC01 --name 'Mbala Health Centre'") == 0);
    REQUIRE(run_cli("code --db " + db + " --site HC01", &code) == 0);
    code = code.substr(0, code.find('\n'));
    REQUIRE(code.size() == 11);

    process_test::CentralServer server(db, db + ".log");
    REQUIRE(server.port > 0);
    httplib::Client cli("127.0.0.1", server.port);
    cli.set_connection_timeout(5, 0);
    cli.set_read_timeout(10, 0);
    cli.set_compress(true);  // gzip request bodies, as the device client does
    httplib::Headers h{{protocol::kHeaderProtocol, "1"}, {"Accept-Encoding", "gzip"}};

    auto reg = cli.Post(protocol::kPathRegister, h,
                        json{{"code", code}, {"device_name", "kiosk"}, {"demo", false}}.dump(), "application/json");
    REQUIRE(reg);
    INFO(reg->body);
    REQUIRE(reg->status == 200);
    json r = json::parse(reg->body);
    Registered d{r["device_id"], r["token"], r["site"]["id"]};
    h.emplace("Authorization", "Bearer " + d.token);

    json changes = json::array();
    for (int seq = 1; seq <= 3; ++seq) changes.push_back(Central::event_change(d, seq));
    auto push = cli.Post(protocol::kPathPush, h, json{{"device_id", d.device_id}, {"changes", changes}}.dump(),
                         "application/json");
    REQUIRE(push);
    REQUIRE(push->status == 200);
    CHECK(json::parse(push->body)["accepted_through"] == 3);

    auto pull = cli.Post(protocol::kPathPull, h, json{{"device_id", d.device_id}, {"after", 0}}.dump(),
                         "application/json");
    REQUIRE(pull);
    REQUIRE(pull->status == 200);
    json page = json::parse(pull->body);
    int events = 0;
    for (const auto& ch : page["changes"]) events += ch["payload"].contains("stock_events");
    CHECK(events == 3);
    CHECK(page["more"] == false);

    // Errors arrive as the protocol's JSON, from the core and from httplib alike.
    auto bad = cli.Get(protocol::kPathStatus, httplib::Headers{{protocol::kHeaderProtocol, "1"},
                                                                {"Authorization", "Bearer nope"}});
    REQUIRE(bad);
    CHECK(bad->status == 401);
    CHECK(json::parse(bad->body)["error"] == "bad_token");
    // 9 MiB of zeros gzip to a few KiB: the cap counts decompressed bytes.
    std::string bomb = "{\"device_id\":\"" + d.device_id + "\",\"changes\":[],\"pad\":\"" +
                       std::string(9u << 20, '0') + "\"}";
    auto big = cli.Post(protocol::kPathPush, h, bomb, "application/json");
    REQUIRE(big);
    CHECK(big->status == 413);
    CHECK(json::parse(big->body, nullptr, false).value("error", "") == "payload_too_large");

    CHECK(server.stop() == 0);
    for (const char* ext : {"", "-wal", "-shm", ".log"}) std::remove((db + ext).c_str());
}

TEST_CASE("outpost-central CLI: exit 2 on bad usage 1 on refusals", "[central][process]") {
    const std::string db = temp_db("cli");
    CHECK(run_cli("") == 2);
    CHECK(run_cli("launch --db " + db) == 2);
    CHECK(run_cli("site create --db " + db + " --code HC01") == 2);          // no --name
    CHECK(run_cli("site create --db " + db + " --code HC01 --name X --colour red") == 2);
    CHECK(run_cli("serve --db " + db + " --listen nowhere") == 2);
    CHECK(run_cli("site create --db " + db + " --code HC01 --name 'Mbala'") == 0);
    CHECK(run_cli("site create --db " + db + " --code HC01 --name 'Again'") == 1);
    CHECK(run_cli("code --db " + db + " --site HC99") == 1);
    CHECK(run_cli("user add --db " + db + " --site HC01 --name Grace --role dispenser --pin 1234") == 0);
    CHECK(run_cli("user add --db " + db + " --site HC01 --name Joe --role chief --pin 1234") == 1);
    CHECK(run_cli("user disable --db " + db + " --site HC01 --name Grace") == 0);
    CHECK(run_cli("device revoke --db " + db + " --device nope") == 1);
    CHECK(run_cli("catalogue import --db " + db + " --csv /nonexistent.csv") == 1);
    CHECK(run_cli("site create --db " + db + " --code D1 --name Demo --demo") == 1);  // real database
    std::string table;
    CHECK(run_cli("sites --db " + db, &table) == 0);
    CHECK_THAT(table, Catch::Contains("HC01") && Catch::Contains("Mbala"));
    for (const char* ext : {"", "-wal", "-shm"}) std::remove((db + ext).c_str());
}

TEST_CASE("two outpost-central processes on one PostgreSQL database serve the same device",
          "[.postgres][process]") {
    auto& cluster = pg_test::Cluster::get();
    if (!cluster.available()) {
        if (cluster.skip_reason().find("is not installed") != std::string::npos) {
            std::fprintf(stderr, "SKIPPED: %s\n", cluster.skip_reason().c_str());
            std::exit(77);
        }
        FAIL("the PostgreSQL test cluster did not start: " << cluster.skip_reason());
    }
    const std::string db = cluster.fresh_database();
    REQUIRE(!db.empty());
    std::string code;
    REQUIRE(run_cli("site create --db '" + db + "' --code HC01 --name 'Mbala Health Centre'") == 0);
    REQUIRE(run_cli("code --db '" + db + "' --site HC01", &code) == 0);
    code = code.substr(0, code.find('\n'));
    REQUIRE(code.size() == 11);
    // What is SQLite-only refuses with its reason, and changes nothing.
    CHECK(run_cli("rebuild --db '" + db + "'") == 1);

    const std::string log = "/tmp/outpost_central_pg_" + std::to_string(getpid());
    process_test::CentralServer a(db, log + "_a.log", {"--db-connections", "3"});
    process_test::CentralServer b(db, log + "_b.log");
    httplib::Client to_a("127.0.0.1", a.port), to_b("127.0.0.1", b.port);
    for (httplib::Client* c : {&to_a, &to_b}) {
        c->set_connection_timeout(5, 0);
        c->set_read_timeout(10, 0);
    }
    httplib::Headers h{{protocol::kHeaderProtocol, "3"}};
    auto reg = to_a.Post(protocol::kPathRegister, h,
                         json{{"code", code}, {"device_name", "kiosk"}}.dump(), "application/json");
    REQUIRE(reg);
    INFO(reg->body);
    REQUIRE(reg->status == 200);
    json r = json::parse(reg->body);
    Registered d{r["device_id"], r["token"], r["site"]["id"]};
    h.emplace("Authorization", "Bearer " + d.token);
    auto push = [&](httplib::Client& c, int64_t from, int64_t to) {
        json changes = json::array();
        for (int64_t seq = from; seq <= to; ++seq) changes.push_back(Central::event_change(d, seq));
        auto res = c.Post(protocol::kPathPush, h,
                          json{{"device_id", d.device_id}, {"changes", changes}}.dump(),
                          "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        return json::parse(res->body)["accepted_through"].get<int64_t>();
    };
    auto pull = [&](httplib::Client& c, int64_t after, int* events) {
        auto res =
            c.Post(protocol::kPathPull, h,
                   json{{"device_id", d.device_id}, {"after", after}}.dump(), "application/json");
        REQUIRE(res);
        REQUIRE(res->status == 200);
        json page = json::parse(res->body);
        *events = 0;
        for (const auto& ch : page["changes"]) *events += ch["payload"].contains("stock_events");
        return page["next"].get<int64_t>();
    };
    CHECK(push(to_a, 1, 3) == 3);
    int events = 0;
    const int64_t cursor = pull(to_b, 0, &events);  // what A took, read through B
    CHECK(events == 3);
    CHECK(push(to_b, 3, 5) == 5);  // 3 again is a replay: ignored
    pull(to_a, cursor, &events);
    CHECK(events == 2);
    // The dashboard is not served on PostgreSQL yet: 501 with the reason.
    auto page = to_a.Get("/");
    REQUIRE(page);
    CHECK(page->status == 501);
    CHECK(page->body.find("PostgreSQL") != std::string::npos);

    CHECK(a.stop() == 0);
    CHECK(b.stop() == 0);
    for (const char* s : {"_a.log", "_b.log"}) std::remove((log + s).c_str());
}

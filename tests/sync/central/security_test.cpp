// Security checks of outpost-central (docs/security.md), each against real
// behaviour: tokens are long, random and stored only as hashes (the database
// file is searched for them); a device cannot attach rows to another site's
// prescriptions or stocktakes; and the HTTP front holds up against a body
// over the limit, a gzip bomb, a client sending one byte a second, and 200
// connections held open at once. Single-use, expiring, rate-limited
// registration codes and revocation are in central_register_test.cpp.
#include <sodium.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "central_process_util.h"
#include "central_test_util.h"
#include "client_register.h"
#include "client_session.h"
#include "store.h"
#include "transport_http.h"

using namespace outpost;
using namespace outpost::central_test;

namespace {

std::string file_bytes(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

std::string sha256_hex(const std::string& text) {
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    return hex;
}

json with_payload(int64_t seq, json payload) {
    return json{{"seq", seq}, {"hlc", "0193a2b4c5d60000"}, {"entity", "x"}, {"entity_id", "x"}, {"payload", payload}};
}

}  // namespace

TEST_CASE("security: tokens are 256 random bits and central keeps only their hashes", "[sync][security]") {
    const std::string dir = process_test::temp_dir("tokens");
    const std::string path = dir + "/central.db";
    std::vector<std::string> tokens, codes;
    {
        Central c(false, path);
        c.site("HC01");
        for (int i = 0; i < 40; ++i) {
            auto code = c.core->issue_code("HC01");
            REQUIRE(code.ok());
            codes.push_back(*code);
            auto r = c.post(protocol::kPathRegister, json{{"code", *code}, {"device_name", "d" + std::to_string(i)}});
            REQUIRE(r.status == 200);
            tokens.push_back(json::parse(r.body)["token"]);
        }
        // Every token is 64 hex digits (256 bits), all different, and
        // central holds exactly its SHA-256.
        std::set<std::string> distinct(tokens.begin(), tokens.end());
        CHECK(distinct.size() == tokens.size());
        int64_t ones = 0;
        for (const auto& t : tokens) {
            REQUIRE(t.size() == 64);
            REQUIRE(t.find_first_not_of("0123456789abcdef") == std::string::npos);
            CHECK(c.core->sql().query_i64("SELECT COUNT(*) FROM devices WHERE token_sha256='" +
                                          sha256_hex(t) + "'") == 1);
            for (char ch : t) ones += __builtin_popcount(static_cast<unsigned>(std::stoi(std::string(1, ch), nullptr, 16)));
        }
        // 10,240 bits: a fair source gives 50% ones within about 1.5%.
        const double share = static_cast<double>(ones) / (64.0 * 4 * tokens.size());
        CHECK(share > 0.47);
        CHECK(share < 0.53);
    }
    // Nowhere in the database file (or its journal) is a token or a code.
    std::string bytes = file_bytes(path) + file_bytes(path + "-wal") + file_bytes(path + "-journal");
    REQUIRE(bytes.size() > 4096);
    for (const auto& t : tokens) CHECK(bytes.find(t) == std::string::npos);
    for (const auto& code : codes) {
        std::string plain;
        for (char ch : code)
            if (ch != '-') plain += ch;
        CHECK(bytes.find(code) == std::string::npos);
        CHECK(bytes.find(plain) == std::string::npos);
    }
}

TEST_CASE("security: child rows cannot hang off another site's prescriptions or stocktakes", "[sync][security]") {
    Central c;
    c.site("HC01");
    c.site("HC02");
    auto a = c.register_device("HC01");
    auto b = c.register_device("HC02");
    // Site B dispenses and finishes a stocktake.
    json rx_b{{"id", "rx-B"}, {"site_id", b.site_id}, {"patient_id", "p"}, {"prescriber", "x"}, {"user_id", "u"},
              {"device_id", b.device_id}, {"hlc", "0193a2b4c5d60000"}, {"created_ms", 1}};
    json line_b{{"id", "line-B"}, {"prescription_id", "rx-B"}, {"line_no", 1}, {"item_id", "i"}, {"quantity", 1}};
    json st_b{{"id", "st-B"}, {"site_id", b.site_id}, {"device_id", b.device_id}, {"user_id", "u"}, {"status", "final"},
              {"hlc", "0193a2b4c5d60000"}};
    json pb = c.push(b, json::array({with_payload(1, {{"prescriptions", {rx_b}}, {"prescription_lines", {line_b}}}),
                                     with_payload(2, {{"stocktakes", {st_b}}})}));
    REQUIRE(pb["rejected"].empty());
    const std::string b_rows = "SELECT COUNT(*) FROM feed WHERE site_id='" + b.site_id + "'";
    const int64_t b_before = c.core->sql().query_i64(b_rows).value();
    const int64_t a_feed_before = c.feed_rows();

    // Site A's own prescription, for the cases that must still work.
    json rx_a = rx_b;
    rx_a["id"] = "rx-A";
    rx_a["site_id"] = a.site_id;
    rx_a["device_id"] = a.device_id;
    json line_a{{"id", "line-A"}, {"prescription_id", "rx-A"}, {"line_no", 1}, {"item_id", "i"}, {"quantity", 1}};
    json cancel_b{{"id", "c-B"}, {"prescription_id", "rx-B"}, {"reason", "r"}, {"user_id", "u"}, {"hlc", "0193a2b4c5d60001"}};
    json cancel_a = cancel_b;
    cancel_a["id"] = "c-A";
    cancel_a["prescription_id"] = "rx-A";
    json extra_line_b{{"id", "line-X"}, {"prescription_id", "rx-B"}, {"line_no", 2}, {"item_id", "i"}, {"quantity", 9}};
    json count_b{{"stocktake_id", "st-B"}, {"batch_id", "batch"}, {"item_id", "i"}, {"expected", 5}, {"counted", 0}};
    json mixed = {{"prescriptions", {rx_a}}, {"prescription_lines", {line_a, extra_line_b}}};

    json pa = c.push(a, json::array({
                            with_payload(1, {{"prescription_lines", {extra_line_b}}}),  // refused
                            with_payload(2, {{"cancellations", {cancel_b}}}),           // refused
                            with_payload(3, {{"stocktake_lines", {count_b}}}),          // refused
                            with_payload(4, mixed),                                     // refused: one line is B's
                            with_payload(5, {{"prescriptions", {rx_a}}, {"prescription_lines", {line_a}}}),
                            with_payload(6, {{"cancellations", {cancel_a}}}),  // parent accepted at seq 5
                        }));
    std::map<int64_t, std::string> why;
    for (const auto& r : pa["rejected"]) why[r["seq"]] = r["error"];
    CHECK(why == std::map<int64_t, std::string>{{1, "wrong_site"}, {2, "wrong_site"}, {3, "wrong_site"}, {4, "wrong_site"}});
    CHECK(pa["accepted_through"] == 6);
    // Nothing reached either feed but A's own two changes.
    CHECK(c.feed_rows() == a_feed_before + 2);
    CHECK(c.core->sql().query_i64(b_rows) == b_before);
    // Whole JSON strings, quotes included: LIKE '%c-B%' also matched hex
    // UUIDs with a "...c-b..." boundary in A's own payloads, a few percent
    // of runs. (LIKE, not instr: the same SQL runs on PostgreSQL.)
    CHECK(c.core->sql()
              .query_i64("SELECT COUNT(*) FROM feed WHERE site_id='" + a.site_id +
                         "' AND (payload LIKE '%\"line-X\"%' OR payload LIKE '%\"c-B\"%' OR "
                         "payload LIKE '%\"st-B\"%')")
              .value_or(-1) == 0);

    // Device A pulling everything sees none of site B's rows, and cannot ask
    // as device B.
    json page = c.pull(a, 0, 2000);
    CHECK(page.dump().find(b.site_id) == std::string::npos);
    CHECK(page.dump().find("rx-B") == std::string::npos);
    auto r = c.post(protocol::kPathPull, json{{"device_id", b.device_id}, {"after", 0}}, a.token);
    CHECK(r.status == 403);
    CHECK(error_of(r) == "wrong_site");
}

TEST_CASE("fuzz regression: a catalogue that is not UTF-8 is refused with its line not a crash", "[sync][security]") {
    Central c;
    // Found by fuzz_sync_csv: Latin-1 bytes (a spreadsheet's "Paracétamol")
    // made the JSON writer throw inside the import and end the process.
    const std::string csv =
        "code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,cold_chain,controlled\n"
        "PARA500,Parac\xe9tamol,500 mg,tablet,tablet,100,2t qid,,10,0,0\n";
    auto n = c.core->import_catalogue_csv(csv);
    REQUIRE_FALSE(n.ok());
    CHECK(n.status().message().find("line 2") != std::string::npos);
    CHECK(n.status().message().find("UTF-8") != std::string::npos);
    CHECK(c.core->sql().query_i64("SELECT COUNT(*) FROM items") == 0);
    // The same item in UTF-8 imports.
    auto ok = c.core->import_catalogue_csv(
        "code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,cold_chain,controlled\n"
        "PARA500,Parac\xc3\xa9tamol,500 mg,tablet,tablet,100,2t qid,,10,0,0\n");
    CHECK(ok.ok());
}

namespace {
// Answers every request with the next scripted (status, body).
class ScriptedTransport : public Transport {
public:
    explicit ScriptedTransport(std::vector<std::pair<int, std::string>> a) : answers_(std::move(a)) {}
    Result<HttpReply> post(const std::string&, const std::string&, const protocol::Headers&) override { return next(); }
    Result<HttpReply> get(const std::string&, const protocol::Headers&) override { return next(); }
    std::string where() const override { return "http://scripted.invalid"; }

private:
    Result<HttpReply> next() {
        if (i_ >= answers_.size()) return Status::Unavailable("no more answers");
        HttpReply r;
        r.status = answers_[i_].first;
        r.body = answers_[i_++].second;
        return r;
    }
    std::vector<std::pair<int, std::string>> answers_;
    size_t i_ = 0;
};
}  // namespace

TEST_CASE("fuzz regression: odd types in central's answers end a sync cycle not the app", "[sync][security]") {
    // Found by fuzz_sync_client: an error body whose "message" was not a
    // string made json::value throw on the sync thread, ending the process.
    FakeClock clock(kStartMs);
    auto store = Store::Open({":memory:", true, &clock, false});
    REQUIRE(store.ok());
    REQUIRE((*store)->init_registered({"site-A", "A", "Clinic A", "device-1", "kiosk", false}).ok());
    REQUIRE((*store)->apply_remote({R"({"users":[{"id":"u1","site_id":"site-A","name":"A","role":"admin","pin_hash":"x","active":1,"hlc":"0193a2b4c5d60000"}]})"},
                                   "pull_cursor", "1")
                .ok());
    PatientInput p;
    p.family_name = "Banda";
    p.given_name = "Grace";
    p.sex = "F";
    REQUIRE((*store)->register_patient("u1", p).ok());
    ScriptedTransport t({{413, R"({"error": "payload_too_large", "message": false})"},
                         {200, R"({"accepted_through": 1, "rejected": [{"error": 7, "message": ["x"]}, {"seq": 1, "message": 3}]})"},
                         {503, R"({"error": {"x": 1}, "message": null})"}});
    SyncConfig config;
    SyncSession session(**store, t, clock, config);
    CycleReport r = session.run_once();  // must not throw
    CHECK_FALSE(r.status.ok());
    CHECK(session.push_cursor() == 1);
    auto q = (*store)->quarantined();
    REQUIRE(q.ok());
    CHECK(q->size() == 1);  // seq 1, with a made-up reason since central's was not text
    // A registration answer with a non-string site name is refused in words.
    auto fresh = Store::Open({":memory:", true, &clock, false});
    ScriptedTransport reg({{200, R"({"device_id": "d", "token": "t", "site": {"id": 5, "name": false, "is_demo": "no"}})"}});
    auto got = register_device(reg, "AAA-AAA-AAA", "kiosk", **fresh);
    CHECK(got.status().code() == Status::Code::kUnavailable);
    CHECK_FALSE((*fresh)->has_identity());
}

#if defined(OUTPOST_CENTRAL_BIN)

namespace {

using process_test::connect_to;
using process_test::read_until_closed;
using process_test::send_all;

std::string status_line(const std::string& answer) { return answer.substr(0, answer.find('\r')); }

// GET /v1/status with no token: central answers 401 when it is serving.
int64_t ms_to_answer(int port) {
    const auto t0 = std::chrono::steady_clock::now();
    int fd = connect_to(port);
    if (fd < 0) return -1;
    send_all(fd, "GET /v1/status HTTP/1.1\r\nHost: x\r\nX-Outpost-Protocol: 1\r\nConnection: close\r\n\r\n");
    std::string answer = read_until_closed(fd, 30);
    close(fd);
    if (status_line(answer) != "HTTP/1.1 401 Unauthorized") return -1;
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("security: central's HTTP front refuses big bodies and outlasts slow and idle clients",
          "[sync][security][process]") {
    const std::string dir = process_test::temp_dir("limits");
    process_test::CentralServer central(dir + "/central.db", dir + "/log.txt",
                                        {"--read-timeout", "2", "--request-timeout", "3", "--threads", "16"});
    const int port = central.port;
    REQUIRE(ms_to_answer(port) >= 0);

    SECTION("a declared body over 8 MiB is 413 before it is sent") {
        int fd = connect_to(port);
        REQUIRE(fd >= 0);
        send_all(fd, "POST /v1/push HTTP/1.1\r\nHost: x\r\nX-Outpost-Protocol: 1\r\nContent-Type: application/json\r\n"
                     "Content-Length: 9437184\r\n\r\n{");
        std::string answer = read_until_closed(fd, 5);
        close(fd);
        CHECK(status_line(answer) == "HTTP/1.1 413 Payload Too Large");
        CHECK(answer.find("payload_too_large") != std::string::npos);
    }
    SECTION("a gzip bomb (9 MiB of zeros in 9 KiB) is 413 after decompression") {
        const std::string bomb = gzip_compress(std::string(9u << 20, '0'));
        REQUIRE(bomb.size() < 64 * 1024);
        int fd = connect_to(port);
        REQUIRE(fd >= 0);
        send_all(fd, "POST /v1/register HTTP/1.1\r\nHost: x\r\nX-Outpost-Protocol: 1\r\nContent-Type: application/json\r\n"
                     "Content-Encoding: gzip\r\nContent-Length: " + std::to_string(bomb.size()) + "\r\n\r\n" + bomb);
        std::string answer = read_until_closed(fd, 3);
        close(fd);
        CHECK(status_line(answer) == "HTTP/1.1 413 Payload Too Large");
    }
    SECTION("a client sending one byte a second is cut off at the request deadline") {
        int fd = connect_to(port);
        REQUIRE(fd >= 0);
        const std::string request = "POST /v1/push HTTP/1.1\r\nHost: central\r\nX-Outpost-Protocol: 1\r\n\r\n";
        const auto t0 = std::chrono::steady_clock::now();
        bool cut = false;
        for (size_t i = 0; i < request.size() - 2 && !cut; ++i) {
            cut = !send_all(fd, request.substr(i, 1));
            if (!cut) {
                // A closed connection shows as readable with 0 bytes.
                timeval tv{1, 0};
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
                char c;
                cut = recv(fd, &c, 1, 0) == 0;
            }
        }
        const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        close(fd);
        INFO("cut off after " << secs << " s");
        CHECK(cut);
        CHECK(secs < 3 + 1.5);  // --request-timeout 3, checked every 0.1 s
        std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the log line follows the cut
        CHECK(file_bytes(dir + "/log.txt").find("cut off") != std::string::npos);
    }
    SECTION("200 idle connections and 100 stalled requests do not stop a normal request") {
        std::vector<int> idle, stalled;
        for (int i = 0; i < 200; ++i) {
            int fd = connect_to(port);
            REQUIRE(fd >= 0);
            idle.push_back(fd);
        }
        // Sockets that sent half a request occupy workers (16 here) until the
        // guard cuts them off.
        for (int i = 0; i < 100; ++i) {
            int fd = connect_to(port);
            REQUIRE(fd >= 0);
            send_all(fd, "GET /v1/status HTTP/1.1\r\nHo");
            stalled.push_back(fd);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        const int64_t ms = ms_to_answer(port);
        INFO("answered after " << ms << " ms with 200 idle and 100 stalled connections open");
        CHECK(ms >= 0);
        CHECK(ms < 6000);  // at most about one request deadline (3 s) plus slack
        for (int fd : idle) close(fd);
        for (int fd : stalled) close(fd);
    }
    SECTION("a device revoked with the admin CLI is refused by the running server") {
        const std::string cli = std::string(OUTPOST_CENTRAL_BIN) + " ";
        const std::string db = " --db " + dir + "/central.db 2>/dev/null";
        process_test::shell(cli + "site create --code HC01 --name Clinic" + db);
        const std::string code = process_test::shell(cli + "code --site HC01" + db);
        HttpTransport t({"http://127.0.0.1:" + std::to_string(port), "", 3, 5, 5});
        protocol::Headers h{{protocol::kHeaderProtocol, "1"}};
        auto reg = t.post(protocol::kPathRegister, json{{"code", code}, {"device_name", "kiosk"}}.dump(), h);
        REQUIRE(reg.ok());
        REQUIRE(reg->status == 200);
        json j = json::parse(reg->body);
        h[protocol::kHeaderAuthorization] = "Bearer " + j["token"].get<std::string>();
        auto ok = t.get(protocol::kPathStatus, h);
        REQUIRE(ok.ok());
        CHECK(ok->status == 200);
        process_test::shell(cli + "device revoke --device " + j["device_id"].get<std::string>() + db);
        auto refused = t.get(protocol::kPathStatus, h);
        REQUIRE(refused.ok());
        CHECK(refused->status == 401);
        CHECK(refused->body.find("bad_token") != std::string::npos);
    }
}

#endif

// The sync client's parts on their own: backoff, gzip, the HTTP transport's
// failure words, SyncSession against an in-process central (quarantine,
// sequence conflict, revoked token, page halving on 413, cursors), and the
// background SyncClient's triggers and prompt stop.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <nlohmann/json.hpp>
#include <thread>

#include "backoff.h"
#include "central_core.h"
#include "client.h"
#include "client_register.h"
#include "client_session.h"
#include "store.h"
#include "transport_http.h"
#include "transport_loopback.h"

using namespace outpost;
using nlohmann::json;

namespace {

constexpr int64_t kStart = 1781517600000LL;

// Central with one site, one admin and two items; a device registered and
// synced once. PIN hashing is slow, so the fixture is built per test only.
struct Rig {
    FakeClock clock{kStart};
    std::unique_ptr<CentralCore> central;
    std::unique_ptr<LoopbackTransport> wire;
    std::unique_ptr<Store> device;
    SyncConfig config;
    std::string user, item;

    explicit Rig(const std::string& path = ":memory:") {
        central = CentralCore::Open(":memory:", &clock, false).value();
        REQUIRE(central->create_site("HC01", "Mbala Health Centre", false).ok());
        REQUIRE(central->add_user("HC01", "Amina", "admin", "1234").ok());
        REQUIRE(central
                    ->import_catalogue_csv("code,name,strength,form,unit,pack_size,default_directions,warning,"
                                           "reorder_level,cold_chain,controlled\n"
                                           "AMOX250,Amoxicillin,250 mg,tablet,tablet,100,1t tds,,10,0,0\n"
                                           "PARA500,Paracetamol,500 mg,tablet,tablet,100,2t qid,,10,0,0\n")
                    .ok());
        wire = std::make_unique<LoopbackTransport>(*central);
        device = Store::Open({path, true, &clock, false}).value();
        REQUIRE(register_device(*wire, central->issue_code("HC01").value(), "kiosk", *device).ok());
        config.clock = &clock;
        SyncSession s(*device, *wire, clock, config);
        REQUIRE(s.run_once().status.ok());
        user = device->users().at(0).id;
        item = device->item_by_code("AMOX250")->id;
    }
    void receive(int64_t qty) {
        ReceiveInput in;
        in.item_id = item;
        in.batch_no = "L1";
        in.expiry = "2027-01-31";
        in.quantity = qty;
        REQUIRE(device->receive(user, in).ok());
    }
};

// Answers from a script, for error paths central cannot be made to give.
class ScriptedTransport : public Transport {
public:
    std::function<Result<HttpReply>(const std::string& path, const json& body)> answer;
    std::vector<json> bodies;
    Result<HttpReply> post(const std::string& path, const std::string& body, const protocol::Headers&) override {
        bodies.push_back(json::parse(body));
        return answer(path, bodies.back());
    }
    Result<HttpReply> get(const std::string&, const protocol::Headers&) override {
        return Status::Unavailable("no");
    }
    std::string where() const override { return "script://"; }
};

}  // namespace

TEST_CASE("backoff grows exponentially is capped jittered and repeatable", "[sync][backoff]") {
    BackoffOptions o;  // 2 s base, 5 min cap
    Backoff a(99, o), b(99, o);
    int64_t window = 2000;
    for (int i = 0; i < 12; ++i) {
        CHECK(a.window_ms() == std::min<int64_t>(window, o.cap_ms));
        int64_t d = a.next_delay_ms();
        CHECK(d >= 0);
        CHECK(d <= std::min<int64_t>(window, o.cap_ms));
        CHECK(d == b.next_delay_ms());  // same seed, same waits
        window *= 2;
    }
    CHECK(a.window_ms() == o.cap_ms);
    // Full jitter: over many draws the waits spread across the window.
    Backoff c(1, o);
    for (int i = 0; i < 20; ++i) c.next_delay_ms();
    int64_t lo = INT64_MAX, hi = 0;
    for (int i = 0; i < 200; ++i) {
        int64_t d = c.next_delay_ms();
        lo = std::min(lo, d);
        hi = std::max(hi, d);
    }
    CHECK(lo < o.cap_ms / 4);
    CHECK(hi > o.cap_ms * 3 / 4);
    // Retry-After is a floor; success starts again from the base.
    CHECK(c.next_delay_ms(600000) >= 600000);
    c.reset();
    CHECK(c.next_delay_ms() <= 2000);
    CHECK(parse_retry_after_ms("7") == 7000);
    CHECK(parse_retry_after_ms("") == 0);
    CHECK(parse_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT") == 0);
}

TEST_CASE("gzip compresses JSON and round-trips", "[sync][transport]") {
    std::string text;
    for (int i = 0; i < 200; ++i) text += R"({"id":"0193a2b4-c5d6","quantity":-12,"kind":"dispense"},)";
    std::string z = gzip_compress(text);
    REQUIRE(!z.empty());
    CHECK(z.size() < text.size() / 5);
    CHECK(static_cast<unsigned char>(z[0]) == 0x1f);  // gzip magic
    std::string back;
    REQUIRE(gzip_decompress(z, &back));
    CHECK(back == text);
    CHECK_FALSE(gzip_decompress("not gzip", &back));
}

TEST_CASE("an unreachable central is Unavailable in plain words", "[sync][transport]") {
    HttpTransportOptions o;
    o.server_url = "http://127.0.0.1:1";  // nothing listens on port 1
    o.connect_timeout_s = 2;
    HttpTransport t(o);
    auto r = t.post("/v1/push", "{}", {});
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kUnavailable);
    CHECK(r.status().message() == "cannot reach central at http://127.0.0.1:1: connection refused or no route");
}

TEST_CASE("push moves the cursor on central's answer and pull brings changes back", "[sync][session]") {
    Rig rig;
    rig.receive(100);
    rig.receive(20);
    SyncSession s(*rig.device, *rig.wire, rig.clock, rig.config);
    CHECK(s.push_cursor() == 0);
    CycleReport r = s.run_once();
    REQUIRE(r.status.ok());
    CHECK(r.pushed == 2);
    CHECK(s.push_cursor() == rig.device->outbox_last_seq());
    // Version 2 pulls pass over our own changes, and the cursor still
    // reaches the end of the feed.
    CHECK(r.pulled == 0);
    CHECK(s.pull_cursor() == rig.central->feed_head());
    CHECK(rig.device->verify()->ok());
    SyncSnapshot snap;
    s.fill_snapshot(&snap);
    CHECK(snap.configured);
    CHECK(snap.changes_waiting == 0);
    CHECK(snap.last_success_ms == rig.clock.now_ms());
    CHECK_FALSE(snap.restoring);
    // Nothing new: a second cycle pushes and pulls nothing.
    CycleReport again = s.run_once();
    CHECK(again.status.ok());
    CHECK(again.pushed == 0);
    CHECK(again.pulled == 0);
}

TEST_CASE("a change central refuses is quarantined and does not block the next", "[sync][session]") {
    Rig rig;
    rig.receive(10);
    // A change that writes central data (an item) is out of scope for a
    // device; slip one into the outbox between two good ones.
    const int64_t bad = rig.device->outbox_last_seq() + 1;
    Stmt ins = rig.device->db().prepare("INSERT INTO outbox(seq,entity,entity_id,hlc,payload) VALUES(?,?,?,?,?)");
    ins.bind(1, bad).bind(2, "item").bind(3, "x").bind(4, "0193a2b4c5d60000")
        .bind(5, R"({"items":[{"id":"x","code":"HACK","name":"Hack"}]})");
    REQUIRE(ins.run().ok());
    rig.receive(5);
    SyncSession s(*rig.device, *rig.wire, rig.clock, rig.config);
    CycleReport r = s.run_once();
    REQUIRE(r.status.ok());
    CHECK(r.quarantined == 1);
    CHECK(s.push_cursor() == rig.device->outbox_last_seq());
    auto q = rig.device->quarantined();
    REQUIRE(q.ok());
    REQUIRE(q->size() == 1);
    CHECK(q->at(0).seq == bad);
    CHECK_FALSE(q->at(0).hlc.empty());  // the reason, shown to the user
    SyncSnapshot snap;
    s.fill_snapshot(&snap);
    CHECK(snap.quarantined == 1);
}

TEST_CASE("a reused sequence number stops sync with a plain message", "[sync][session]") {
    Rig rig;
    rig.receive(10);
    SyncSession s(*rig.device, *rig.wire, rig.clock, rig.config);
    REQUIRE(s.run_once().status.ok());
    // The device forgets what it sent (an old backup copied back) and its
    // seq 1 now says something else.
    REQUIRE(rig.device->db().exec("UPDATE outbox SET payload=replace(payload,'\"quantity\":10','\"quantity\":11') "
                                  "WHERE seq=1").ok());
    REQUIRE(rig.device->set_meta("push_cursor", "0").ok());
    CycleReport r = s.run_once();
    CHECK_FALSE(r.status.ok());
    CHECK(r.fatal);
    CHECK(r.status.message().find("this device must be set up again (restore)") == 0);
    CHECK(rig.device->meta("sync_stopped").value_or("") == r.status.message());
}

TEST_CASE("a revoked device is told to set up sync again", "[sync][session]") {
    Rig rig;
    REQUIRE(rig.central->revoke_device(rig.device->identity().device_id).ok());
    SyncSession s(*rig.device, *rig.wire, rig.clock, rig.config);
    CycleReport r = s.run_once();
    CHECK(r.fatal);
    CHECK(r.status.code() == Status::Code::kPermissionDenied);
    CHECK(r.status.message().find("set up sync again") != std::string::npos);
}

TEST_CASE("pages halve on 413 and on timeouts and grow after fast full pages", "[sync][session]") {
    Rig rig;
    for (int i = 0; i < 12; ++i) rig.receive(1 + i);
    ScriptedTransport t;
    int64_t held = 0;
    t.answer = [&](const std::string& path, const json& body) -> Result<HttpReply> {
        if (path == protocol::kPathPush) {
            if (body["changes"].size() > 2)
                return HttpReply{413, {}, protocol::error_body(protocol::Error::kPayloadTooLarge, "too big")};
            held = body["changes"].back()["seq"].get<int64_t>();
            return HttpReply{200, {}, json{{"accepted_through", held}, {"rejected", json::array()}}.dump()};
        }
        return HttpReply{200, {}, R"({"changes":[],"next":0,"more":false,"remaining":0})"};
    };
    SyncConfig c = rig.config;
    c.page_rows_initial = 8;
    c.page_rows_max = 8;
    SyncSession s(*rig.device, t, rig.clock, c);
    CycleReport r = s.run_once();
    REQUIRE(r.status.ok());
    CHECK(held == rig.device->outbox_last_seq());
    CHECK(s.push_cursor() == held);
    // 8 -> 4 -> 2 rows, then pages of 2 (answered "fast": grows to 4 -> 413 again).
    // 8 rows: 413; 4 rows: 413; 2 rows: accepted.
    REQUIRE(t.bodies.size() >= 3);
    CHECK(t.bodies[0]["changes"].size() == 8);
    CHECK(t.bodies[1]["changes"].size() == 4);
    CHECK(t.bodies[2]["changes"].size() == 2);
    CHECK(s.page_rows() <= 4);
}

TEST_CASE("central's Retry-After reaches the report and pull cursors never go back", "[sync][session]") {
    Rig rig;
    ScriptedTransport t;
    t.answer = [&](const std::string& path, const json&) -> Result<HttpReply> {
        if (path == protocol::kPathPull) {
            HttpReply r{503, {}, protocol::error_body(protocol::Error::kBusy, "busy")};
            r.headers["retry-after"] = "30";
            return r;
        }
        return HttpReply{200, {}, R"({"accepted_through":0,"rejected":[]})"};
    };
    SyncSession s(*rig.device, t, rig.clock, rig.config);
    const int64_t cursor = s.pull_cursor();
    CycleReport r = s.run_once();
    CHECK_FALSE(r.status.ok());
    CHECK_FALSE(r.fatal);
    CHECK(r.retry_after_ms == 30000);
    CHECK(r.status.message().find("central is busy") == 0);
    // A feed answer whose cursor is behind ours is refused, not applied.
    t.answer = [&](const std::string&, const json&) -> Result<HttpReply> {
        return HttpReply{200, {}, json{{"changes", json::array({json{{"cursor", 1}, {"payload", json::object()}}})},
                                       {"next", 1}, {"more", false}, {"remaining", 0}}.dump()};
    };
    CHECK_FALSE(s.pull_all(&r).ok());
    CHECK(s.pull_cursor() == cursor);
}

TEST_CASE("restore: a new device pulls the whole site with progress", "[sync][restore]") {
    Rig rig;
    for (int i = 0; i < 30; ++i) rig.receive(1 + i);
    SyncSession s(*rig.device, *rig.wire, rig.clock, rig.config);
    REQUIRE(s.run_once().status.ok());
    auto fresh = Store::Open({":memory:", true, &rig.clock, false}).value();
    SyncConfig small = rig.config;
    small.page_rows_initial = small.page_rows_max = 4;
    std::vector<std::pair<int64_t, int64_t>> seen;
    Status st = restore_device(*rig.wire, rig.central->issue_code("HC01").value(), "new laptop", *fresh, small,
                               [&](int64_t done, int64_t total) { seen.emplace_back(done, total); });
    REQUIRE(st.ok());
    REQUIRE(seen.size() >= 5);
    for (size_t i = 1; i < seen.size(); ++i) CHECK(seen[i].first > seen[i - 1].first);
    CHECK(seen.back().first == seen.back().second);
    CHECK(fresh->meta("sync_restoring").value_or("") == "0");
    CHECK(fresh->verify()->ok());
    CHECK(fresh->db().query_i64("SELECT SUM(quantity) FROM stock_on_hand").value_or(0) ==
          rig.device->db().query_i64("SELECT SUM(quantity) FROM stock_on_hand").value_or(-1));
    // A used code is refused in words.
    auto again = Store::Open({":memory:", true, &rig.clock, false}).value();
    auto reg = register_device(*rig.wire, "AAA-BBB-CCC", "x", *again);
    CHECK(reg.status().message().find("the set-up code is wrong") == 0);
}

TEST_CASE("SyncClient syncs on start after local writes on demand and stops promptly", "[sync][client]") {
    const std::string path = "/tmp/outpost-client-test-" + std::to_string(getpid()) + ".db";
    {
        Rig rig(path);
        SyncConfig c;  // real clock for the thread's schedule
        c.periodic_ms = 60 * 60 * 1000;
        c.debounce_ms = 50;
        c.backoff_seed = 3;
        SyncStatusBoard board;
        std::mutex mu;
        std::condition_variable cv;
        int changes = 0;
        // The in-process central is not thread safe with the test's own use
        // of it, but the test touches it only through the client here.
        SyncClient client(c, path, &board,
                          [&] {
                              std::lock_guard<std::mutex> l(mu);
                              ++changes;
                              cv.notify_all();
                          },
                          [&](const std::string&) { return std::make_unique<LoopbackTransport>(*rig.central); });
        auto wait_for = [&](auto pred) {
            std::unique_lock<std::mutex> l(mu);
            return cv.wait_for(l, std::chrono::seconds(5), [&] { return pred(board.read()); });
        };
        REQUIRE(client.start().ok());
        REQUIRE(wait_for([&](const SyncSnapshot& s) { return s.last_success_ms > 0 && !s.running; }));
        const int64_t first = client.cycles();
        rig.receive(7);  // the UI thread's own Store connection
        client.notify_local_write();
        REQUIRE(wait_for([&](const SyncSnapshot& s) {
            return client.cycles() > first && !s.running && s.changes_waiting == 0;
        }));
        const int64_t second = client.cycles();
        client.sync_now();
        REQUIRE(wait_for([&](const SyncSnapshot&) { return client.cycles() > second; }));
        CHECK(board.read().last_error.empty());
        auto t0 = std::chrono::steady_clock::now();
        client.stop();
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(500));
        CHECK(changes > 0);
    }
    for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
}

TEST_CASE("SyncClient::stop() aborts a request that hangs", "[sync][client]") {
    const std::string path = "/tmp/outpost-client-hang-" + std::to_string(getpid()) + ".db";
    {
        Rig rig(path);
        // A transport that never answers until cancelled.
        class Hanging : public Transport {
        public:
            Result<HttpReply> post(const std::string&, const std::string&, const protocol::Headers&) override {
                std::unique_lock<std::mutex> l(mu_);
                entered_ = true;
                cv_.wait(l, [&] { return cancelled_; });
                return Status::Unavailable("cancelled");
            }
            Result<HttpReply> get(const std::string&, const protocol::Headers&) override {
                return Status::Unavailable("no");
            }
            std::string where() const override { return "hang://"; }
            void cancel() override {
                std::lock_guard<std::mutex> l(mu_);
                cancelled_ = true;
                cv_.notify_all();
            }
            std::mutex mu_;
            std::condition_variable cv_;
            bool cancelled_ = false, entered_ = false;
        };
        Hanging* hanging = nullptr;
        SyncStatusBoard board;
        SyncClient client(SyncConfig{}, path, &board, {}, [&](const std::string&) {
            auto t = std::make_unique<Hanging>();
            hanging = t.get();
            return t;
        });
        REQUIRE(client.start().ok());
        for (int i = 0; i < 200 && !board.read().running; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
        CHECK(board.read().running);
        auto t0 = std::chrono::steady_clock::now();
        client.stop();
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(500));
        CHECK(hanging != nullptr);  // the request really was in flight
    }
    for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
}

TEST_CASE("SyncClient retries soon after an attempt that moved changes before it failed", "[sync][client]") {
    const std::string path = "/tmp/outpost-client-flaky-" + std::to_string(getpid()) + ".db";
    {
        Rig rig(path);
        for (int i = 0; i < 30; ++i) rig.receive(1);  // 30 changes waiting
        // Every third request is lost: each attempt pushes a page or two,
        // then fails.
        class Flaky : public Transport {
        public:
            explicit Flaky(CentralCore& c) : inner_(c) {}
            Result<HttpReply> post(const std::string& p, const std::string& b, const protocol::Headers& h) override {
                if (++n_ % 3 == 0) return Status::Unavailable("the link dropped the request");
                return inner_.post(p, b, h);
            }
            Result<HttpReply> get(const std::string& p, const protocol::Headers& h) override {
                if (++n_ % 3 == 0) return Status::Unavailable("the link dropped the request");
                return inner_.get(p, h);
            }
            std::string where() const override { return "flaky://"; }

        private:
            LoopbackTransport inner_;
            int n_ = 0;
        };
        SyncConfig c;
        c.page_rows_initial = c.page_rows_min = c.page_rows_max = 1;  // one change a request
        c.backoff.base_ms = 100;
        c.backoff.cap_ms = 60 * 1000;
        c.backoff_seed = 5;
        c.periodic_ms = 60 * 60 * 1000;
        SyncStatusBoard board;
        std::mutex mu;
        std::condition_variable cv;
        std::vector<int64_t> waits_ms;  // after each failed attempt: how long until the next
        SyncClient client(c, path, &board,
                          [&] {
                              const SyncSnapshot s = board.read();
                              std::lock_guard<std::mutex> l(mu);
                              if (!s.running && !s.last_error.empty() && s.next_attempt_ms > 0)
                                  waits_ms.push_back(s.next_attempt_ms - s.last_attempt_ms);
                              cv.notify_all();
                          },
                          [&](const std::string&) { return std::make_unique<Flaky>(*rig.central); });
        REQUIRE(client.start().ok());
        {
            std::unique_lock<std::mutex> l(mu);
            // Generous: not a timing test. Without the reset the waits would
            // double (100 ms, 200 ms, ... 100 s after ten failures) and this
            // would take many minutes.
            REQUIRE(cv.wait_for(l, std::chrono::seconds(60), [&] {
                const SyncSnapshot s = board.read();
                return s.changes_waiting == 0 && s.last_success_ms > 0 && !s.running;
            }));
        }
        client.stop();
        std::lock_guard<std::mutex> l(mu);
        REQUIRE(waits_ms.size() >= 10);
        for (int64_t w : waits_ms) CHECK(w < 100 + 1000);  // the base window plus the attempt itself
    }
    for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((path + suffix).c_str());
}

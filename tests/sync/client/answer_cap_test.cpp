// The device reads at most protocol::kMaxAnswerBytes of any answer from
// central (issue 17's audit): a "central" that answers with more, plainly or
// as a small gzip bomb, gets a refusal in words and the device's memory is
// not filled; a normal answer still reads whole.
#include <catch2/catch.hpp>
#include <httplib.h>
#include <zlib.h>

#include <string>
#include <thread>

#include "protocol.h"
#include "transport_http.h"

using namespace outpost;

namespace {

// A loopback server whose /big answers kMaxAnswerBytes + 1 bytes, /bomb the
// same amount of zeros gzip-compressed (about 16 KiB on the wire), /ok a
// short body; both GET and POST.
struct HostileCentral {
    httplib::Server svr;
    std::thread thread;
    int port = 0;
    std::string bomb;

    HostileCentral() {
        bomb = gzip_compress(std::string(protocol::kMaxAnswerBytes + 1, '0'));
        auto big = [](const httplib::Request&, httplib::Response& res) {
            res.set_content(std::string(protocol::kMaxAnswerBytes + 1, 'x'), "application/json");
        };
        auto gz = [this](const httplib::Request&, httplib::Response& res) {
            // Not a text type, or httplib's server would gzip the gzip again.
            res.set_header("Content-Encoding", "gzip");
            res.set_content(bomb, "application/octet-stream");
        };
        auto ok = [](const httplib::Request&, httplib::Response& res) {
            res.set_content(R"({"ok":true})", "application/json");
        };
        svr.Get("/big", big);
        svr.Post("/big", big);
        svr.Get("/bomb", gz);
        svr.Post("/bomb", gz);
        svr.Get("/ok", ok);
        svr.Post("/ok", ok);
        port = svr.bind_to_any_port("127.0.0.1");
        thread = std::thread([this] { svr.listen_after_bind(); });
    }
    ~HostileCentral() {
        svr.stop();
        thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};

}  // namespace

TEST_CASE("the device refuses an answer from central larger than the cap", "[sync][client][security]") {
    HostileCentral central;
    REQUIRE(central.port > 0);
    REQUIRE(central.bomb.size() < 64 * 1024);
    HttpTransport t({central.url(), "", 3, 10, 10});
    const protocol::Headers h;

    for (const char* path : {"/big", "/bomb"}) {
        INFO(path);
        auto got = t.get(path, h);
        REQUIRE_FALSE(got.ok());
        CHECK(got.status().message().find("sent an answer over 16 MiB") != std::string::npos);
        auto posted = t.post(path, R"({"x":1})", h);
        REQUIRE_FALSE(posted.ok());
        CHECK(posted.status().message().find("check that the central address is right") != std::string::npos);
        CHECK_FALSE(t.last_failure_was_timeout());
    }

    // The same transport goes on reading normal answers afterwards.
    auto fine = t.get("/ok", h);
    REQUIRE(fine.ok());
    CHECK(fine->status == 200);
    CHECK(fine->body == R"({"ok":true})");
    auto fine_post = t.post("/ok", std::string(1000, ' ') + R"({"x":1})", h);
    REQUIRE(fine_post.ok());
    CHECK(fine_post->body == R"({"ok":true})");
}

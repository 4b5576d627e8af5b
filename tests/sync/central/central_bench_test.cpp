// A measurement, not a check (hidden tag [.bench]; run with
// `sync_tests "[.bench]"`): how many small one-change pushes per second
// CentralCore takes on a real file (WAL, synchronous=FULL: one fsync per
// push), request parsing and response included, HTTP excluded.
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "central_test_util.h"

using namespace outpost;
using namespace outpost::central_test;

// ":memory:" shows the CPU cost alone; the file shows what the disk allows.
TEST_CASE("central bench: one-change pushes per second", "[.bench]") {
    const std::string file = "/tmp/outpost_central_bench_" + std::to_string(getpid()) + ".db";
    const std::string path = GENERATE_COPY(std::string(":memory:"), file);
    for (const char* ext : {"", "-wal", "-shm"}) std::remove((file + ext).c_str());
    {
        Central c(false, path);
        c.site("HC01");
        auto d = c.register_device("HC01");
        const int kPushes = 2000;
        std::vector<std::string> bodies;
        for (int seq = 1; seq <= kPushes; ++seq)
            bodies.push_back(json{{"device_id", d.device_id},
                                  {"pending", kPushes - seq},
                                  {"changes", json::array({Central::event_change(d, seq)})}}
                                 .dump());
        const auto start = std::chrono::steady_clock::now();
        for (const auto& b : bodies) {
            auto r = c.call("POST", protocol::kPathPush, b, d.token);
            REQUIRE(r.status == 200);
        }
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("central bench: %d one-change pushes in %.2f s = %.0f pushes/s (database %s)\n", kPushes, s,
                    kPushes / s, path.c_str());
        CHECK(c.core->db().query_i64("SELECT accepted_through FROM devices") == kPushes);
    }
    for (const char* ext : {"", "-wal", "-shm"}) std::remove((file + ext).c_str());
}

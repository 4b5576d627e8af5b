// `outpost peer serve` and `outpost sync --peer` (issue 15): bad usage and
// stores that cannot take part are refused in plain words, and `sync --peer`
// exchanges with a device served on a loopback port (the serving side runs
// peer::serve_peers on a thread, as `peer serve` does in its process).
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdio>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "client_session.h"
#include "peer_command.h"
#include "peer_http.h"
#include "store.h"
#include "sync_command.h"

using namespace outpost;

namespace {

std::string fresh_path(const std::string& name) {
    const std::string p = "/tmp/outpost-peercmd-" + std::to_string(getpid()) + "-" + name + ".db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((p + suffix).c_str());
    return p;
}

// A store of site HC01 registered as device `device`, holding a site key.
void make_device(const std::string& path, const std::string& device, const std::string& key_hex) {
    auto s = Store::Open({path, true});
    REQUIRE(s.ok());
    Identity id{"0193site-0000-7000-8000-000000000001", "HC01", "Mbala", device, device, false};
    REQUIRE((*s)->init_registered(id, {{sync_meta::kSiteKey, key_hex}, {sync_meta::kSiteKeyNo, "1"}}).ok());
    const std::string site = id.site_id;
    const std::string patient = R"({"patients":[{"id":"p-)" + device + R"(","site_id":")" + site +
                                R"(","family_name":"BANDA","given_name":"Ruth","hlc":"0193a2b4c5d60000","device_id":")" +
                                device + R"("}]})";
    // One change of its own in the outbox, as a local operation would leave.
    REQUIRE((*s)->db().exec("INSERT INTO outbox(seq,entity,entity_id,hlc,payload) VALUES(1,'patient','p','0193a2b4c5d60000','" +
                            patient + "')").ok());
    REQUIRE((*s)->apply_remote({patient}, "test", "1").ok());
}

}  // namespace

TEST_CASE("peer serve and sync --peer refuse bad usage and stores that cannot take part", "[peer-command]") {
    std::ostringstream out, err;
    CHECK(is_peer_command({"peer", "serve"}));
    CHECK_FALSE(is_peer_command({"sync"}));
    CHECK(run_peer_command({"peer"}, out, err) == 2);
    CHECK(run_peer_command({"peer", "serve", "--db", "x"}, out, err) == 2);
    CHECK_THAT(err.str(), Catch::Contains("--listen HOST:PORT"));
    err.str("");
    CHECK(run_peer_command({"peer", "serve", "--db", "x", "--listen", "nohost"}, out, err) == 2);
    CHECK_THAT(err.str(), Catch::Contains("is not HOST:PORT"));
    err.str("");
    CHECK(run_sync_command({"sync", "--db", "/nonexistent/x.db", "--peer", "127.0.0.1:1"}, out, err) == 1);
    const std::string standalone = fresh_path("standalone");
    {
        auto s = Store::Open({standalone, true});
        REQUIRE(s.ok());
        REQUIRE((*s)->init_standalone("HC", "Standalone HC", "kiosk").ok());
    }
    err.str("");
    CHECK(run_peer_command({"peer", "serve", "--db", standalone, "--listen", "127.0.0.1:0"}, out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("no site key"));
    err.str("");
    CHECK(run_sync_command({"sync", "--db", standalone, "--peer", "127.0.0.1:1"}, out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("no site key"));
}

TEST_CASE("sync --peer exchanges with a device served on the network", "[peer-command]") {
    const std::string key(64, '7');
    const std::string kiosk = fresh_path("kiosk"), laptop = fresh_path("laptop");
    make_device(kiosk, "dev-kiosk", key);
    make_device(laptop, "dev-laptop", key);
    auto served = Store::Open({laptop, false});
    REQUIRE(served.ok());
    SystemClock clock;
    peer::PeerServer server(**served, clock);
    std::atomic<bool> stop{false};
    std::atomic<int> port{0};
    std::thread serving([&] {
        (void)peer::serve_peers(server, "127.0.0.1", 0, &stop, [&](int p) { port = p; });
    });
    for (int i = 0; i < 200 && port == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(port > 0);
    std::ostringstream out, err;
    const int rc = run_sync_command({"sync", "--db", kiosk, "--peer", "127.0.0.1:" + std::to_string(port.load())}, out, err);
    stop = true;
    serving.join();
    INFO(err.str());
    CHECK(rc == 0);
    CHECK_THAT(out.str(), Catch::Contains("received 1, given 1"));
    auto k = Store::Open({kiosk, false});
    REQUIRE(k.ok());
    CHECK((*k)->patient("p-dev-laptop").ok());
    CHECK((**served).patient("p-dev-kiosk").ok());
}

TEST_CASE("peer add, list and forget keep this device's address book", "[peer-command]") {
    const std::string path = fresh_path("book");
    make_device(path, "dev-book", std::string(64, 'a'));
    std::ostringstream out, err;
    CHECK(run_peer_command({"peer", "list", "--db", path}, out, err) == 0);
    CHECK_THAT(out.str(), Catch::Contains("no device addresses"));
    out.str("");
    CHECK(run_peer_command({"peer", "add", "--db", path, "--address", "192.168.1.20:7610"}, out, err) == 0);
    CHECK_THAT(out.str(), Catch::Contains("192.168.1.20:7610  added by hand"));
    CHECK(run_peer_command({"peer", "add", "--db", path, "--address", "192.168.1.20"}, out, err) == 2);
    CHECK_THAT(err.str(), Catch::Contains("is not HOST:PORT"));
    err.str("");
    CHECK(run_peer_command({"peer", "add", "--db", path, "--address", "192.168.1.20:7610"}, out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("in the list already"));
    err.str("");
    CHECK(run_peer_command({"peer", "add", "--db", path}, out, err) == 2);
    CHECK_THAT(err.str(), Catch::Contains("--address HOST:PORT"));
    err.str("");
    CHECK(run_peer_command({"peer", "list", "--db", path, "--address", "x:1"}, out, err) == 2);
    out.str("");
    CHECK(run_peer_command({"peer", "forget", "--db", path, "--address", "192.168.1.20:7610"}, out, err) == 0);
    CHECK_THAT(out.str(), Catch::Contains("no device addresses"));
    CHECK(run_peer_command({"peer", "forget", "--db", path, "--address", "192.168.1.20:7610"}, out, err) == 1);
    CHECK_THAT(err.str(), Catch::Contains("not in the list"));
    {
        auto s = Store::Open({path, false});
        REQUIRE(s.ok());
        CHECK((*s)->peer_addresses()->empty());
    }
}

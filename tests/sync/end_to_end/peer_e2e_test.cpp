// Real processes (issue 15): outpost-central on a loopback port, two device
// stores registered with it, then central stopped. One device serves peers
// from a process of its own (forked, with its own store connection, on a
// real socket); the other syncs with it over HTTP and both converge. Central
// is started again, both push (the first relays the other's changes), and
// central holds every change exactly once; a device restored from central
// matches both.
#if defined(OUTPOST_CENTRAL_BIN)

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <fstream>

#include "central_process_util.h"
#include "client_register.h"
#include "client_session.h"
#include "peer_exchange.h"
#include "peer_http.h"
#include "peer_test_util.h"
#include "transport_http.h"

using namespace outpost;
using namespace outpost::process_test;

namespace {

std::atomic<bool> g_peer_stop{false};
void stop_peer(int) { g_peer_stop = true; }

// Forks a process that serves the store at path to peers; returns its pid
// and the port it listens on.
pid_t serve_in_child(const std::string& path, int* port) {
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        std::signal(SIGTERM, stop_peer);
        auto store = Store::Open({path, false, nullptr, false});
        if (!store.ok()) _exit(3);
        SystemClock clock;
        peer::PeerServer server(**store, clock);
        Status s = peer::serve_peers(server, "127.0.0.1", 0, &g_peer_stop, [&](int bound) {
            const std::string line = std::to_string(bound) + "\n";
            (void)!write(fds[1], line.data(), line.size());
            close(fds[1]);
        });
        _exit(s.ok() ? 0 : 4);
    }
    close(fds[1]);
    char buf[16] = {0};
    const ssize_t n = read(fds[0], buf, sizeof buf - 1);
    close(fds[0]);
    REQUIRE(n > 0);
    *port = std::atoi(buf);
    REQUIRE(*port > 0);
    return pid;
}

CycleReport sync_central(Store& s, int port) {
    HttpTransportOptions to;
    to.server_url = "http://127.0.0.1:" + std::to_string(port);
    HttpTransport t(to);
    SystemClock clock;
    SyncConfig config;
    SyncSession session(s, t, clock, config);
    return session.run_once();
}

std::unique_ptr<Store> registered(const std::string& path, const std::string& db, int port, const std::string& name) {
    auto s = Store::Open({path, true, nullptr, false}).value();
    HttpTransportOptions to;
    to.server_url = "http://127.0.0.1:" + std::to_string(port);
    HttpTransport t(to);
    const std::string code = shell(std::string(OUTPOST_CENTRAL_BIN) + " code --db " + db + " --site HC01");
    REQUIRE(restore_device(t, code, name, *s, SyncConfig{}, {}).ok());
    return s;
}

}  // namespace

TEST_CASE("two devices converge by peer sync while central is down and central then holds each change once",
          "[sync][e2e][peer]") {
    const std::string dir = temp_dir("peer-e2e");
    const std::string db = dir + "/central.db", central = OUTPOST_CENTRAL_BIN;
    shell(central + " site create --db " + db + " --code HC01 --name Mbala >/dev/null");
    shell(central + " user add --db " + db + " --site HC01 --name Amina --role admin --pin 1234 >/dev/null");
    {
        std::ofstream csv(dir + "/items.csv");
        csv << "code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,cold_chain,"
               "controlled\nAMOX250,Amoxicillin,250 mg,tablet,tablet,100,1t tds,,10,0,0\n";
    }
    shell(central + " catalogue import --db " + db + " --csv " + dir + "/items.csv >/dev/null");

    auto server = std::make_unique<CentralServer>(db, dir + "/central.log");
    auto kiosk = registered(dir + "/kiosk.db", db, server->port, "kiosk");
    auto laptop = registered(dir + "/laptop.db", db, server->port, "laptop");
    REQUIRE(kiosk->meta(sync_meta::kSiteKey).value_or("").size() == 64);
    REQUIRE(server->stop() == 0);  // the satellite link is down
    server.reset();

    peer_test::receive(*kiosk, 100);
    peer_test::receive(*kiosk, 5, "K2");
    peer_test::receive(*laptop, 40, "L2");
    laptop.reset();  // the laptop's own process serves it from here

    int port = 0;
    const pid_t child = serve_in_child(dir + "/laptop.db", &port);
    SystemClock clock;
    peer::PeerHttpTransport lan("127.0.0.1", port);
    peer::PeerReport r = peer::sync_with_peer(*kiosk, lan, clock);
    INFO(r.status.message());
    REQUIRE(r.status.ok());
    CHECK(r.received == 1);
    CHECK(r.given == 2);
    CHECK(r.bytes_sent > 0);
    kill(child, SIGTERM);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));

    laptop = Store::Open({dir + "/laptop.db", false, nullptr, false}).value();
    CHECK(peer_test::amox_on_hand(*kiosk) == 145);
    CHECK(peer_test::amox_on_hand(*laptop) == 145);
    CHECK(kiosk->version_vector().value() == laptop->version_vector().value());

    // The link is back: the kiosk pushes its own and relays the laptop's.
    server = std::make_unique<CentralServer>(db, dir + "/central2.log");
    CycleReport k = sync_central(*kiosk, server->port);
    INFO(k.status.message());
    REQUIRE(k.status.ok());
    CHECK(k.pushed == 2);
    CHECK(k.relayed == 1);
    CycleReport l = sync_central(*laptop, server->port);
    REQUIRE(l.status.ok());
    CHECK(l.pulled == 0);  // nothing it did not have
    auto fresh = registered(dir + "/fresh.db", db, server->port, "replacement");
    CHECK(peer_test::amox_on_hand(*fresh) == 145);
    CHECK(fresh->version_vector().value().at(kiosk->identity().device_id) == 2);
    REQUIRE(server->stop() == 0);

    auto cdb = Db::Open(db, false);
    REQUIRE(cdb.ok());
    for (Store* s : {kiosk.get(), laptop.get()}) {
        const std::string id = s->identity().device_id;
        CHECK(cdb->query_i64("SELECT COUNT(*) FROM feed WHERE device_id='" + id + "'") == s->outbox_last_seq());
        CHECK(cdb->query_i64("SELECT COUNT(DISTINCT seq) FROM feed WHERE device_id='" + id + "'") ==
              s->outbox_last_seq());
    }
    CHECK(cdb->query_i64("SELECT COUNT(*) FROM feed WHERE payload LIKE '%stock_events%'") == 3);
}

#endif

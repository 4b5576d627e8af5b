// Real processes: outpost-central on a loopback port, fault_proxy in front
// of it, two device stores with background SyncClients syncing through the
// proxy over HTTP while the UI side dispenses and receives. Faults on, then
// central is killed mid-sync ("pull the cable") and restarted, then faults
// off: both devices must end with identical stock, every event exactly once,
// verify ok, and a third device restored from central must match too.
#include <catch2/catch.hpp>

#if defined(OUTPOST_CENTRAL_BIN) && defined(OUTPOST_FAULT_PROXY_BIN)

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "child_process.h"
#include "client.h"
#include "client_register.h"
#include "store.h"
#include "transport_http.h"

using namespace outpost;

namespace {

// A child process whose first stdout line is read ("listening on H:P").
struct Child {
    pid_t pid = -1;
    std::string first_line;
    void start(const std::vector<std::string>& argv, const std::string& log) {
        ChildProcess c = start_child(argv, log);
        REQUIRE(c.pid >= 0);
        pid = c.pid;
        first_line = read_line(c.out);
        close(c.out);  // later output goes nowhere; both programs only log to stderr
        INFO(argv[0] << " said: " << first_line);
        REQUIRE(first_line.find("listening on") == 0);
    }
    int port() const { return listening_port(first_line); }
    void signal(int sig) {
        if (pid > 0) kill(pid, sig);
    }
    void stop(int sig = SIGTERM) {
        if (pid <= 0) return;
        kill(pid, sig);
        int st;
        waitpid(pid, &st, 0);
        pid = -1;
    }
    ~Child() { stop(SIGKILL); }
};

std::string run(const std::string& cmd) {
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[256];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    int rc = pclose(p);
    INFO(cmd << " -> " << out);
    REQUIRE(rc == 0);
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

struct Holdings {
    std::map<std::string, int64_t> stock;
    std::set<std::string> events;
    bool operator==(const Holdings& o) const { return stock == o.stock && events == o.events; }
};

Holdings holdings(Store& s) {
    Holdings h;
    for (Stmt st = s.db().prepare("SELECT batch_id, quantity FROM stock_on_hand"); st.step();)
        h.stock[st.text(0)] = st.i64(1);
    for (Stmt st = s.db().prepare("SELECT id FROM stock_events"); st.step();) h.events.insert(st.text(0));
    return h;
}

}  // namespace

TEST_CASE("two devices sync through a faulty proxy and a central that dies", "[sync][e2e]") {
    const std::string dir = "/tmp/outpost-e2e-" + std::to_string(getpid());
    REQUIRE(system(("rm -rf " + dir + " && mkdir -p " + dir).c_str()) == 0);
    const std::string central_bin = OUTPOST_CENTRAL_BIN, db = dir + "/central.db", log = dir + "/log.txt";
    run(central_bin + " site create --db " + db + " --code HC01 --name 'Mbala Health Centre' 2>>" + log);
    run(central_bin + " user add --db " + db + " --site HC01 --name Amina --role admin --pin 1234 2>>" + log);
    {
        std::ofstream csv(dir + "/items.csv");
        csv << "code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,cold_chain,"
               "controlled\n"
               "AMOX250,Amoxicillin,250 mg,tablet,tablet,100,1t tds,,10,0,0\n"
               "PARA500,Paracetamol,500 mg,tablet,tablet,100,2t qid,,10,0,0\n"
               "ORS,Oral rehydration salts,20.5 g,sachet,sachet,50,1 sachet,,10,0,0\n";
    }
    run(central_bin + " catalogue import --db " + db + " --csv " + dir + "/items.csv 2>>" + log);

    Child central;
    central.start({central_bin, "serve", "--db", db, "--listen", "127.0.0.1:0"}, log);
    const int central_port = central.port();
    Child proxy;
    proxy.start({OUTPOST_FAULT_PROXY_BIN, "--listen", "127.0.0.1:0", "--to",
                 "127.0.0.1:" + std::to_string(central_port), "--delay-ms", "3", "--drop-rate", "0.15",
                 "--reset-rate", "0.02", "--cut-after-bytes", "60000", "--seed", "5", "--faults-off"},
                log);
    const std::string url = "http://127.0.0.1:" + std::to_string(proxy.port());

    // Two devices, registered while the link is still good.
    SyncConfig config;
    config.connect_timeout_s = 2;
    config.read_timeout_s = 3;
    config.write_timeout_s = 3;
    config.periodic_ms = 400;
    config.debounce_ms = 100;
    config.backoff.base_ms = 100;
    config.backoff.cap_ms = 800;
    config.page_rows_initial = 8;
    config.page_bytes_initial = 16 * 1024;
    std::unique_ptr<Store> dev[2];
    SyncStatusBoard boards[2];
    std::unique_ptr<SyncClient> clients[2];
    for (int i = 0; i < 2; ++i) {
        const std::string path = dir + "/device" + std::to_string(i) + ".db";
        dev[i] = Store::Open({path, true, nullptr, false}).value();
        HttpTransportOptions to;
        to.server_url = url;
        HttpTransport t(to);
        const std::string code = run(central_bin + " code --db " + db + " --site HC01 2>>" + log);
        auto reg = register_device(t, code, "device " + std::to_string(i), *dev[i]);
        INFO(reg.status().message());
        REQUIRE(reg.ok());
        config.backoff_seed = 10 + i;
        clients[i] = std::make_unique<SyncClient>(config, path, &boards[i]);
        REQUIRE(clients[i]->start().ok());
    }
    auto wait_until = [&](auto pred, int seconds) {
        auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
        while (std::chrono::steady_clock::now() < end) {
            if (pred()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    };
    // Users and items arrive by pull.
    REQUIRE(wait_until([&] { return !dev[0]->users().empty() && !dev[1]->users().empty() &&
                                    dev[0]->search_items("", 10)->size() == 3 &&
                                    dev[1]->search_items("", 10)->size() == 3; },
                       15));

    proxy.signal(SIGUSR1);  // faults on
    std::mt19937 rng(11);
    auto operate = [&](int i) {
        Store& s = *dev[i];
        const std::string user = s.users().at(0).id;
        auto items = s.search_items("", 10).value();
        const Item& item = items[rng() % items.size()];
        if (rng() % 3 == 0) {
            ReceiveInput in;
            in.item_id = item.id;
            in.batch_no = "D" + std::to_string(i) + "-" + std::to_string(rng() % 2);
            in.expiry = "2027-03-31";
            in.quantity = 10 + rng() % 90;
            REQUIRE(s.receive(user, in).ok());
        } else {
            auto batch = s.db().query_text("SELECT batch_id FROM stock_on_hand ORDER BY random() LIMIT 1");
            if (!batch) return;
            AdjustInput in{*batch, -static_cast<int64_t>(1 + rng() % 5), "", "e2e"};
            for (const auto& rc : s.reason_codes())
                if (rc.direction <= 0) {
                    in.reason = rc.code;
                    break;
                }
            REQUIRE(s.adjust(user, in).ok());
        }
        clients[i]->notify_local_write();
    };
    for (int k = 0; k < 40; ++k) {
        operate(k % 2);
        std::this_thread::sleep_for(std::chrono::milliseconds(40));
    }
    // Pull the cable: central dies mid-sync, the devices keep working.
    central.stop(SIGKILL);
    for (int k = 0; k < 20; ++k) {
        operate(k % 2);
        std::this_thread::sleep_for(std::chrono::milliseconds(40));
    }
    REQUIRE(wait_until([&] { return !boards[0].read().last_error.empty(); }, 10));
    CHECK(boards[0].read().last_error.find("cannot reach central") != std::string::npos);
    central.start({central_bin, "serve", "--db", db, "--listen", "127.0.0.1:" + std::to_string(central_port)}, log);
    for (int k = 0; k < 20; ++k) {
        operate(k % 2);
        std::this_thread::sleep_for(std::chrono::milliseconds(40));
    }
    proxy.signal(SIGUSR2);  // faults off: the link heals
    for (auto& c : clients) c->sync_now();
    const bool quiet = wait_until(
        [&] {
            for (int i = 0; i < 2; ++i) {
                SyncSnapshot s = boards[i].read();
                if (s.changes_waiting != 0 || !s.last_error.empty() || s.running) return false;
            }
            for (auto& c : clients) c->sync_now();
            return holdings(*dev[0]) == holdings(*dev[1]);
        },
        30);
    for (int i = 0; i < 2; ++i) INFO("device " << i << ": " << boards[i].read().last_error);
    REQUIRE(quiet);
    for (auto& c : clients) c->stop();

    Holdings a = holdings(*dev[0]), b = holdings(*dev[1]);
    CHECK(a == b);
    CHECK(a.events.size() >= 60);  // receipts and adjustments of both devices, minus skipped ones
    CHECK(dev[0]->verify()->ok());
    CHECK(dev[1]->verify()->ok());
    // Each device's own events all made it (none lost, none doubled: ids are keys).
    for (int i = 0; i < 2; ++i) {
        auto own = dev[i]->db().query_i64("SELECT COUNT(*) FROM stock_events WHERE device_id='" +
                                          dev[i]->identity().device_id + "'");
        auto other = dev[1 - i]->db().query_i64("SELECT COUNT(*) FROM stock_events WHERE device_id='" +
                                                dev[i]->identity().device_id + "'");
        CHECK(own == other);
    }
    // A third device restored from central over HTTP holds the same.
    auto fresh = Store::Open({dir + "/restored.db", true, nullptr, false}).value();
    HttpTransportOptions direct;
    direct.server_url = "http://127.0.0.1:" + std::to_string(central_port);
    HttpTransport t(direct);
    Status st = restore_device(t, run(central_bin + " code --db " + db + " --site HC01 2>>" + log), "restored",
                               *fresh, SyncConfig{});
    INFO(st.message());
    REQUIRE(st.ok());
    CHECK(holdings(*fresh) == a);
    central.stop();
    proxy.stop();
    REQUIRE(system(("rm -rf " + dir).c_str()) == 0);
}

#endif

// Orders with real processes (issue 12): a device sends a requisition
// through fault_proxy to outpost-central; the administrator lists it and
// answers it with `outpost-central ship`; central is killed while the
// shipment waits and the link drops and resets; both devices of the site get
// the shipment by pull; both receive the same line while cut off from
// central; once the link heals, the line's stock is in every ledger once.
#include <catch2/catch.hpp>

#if defined(OUTPOST_CENTRAL_BIN) && defined(OUTPOST_FAULT_PROXY_BIN)

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <thread>

#include "child_process.h"
#include "client.h"
#include "client_register.h"
#include "requisitions.h"
#include "store.h"
#include "transport_http.h"

using namespace outpost;

namespace {

struct OrdersChild {
    pid_t pid = -1;
    std::string first_line;
    void start(const std::vector<std::string>& argv, const std::string& log) {
        ChildProcess c = start_child(argv, log);
        REQUIRE(c.pid >= 0);
        pid = c.pid;
        first_line = read_line(c.out);
        close(c.out);
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
    ~OrdersChild() { stop(SIGKILL); }
};

std::string run_cli(const std::string& cmd) {
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    int rc = pclose(p);
    INFO(cmd << " -> " << out);
    REQUIRE(rc == 0);
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

bool wait_for(const std::function<bool()>& pred, int seconds) {
    auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (std::chrono::steady_clock::now() < end) {
        if (pred()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

std::map<std::string, int64_t> stock_of(Store& s) {
    std::map<std::string, int64_t> m;
    for (Stmt st = s.db().prepare("SELECT batch_id, quantity FROM stock_on_hand"); st.step();) m[st.text(0)] = st.i64(1);
    return m;
}

}  // namespace

TEST_CASE("requisition, shipment and receipt with real processes and a cut link", "[sync][e2e][orders]") {
    const std::string dir = "/tmp/outpost-orders-e2e-" + std::to_string(getpid());
    REQUIRE(system(("rm -rf " + dir + " && mkdir -p " + dir).c_str()) == 0);
    const std::string central_bin = OUTPOST_CENTRAL_BIN, db = dir + "/central.db", log = dir + "/log.txt";
    run_cli(central_bin + " site create --db " + db + " --code HC01 --name 'Mbala Health Centre' 2>>" + log);
    run_cli(central_bin + " user add --db " + db + " --site HC01 --name Samuel --role storekeeper --pin 2222 2>>" + log);
    {
        std::ofstream csv(dir + "/items.csv");
        csv << "code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,cold_chain,"
               "controlled\n"
               "AMOX250,Amoxicillin,250 mg,tablet,tablet,100,1t tds,,10,0,0\n"
               "ORS,Oral rehydration salts,20.5 g,sachet,sachet,50,1 sachet,,10,0,0\n";
    }
    run_cli(central_bin + " catalogue import --db " + db + " --csv " + dir + "/items.csv 2>>" + log);
    CHECK(run_cli(central_bin + " requisitions --db " + db + " 2>>" + log) == "no requisitions yet");

    OrdersChild central;
    central.start({central_bin, "serve", "--db", db, "--listen", "127.0.0.1:0"}, log);
    const int central_port = central.port();
    OrdersChild proxy;
    proxy.start({OUTPOST_FAULT_PROXY_BIN, "--listen", "127.0.0.1:0", "--to",
                 "127.0.0.1:" + std::to_string(central_port), "--delay-ms", "3", "--drop-rate", "0.2",
                 "--reset-rate", "0.05", "--seed", "9", "--faults-off"},
                log);
    const std::string url = "http://127.0.0.1:" + std::to_string(proxy.port());

    SyncConfig config;
    config.connect_timeout_s = 2;
    config.read_timeout_s = 3;
    config.write_timeout_s = 3;
    config.periodic_ms = 300;
    config.debounce_ms = 50;
    config.backoff.base_ms = 100;
    config.backoff.cap_ms = 600;
    std::unique_ptr<Store> dev[2];
    std::string paths[2];
    SyncStatusBoard boards[2];
    std::unique_ptr<SyncClient> clients[2];
    auto start_client = [&](int i) {
        config.backoff_seed = 20 + i;
        clients[i] = std::make_unique<SyncClient>(config, paths[i], &boards[i]);
        REQUIRE(clients[i]->start().ok());
    };
    for (int i = 0; i < 2; ++i) {
        paths[i] = dir + "/device" + std::to_string(i) + ".db";
        dev[i] = Store::Open({paths[i], true, nullptr, false}).value();
        HttpTransportOptions to;
        to.server_url = url;
        HttpTransport t(to);
        auto reg = register_device(t, run_cli(central_bin + " code --db " + db + " --site HC01 2>>" + log),
                                   "device " + std::to_string(i), *dev[i]);
        INFO(reg.status().message());
        REQUIRE(reg.ok());
        start_client(i);
    }
    REQUIRE(wait_for([&] { return !dev[0]->users().empty() && dev[0]->search_items("", 10)->size() == 2 &&
                                  !dev[1]->users().empty() && dev[1]->search_items("", 10)->size() == 2; },
                     15));
    Store& a = *dev[0];
    const std::string user = a.users().at(0).id;
    const std::string amox = a.item_by_code("AMOX250")->id;
    ReceiveInput first{amox, "OLD-1", "2030-01-31", 40, QuantityUnit::kUnits, "CMS", ""};
    REQUIRE(a.receive(user, first).ok());

    // The storekeeper orders 5 packs with a reason (no consumption yet: nothing suggested).
    auto req = create_requisition(a, user);
    REQUIRE(req.ok());
    auto draft = requisition(a, *req);
    REQUIRE(draft.ok());
    REQUIRE(draft->lines.size() == 1);
    CHECK(draft->lines[0].suggested == 0);
    REQUIRE(set_requisition_quantity(a, user, draft->lines[0].id, 500, "new HIV programme starts").ok());
    REQUIRE(send_requisition(a, user, *req).ok());
    clients[0]->notify_local_write();
    std::string listed;
    REQUIRE(wait_for([&] {
        listed = run_cli(central_bin + " requisitions --db " + db + " --site HC01 2>>" + log);
        return listed.find(*req) != std::string::npos;
    }, 20));
    CHECK(listed.find("NOT ANSWERED") != std::string::npos);
    CHECK(listed.find("500 units (suggested 0)  reason: new HIV programme starts") != std::string::npos);

    // The link goes bad, then the administrator answers.
    proxy.signal(SIGUSR1);
    {
        std::ofstream csv(dir + "/ship.csv");
        csv << "item_code,batch_no,expiry,quantity\nAMOX250,S-100,2029-06-30,300\nAMOX250,S-200,2029-09-30,200\n";
    }
    run_cli(central_bin + " ship --db " + db + " --requisition " + *req + " --lines " + dir + "/ship.csv --reference CMS-2026-118 2>>" +
            log);
    // Central dies before the devices pulled it; they keep working offline.
    central.stop(SIGKILL);
    REQUIRE(wait_for([&] { return !boards[0].read().last_error.empty(); }, 10));
    central.start({central_bin, "serve", "--db", db, "--listen", "127.0.0.1:" + std::to_string(central_port)}, log);
    for (auto& c : clients) c->sync_now();
    REQUIRE(wait_for([&] { return expected_shipment_lines(*dev[0])->size() == 2 &&
                                  expected_shipment_lines(*dev[1])->size() == 2; },
                     30));
    CHECK(requisition(a, *req)->info.status == RequisitionStatus::kAnswered);
    CHECK(run_cli(central_bin + " requisitions --db " + db + " 2>>" + log).find("answered by shipment") != std::string::npos);

    // Both devices cut off from central; both receive the first line.
    for (auto& c : clients) c->stop();
    const auto lines = *expected_shipment_lines(a);
    REQUIRE(lines[0].batch_no == "S-100");
    REQUIRE(receive_shipment_lines(a, user, {{lines[0].id, std::nullopt, ""}}).ok());
    REQUIRE(receive_shipment_lines(*dev[1], dev[1]->users().at(0).id, {{lines[0].id, std::nullopt, ""}}).ok());
    // Device 0 receives the second line short, with a reason.
    REQUIRE(receive_shipment_lines(a, user, {{lines[1].id, 190, "one box of 10 crushed"}}).ok());
    proxy.signal(SIGUSR2);  // the link heals
    for (int i = 0; i < 2; ++i) start_client(i);
    for (auto& c : clients) c->sync_now();
    const bool converged = wait_for(
        [&] {
            for (int i = 0; i < 2; ++i) {
                SyncSnapshot s = boards[i].read();
                if (s.changes_waiting != 0 || !s.last_error.empty() || s.running) return false;
            }
            for (auto& c : clients) c->sync_now();
            return stock_of(*dev[0]) == stock_of(*dev[1]) && expected_shipment_lines(*dev[1])->empty();
        },
        30);
    REQUIRE(converged);
    for (auto& c : clients) c->stop();
    for (int i = 0; i < 2; ++i) {
        Stmt s = dev[i]->db().prepare("SELECT COALESCE(SUM(quantity),0) FROM stock_on_hand WHERE item_id=?");
        s.bind(1, amox);
        REQUIRE(s.step());
        CHECK(s.i64(0) == 40 + 300 + 190);  // the first line once, though both devices received it
        CHECK(dev[i]->verify()->ok());
        CHECK(requisition(*dev[i], *req)->info.status == RequisitionStatus::kReceived);
    }
    // A device restored from central holds the same.
    auto fresh = Store::Open({dir + "/restored.db", true, nullptr, false}).value();
    HttpTransportOptions direct;
    direct.server_url = "http://127.0.0.1:" + std::to_string(central_port);
    HttpTransport t(direct);
    Status st = restore_device(t, run_cli(central_bin + " code --db " + db + " --site HC01 2>>" + log), "restored",
                               *fresh, SyncConfig{});
    INFO(st.message());
    REQUIRE(st.ok());
    CHECK(stock_of(*fresh) == stock_of(a));
    CHECK(requisition(*fresh, *req)->info.status == RequisitionStatus::kReceived);
    central.stop();
    proxy.stop();
    REQUIRE(system(("rm -rf " + dir).c_str()) == 0);
}

#endif

// freshness_bench: end-to-end freshness of the dashboard with real processes
// (issue 10, "Freshness you can see and measure"; BENCHMARKS.md).
//
// A real `outpost-central serve` on a fresh file; a device store registered
// with it over HTTP and synced by SyncClient (sync/client/client.h), the
// background sync thread the app runs (app/platform/startup/sync_service.cpp
// makes one per kiosk), with the periodic interval set to --interval-s
// (default 60); an administrator logged in to the dashboard over HTTP. Each
// dispensing is made at a random moment (uniform over one interval after the
// previous one appeared), and the dashboard's JSON (/api/stock for the item at
// the site) is polled every --poll-ms until the item's stock on hand shows
// it. Printed per dispensing and as median / max, for two ways the sync
// thread learns of the write, in the same run:
//   app:      notify_local_write() right after the dispensing, as the app's
//             SyncService::after_frame does when the outbox grew (the client
//             then syncs after its 3 s debounce);
//   periodic: no notice (a change written by another process, e.g. the
//             `outpost` command line, while the app runs): only the
//             periodic sync finds it.
// Baseline: the interval itself (the worst case of the periodic sync alone).
// Target: under 75 s with a 60 s interval.
//
// Usage: freshness_bench [--dispensings N] [--interval-s S] [--poll-ms MS]
//                        [--mode both|app|periodic] [--seed N]
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "admin_accounts.h"
#include "central_core.h"
#include "child_process.h"
#include "client.h"
#include "client_register.h"
#include "store.h"
#include "transport_http.h"

using namespace outpost;
using nlohmann::json;
using Clock_ = std::chrono::steady_clock;

namespace {

struct Args {
    int dispensings = 4;  // per mode
    int interval_s = 60;
    int poll_ms = 250;
    std::string mode = "both";
    uint64_t seed = 0;
};

pid_t g_server = -1;  // the central we started, stopped by die()

[[noreturn]] void die(const std::string& why) {
    std::fprintf(stderr, "freshness_bench: %s\n", why.c_str());
    if (g_server > 0) kill(g_server, SIGTERM);
    std::exit(1);
}

Args parse(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        const std::string k = argv[i];
        if (i + 1 >= argc) die("usage: freshness_bench [--dispensings N] [--interval-s S] [--poll-ms MS] "
                               "[--mode both|app|periodic] [--seed N]");
        const std::string v = argv[++i];
        if (k == "--dispensings") a.dispensings = std::max(1, std::atoi(v.c_str()));
        else if (k == "--interval-s") a.interval_s = std::max(1, std::atoi(v.c_str()));
        else if (k == "--poll-ms") a.poll_ms = std::max(10, std::atoi(v.c_str()));
        else if (k == "--mode") a.mode = v;
        else if (k == "--seed") a.seed = std::strtoull(v.c_str(), nullptr, 10);
        else die("unknown option " + k);
    }
    if (a.mode != "both" && a.mode != "app" && a.mode != "periodic") die("--mode is both, app or periodic");
    return a;
}

void check(const Status& s, const char* what) {
    if (!s.ok()) die(std::string(what) + ": " + s.message());
}

// A browser's login over HTTP: the form's CSRF token and cookie, then the
// session cookie. Returns the Cookie header to send.
std::string log_in(httplib::Client& http, const std::string& name, const std::string& password) {
    auto form = http.Get("/login");
    if (!form || form->status != 200) die("GET /login failed");
    const std::string set = form->get_header_value("Set-Cookie");
    const std::string login_cookie = set.substr(0, set.find(';'));
    const size_t at = form->body.find("name=\"csrf\" value=\"");
    if (at == std::string::npos) die("the login form has no CSRF token");
    auto r = http.Post("/login", {{"Cookie", login_cookie}},
                       httplib::Params{{"name", name}, {"password", password}, {"csrf", form->body.substr(at + 19, 64)}});
    if (!r || r->status != 303) die("login refused");
    for (const auto& h : r->headers)
        if (h.first == "Set-Cookie" && h.second.rfind("outpost_session=", 0) == 0) return h.second.substr(0, h.second.find(';'));
    die("login gave no session cookie");
}

// Stock on hand of the item at the site as the dashboard's JSON shows it; -1
// when the row is not there yet.
int64_t dashboard_soh(httplib::Client& http, const std::string& cookie) {
    auto r = http.Get("/api/stock?site=HC01&item=AMOX250", {{"Cookie", cookie}});
    if (!r || r->status != 200) die("GET /api/stock failed" + (r ? " (HTTP " + std::to_string(r->status) + ")" : ""));
    json t = json::parse(r->body);
    size_t col = 0;
    while (col < t["columns"].size() && t["columns"][col]["key"] != "soh") ++col;
    if (col == t["columns"].size()) die("/api/stock has no soh column");
    if (t["rows"].empty()) return -1;
    return t["rows"][0][col].get<int64_t>();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
    const Args args = parse(argc, argv);
    char tmpl[] = "/tmp/outpost-freshness-XXXXXX";
    if (!mkdtemp(tmpl)) die("no temporary directory");
    const std::string dir = tmpl, db = dir + "/central.db", dev = dir + "/device.db";
    const std::string admin_pw = "bench-administrator-pw";

    std::string code;
    {  // central's file: a site, a user, the item, an administrator, a code.
        auto core = CentralCore::Open(db, nullptr, false);
        if (!core.ok()) die(core.status().message());
        check((*core)->create_site("HC01", "Mbala Health Centre", false).status(), "site");
        check((*core)->add_user("HC01", "Amina", "admin", "1234").status(), "user");
        check((*core)
                  ->import_catalogue_csv("code,name,strength,form,unit,pack_size,default_directions,warning,"
                                         "reorder_level,cold_chain,controlled\n"
                                         "AMOX250,Amoxicillin,250 mg,tablet,tablet,100,1t tds,,10,0,0\n")
                  .status(),
              "catalogue");
        SystemClock clock;
        check((*core)->read([&](Db& d) {
            web::AdminStore a(d, clock);
            Status s = a.migrate();
            return s.ok() ? a.add("ada", web::AdminRole::kAdministrator, {}, admin_pw).status() : s;
        }),
              "administrator");
        auto c = (*core)->issue_code("HC01");
        if (!c.ok()) die(c.status().message());
        code = *c;
    }
    ChildProcess server = start_child({OUTPOST_CENTRAL_BIN, "serve", "--db", db, "--listen", "127.0.0.1:0"},
                                      dir + "/central.log");
    if (server.pid < 0) die("outpost-central did not start");
    g_server = server.pid;
    const int port = listening_port(read_line(server.out));
    if (port == 0) die("outpost-central did not say where it listens; see " + dir + "/central.log");
    const std::string url = "http://127.0.0.1:" + std::to_string(port);

    auto store_r = Store::Open({dev, true, nullptr, false});
    if (!store_r.ok()) die(store_r.status().message());
    Store& store = **store_r;
    {
        HttpTransportOptions options;
        options.server_url = url;
        HttpTransport wire(options);
        check(register_device(wire, code, "kiosk HC01", store).status(), "registration");
    }
    SyncConfig config;
    config.periodic_ms = int64_t{args.interval_s} * 1000;
    SyncStatusBoard board;
    SyncClient client(config, dev, &board);
    check(client.start(), "sync thread");
    // The first sync pulls the site's user and catalogue.
    for (int i = 0; i < 200 && store.users().empty(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (store.users().empty()) die("the device pulled no user from central");
    const std::string user = store.users().at(0).id, item = store.item_by_code("AMOX250")->id;
    ReceiveInput in;
    in.item_id = item;
    in.batch_no = "L1";
    in.expiry = "2030-01-31";
    in.quantity = 5000;  // 50 packs: below the receipt plausibility limit (100 packs)
    check(store.receive(user, in).status(), "receive");
    client.notify_local_write();
    PatientInput p;
    p.family_name = "Phiri";
    p.given_name = "Joseph";
    p.sex = "M";
    const std::string patient = store.register_patient(user, p).value();

    httplib::Client http("127.0.0.1", port);
    http.set_connection_timeout(5, 0);
    http.set_read_timeout(30, 0);
    const std::string cookie = log_in(http, "ada", admin_pw);
    int64_t expected = in.quantity;
    const auto wait_for = [&](int64_t want, double limit_s) {
        const auto t0 = Clock_::now();
        while (dashboard_soh(http, cookie) != want) {
            if (std::chrono::duration<double>(Clock_::now() - t0).count() > limit_s) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(args.poll_ms));
        }
        return true;
    };
    if (!wait_for(expected, 3.0 * args.interval_s + 30)) die("the delivery never reached the dashboard");

    std::mt19937_64 rng(args.seed ? args.seed : std::random_device{}());
    std::uniform_real_distribution<double> phase(0.0, args.interval_s);
    std::printf("freshness_bench: real outpost-central serve at %s, SyncClient with a %d s interval "
                "(3 s debounce), dashboard /api/stock polled every %d ms; %d dispensing(s) per mode\n",
                url.c_str(), args.interval_s, args.poll_ms, args.dispensings);
    std::vector<std::string> modes;
    if (args.mode != "periodic") modes.push_back("app");
    if (args.mode != "app") modes.push_back("periodic");
    for (const std::string& mode : modes) {
        std::vector<double> lat;
        for (int i = 0; i < args.dispensings; ++i) {
            const double wait_s = phase(rng);
            std::this_thread::sleep_for(std::chrono::duration<double>(wait_s));
            const int64_t units = 7 + i;
            DispenseInput d;
            d.patient_id = patient;
            d.prescriber = "Dr Banda";
            d.lines.push_back({item, units, "1t tds x7/7", "", std::nullopt});
            const auto t0 = Clock_::now();
            check(store.dispense(user, d).status(), "dispense");
            if (mode == "app") client.notify_local_write();
            expected -= units;
            if (!wait_for(expected, 3.0 * args.interval_s + 30)) die("a dispensing never reached the dashboard");
            const double s = std::chrono::duration<double>(Clock_::now() - t0).count();
            lat.push_back(s);
            std::printf("  %-8s dispensing %d (after %.1f s idle): on the dashboard after %.2f s\n", mode.c_str(),
                        i + 1, wait_s, s);
            std::fflush(stdout);
        }
        const double med = median(lat), mx = *std::max_element(lat.begin(), lat.end());
        std::printf("%s: median %.2f s, max %.2f s over %zu dispensings; baseline: interval %d s; target < %.0f s\n",
                    mode.c_str(), med, mx, lat.size(), args.interval_s, 75.0 * args.interval_s / 60.0);
    }
    client.stop();
    kill(server.pid, SIGTERM);
    int status = 0;
    waitpid(server.pid, &status, 0);
    std::printf("central exited %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    std::error_code ignored;  // a temporary directory left behind is harmless
    std::filesystem::remove_all(dir, ignored);
    return 0;
}

// sync_bench --through-proxy: a busy day over a real link (the top of
// sync_bench.cpp says what it measures). A real `outpost-central serve`, a
// fault_proxy in front of it per phase, and device stores driven by the
// app's own SyncClient over HttpTransport.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "central_core.h"
#include "child_process.h"
#include "client.h"
#include "client_register.h"
#include "client_session.h"
#include "store.h"
#include "sync_bench_common.h"
#include "transport_http.h"

namespace outpost::sync_bench {
namespace {

// Processes this run started (central, proxies): stopped at exit, also when
// fail() ends the run early.
std::vector<pid_t> g_children;

void stop_children() {
    for (pid_t pid : g_children) {
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
    }
    g_children.clear();
}

using Child = ChildProcess;

// Starts argv[0] with its stdout on a pipe and its stderr appended to log;
// stop_children() ends it if the run stops early.
Child spawn(const std::vector<std::string>& argv, const std::string& log) {
    Child c = start_child(argv, log);
    if (c.pid < 0) fail("start " + argv[0], Status::IoError("cannot start " + argv[0]));
    g_children.push_back(c.pid);
    return c;
}

void stop_child(Child& c) {
    kill(c.pid, SIGTERM);
    waitpid(c.pid, nullptr, 0);
    close(c.out);
    for (auto it = g_children.begin(); it != g_children.end(); ++it)
        if (*it == c.pid) {
            g_children.erase(it);
            break;
        }
}

// Waits for "listening on HOST:PORT" (central and fault_proxy both print it)
// and returns "HOST:PORT".
std::string wait_listening(const Child& c, const std::string& what, const std::string& log) {
    const std::string line = read_line(c.out);
    if (line.rfind("listening on ", 0) != 0) fail(what + " did not start (see " + log + ")", Status::Unavailable(line));
    return line.substr(13);
}

std::string quote(const std::string& s) { return "'" + s + "'"; }

// Runs a shell command; its stdout without the trailing newline, and its
// exit status in *status.
std::string run_cli(const std::string& cmd, int* status = nullptr) {
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return "";
    std::string out;
    char buf[256];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    const int rc = pclose(p);
    if (status) *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return rc == 0 || status ? out : "";
}

// What the device's sync thread did on the wire. Written on the sync thread,
// read after SyncClient::stop() has joined it.
struct WireCounts {
    int64_t requests = 0, no_answer = 0, refused = 0;  // refused: an HTTP answer other than 200
    uint64_t sent_gzip = 0, sent_plain = 0, received_plain = 0;
    std::vector<int64_t> push_pages, pull_pages;  // changes per push; max_rows asked per pull
};

// The app's HTTP transport, counted: request bodies as sent (gzip), answers,
// and the page sizes the session chose.
class CountingTransport : public Transport {
public:
    CountingTransport(HttpTransportOptions options, WireCounts* counts) : http_(std::move(options)), counts_(counts) {}

    Result<HttpReply> post(const std::string& path, const std::string& body,
                           const protocol::Headers& headers) override {
        ++counts_->requests;
        const auto j = nlohmann::json::parse(body, nullptr, false);
        if (j.is_object()) {
            auto changes = j.find(protocol::field::kChanges);
            auto rows = j.find(protocol::field::kMaxRows);
            if (path == protocol::kPathPush && changes != j.end() && changes->is_array())
                counts_->push_pages.push_back(static_cast<int64_t>(changes->size()));
            if (path == protocol::kPathPull && rows != j.end() && rows->is_number_integer())
                counts_->pull_pages.push_back(rows->get<int64_t>());
        }
        const uint64_t gz0 = http_.wire_bytes_sent(), plain0 = http_.plain_bytes_sent();
        auto r = http_.post(path, body, headers);
        counts_->sent_gzip += http_.wire_bytes_sent() - gz0;
        counts_->sent_plain += http_.plain_bytes_sent() - plain0;
        note(r);
        return r;
    }
    Result<HttpReply> get(const std::string& path, const protocol::Headers& headers) override {
        ++counts_->requests;
        auto r = http_.get(path, headers);
        note(r);
        return r;
    }
    std::string where() const override { return http_.where(); }
    bool last_failure_was_timeout() const override { return http_.last_failure_was_timeout(); }
    void cancel() override { http_.cancel(); }

private:
    void note(const Result<HttpReply>& r) {
        if (!r.ok()) {
            ++counts_->no_answer;
            return;
        }
        if (r->status != 200) ++counts_->refused;
        counts_->received_plain += r->body.size();
    }
    HttpTransport http_;
    WireCounts* counts_;
};

// Central's request lines ("time client method path status bytes ms") after
// a point in its log. The bytes are the answer's body as sent (gzip when
// the device accepts it and the body is over 1 KiB).
struct CentralLog {
    int64_t requests = 0;
    uint64_t answer_bytes = 0;
};

std::streamoff file_size(const std::string& path) {
    std::ifstream f(path, std::ios::binary | std::ios::ate);
    return f ? static_cast<std::streamoff>(f.tellg()) : 0;
}

CentralLog read_central_log(const std::string& log, std::streamoff from) {
    CentralLog c;
    std::ifstream f(log);
    f.seekg(from);
    std::string line;
    while (std::getline(f, line)) {
        std::istringstream in(line);
        std::string when, client, method, path, ms;
        int status = 0;
        uint64_t bytes = 0;
        if (!(in >> when >> client >> method >> path >> status >> bytes >> ms) || path.rfind("/v1/", 0) != 0) continue;
        ++c.requests;
        c.answer_bytes += bytes;
    }
    return c;
}

// One direction of one phase: the app's sync thread on one store.
struct Leg {
    bool done = false;  // a cycle succeeded with everything across, within the time limit
    double secs = 0;    // until then (or the limit)
    double data_secs = -1;  // until every change was across (a cycle may still fail after it); -1: never
    double waiting_secs = 0;  // between cycles (the backoff after each failed one), to ~20 ms a cycle
    int64_t cycles = 0;  // sync cycles run (each failure is followed by a backoff and another)
    std::string last_error;
    WireCounts wire;
    CentralLog central;
    int64_t retries() const { return cycles - (done ? 1 : 0); }
};

// Starts the app's sync thread (SyncClient, default settings, its server
// and token from the store) on the store file at path and waits until a
// cycle has succeeded and finished(snapshot) holds, or limit_s passes.
// across(snapshot) says every change is across (for data_secs).
Leg run_sync_thread(const std::string& path, uint64_t backoff_seed, double limit_s, const std::string& central_log,
                    const std::function<bool(const SyncSnapshot&)>& finished,
                    const std::function<bool(const SyncSnapshot&)>& across) {
    Leg leg;
    SyncConfig config;
    config.backoff_seed = backoff_seed;
    SyncStatusBoard board;
    const std::streamoff log_from = file_size(central_log);
    SyncClient client(config, path, &board, {}, [&](const std::string& url) -> std::unique_ptr<Transport> {
        HttpTransportOptions o{url, config.ca_file, config.connect_timeout_s, config.read_timeout_s,
                               config.write_timeout_s};
        return std::make_unique<CountingTransport>(o, &leg.wire);
    });
    SystemClock clock;
    const int64_t start_ms = clock.now_ms();
    const auto t0 = std::chrono::steady_clock::now();
    if (Status s = client.start(); !s.ok()) fail("sync thread", s);
    bool started = false;
    auto polled = t0;
    for (;;) {
        const SyncSnapshot s = board.read();
        const auto now = std::chrono::steady_clock::now();
        started = started || s.running;
        if (started && !s.running) leg.waiting_secs += std::chrono::duration<double>(now - polled).count();
        polled = now;
        if (leg.data_secs < 0 && s.last_attempt_ms >= start_ms && across(s)) leg.data_secs = seconds_since(t0);
        if (s.last_success_ms >= start_ms && !s.running && finished(s)) {
            leg.done = true;
            break;
        }
        if (seconds_since(t0) > limit_s) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    leg.secs = seconds_since(t0);
    client.stop();
    leg.cycles = client.cycles();
    leg.last_error = board.read().last_error;
    leg.central = read_central_log(central_log, log_from);
    return leg;
}

struct Phase {
    std::string name;
    bool slow = false, faulty = false;
};

struct PhaseResult {
    std::string name;
    int64_t events = 0, changes = 0, batches = 0;
    Leg push, pull;
    std::vector<std::string> problems;  // empty: device, central and pulled-back store agree
    std::string verify_day, verify_back;
};

std::set<std::string> ids(Store& s, const char* table) {
    std::set<std::string> out;
    for (Stmt st = s.db().prepare(std::string("SELECT id FROM ") + table); st.step();) out.insert(st.text(0));
    return out;
}

std::map<std::string, int64_t> stock_by_batch(Store& s) {
    std::map<std::string, int64_t> m;
    for (Stmt st = s.db().prepare("SELECT batch_id, quantity FROM stock_on_hand"); st.step();)
        if (st.i64(1) != 0) m[st.text(0)] = st.i64(1);
    return m;
}

// Did the device, central and the pulled-back store end up agreeing?
void check_converged(PhaseResult* r, const std::string& day_path, const std::string& back_path,
                     const std::string& central, const LinkOptions& o) {
    auto problem = [&](const std::string& p) { r->problems.push_back(p); };
    auto day = Store::Open({day_path, false, nullptr, false});
    auto back = Store::Open({back_path, false, nullptr, false});
    if (!day.ok() || !back.ok()) return problem("cannot open the stores to compare");
    Store& d = **day;
    Store& b = **back;
    HttpTransport direct({"http://" + central, "", 10, 30, 30});
    protocol::Headers h;
    h[protocol::kHeaderProtocol] = std::to_string(protocol::kVersion);
    h[protocol::kHeaderAuthorization] = std::string(protocol::kBearerPrefix) + d.meta(sync_meta::kToken).value_or("");
    int64_t held = -1;
    if (auto st = direct.get(protocol::kPathStatus, h); st.ok() && st->status == 200) {
        auto j = nlohmann::json::parse(st->body, nullptr, false);
        if (j.is_object() && j[protocol::field::kAcceptedThrough].is_number_integer())
            held = j[protocol::field::kAcceptedThrough].get<int64_t>();
    }
    const int64_t made = d.outbox_last_seq();
    const int64_t cursor = std::atoll(d.meta(sync_meta::kPushCursor).value_or("0").c_str());
    if (held != made) problem("central holds changes through " + std::to_string(held) + ", the device made " +
                              std::to_string(made));
    if (cursor != made)
        problem("the device's push cursor is " + std::to_string(cursor) + " of " + std::to_string(made));
    for (const char* table : {"stock_events", "prescriptions", "patients", "batches"})
        if (ids(d, table) != ids(b, table)) problem(std::string("the pulled-back ") + table + " differ");
    const auto stock = stock_by_batch(d);
    if (stock != stock_by_batch(b)) problem("the pulled-back stock on hand differs");
    r->batches = static_cast<int64_t>(stock.size());
    int rc = 0;
    r->verify_day = run_cli(quote(o.outpost_bin) + " verify --db " + quote(day_path) + " 2>&1", &rc);
    if (rc != 0) problem("outpost verify on the device: " + r->verify_day);
    r->verify_back = run_cli(quote(o.outpost_bin) + " verify --db " + quote(back_path) + " 2>&1", &rc);
    if (rc != 0) problem("outpost verify on the pulled-back store: " + r->verify_back);
}

// "200x8 100x1": page sizes in the order used, runs counted.
std::string pages_text(const std::vector<int64_t>& pages) {
    std::string out;
    for (size_t i = 0; i < pages.size();) {
        size_t j = i;
        while (j < pages.size() && pages[j] == pages[i]) ++j;
        out += (out.empty() ? "" : " ") + std::to_string(pages[i]) + (j - i > 1 ? "x" + std::to_string(j - i) : "");
        i = j;
    }
    return out.empty() ? "none" : out;
}

// One phase: a site of its own, a proxy of its own. The device registers
// and makes its first pull with the proxy's faults off (set-up, not
// measured), makes a busy day, then the faults go on for the push and for a
// second device's pull of the site from zero.
PhaseResult run_phase(const LinkOptions& o, const Phase& phase, int index, const std::string& work,
                      const std::string& central, const std::string& central_log,
                      const std::pair<std::string, std::string>& codes) {
    PhaseResult r;
    r.name = phase.name;
    std::vector<std::string> args{o.proxy_bin, "--listen", "127.0.0.1:0", "--to", central, "--faults-off",
                                  "--seed", std::to_string(o.seed + static_cast<unsigned>(index))};
    if (phase.slow)
        for (const std::string& a : {std::string("--delay-ms"), std::to_string(o.delay_ms),
                                     std::string("--bandwidth-bps"), std::to_string(o.bandwidth_bps)})
            args.push_back(a);
    if (phase.faulty)
        for (const std::string& a : {std::string("--drop-rate"), std::to_string(o.drop_rate),
                                     std::string("--reset-rate"), std::to_string(o.reset_rate)})
            args.push_back(a);
    const std::string proxy_log = work + "/proxy.log";
    Child proxy = spawn(args, proxy_log);
    const std::string url = "http://" + wait_listening(proxy, "fault_proxy", proxy_log);

    const std::string day_path = work + "/" + phase.name + "-device.db";
    const std::string back_path = work + "/" + phase.name + "-back.db";
    {
        auto opened = Store::Open({day_path, true, nullptr, false});
        if (!opened.ok()) fail("device store", opened.status());
        Store& dev = **opened;
        HttpTransport wire({url, "", 10, 30, 30});
        if (auto reg = register_device(wire, codes.first, "dispensary laptop", dev); !reg.ok())
            fail("register the device", reg.status());
        SystemClock clock;
        SyncConfig config;
        SyncSession session(dev, wire, clock, config);
        if (auto c = session.run_once(); !c.status.ok()) fail("the device's first sync", c.status);
        std::mt19937_64 rng(7);
        auto items = dev.search_items("", 100);
        if (!items.ok() || items->empty() || dev.users().empty())
            fail("the device's first sync", Status::NotFound("no items or users arrived"));
        r.events = busy_day(dev, dev.users().at(0).id, *items, o.day_events, rng);
        r.changes = dev.outbox_count_after(session.push_cursor());
    }
    {
        auto opened = Store::Open({back_path, true, nullptr, false});
        if (!opened.ok()) fail("second store", opened.status());
        HttpTransport wire({url, "", 10, 30, 30});
        if (auto reg = register_device(wire, codes.second, "replacement laptop", **opened); !reg.ok())
            fail("register the second device", reg.status());
    }
    if (phase.slow || phase.faulty) kill(proxy.pid, SIGUSR1);
    const uint64_t backoff_seed = o.seed * 1000 + static_cast<uint64_t>(index) * 10;
    auto pushed = [](const SyncSnapshot& s) { return s.changes_waiting == 0; };
    auto pulled = [](const SyncSnapshot& s) { return !s.restoring; };
    auto pulled_all = [](const SyncSnapshot& s) {
        return !s.restoring || (s.restore_total > 0 && s.restore_done >= s.restore_total);
    };
    // Runs out of time: finish with the faults off (a new sync thread, so
    // without the backoff it had built up), then put them back.
    auto finish = [&](const std::string& path, const std::function<bool(const SyncSnapshot&)>& done, uint64_t seed) {
        kill(proxy.pid, SIGUSR2);
        Leg rest = run_sync_thread(path, seed, o.limit_s, central_log, done, done);
        if (!rest.done) fail(phase.name + ": finishing with the faults off", Status::Unavailable(rest.last_error));
        if (phase.slow || phase.faulty) kill(proxy.pid, SIGUSR1);
    };
    r.push = run_sync_thread(day_path, backoff_seed + 1, o.limit_s, central_log, pushed, pushed);
    if (!r.push.done) finish(day_path, pushed, backoff_seed + 3);
    r.pull = run_sync_thread(back_path, backoff_seed + 2, o.limit_s, central_log, pulled, pulled_all);
    if (!r.pull.done) finish(back_path, pulled, backoff_seed + 4);
    kill(proxy.pid, SIGUSR2);
    stop_child(proxy);
    const std::string limit = std::to_string(static_cast<int>(o.limit_s)) + " s";
    const std::string late = " did not finish within " + limit + " (finished with the faults off)";
    if (!r.push.done) r.problems.push_back("the push" + late);
    if (!r.pull.done) r.problems.push_back("the pull" + late);
    check_converged(&r, day_path, back_path, central, o);
    return r;
}

void print_phase(const PhaseResult& r) {
    const double ev = static_cast<double>(std::max<int64_t>(r.events, 1));
    std::printf("%s: %lld stock events in %lld outbox changes\n", r.name.c_str(), static_cast<long long>(r.events),
                static_cast<long long>(r.changes));
    const struct {
        const char* what;
        const Leg& leg;
    } legs[] = {{"push", r.push}, {"pull back", r.pull}};
    for (const auto& l : legs) {
        const WireCounts& w = l.leg.wire;
        const std::string across =
            l.leg.data_secs < 0 ? "never" : std::to_string(static_cast<int>(l.leg.data_secs + 0.5)) + " s";
        std::printf("  %s: %s in %.1f s (every change across after %s), %lld requests (%lld without an answer, "
                    "%lld refused), %lld sync cycles, %.1f s waiting between them\n",
                    l.what, l.leg.done ? "done" : "NOT done", l.leg.secs, across.c_str(),
                    static_cast<long long>(w.requests), static_cast<long long>(w.no_answer),
                    static_cast<long long>(w.refused), static_cast<long long>(l.leg.cycles), l.leg.waiting_secs);
        std::printf("    device sent %llu bytes gzip (%.1f per event; %llu JSON), central answered %lld requests "
                    "with %llu bytes (%.1f per event; %llu after gunzip)\n",
                    static_cast<unsigned long long>(w.sent_gzip), w.sent_gzip / ev,
                    static_cast<unsigned long long>(w.sent_plain), static_cast<long long>(l.leg.central.requests),
                    static_cast<unsigned long long>(l.leg.central.answer_bytes), l.leg.central.answer_bytes / ev,
                    static_cast<unsigned long long>(w.received_plain));
        std::printf("    push pages (changes): %s; pull pages (max rows asked): %s\n", pages_text(w.push_pages).c_str(),
                    pages_text(w.pull_pages).c_str());
        if (!l.leg.last_error.empty()) std::printf("    last error: %s\n", l.leg.last_error.c_str());
    }
    const bool agreed = std::none_of(r.problems.begin(), r.problems.end(), [](const std::string& p) {
        return p.find("did not finish") == std::string::npos;
    });
    if (agreed)
        std::printf("  %s: central holds every change; the pulled-back store has the same %lld events and "
                    "%lld batches with stock; outpost verify: \"%s\" / \"%s\"\n",
                    r.problems.empty() ? "converged" : "agreed after finishing with the faults off",
                    static_cast<long long>(r.events), static_cast<long long>(r.batches), r.verify_day.c_str(),
                    r.verify_back.c_str());
    for (const auto& p : r.problems) std::printf("  NOT converged: %s\n", p.c_str());
}

void emit_phase(const PhaseResult& r, const PhaseResult* base) {
    const double ev = static_cast<double>(std::max<int64_t>(r.events, 1));
    const double bev = base ? static_cast<double>(std::max<int64_t>(base->events, 1)) : 1;
    auto b = [&](double v) { return base ? std::optional<double>(v) : std::nullopt; };
    const std::string m = "sync.link." + r.name + ".";
    emit(m + "push_s", r.push.secs, "s", b(base ? base->push.secs : 0));
    emit(m + "pull_s", r.pull.secs, "s", b(base ? base->pull.secs : 0));
    emit(m + "push_bytes_per_event", r.push.wire.sent_gzip / ev, "bytes",
         b(base ? base->push.wire.sent_gzip / bev : 0), 60);
    emit(m + "pull_bytes_per_event", r.pull.central.answer_bytes / ev, "bytes",
         b(base ? base->pull.central.answer_bytes / bev : 0));
    emit(m + "requests", static_cast<double>(r.push.wire.requests + r.pull.wire.requests), "requests",
         b(base ? static_cast<double>(base->push.wire.requests + base->pull.wire.requests) : 0));
    emit(m + "requests_without_answer", static_cast<double>(r.push.wire.no_answer + r.pull.wire.no_answer),
         "requests");
    emit(m + "retries", static_cast<double>(r.push.retries() + r.pull.retries()), "sync cycles");
    emit(m + "backoff_wait_s", r.push.waiting_secs + r.pull.waiting_secs, "s");
    emit(m + "converged", r.problems.empty() ? 1 : 0, "bool", std::nullopt, 1);
}

std::string load_average() {
    std::ifstream f("/proc/loadavg");
    std::string one, five, fifteen;
    f >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

std::string find_tool(const std::string& given, const char* built, const char* target) {
    const std::string path = given.empty() ? std::string(built) : given;
    if (access(path.c_str(), X_OK) != 0)
        fail("--through-proxy needs " + std::string(target),
             Status::NotFound(path + " is missing: build the target " + target + " (or give its path)"));
    return path;
}

// The executables --through-proxy runs; CMake passes where it builds them.
#ifndef OUTPOST_CENTRAL_BIN
#define OUTPOST_CENTRAL_BIN ""
#endif
#ifndef OUTPOST_FAULT_PROXY_BIN
#define OUTPOST_FAULT_PROXY_BIN ""
#endif
#ifndef OUTPOST_BIN
#define OUTPOST_BIN ""
#endif

}  // namespace

int run_through_proxy(LinkOptions o) {
    o.central_bin = find_tool(o.central_bin, OUTPOST_CENTRAL_BIN, "outpost-central");
    o.proxy_bin = find_tool(o.proxy_bin, OUTPOST_FAULT_PROXY_BIN, "fault_proxy");
    o.outpost_bin = find_tool(o.outpost_bin, OUTPOST_BIN, "outpost");
    std::atexit(stop_children);
    const std::string work = o.dir + "/sync_bench_link_" + std::to_string(getpid());
    if (std::system(("mkdir -p " + quote(work)).c_str()) != 0) fail("work directory", Status::IoError(work));
    const std::string db = work + "/central.db", log = work + "/central.log";
    std::printf("link: %.0f ms round trip, %lld bytes/s (%.0f kbit/s); faults: drop %.3f of new connections, "
                "reset %.4f per chunk of ~%lld bytes; day of %lld events; load average %s\n",
                2.0 * o.delay_ms, o.bandwidth_bps, o.bandwidth_bps * 8 / 1000.0, o.drop_rate, o.reset_rate,
                o.bandwidth_bps / 20 + 1, static_cast<long long>(o.day_events), load_average().c_str());
    std::fflush(stdout);

    const std::vector<Phase> phases{{"faults_off", false, false}, {"slow", true, false}, {"slow_faulty", true, true}};
    // Central: a site per phase with a user, one catalogue, two codes per
    // site (the device and the new device that pulls the site back).
    const std::string cli = quote(o.central_bin) + " ", tail = " --db " + quote(db) + " 2>>" + quote(log);
    {
        std::ofstream csv(work + "/items.csv");
        csv << "code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,cold_chain,"
               "controlled\n";
        for (int i = 0; i < 60; ++i)
            csv << "ITEM" << i << ",Medicine " << i << ",250 mg,tablet,tablet,100,1t tds,,100,0,0\n";
    }
    std::vector<std::pair<std::string, std::string>> codes;
    for (size_t k = 0; k < phases.size(); ++k) {
        const std::string site = "HC0" + std::to_string(k + 1);
        if (run_cli(cli + "site create --code " + site + " --name 'Clinic " + site + "'" + tail).empty() ||
            run_cli(cli + "user add --site " + site + " --name 'Dispenser Phiri' --role admin --pin 2468" + tail)
                .empty())
            fail("set up " + site + " on central", Status::IoError("see " + log));
    }
    if (run_cli(cli + "catalogue import --csv " + quote(work + "/items.csv") + tail).empty())
        fail("catalogue import", Status::IoError("see " + log));
    for (size_t k = 0; k < phases.size(); ++k) {
        const std::string site = "HC0" + std::to_string(k + 1);
        codes.emplace_back(run_cli(cli + "code --site " + site + tail), run_cli(cli + "code --site " + site + tail));
        if (codes.back().first.empty() || codes.back().second.empty())
            fail("registration codes", Status::IoError("see " + log));
    }
    Child central = spawn({o.central_bin, "serve", "--db", db, "--listen", "127.0.0.1:0"}, log);
    const std::string central_at = wait_listening(central, "outpost-central", log);

    std::vector<PhaseResult> results;
    bool all_converged = true;
    for (size_t k = 0; k < phases.size(); ++k) {
        results.push_back(run_phase(o, phases[k], static_cast<int>(k), work, central_at, log, codes[k]));
        print_phase(results.back());
        emit_phase(results.back(), k == 0 ? nullptr : &results.front());
        all_converged = all_converged && results.back().problems.empty();
    }
    stop_child(central);
    std::printf("load average at the end: %s\n", load_average().c_str());
    if (all_converged) (void)std::system(("rm -rf " + quote(work)).c_str());
    else std::printf("kept %s for inspection\n", work.c_str());
    return 0;
}

}  // namespace outpost::sync_bench

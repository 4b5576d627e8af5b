// kill_harness: proves that a device store survives SIGKILL at any moment,
// including in the middle of a sync with a real outpost-central.
//
// The harness starts outpost-central on loopback (a fresh database, one site,
// a user, a small catalogue, registration codes made with its admin CLI),
// then runs itself in --child mode against a device store file. The child
// registers once, then loops forever: receive / dispense / adjust, printing
// "rx <prescription id>" after each dispensing commits (flushed), and a
// SyncSession::run_once every few operations. The harness SIGKILLs the child
// after a seeded random delay, restarts it, and after every kill checks:
//   - PRAGMA integrity_check is "ok" and Store::verify finds no difference;
//   - every dispensing the child reported exists once, and its lines' ledger
//     events sum to exactly the quantity dispensed (no loss, no double);
//   - push and pull cursors never go back, and never pass the outbox.
// At the end the child syncs until quiet, and a new store restored from
// central (restore_device) must hold the same events and the same stock on
// hand per batch as the device. Exit 0 when every check held.
//
//   kill_harness --kills N --seed S [--central PATH] [--dir DIR] [--max-delay-ms M]
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "child_process.h"
#include "client_register.h"
#include "client_session.h"
#include "store.h"
#include "transport_http.h"

using namespace outpost;

namespace {

// ---- the child: one device doing clinic work and syncing --------------------

int fail(const std::string& what) {
    std::fprintf(stderr, "kill_harness child: %s\n", what.c_str());
    return 3;
}

SyncConfig child_config(const std::string& url) {
    SyncConfig c;
    c.server_url = url;
    c.connect_timeout_s = 2;
    c.read_timeout_s = 5;
    c.write_timeout_s = 5;
    c.page_rows_initial = 20;  // small pages: more pull transactions to be killed in
    return c;
}

// Syncs until the outbox is drained and a pull brings nothing new.
int child_sync_until_quiet(Store& store, const std::string& url) {
    HttpTransport transport({url, "", 2, 5, 5});
    SystemClock clock;
    SyncConfig config = child_config(url);
    SyncSession session(store, transport, clock, config);
    for (int attempt = 0; attempt < 200; ++attempt) {
        CycleReport r = session.run_once();
        if (r.fatal) return fail("sync needs a person: " + r.status.message());
        if (r.status.ok() && r.pushed == 0 && r.pulled == 0 &&
            store.outbox_count_after(session.push_cursor()) == 0) {
            std::printf("quiet\n");
            std::fflush(stdout);
            return 0;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return fail("central never went quiet");
}

int run_child(const std::string& path, const std::string& url, const std::string& code, unsigned seed,
              bool final_sync) {
    auto opened = Store::Open({path, true});
    if (!opened.ok()) return fail(opened.status().message());
    Store& store = **opened;
    if (!store.has_identity()) {
        HttpTransport transport({url, "", 2, 5, 5});
        auto reg = register_device(transport, code, "kill harness device", store);
        if (!reg.ok()) return fail("register: " + reg.status().message());
    }
    if (final_sync) return child_sync_until_quiet(store, url);

    HttpTransport transport({url, "", 2, 5, 5});
    SystemClock clock;
    SyncConfig config = child_config(url);
    SyncSession session(store, transport, clock, config);
    // Users and the catalogue arrive by pull.
    for (int i = 0; i < 50 && store.users().empty(); ++i) {
        CycleReport r = session.run_once();
        if (r.fatal) return fail(r.status.message());
    }
    auto users = store.users();
    if (users.empty()) return fail("no users arrived from central");
    const std::string user = users.front().id;
    std::vector<Item> items;
    for (const char* c : {"AMOX250", "PARA500", "ORS"}) {
        auto it = store.item_by_code(c);
        if (!it.ok()) return fail(std::string("item ") + c + " did not arrive");
        items.push_back(*it);
    }
    std::string patient;
    if (auto p = store.search_patients("", 0, 1); p.ok() && !p->rows.empty()) patient = p->rows[0].id;
    if (patient.empty()) {
        PatientInput in;
        in.family_name = "Banda";
        in.given_name = "Grace";
        in.sex = "F";
        auto id = store.register_patient(user, in);
        if (!id.ok()) return fail(id.status().message());
        patient = *id;
    }
    std::printf("ready\n");
    std::fflush(stdout);

    std::mt19937 rng(seed);
    for (int op = 1;; ++op) {
        const Item& item = items[rng() % items.size()];
        const unsigned pick = rng() % 10;
        if (pick < 3) {
            ReceiveInput in{item.id, "B" + std::to_string(rng() % 6), add_days(store.today(), 200 + rng() % 300),
                            static_cast<int64_t>(20 + rng() % 200), QuantityUnit::kUnits, "CMS", ""};
            auto r = store.receive(user, in);
            if (!r.ok()) return fail("receive: " + r.status().message());
        } else if (pick < 8) {
            DispenseInput d;
            d.patient_id = patient;
            d.prescriber = "Clinical officer";
            d.confirm_short = true;
            d.confirm_expired = true;
            d.lines.push_back({item.id, static_cast<int64_t>(1 + rng() % 30), "1t tds", "", std::nullopt});
            if (rng() % 3 == 0) {
                const Item& other = items[rng() % items.size()];
                d.lines.push_back({other.id, static_cast<int64_t>(1 + rng() % 10), "2t bd", "", std::nullopt});
            }
            auto r = store.dispense(user, d);
            if (!r.ok()) {  // nothing usable recorded yet: a refusal, not a failure
                auto got = store.receive(user, {item.id, "B0", add_days(store.today(), 400), 100,
                                                QuantityUnit::kUnits, "CMS", ""});
                if (!got.ok()) return fail("dispense: " + r.status().message() + "; receive: " + got.status().message());
                continue;
            }
            std::printf("rx %s\n", r->prescription_id.c_str());
            std::fflush(stdout);
        } else {
            auto detail = store.item_detail(item.id);
            if (detail.ok() && !detail->batches.empty()) {
                AdjustInput a;
                a.batch_id = detail->batches[rng() % detail->batches.size()].id;
                const bool found = rng() % 2;
                a.quantity = found ? static_cast<int64_t>(1 + rng() % 5) : -static_cast<int64_t>(1 + rng() % 5);
                a.reason = found ? "found" : "damaged";
                auto r = store.adjust(user, a);
                if (!r.ok()) return fail("adjust: " + r.status().message());
            }
        }
        if (op % (3 + static_cast<int>(seed % 4)) == 0) {
            CycleReport r = session.run_once();
            if (r.fatal) return fail("sync needs a person: " + r.status.message());
            std::printf("sync %s\n", r.status.ok() ? "ok" : "failed");
            std::fflush(stdout);
        }
    }
}

// ---- the harness ------------------------------------------------------------

std::string read_all(int fd) {
    std::string buf;
    char chunk[4096];
    ssize_t n;
    while ((n = read(fd, chunk, sizeof chunk)) > 0) buf.append(chunk, static_cast<size_t>(n));
    return buf;
}

std::string run_cli(const std::string& cmd) {
    FILE* p = popen(cmd.c_str(), "r");
    if (!p) return "";
    std::string out;
    char buf[256];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    if (pclose(p) != 0) return "";
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

std::string self_path() {
    char buf[4096];
    ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
    return n > 0 ? std::string(buf, static_cast<size_t>(n)) : "";
}

struct Checker {
    std::set<std::string> reported;  // prescription ids the child said were committed
    int64_t push_cursor = 0, pull_cursor = 0;
    int problems = 0;

    void problem(const std::string& what) {
        std::fprintf(stderr, "kill_harness: FAILED: %s\n", what.c_str());
        ++problems;
    }

    // The checks after every kill.
    void check_store(const std::string& path, int round) {
        auto opened = Store::Open({path, false});
        if (!opened.ok()) return problem("round " + std::to_string(round) + ": " + opened.status().message());
        Store& s = **opened;
        const std::string tag = "round " + std::to_string(round) + ": ";
        auto ic = s.db().query_text("PRAGMA integrity_check");
        if (!ic || *ic != "ok") problem(tag + "integrity_check said " + ic.value_or("nothing"));
        auto v = s.verify();
        if (!v.ok()) problem(tag + "verify failed: " + v.status().message());
        else if (!v->ok()) problem(tag + "stock on hand differs from the ledger on " +
                                   std::to_string(v->differences.size()) + " batches");
        Stmt rx = s.db().prepare("SELECT COUNT(*) FROM prescriptions WHERE id=?");
        // Each line's dispense events sum to minus the line's quantity.
        Stmt lines = s.db().prepare(
            "SELECT l.quantity, (SELECT COALESCE(SUM(e.quantity),0) FROM stock_events e "
            "WHERE e.prescription_line_id=l.id AND e.kind='dispense') FROM prescription_lines l "
            "WHERE l.prescription_id=?");
        for (const auto& id : reported) {
            rx.reset();
            rx.bind(1, id);
            if (!rx.step() || rx.i64(0) != 1) problem(tag + "dispensing " + id + " is missing");
            lines.reset();
            lines.bind(1, id);
            int n = 0;
            while (lines.step()) {
                ++n;
                if (lines.i64(0) != -lines.i64(1))
                    problem(tag + "dispensing " + id + ": a line of " + std::to_string(lines.i64(0)) +
                            " units has events summing to " + std::to_string(lines.i64(1)));
            }
            if (n == 0) problem(tag + "dispensing " + id + " has no lines");
        }
        const int64_t push = std::atoll(s.meta(sync_meta::kPushCursor).value_or("0").c_str());
        const int64_t pull = std::atoll(s.meta(sync_meta::kPullCursor).value_or("0").c_str());
        if (push < push_cursor) problem(tag + "push cursor went back");
        if (pull < pull_cursor) problem(tag + "pull cursor went back");
        if (push > s.outbox_last_seq()) problem(tag + "push cursor is past the outbox");
        auto gaps = s.db().query_i64("SELECT COUNT(*) - COALESCE(MAX(seq) - MIN(seq) + 1, 0) FROM outbox");
        if (gaps.value_or(1) != 0) problem(tag + "the outbox's sequence numbers have a gap");
        push_cursor = push;
        pull_cursor = pull;
    }
};

std::map<std::string, int64_t> stock_by_batch(Store& s) {
    std::map<std::string, int64_t> m;
    for (Stmt st = s.db().prepare("SELECT batch_id, quantity FROM stock_on_hand"); st.step();)
        if (st.i64(1) != 0) m[st.text(0)] = st.i64(1);
    return m;
}
std::set<std::string> ids(Store& s, const char* table) {
    std::set<std::string> out;
    for (Stmt st = s.db().prepare(std::string("SELECT id FROM ") + table); st.step();) out.insert(st.text(0));
    return out;
}

int run_harness(int kills, unsigned seed, std::string central_bin, std::string dir, int max_delay_ms) {
    const std::string self = self_path();
    if (dir.empty()) dir = "/tmp/outpost-kill-" + std::to_string(getpid());
    if (std::system(("rm -rf '" + dir + "' && mkdir -p '" + dir + "'").c_str()) != 0) return 2;
    const std::string db = dir + "/central.db", log = dir + "/log.txt", store = dir + "/device.db";
    const std::string q = "'" + central_bin + "' ";
    const std::string tail = " --db '" + db + "' 2>>'" + log + "'";
    {
        std::ofstream csv(dir + "/items.csv");
        csv << "code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,cold_chain,"
               "controlled\n"
               "AMOX250,Amoxicillin,250 mg,tablet,tablet,100,1t tds,,10,0,0\n"
               "PARA500,Paracetamol,500 mg,tablet,tablet,100,2t qid,,10,0,0\n"
               "ORS,Oral rehydration salts,20.5 g,sachet,sachet,50,1 sachet,,10,0,0\n";
    }
    if (run_cli(q + "site create --code HC01 --name 'Mbala Health Centre'" + tail).empty() ||
        run_cli(q + "user add --site HC01 --name Amina --role admin --pin 1234" + tail).empty() ||
        run_cli(q + "catalogue import --csv '" + dir + "/items.csv'" + tail).empty()) {
        std::fprintf(stderr, "kill_harness: could not prepare central with %s (see %s)\n", central_bin.c_str(),
                     log.c_str());
        return 2;
    }
    const std::string device_code = run_cli(q + "code --site HC01" + tail);
    const std::string restore_code = run_cli(q + "code --site HC01" + tail);
    ChildProcess central = start_child({central_bin, "serve", "--db", db, "--listen", "127.0.0.1:0"}, log);
    const std::string listening = read_line(central.out);
    if (listening.rfind("listening on ", 0) != 0) {
        std::fprintf(stderr, "kill_harness: central did not start: %s\n", listening.c_str());
        return 2;
    }
    const std::string url = "http://" + listening.substr(13);
    auto stop_central = [&] {
        kill(central.pid, SIGTERM);
        waitpid(central.pid, nullptr, 0);
        close(central.out);
    };

    Checker check;
    std::mt19937 rng(seed);
    auto absorb = [&](const std::string& out) {
        size_t start = 0;
        for (size_t nl; (nl = out.find('\n', start)) != std::string::npos; start = nl + 1)
            if (out.compare(start, 3, "rx ") == 0) check.reported.insert(out.substr(start + 3, nl - start - 3));
    };
    // The first run registers the device: it is allowed to reach "ready"
    // (a code is single use, so registration itself is not killed here).
    int killed = 0, exited_early = 0;
    const auto t0 = std::chrono::steady_clock::now();
    for (int round = 0; round < kills; ++round) {
        const std::string child_seed = std::to_string(seed * 7919u + static_cast<unsigned>(round));
        ChildProcess child = start_child({self, "--child", "--store", store, "--server", url, "--code", device_code, "--seed",
                            child_seed},
                           log);
        if (round == 0) {
            std::string line;
            while ((line = read_line(child.out)) != "ready" && !line.empty()) absorb(line + "\n");
            if (line != "ready") {
                std::fprintf(stderr, "kill_harness: the first child never became ready (see %s)\n", log.c_str());
                stop_central();
                return 1;
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(rng() % static_cast<unsigned>(max_delay_ms + 1)));
        kill(child.pid, SIGKILL);
        int status = 0;
        waitpid(child.pid, &status, 0);
        absorb(read_all(child.out));
        close(child.out);
        if (WIFSIGNALED(status)) ++killed;
        else {
            ++exited_early;
            check.problem("round " + std::to_string(round) + ": the child exited by itself (status " +
                          std::to_string(WEXITSTATUS(status)) + "; see " + log + ")");
        }
        check.check_store(store, round);
        if (check.problems > 20) break;
    }

    // Let the device finish syncing, then restore the site elsewhere.
    ChildProcess last = start_child({self, "--child", "--final", "--store", store, "--server", url, "--code", device_code}, log);
    const std::string said = read_all(last.out);
    close(last.out);
    int status = 0;
    waitpid(last.pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || said.find("quiet") == std::string::npos)
        check.problem("the final sync did not finish (see " + log + ")");
    check.check_store(store, kills);

    const std::string restored_path = dir + "/restored.db";
    auto restored = Store::Open({restored_path, true});
    auto device = Store::Open({store, false});
    if (!restored.ok() || !device.ok()) {
        check.problem("cannot open the stores to compare");
    } else {
        HttpTransport transport({url, "", 2, 10, 10});
        SyncConfig config = child_config(url);
        Status s = restore_device(transport, restore_code, "restored", **restored, config);
        if (!s.ok()) check.problem("restore: " + s.message());
        if (stock_by_batch(**restored) != stock_by_batch(**device))
            check.problem("the restored site's stock on hand differs from the device's");
        if (ids(**restored, "stock_events") != ids(**device, "stock_events"))
            check.problem("the restored site's ledger differs from the device's");
        if (ids(**restored, "prescriptions") != ids(**device, "prescriptions"))
            check.problem("the restored site's prescriptions differ from the device's");
        auto v = (*restored)->verify();
        if (!v.ok() || !v->ok()) check.problem("the restored store fails verify");
        std::printf("events on the device: %zu, batches with stock: %zu\n", ids(**device, "stock_events").size(),
                    stock_by_batch(**device).size());
    }
    stop_central();
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::printf("kills: %d, dispensings reported: %zu, problems: %d, %.1f s\n", killed, check.reported.size(),
                check.problems, secs);
    if (check.problems == 0) std::system(("rm -rf '" + dir + "'").c_str());
    else std::printf("kept %s for inspection\n", dir.c_str());
    return check.problems == 0 && exited_early == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    std::map<std::string, std::string> opt;
    bool child = false, final_sync = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--child") child = true;
        else if (a == "--final") final_sync = true;
        else if (a.rfind("--", 0) == 0 && i + 1 < argc) opt[a.substr(2)] = argv[++i];
        else {
            std::fprintf(stderr, "usage: kill_harness --kills N --seed S [--central PATH] [--dir DIR] "
                                 "[--max-delay-ms M]\n");
            return 2;
        }
    }
    const unsigned seed = static_cast<unsigned>(std::strtoul(opt.count("seed") ? opt["seed"].c_str() : "1", nullptr, 10));
    if (child) return run_child(opt["store"], opt["server"], opt["code"], seed, final_sync);
    std::string central = opt.count("central") ? opt["central"] : "";
#ifdef OUTPOST_CENTRAL_BIN
    if (central.empty()) central = OUTPOST_CENTRAL_BIN;
#endif
    if (central.empty()) {
        std::fprintf(stderr, "kill_harness: give --central PATH to outpost-central\n");
        return 2;
    }
    const int kills = std::atoi(opt.count("kills") ? opt["kills"].c_str() : "25");
    const int max_delay = std::atoi(opt.count("max-delay-ms") ? opt["max-delay-ms"].c_str() : "150");
    return run_harness(kills, seed, central, opt["dir"], max_delay);
}

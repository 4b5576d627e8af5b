// run_simulation(): see simulation.h. The world is rebuilt for every seed;
// only central's starting database (sites, users with argon2id PIN hashes,
// the catalogue) is prepared once per process and copied in, because PIN
// hashing is deliberately slow.
#include "simulation.h"

#include "peer_exchange.h"
#include "peer_loopback.h"
#include "simulation_projection.h"
#include "simulation_holdings.h"
#include "simulation_orders.h"
#include "simulation_peers.h"

#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "central_core.h"
#include "client_register.h"
#include "client_session.h"
#include "requisitions.h"
#include "store.h"
#include "transport_loopback.h"

namespace outpost {

using nlohmann::json;

NetworkFaults SimulationOptions::default_faults() {
    NetworkFaults f;
    f.drop_request = 0.08;
    f.lose_reply = 0.10;
    f.duplicate = 0.08;
    f.hold_back = 0.05;
    f.busy = 0.03;
    f.slow = 0.04;
    return f;
}

std::string SimulationResult::summary() const {
    std::ostringstream o;
    o << operations << " operations (" << failed_operations << " refused), " << events << " events, "
      << sync_cycles << " sync cycles, " << crashes << " crashes, " << restores << " restores, " << heal_rounds
      << " rounds to heal; network: " << faults.requests << " requests, " << faults.dropped << " dropped, "
      << faults.lost_replies << " replies lost, " << faults.duplicated << " duplicated, " << faults.replayed_late
      << " stale replays, " << faults.busy << " busy, " << faults.slow << " slow; orders: " << shipments
      << " shipments, " << lines_received << " lines received, " << lines_received_twice
      << " of them on two devices";
    if (peer_exchanges)
        o << "; peers: " << peer_exchanges << " exchanges (" << peer_failures << " broken off), " << peer_changes
          << " changes moved, " << peer_crashes << " crashes mid-exchange, " << island_days
          << " days on the LAN island; peer link: " << peer_faults.requests << " requests, " << peer_faults.dropped
          << " dropped, " << peer_faults.lost_replies << " replies lost, " << peer_faults.duplicated
          << " duplicated, " << peer_faults.replayed_late << " replayed late; " << stocktakes_checked
          << " stocktake lines checked (" << stocktakes_spanning << " counts left open)";
    return o.str();
}

namespace {

constexpr int64_t kStartMs = 1781517600000LL;  // 2026-06-15 10:00 UTC
constexpr const char* kSiteA = "HC01";
constexpr const char* kSiteB = "HC02";

// Central's starting database, built once: two sites, an admin user each,
// a small catalogue.
class CentralTemplate {
public:
    static CentralTemplate& get() {
        static std::once_flag once;
        static std::unique_ptr<CentralTemplate> t;
        std::call_once(once, [] { t.reset(new CentralTemplate()); });
        return *t;
    }
    // A new central on clock holding a copy of the template.
    Result<std::unique_ptr<CentralCore>> copy(Clock* clock) {
        if (!status_.ok()) return status_;
        auto c = CentralCore::Open(":memory:", clock, false);
        if (!c.ok()) return c.status();
        sqlite3_backup* b = sqlite3_backup_init(c.value()->db().raw(), "main", core_->db().raw(), "main");
        if (!b) return Status::IoError("could not copy central's template");
        sqlite3_backup_step(b, -1);
        if (sqlite3_backup_finish(b) != SQLITE_OK) return Status::IoError("could not copy central's template");
        return std::move(c).value();
    }

private:
    CentralTemplate() : clock_(kStartMs - 3600 * 1000) {
        auto c = CentralCore::Open(":memory:", &clock_, false);
        if (!c.ok()) {
            status_ = c.status();
            return;
        }
        core_ = std::move(c).value();
        core_->use_deterministic_random(42);
        auto step = [&](const Status& s) {
            if (status_.ok() && !s.ok()) status_ = s;
        };
        step(core_->create_site(kSiteA, "Mbala Health Centre", false).status());
        step(core_->create_site(kSiteB, "Kasama Rural Clinic", false).status());
        step(core_->add_user(kSiteA, "Amina Admin", "admin", "1234").status());
        step(core_->add_user(kSiteB, "Bwalya Admin", "admin", "1234").status());
        step(core_
                 ->import_catalogue_csv(
                     "code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,cold_chain,"
                     "controlled\n"
                     "AMOX250,Amoxicillin,250 mg,dispersible tablet,tablet,100,1t tds x5/7,,200,0,0\n"
                     "PARA500,Paracetamol,500 mg,tablet,tablet,1000,2t qid prn,,500,0,0\n"
                     "ORS,Oral rehydration salts,20.5 g,sachet,sachet,50,1 sachet after each stool,,100,0,0\n"
                     "ZINC20,Zinc sulfate,20 mg,dispersible tablet,tablet,100,1t od x10/7,,100,0,0\n")
                 .status());
    }
    FakeClock clock_;
    std::unique_ptr<CentralCore> core_;
    Status status_;
};

struct SimDevice {
    std::string label, site_code, path;  // path empty: in memory
    std::unique_ptr<Store> store;
    std::unique_ptr<LoopbackTransport> wire;  // clean link (registration, checks)
    std::unique_ptr<FaultyTransport> net;     // the link sync uses
    std::unique_ptr<SyncSession> session;
    std::unique_ptr<peer::PeerServer> peer_server;  // answers its peers; its nonce memory dies in a crash
    std::vector<std::string> open_counts;           // stocktakes started, not yet finalised
    std::atomic<bool> cancel{false};
    int64_t max_push = 0, max_pull = 0, seen_seq = 0;
    int patients = 0;
};

class World {
public:
    World(const SimulationOptions& o, SimulationResult* r)
        : opt_(o), res_(r), rng_(o.seed), clock_(kStartMs) {
        config_.page_rows_initial = 3;
        config_.page_rows_min = 1;
        config_.page_rows_max = 16;
        config_.page_bytes_initial = 4096;
        config_.page_bytes_min = 1024;
        config_.page_bytes_max = 64 * 1024;
        config_.fast_page_ms = 2000;
        config_.clock = &clock_;
    }
    ~World() {
        for (auto& kv : peer_links_) add_counts(kv.second->net->counts(), &res_->peer_faults);
        peer_links_.clear();
        for (auto& d : devices_) {
            if (d->net) add_counts(d->net->counts(), &res_->faults);
            close_device(*d, true);
        }
    }

    void run() {
        auto c = CentralTemplate::get().copy(&clock_);
        if (!c.ok()) return problem("central could not start: " + c.status().message());
        core_ = std::move(c).value();
        core_->use_deterministic_random(opt_.seed);
        for (int i = 0; i < opt_.site_devices; ++i) add_device(kSiteA, "A" + std::to_string(i), i == 0);
        add_device(kSiteB, "B0", false);
        if (!res_->ok()) return;
        // First contact over a clean link, so every device has users and
        // items to work with; faults begin with the rounds.
        for (auto& d : devices_) sync(*d, false);
        for (auto& d : devices_) d->net->set_faults(opt_.faults);

        const int island_at = opt_.island_rounds > 0 ? pick(0, std::max(0, opt_.rounds - opt_.island_rounds)) : -1;
        for (int round = 0; round < opt_.rounds && res_->ok(); ++round) {
            // A round of the long island lasts days: months pass without central.
            const bool long_island = island_at >= 0 && round >= island_at && round < island_at + opt_.island_rounds;
            if (long_island) {
                const int days = pick(1, 5);
                res_->island_days += days;
                clock_.advance(int64_t{days} * 24 * 3600 * 1000);
            } else {
                clock_.advance(pick(1, 30) * 60 * 1000);
            }
            // A restore registers with central, so none happens on the island.
            if (!long_island && chance(opt_.restore_chance)) restore(*devices_[pick(0, opt_.site_devices - 1)]);
            for (auto& d : devices_) {
                int ops = pick(0, opt_.max_ops_per_round);
                for (int k = 0; k < ops; ++k) operate(*d);
            }
            // The main site's link is down this round.
            const bool island = chance(opt_.peer_chance / 2) || long_island;
            if (chance(opt_.peer_chance)) peer_meet();
            if (long_island) peer_meet();
            for (auto& d : devices_)
                if ((!island || d->site_code != kSiteA) && chance(opt_.sync_chance)) sync(*d, chance(opt_.crash_chance));
            answer_requisitions();
        }
        if (!res_->ok()) return;
        heal();
        if (!res_->ok()) return;
        check_peers_in_step();
        check();
    }

private:
    int pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
    bool chance(double p) { return p > 0 && std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
    void problem(const std::string& p) { res_->problems.push_back(p); }
    void log(const std::string& line) {
        if (opt_.verbose) std::fprintf(stderr, "[seed %llu] %s\n", static_cast<unsigned long long>(opt_.seed),
                                       line.c_str());
    }

    Status open_store(SimDevice& d) {
        auto s = Store::Open({d.path.empty() ? ":memory:" : d.path, true, &clock_, false});
        if (!s.ok()) return s.status();
        d.store = std::move(s).value();
        d.session = std::make_unique<SyncSession>(*d.store, *d.net, clock_, config_);
        d.session->set_cancel_flag(&d.cancel);
        d.peer_server = std::make_unique<peer::PeerServer>(*d.store, clock_);
        return Status::Ok();
    }

    // The device dies: its client state and peer server are gone and its
    // store is reopened (a file) or kept (in memory: nothing else to lose).
    void restart_device(SimDevice& d) {
        d.cancel = false;
        if (!d.path.empty()) {
            close_device(d, false);
            Status s = open_store(d);
            if (!s.ok()) problem(d.label + ": store did not reopen after a crash: " + s.message());
        } else {
            d.session = std::make_unique<SyncSession>(*d.store, *d.net, clock_, config_);
            d.session->set_cancel_flag(&d.cancel);
            d.peer_server = std::make_unique<peer::PeerServer>(*d.store, clock_);
        }
    }

    static void add_counts(const FaultyTransport::Counts& c, FaultyTransport::Counts* total) {
        auto& t = *total;
        t.requests += c.requests;
        t.dropped += c.dropped;
        t.lost_replies += c.lost_replies;
        t.duplicated += c.duplicated;
        t.held_back += c.held_back;
        t.replayed_late += c.replayed_late;
        t.busy += c.busy;
        t.slow += c.slow;
    }

    void close_device(SimDevice& d, bool remove_file) {
        d.peer_server.reset();
        d.session.reset();
        d.store.reset();
        if (remove_file && !d.path.empty())
            for (const char* suffix : {"", "-wal", "-shm"}) ::unlink((d.path + suffix).c_str());
    }

    void add_device(const std::string& site, const std::string& label, bool file_backed) {
        auto d = std::make_unique<SimDevice>();
        d->label = label;
        d->site_code = site;
        if (file_backed && opt_.file_backed_device && ::access("/dev/shm", W_OK) == 0)
            d->path = "/dev/shm/outpost-sim-" + std::to_string(::getpid()) + "-" + std::to_string(opt_.seed) + "-" +
                      label + "-" + std::to_string(next_file_++) + ".db";
        d->wire = std::make_unique<LoopbackTransport>(*core_, "10.0.0." + std::to_string(devices_.size() + 1));
        d->net = std::make_unique<FaultyTransport>(*d->wire, opt_.seed * 7919 + devices_.size() * 104729 + next_file_,
                                                   &clock_);
        register_device_into(*d);
        devices_.push_back(std::move(d));
    }

    void register_device_into(SimDevice& d) {
        Status s = open_store(d);
        if (!s.ok()) return problem(d.label + ": store did not open: " + s.message());
        auto code = core_->issue_code(d.site_code);
        if (!code.ok()) return problem("central issued no code: " + code.status().message());
        auto reg = register_device(*d.wire, *code, "device " + d.label, *d.store);
        if (!reg.ok()) return problem(d.label + ": registration failed: " + reg.status().message());
        d.max_push = d.max_pull = d.seen_seq = 0;
    }

    // A device is wiped (stolen laptop) and set up again as a new device of
    // the same site: register, then pull from zero under the same faults.
    void restore(SimDevice& d) {
        ++res_->restores;
        log("restore " + d.label);
        // Its changes central never got are lost with it.
        const int64_t pushed = d.session->push_cursor();
        for (Stmt st = d.store->db().prepare("SELECT id FROM stock_events WHERE device_id=? AND seq>?");
             st.bind(1, d.store->identity().device_id).bind(2, pushed).step();)
            at_risk_.insert(st.text(0));
        close_device(d, true);
        d.open_counts.clear();
        d.label += "'";
        if (!d.path.empty()) d.path += "r";
        register_device_into(d);
    }

    const std::string& admin(Store& s) {
        user_.clear();
        for (const auto& u : s.users())
            if (u.role == Role::kAdmin && u.active) {
                user_ = u.id;
                break;
            }
        return user_;
    }

    std::vector<Item> items(Store& s) {
        auto r = s.search_items("", 50);
        std::vector<Item> v = r.ok() ? r.value() : std::vector<Item>{};
        std::sort(v.begin(), v.end(), [](const Item& a, const Item& b) { return a.code < b.code; });
        return v;
    }

    // Batches in a stable order (not by id: ids differ between runs).
    std::vector<std::string> batches(Store& s) {
        std::vector<std::string> v;
        for (Stmt st = s.db().prepare(
                 "SELECT b.id FROM batches b JOIN items i ON i.id=b.item_id ORDER BY i.code, b.batch_no, b.expiry, "
                 "b.device_id");
             st.step();)
            v.push_back(st.text(0));
        return v;
    }

    std::vector<std::string> patients(Store& s) {
        std::vector<std::string> v;
        for (Stmt st = s.db().prepare("SELECT id FROM patients ORDER BY family_name, given_name"); st.step();)
            v.push_back(st.text(0));
        return v;
    }

    void operate(SimDevice& d) {
        Store& s = *d.store;
        const std::string user = admin(s);
        auto its = items(s);
        if (user.empty() || its.empty()) return;  // nothing pulled yet
        ++res_->operations;
        Status st;
        const int kind = pick(0, 13);
        const Item& item = its[pick(0, static_cast<int>(its.size()) - 1)];
        if (kind <= 2) {  // receive
            ReceiveInput in;
            in.item_id = item.id;
            int b = pick(0, 2);
            in.batch_no = "B" + std::to_string(b) + (opt_.shared_batch_numbers ? "" : d.label);
            in.expiry = "2027-0" + std::to_string(b + 1) + "-15";
            in.quantity = pick(1, 60);
            in.supplier = "CMS";
            st = s.receive(user, in).status();
        } else if (kind <= 6) {  // dispense
            auto ps = patients(s);
            if (ps.empty()) {
                st = register_patient(d);
            } else {
                DispenseInput in;
                in.patient_id = ps[pick(0, static_cast<int>(ps.size()) - 1)];
                in.prescriber = "Clinical officer";
                in.confirm_short = true;
                in.confirm_expired = true;
                DispenseLineInput line;
                line.item_id = item.id;
                line.quantity = pick(1, 12);
                line.directions = "1t bd x5/7";
                in.lines.push_back(line);
                if (chance(0.3)) {
                    DispenseLineInput second = line;
                    second.item_id = its[pick(0, static_cast<int>(its.size()) - 1)].id;
                    if (second.item_id != line.item_id) in.lines.push_back(second);
                }
                st = s.dispense(user, in).status();
            }
        } else if (kind == 7) {  // adjust
            auto bs = batches(s);
            if (bs.empty()) return;
            AdjustInput in;
            in.batch_id = bs[pick(0, static_cast<int>(bs.size()) - 1)];
            in.quantity = pick(1, 5) * (chance(0.5) ? 1 : -1);
            for (const auto& rc : s.reason_codes())
                if (rc.direction == 0 || (rc.direction > 0) == (in.quantity > 0)) {
                    in.reason = rc.code;
                    break;
                }
            st = s.adjust(user, in).status();
        } else if (kind == 8) {
            st = register_patient(d);
        } else if (kind == 9) {  // a patient's details change (last writer wins)
            auto ps = patients(s);
            if (ps.empty()) return;
            auto p = s.patient(ps[pick(0, static_cast<int>(ps.size()) - 1)]);
            if (!p.ok()) return;
            PatientInput in{p->family_name, p->given_name, p->sex, "Village " + std::to_string(pick(1, 9)),
                            p->phone, p->birth_year};
            st = s.update_patient(user, p->id, in);
        } else if (kind == 10 && !d.open_counts.empty()) {  // finalise a count left open
            const std::string id = d.open_counts.front();
            d.open_counts.erase(d.open_counts.begin());
            st = s.finalise_stocktake(user, id).status();
        } else if (kind == 10) {  // spot stocktake of one item
            auto id = s.start_stocktake(user, "spot count", false, {item.id});
            st = id.status();
            if (id.ok()) {
                auto sheet = s.stocktake_sheet(*id, 0, 20);
                if (sheet.ok())
                    for (const auto& row : sheet->rows)
                        (void)s.enter_count(user, *id, row.batch_id, std::max<int64_t>(0, row.expected + pick(-3, 3)));
                if (opt_.stocktakes_span_rounds && sheet.ok() && !sheet->rows.empty() && chance(0.6)) {
                    d.open_counts.push_back(*id);  // finalised later, after changes came in
                    ++res_->stocktakes_spanning;
                } else {
                    st = s.finalise_stocktake(user, *id).status();
                }
            }
        } else if (kind >= 12) {  // orders: receive what is expected, else (sometimes) order
            auto expected = expected_shipment_lines(s);
            if (expected.ok() && !expected->empty()) st = sim::receive_a_shipment_line(s, user, rng_);
            else if (chance(0.3)) st = sim::send_a_requisition(s, user);
        } else {  // cancel a dispensing (reversal events)
            std::vector<std::string> ids;
            Stmt q = s.db().prepare(
                "SELECT id FROM prescriptions WHERE ?=1 OR device_id=? ORDER BY hlc, id");
            q.bind(1, opt_.cross_device_cancels ? 1 : 0).bind(2, s.identity().device_id);
            while (q.step()) ids.push_back(q.text(0));
            if (ids.empty()) return;
            st = s.cancel_dispensing(user, ids[pick(0, static_cast<int>(ids.size()) - 1)], "wrong patient");
        }
        if (!st.ok()) {
            ++res_->failed_operations;
            log(d.label + " operation " + std::to_string(kind) + " refused: " + st.message());
        }
        note_new_events(d);
    }

    // Central's answers to the requisitions (simulation_orders.h).
    void answer_requisitions() {
        for (const std::string& p : sim::answer_requisitions(*core_, rng_, &next_shipment_, &res_->shipments))
            problem(p);
    }

    Status register_patient(SimDevice& d) {
        PatientInput in;
        in.family_name = "P" + d.label + "-" + std::to_string(d.patients++);
        in.given_name = "Given";
        in.sex = chance(0.5) ? "F" : "M";
        in.village = "Village 0";
        return d.store->register_patient(admin(*d.store), in).status();
    }

    // Two devices of the main site meet on the clinic's network and exchange
    // what each holds (both ways), over the asker's faulty link to the other
    // (opt_.peer_faults), perhaps with one of them crashing mid-exchange.
    // Any pair meets, or neighbours of the chain (opt_.topology).
    void peer_meet() {
        if (opt_.site_devices < 2) return;
        int a = 0, b = 0;
        if (opt_.topology == SimulationOptions::Topology::kChain) {
            a = pick(0, opt_.site_devices - 2);
            b = a + 1;
            if (chance(0.5)) std::swap(a, b);
        } else {
            a = pick(0, opt_.site_devices - 1);
            b = pick(0, opt_.site_devices - 2);
            if (b >= a) ++b;
        }
        exchange(a, b, chance(opt_.peer_crash_chance), true);
    }

    // The link from device a (asking) to device b (serving): one per ordered
    // pair, kept for the whole run, so a copy it held back arrives at b in a
    // later meeting (or after b crashed or was restored).
    struct PeerLink {
        sim::PeerWire wire;
        std::unique_ptr<FaultyTransport> net;
    };
    PeerLink& link(int a, int b) {
        auto& l = peer_links_[{a, b}];
        if (!l) {
            l = std::make_unique<PeerLink>();
            SimDevice* server = devices_[b].get();
            l->wire.server = [server] { return server->peer_server.get(); };
            l->net = std::make_unique<FaultyTransport>(l->wire, opt_.seed * 6151 + a * 389 + b * 53, &clock_);
            l->net->set_faults(opt_.peer_faults);
        }
        return *l;
    }

    // One peer exchange; returns its report. faulty false: a clean link (the
    // checks after healing). A failure with no fault on the way, or any
    // refusal of a change, is a problem; under faults an exchange may break
    // off, and whatever it applied must still be right (checked at the end).
    peer::PeerReport exchange(int a, int b, bool crash, bool faulty) {
        SimDevice& asker = *devices_[a];
        SimDevice& server = *devices_[b];
        peer::PeerReport r;
        // Central data does not travel between peers (docs/known-gaps.md): a
        // device restored but not yet pulled has no catalogue to apply to.
        if (items(*asker.store).size() != items(*server.store).size()) return r;
        PeerLink& l = link(a, b);
        const FaultyTransport::Counts before = l.net->counts();
        // A crash: after `crash_at` requests one side dies; the request it
        // died on was handled or not.
        int requests = 0;
        const int crash_at = crash ? pick(1, 4) : 0;
        const bool server_dies = crash && chance(0.5), handled = crash && chance(0.5);
        bool asker_dead = false, crashed = false;
        if (crash)
            l.wire.intercept = [&](const std::string& body) -> std::optional<Result<HttpReply>> {
                if (asker_dead) return Result<HttpReply>(Status::Unavailable("the asking device is down"));
                if (++requests < crash_at) return std::nullopt;
                if (handled) (void)sim::deliver_to_peer(server.peer_server.get(), body);
                crashed = true;
                if (server_dies) crash_device_now(server);
                else asker_dead = true;
                return Result<HttpReply>(Status::Unavailable("the connection died with a device"));
            };
        Transport& wire = faulty ? static_cast<Transport&>(*l.net) : static_cast<Transport&>(l.wire);
        r = peer::sync_with_peer(*asker.store, wire, clock_);
        l.wire.intercept = nullptr;
        if (crashed && !server_dies) crash_device_now(asker);
        ++res_->peer_exchanges;
        res_->peer_changes += r.received + r.given;
        const FaultyTransport::Counts& after = l.net->counts();
        const bool faults_hit = crashed || after.dropped != before.dropped ||
                                after.lost_replies != before.lost_replies || after.duplicated != before.duplicated ||
                                after.replayed_late != before.replayed_late || after.busy != before.busy;
        log(asker.label + " <-> " + server.label + " peer: " + r.status.ToString() + " received " +
            std::to_string(r.received) + " given " + std::to_string(r.given) + (crashed ? " (crash)" : "") +
            (faults_hit ? " (faults)" : ""));
        if (!r.status.ok()) {
            ++res_->peer_failures;
            const bool refused_change = r.status.code() == Status::Code::kConflict ||
                                        r.status.message().find("refused, none written") != std::string::npos;
            if (!faults_hit || refused_change)
                problem(asker.label + " and " + server.label + ": peer sync failed: " + r.status.message());
        }
        return r;
    }

    void crash_device_now(SimDevice& d) {
        ++res_->peer_crashes;
        restart_device(d);
        if (d.store) check_cursors(d);
    }

    // Records events this device committed locally, for "exactly once".
    void note_new_events(SimDevice& d) {
        Stmt st = d.store->db().prepare("SELECT id, seq FROM stock_events WHERE device_id=? AND seq>?");
        st.bind(1, d.store->identity().device_id).bind(2, d.seen_seq);
        while (st.step()) {
            committed_[st.text(0)] = d.site_code;
            d.seen_seq = std::max(d.seen_seq, st.i64(1));
        }
    }

    // One sync cycle; when crash, the device dies after a random page: its
    // client state is gone and the store is reopened.
    CycleReport sync(SimDevice& d, bool crash) {
        int pages = 0, crash_after = crash ? pick(0, 3) : -1;
        d.cancel = false;
        if (crash) {
            d.session->set_on_page([&] {
                if (++pages > crash_after) d.cancel = true;
            });
            if (crash_after == 0) d.cancel = true;
        }
        CycleReport r = d.session->run_once();
        ++res_->sync_cycles;
        log(d.label + " sync: " + r.status.ToString() + " pushed " + std::to_string(r.pushed) + " pulled " +
            std::to_string(r.pulled));
        if (r.fatal) problem(d.label + ": sync stopped for good: " + r.status.message());
        check_cursors(d);
        if (crash) {
            ++res_->crashes;
            restart_device(d);
            if (d.store) check_cursors(d);
        }
        return r;
    }

    void check_cursors(SimDevice& d) {
        if (!d.session) return;
        int64_t push = d.session->push_cursor(), pull = d.session->pull_cursor();
        if (push < d.max_push) problem(d.label + ": push cursor went back from " + std::to_string(d.max_push) +
                                       " to " + std::to_string(push));
        if (pull < d.max_pull) problem(d.label + ": pull cursor went back from " + std::to_string(d.max_pull) +
                                       " to " + std::to_string(pull));
        d.max_push = std::max(d.max_push, push);
        d.max_pull = std::max(d.max_pull, pull);
    }

    void heal() {
        // Counts still open are finalised (after all that arrived meanwhile).
        for (auto& d : devices_)
            for (const std::string& id : d->open_counts) {
                auto fin = d->store->finalise_stocktake(admin(*d->store), id);
                if (!fin.ok()) problem(d->label + ": an open count could not be finalised: " + fin.status().message());
                note_new_events(*d);
            }
        for (auto& d : devices_) d->open_counts.clear();
        // Copies the peer links held back arrive now, then the links are clean.
        for (auto& kv : peer_links_) kv.second->net->heal();
        for (auto& d : devices_) d->net->heal();
        for (int round = 1; round <= 30; ++round) {
            bool quiet = true;
            for (auto& d : devices_) {
                CycleReport r = sync(*d, false);
                if (!r.status.ok()) {
                    problem(d->label + ": sync failed on a healthy network: " + r.status.message());
                    return;
                }
                if (r.pushed || r.pulled || r.quarantined) quiet = false;
            }
            if (quiet) {
                res_->heal_rounds = round;
                return;
            }
        }
        problem("devices did not stop syncing within 30 rounds on a healthy network");
    }

    // After healing every device holds what central holds, so neighbours on
    // the LAN have nothing to exchange: a clean exchange moves nothing.
    void check_peers_in_step() {
        if (opt_.peer_chance <= 0 && opt_.island_rounds <= 0) return;
        for (int a = 0; a + 1 < opt_.site_devices; ++a) {
            peer::PeerReport r = exchange(a, a + 1, false, false);
            if (r.status.ok() && (r.received || r.given))
                problem(devices_[a]->label + " and " + devices_[a + 1]->label + " were not in step after healing: " +
                        std::to_string(r.received) + " changes received, " + std::to_string(r.given) + " given");
        }
    }

    std::unique_ptr<SimDevice> observer(const std::string& site) {
        auto d = std::make_unique<SimDevice>();
        d->label = std::string("observer ") + site;
        d->site_code = site;
        d->wire = std::make_unique<LoopbackTransport>(*core_, "10.0.1.1");
        d->net = std::make_unique<FaultyTransport>(*d->wire, 1, &clock_);
        register_device_into(*d);
        if (d->store) {
            CycleReport r = d->session->run_once();
            if (!r.status.ok()) problem(d->label + ": restore from zero failed: " + r.status.message());
        }
        return d;
    }

    void check() {
        auto obs_a = observer(kSiteA), obs_b = observer(kSiteB);
        if (!obs_a->store || !obs_b->store) return;
        Holdings central_a = holdings(*obs_a->store), central_b = holdings(*obs_b->store);
        res_->events = static_cast<int64_t>(central_a.events.size() + central_b.events.size());

        // Every committed event is on central once, unless it died unsent
        // with a wiped device; central has no event nobody committed.
        for (const auto& kv : committed_) {
            const Holdings& c = kv.second == kSiteA ? central_a : central_b;
            if (!c.events.count(kv.first) && !at_risk_.count(kv.first))
                problem("event " + kv.first + " was committed on a device but never reached central");
        }
        for (const Holdings* c : {&central_a, &central_b})
            for (const auto& e : c->events)
                if (!committed_.count(e)) problem("central holds event " + e + " that no device committed");

        // With peers, a device restored from central may raise a batch's
        // "needs count" flag that the live devices do not have: central's
        // feed can hold a relayed dispensing before the receipt it relied on,
        // so the restore sees a passing balance below zero (docs/known-gaps.md,
        // "Peer sync"). There the flags are compared among the live devices
        // (first device of each site), everything else with central as always.
        const bool peers = opt_.peer_chance > 0 || opt_.island_rounds > 0;
        std::map<std::string, std::pair<std::string, Holdings>> first_of_site;
        for (auto& dp : devices_) {
            SimDevice& d = *dp;
            const bool site_a = d.site_code == kSiteA;
            const std::string& site_id = d.store->identity().site_id;
            Holdings h = holdings(*d.store);
            const Holdings& c = site_a ? central_a : central_b;
            if (peers ? !(without_count_flags(h) == without_count_flags(c)) : !(h == c))
                problem(d.label + " differs from central: " + describe_difference(h, c));
            if (peers) {
                auto first = first_of_site.emplace(d.site_code, std::make_pair(d.label, h)).first;
                if (!(first->second.second.batches == h.batches))
                    problem(d.label + " and " + first->second.first + " differ in their batches' flags: " +
                            describe_difference(h, first->second.second));
            }
            auto v = d.store->verify();
            if (!v.ok() || !v->ok()) problem(d.label + ": stock on hand differs from the ledger sum");
            const int64_t last = d.store->outbox_last_seq();
            if (d.session->push_cursor() != last)
                problem(d.label + ": outbox not drained: push cursor " + std::to_string(d.session->push_cursor()) +
                        " of " + std::to_string(last));
            for (const char* t : {"stock_events", "patients", "batches", "prescriptions", "stocktakes", "requisitions",
                                  "requisition_lines", "shipments", "shipment_lines"}) {
                Stmt st = d.store->db().prepare(std::string("SELECT COUNT(*) FROM ") + t + " WHERE site_id<>?");
                st.bind(1, site_id);
                if (st.step() && st.i64(0) > 0)
                    problem(d.label + " holds " + std::to_string(st.i64(0)) + " rows of " + t + " of another site");
            }
            check_replays(d, h);
        }
        std::vector<std::pair<std::string, Store*>> stores;
        for (auto& dp : devices_) stores.emplace_back(dp->site_code, dp->store.get());
        check_projection(*core_, stores, clock_.now_ms(), &res_->problems);
        check_shipments(*obs_a->store);
        check_shipments(*obs_b->store);
        res_->stocktakes_checked += sim::check_stocktake_corrections(*obs_a->store, &res_->problems);
        res_->stocktakes_checked += sim::check_stocktake_corrections(*obs_b->store, &res_->problems);
    }

    // Every shipment line is received at most once, as shipped (the
    // simulation receives as shipped), wherever it was received; counts the
    // lines that two or more devices received while apart.
    void check_shipments(Store& central_copy) {
        for (Stmt st = central_copy.db().prepare("SELECT id, quantity FROM shipment_lines"); st.step();) {
            const std::string event = shipment_receipt_event_id(st.text(0));
            Stmt e = central_copy.db().prepare("SELECT quantity FROM stock_events WHERE id=?");
            e.bind(1, event);
            if (!e.step()) continue;
            ++res_->lines_received;
            if (e.i64(0) != st.i64(1))
                problem("shipment line " + st.text(0) + " received as " + std::to_string(e.i64(0)) + " of " +
                        std::to_string(st.i64(1)));
            int own = 0;
            for (auto& dp : devices_) {
                Stmt o = dp->store->db().prepare("SELECT COUNT(*) FROM stock_events WHERE id=? AND device_id=?");
                o.bind(1, event).bind(2, dp->store->identity().device_id);
                if (o.step() && o.i64(0) > 0) ++own;
            }
            if (own > 1) ++res_->lines_received_twice;
        }
    }

    // Pushing the whole outbox again, and applying the whole feed again,
    // change nothing.
    void check_replays(SimDevice& d, const Holdings& before) {
        const int64_t head = core_->feed_head();
        protocol::Headers h;
        h[protocol::kHeaderProtocol] = std::to_string(protocol::kVersion);
        h[protocol::kHeaderAuthorization] = std::string(protocol::kBearerPrefix) + d.store->meta("sync_token").value_or("");
        auto all = d.store->outbox_after(0, 100000, SIZE_MAX);
        if (all.ok() && !all->empty()) {
            json changes = json::array();
            for (const auto& c : *all)
                changes.push_back({{"seq", c.seq}, {"hlc", c.hlc}, {"entity", c.entity}, {"entity_id", c.entity_id},
                                   {"payload", json::parse(c.payload)}});
            json body = {{"device_id", d.store->identity().device_id}, {"pending", 0}, {"changes", changes}};
            auto r = d.wire->post(protocol::kPathPush, body.dump(), h);
            if (!r.ok() || r->status != 200) {
                problem(d.label + ": replaying the whole outbox was refused: " +
                        (r.ok() ? r->body : r.status().message()));
            } else {
                json a = json::parse(r->body, nullptr, false);
                if (!a.is_object() || a.value("accepted_through", int64_t{-1}) != all->back().seq)
                    problem(d.label + ": replayed outbox answered " + r->body);
            }
            if (core_->feed_head() != head) problem(d.label + ": replaying the outbox added to central's feed");
        }
        // Re-apply the feed from zero under another cursor key.
        int64_t after = 0;
        for (int guard = 0; guard < 10000; ++guard) {
            json body = {{"device_id", d.store->identity().device_id}, {"after", after}, {"max_rows", 500},
                         {"max_bytes", 1 << 20}};
            auto r = d.wire->post(protocol::kPathPull, body.dump(), h);
            if (!r.ok() || r->status != 200) return problem(d.label + ": replay pull failed");
            json a = json::parse(r->body, nullptr, false);
            std::vector<std::string> payloads;
            for (const auto& c : a["changes"]) payloads.push_back(c["payload"].dump());
            if (payloads.empty()) break;
            after = a["next"].get<int64_t>();
            Status s = d.store->apply_remote(payloads, "replay_cursor", std::to_string(after));
            if (!s.ok()) return problem(d.label + ": re-applying the feed failed: " + s.message());
            if (!a.value("more", false)) break;
        }
        if (!(holdings(*d.store) == before)) problem(d.label + ": re-applying the whole feed changed its data");
    }

    SimulationOptions opt_;
    SimulationResult* res_;
    std::mt19937_64 rng_;
    FakeClock clock_;
    SyncConfig config_;
    std::unique_ptr<CentralCore> core_;
    std::vector<std::unique_ptr<SimDevice>> devices_;
    std::map<std::pair<int, int>, std::unique_ptr<PeerLink>> peer_links_;  // (asker, server)
    std::map<std::string, std::string> committed_;  // event id -> site code
    std::set<std::string> at_risk_;                 // unsent events of wiped devices
    std::string user_;
    int next_file_ = 0;
    int next_shipment_ = 1;
};

}  // namespace

SimulationResult run_simulation(const SimulationOptions& options) {
    SimulationResult r;
    {
        World w(options, &r);
        w.run();
    }
    return r;
}

}  // namespace outpost

// DemoCentral and DemoPeer: see demo_central.h.
#include "demo_central.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <vector>

#include "client_register.h"
#include "client_session.h"
#include "generator.h"
#include "i18n.h"
#include "tables.h"
#include "transport_loopback.h"

namespace outpost {

namespace {

// The kiosk's link to the demo central: the loopback transport, a little
// latency, and the trainer's "simulate offline" switch.
class DemoLinkTransport : public Transport {
public:
    DemoLinkTransport(CentralCore& core, std::shared_ptr<std::atomic<bool>> offline, int64_t latency_ms)
        : inner_(core), offline_(std::move(offline)), latency_ms_(latency_ms) {}

    Result<HttpReply> post(const std::string& path, const std::string& body,
                           const protocol::Headers& headers) override {
        Status s = travel();
        if (!s.ok()) return s;
        return inner_.post(path, body, headers);
    }
    Result<HttpReply> get(const std::string& path, const protocol::Headers& headers) override {
        Status s = travel();
        if (!s.ok()) return s;
        return inner_.get(path, headers);
    }
    std::string where() const override { return DemoCentral::kServerName; }
    void cancel() override { cancelled_ = true; }

private:
    Status travel() {
        if (offline_->load())
            return Status::Unavailable(
                "offline: the link to the demo central is cut (Training, Simulate offline)");
        // In short steps, so a stop() is never kept waiting.
        for (int64_t waited = 0; waited < latency_ms_ && !cancelled_; waited += 10)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (cancelled_) return Status::Unavailable("sync was stopped");
        if (offline_->load())
            return Status::Unavailable("the link to the demo central was cut during the sync");
        return Status::Ok();
    }

    LoopbackTransport inner_;
    std::shared_ptr<std::atomic<bool>> offline_;
    int64_t latency_ms_;
    std::atomic<bool> cancelled_{false};
};

SyncConfig peer_sync_config() {
    SyncConfig c;
    c.demo = true;
    return c;
}

}  // namespace

// ---- the simulated second device ---------------------------------------------------

DemoPeer::DemoPeer(CentralCore& core, std::string name, uint64_t seed)
    : core_(core), name_(std::move(name)), rng_(seed) {}

DemoPeer::~DemoPeer() = default;

Status DemoPeer::restore() {
    auto sites = core_.list_sites();
    if (!sites.ok()) return sites.status();
    if (sites->empty()) return Status::NotFound("the demo central holds no site to restore");
    auto code = core_.issue_code(sites->front().code);
    if (!code.ok()) return code.status();
    OpenOptions o;
    o.path = ":memory:";
    o.demo = true;
    auto opened = Store::Open(o);
    if (!opened.ok()) return opened.status();
    store_ = std::move(opened.value());
    transport_ = std::make_unique<LoopbackTransport>(core_, "demo-peer");
    Status s = restore_device(*transport_, *code, name_, *store_, peer_sync_config());
    if (!s.ok()) return s;
    // Dispenses as the demo site's dispenser (the first active one).
    for (const User& u : store_->users())
        if (u.role == Role::kDispenser) {
            user_id_ = u.id;
            break;
        }
    if (user_id_.empty()) return Status::NotFound("the demo site has no dispenser to dispense as");
    return Status::Ok();
}

Status DemoPeer::sync() {
    if (!store_) return Status::Conflict("the second device is not restored yet");
    SystemClock clock;
    const SyncConfig config = peer_sync_config();  // the session keeps a reference
    SyncSession session(*store_, *transport_, clock, config);
    return session.run_once().status;
}

Result<std::string> DemoPeer::dispense_one() {
    if (!store_) return Status::Conflict("the second device is not restored yet");
    StockQuery q;
    q.include_zero = false;
    q.limit = 1000;
    auto stock = store_->stock_on_hand(q);
    if (!stock.ok()) return stock.status();
    // Items a typical prescription can be filled from, weighted as the
    // clinic prescribes them.
    struct Candidate {
        const StockRow* row;
        int64_t quantity;
    };
    std::vector<Candidate> candidates;
    std::vector<double> weights;
    for (const StockRow& r : stock->rows) {
        const int64_t qty = demo_typical_quantity(r.item.unit, r.item.default_directions);
        if (!r.item.active || r.available < qty) continue;
        candidates.push_back({&r, qty});
        weights.push_back(demo_prescribing_weight(r.item.code, r.item.unit));
    }
    if (candidates.empty()) return Status::NotFound(name_ + " sees no stock to dispense");
    auto patients = store_->search_patients("", 0, 1);
    if (!patients.ok()) return patients.status();
    if (patients->total == 0) return Status::NotFound(name_ + " knows no patients yet");
    auto patient = store_->search_patients("", static_cast<int64_t>(rng_.below(static_cast<uint64_t>(patients->total))), 1);
    if (!patient.ok()) return patient.status();
    if (patient->rows.empty()) return Status::NotFound(name_ + " could not pick a patient");

    DispenseInput in;
    in.patient_id = patient->rows.front().id;
    in.prescriber = "Clinical officer";
    WeightedPick pick(weights);
    const int64_t lines = std::min<int64_t>(rng_.between(1, 3), static_cast<int64_t>(candidates.size()));
    std::string words;
    std::vector<size_t> chosen;
    for (int64_t tries = 0; static_cast<int64_t>(chosen.size()) < lines && tries < 20; ++tries) {
        const size_t i = pick.pick(rng_);
        if (std::find(chosen.begin(), chosen.end(), i) != chosen.end()) continue;
        chosen.push_back(i);
        const StockRow& r = *candidates[i].row;
        DispenseLineInput line;
        line.item_id = r.item.id;
        line.quantity = candidates[i].quantity;
        line.directions = r.item.default_directions;
        in.lines.push_back(line);
        words += (words.empty() ? "" : ", ") + r.item.display_name() + " x " + std::to_string(line.quantity);
    }
    auto done = store_->dispense(user_id_, in);
    if (!done.ok()) return done.status();
    // TRANSLATORS: what the demo's simulated second device dispensed: "Paracetamol x 20 for BANDA,
    // Ruth".
    return i18n::format(i18n::tr("{0} for {1}"), {words, patient->rows.front().display_name()});
}

// ---- the demo central -------------------------------------------------------------

Result<std::unique_ptr<DemoCentral>> DemoCentral::Start(const std::string& demo_store_path,
                                                        const DemoCentralOptions& options,
                                                        std::function<void()> on_peer_synced) {
    OpenOptions o;
    o.path = demo_store_path;
    o.create = false;
    o.demo = true;  // a real store is refused here
    auto opened = Store::Open(o);
    if (!opened.ok()) return opened.status();
    Store& store = *opened.value();
    if (!store.has_identity()) return Status::Conflict("the demo store has no site yet");

    std::unique_ptr<DemoCentral> dc(new DemoCentral());
    auto core = CentralCore::Open(":memory:", nullptr, /*demo_central=*/true);
    if (!core.ok()) return core.status();
    dc->core_ = std::move(core.value());
    json rows = json::object();
    for (const char* table : {"sites", "devices", "users", "items"}) {
        auto r = read_rows(store.db(), *find_table(table));
        if (!r.ok()) return r.status();
        rows[table] = std::move(r.value());
    }
    const Identity& id = store.identity();
    auto token = dc->core_->adopt_demo_site(rows, id.device_id, id.device_name);
    if (!token.ok()) return token.status();
    // The fresh central holds none of this device's changes: push them all
    // again and pull from the start (one transaction: never a new token with
    // old cursors).
    Status saved = store.set_meta(fresh_sync_meta(*token, kServerName, /*restoring=*/false));
    if (!saved.ok()) return saved;
    dc->latency_ms_ = options.request_latency_ms;
    dc->on_peer_synced_ = std::move(on_peer_synced);
    dc->report_.name = options.peer_name;
    if (options.peer_every_ms > 0) {
        const uint64_t seed = options.seed ? options.seed : std::random_device{}();
        DemoCentral* self = dc.get();
        dc->peer_thread_ = std::thread([self, options, seed] { self->run_peer(options, seed); });
    }
    return dc;
}

DemoCentral::~DemoCentral() {
    {
        std::lock_guard<std::mutex> l(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    if (peer_thread_.joinable()) peer_thread_.join();
}

SyncClient::TransportFactory DemoCentral::transport_factory() {
    CentralCore* core = core_.get();
    auto offline = offline_;
    const int64_t latency = latency_ms_;
    return [core, offline, latency](const std::string&) -> std::unique_ptr<Transport> {
        return std::make_unique<DemoLinkTransport>(*core, offline, latency);
    };
}

SyncConfig DemoCentral::kiosk_sync_config() {
    SyncConfig c;
    c.demo = true;
    c.periodic_ms = 60 * 1000;
    // In process, big pages cost nothing: the history goes up in a few.
    c.page_rows_initial = 1000;
    c.debounce_ms = 2000;
    c.backoff.base_ms = 2000;
    c.backoff.cap_ms = 20 * 1000;
    c.amber_after_ms = 60 * 1000;
    c.red_after_ms = 3 * 60 * 1000;
    return c;
}

DemoPeerReport DemoCentral::peer() const {
    std::lock_guard<std::mutex> l(mu_);
    return report_;
}

void DemoCentral::run_peer(const DemoCentralOptions& options, uint64_t seed) {
    const int64_t every_ms = options.peer_every_ms;
    DemoPeer peer(*core_, options.peer_name, seed);
    DemoRng waits(seed ^ 0x7761697473ull);  // "waits"
    auto record = [&](const std::function<void(DemoPeerReport&)>& f) {
        std::lock_guard<std::mutex> l(mu_);
        f(report_);
    };
    // Waits up to ms; false when the app is stopping.
    auto wait = [&](int64_t ms) {
        std::unique_lock<std::mutex> l(mu_);
        return !cv_.wait_for(l, std::chrono::milliseconds(ms), [&] { return stop_; });
    };
    // Restore after the kiosk's first push has had a moment, so the second
    // device starts with the clinic's stock; retried until it works.
    int64_t delay = options.peer_start_delay_ms;
    for (;;) {
        if (!wait(delay)) return;
        Status s = peer.restore();
        record([&](DemoPeerReport& r) {
            r.ready = s.ok();
            r.error = s.ok() ? "" : s.message();
        });
        if (s.ok()) break;
        delay = std::min<int64_t>(std::max<int64_t>(delay * 2, 1000), 60000);
    }
    for (;;) {
        const int64_t ms = every_ms / 2 + static_cast<int64_t>(waits.below(static_cast<uint64_t>(every_ms) + 1));
        if (!wait(ms)) return;
        Status s = peer.sync();  // see what the kiosk did first
        std::string done;
        if (s.ok()) {
            auto d = peer.dispense_one();
            if (d.ok()) done = *d;
            else if (d.status().code() != Status::Code::kNotFound) s = d.status();
        }
        if (s.ok()) s = peer.sync();
        record([&](DemoPeerReport& r) {
            if (!done.empty()) {
                ++r.dispensings;
                r.last = done;
            }
            r.error = s.ok() ? "" : s.message();
        });
        // Only news is worth a sync of the kiosk's.
        if (s.ok() && !done.empty() && on_peer_synced_) on_peer_synced_();
    }
}

}  // namespace outpost

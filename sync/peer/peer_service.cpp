// PeerService (peer_service.h): the worker's rounds, the server thread and
// the snapshot. How the known peers are gathered from the address book,
// discovery and the devices that asked is rebuild_targets() (peer_targets.cpp).
#include "peer_service.h"

#include <algorithm>
#include <random>

#include "client_session.h"
#include "i18n.h"
#include "peer_service_target.h"

namespace outpost {
namespace peer {

PeerService::PeerService(PeerServiceConfig config, PeerStatusBoard* board)
    : config_(std::move(config)), board_(board) {}

PeerService::~PeerService() {
    stop();
}

Status PeerService::start() {
    if (worker_.joinable()) return Status::Ok();
    auto book = Store::Open({config_.store_path, false, config_.clock, config_.demo});
    if (!book.ok()) return book.status();
    book_ = std::move(book.value());
    {
        std::lock_guard<std::mutex> l(mu_);
        stop_ = false;
        now_ = false;
        snap_ = PeerSnapshot{};
        published_.reset();
    }
    stop_serving_ = false;
    try {
        worker_ = std::thread([this] { run_worker(); });
    } catch (const std::exception& e) {
        return Status::IoError(std::string("the peer sync thread could not start: ") + e.what());
    }
    return Status::Ok();
}

void PeerService::stop() {
    {
        std::lock_guard<std::mutex> l(mu_);
        stop_ = true;
        if (live_transport_) live_transport_->cancel();
    }
    stop_serving_ = true;
    cv_.notify_all();
    if (worker_.joinable()) worker_.join();  // the worker joins the server
    if (config_.discovery) config_.discovery->stop();
    std::lock_guard<std::mutex> l(book_mu_);
    book_.reset();
}

Status PeerService::add_peer(const std::string& host_port) {
    Status st;
    {
        std::lock_guard<std::mutex> l(book_mu_);
        if (!book_) return Status::Unavailable(i18n::tr("peer sync is not running"));
        st = book_->add_peer_address(host_port);
    }
    if (st.ok()) {
        std::lock_guard<std::mutex> l(mu_);
        book_changed_ = true;
    }
    cv_.notify_all();
    return st;
}

Status PeerService::forget_peer(const std::string& address) {
    Status st;
    {
        std::lock_guard<std::mutex> l(book_mu_);
        if (!book_) return Status::Unavailable(i18n::tr("peer sync is not running"));
        st = book_->forget_peer_address(address);
    }
    if (st.ok()) {
        std::lock_guard<std::mutex> l(mu_);
        book_changed_ = true;
    }
    cv_.notify_all();
    return st;
}

void PeerService::sync_now() {
    {
        std::lock_guard<std::mutex> l(mu_);
        now_ = true;
    }
    cv_.notify_all();
}

void PeerService::notify_local_write() {
    {
        std::lock_guard<std::mutex> l(mu_);
        if (!write_due_)
            write_due_ = steady::now() + std::chrono::milliseconds(config_.debounce_ms);
        for (PeerState& p : snap_.peers) p.in_step = false;  // we hold something they lack
        board_->publish(snap_);
        published_ = snap_;
    }
    cv_.notify_all();
    if (config_.on_change) config_.on_change();
}

// Whether two snapshots would look the same to a person (so an idle app is
// not woken for nothing).
static bool same(const PeerSnapshot& a, const PeerSnapshot& b) {
    if (a.enabled != b.enabled || a.why_disabled != b.why_disabled || a.serving != b.serving ||
        a.listen_address != b.listen_address || a.serve_error != b.serve_error ||
        a.discovery_running != b.discovery_running || a.discovery_problem != b.discovery_problem ||
        a.peers.size() != b.peers.size())
        return false;
    for (size_t i = 0; i < a.peers.size(); ++i) {
        const PeerState &p = a.peers[i], &q = b.peers[i];
        if (p.device_id != q.device_id || p.name != q.name || p.address != q.address ||
            p.source != q.source || p.last_success_ms != q.last_success_ms ||
            p.last_attempt_ms != q.last_attempt_ms || p.in_step != q.in_step ||
            p.received_last != q.received_last || p.given_last != q.given_last ||
            p.last_error != q.last_error)
            return false;
    }
    return true;
}

void PeerService::publish() {
    {
        std::lock_guard<std::mutex> l(mu_);
        if (published_ && same(*published_, snap_)) return;
        board_->publish(snap_);
        published_ = snap_;
    }
    if (config_.on_change) config_.on_change();
}

void PeerService::note_caller(const PeerCaller& caller) {
    {
        std::lock_guard<std::mutex> l(mu_);
        callers_.push_back(caller);
        // What a peer gave us, the others lack: relay it soon.
        if (caller.given > 0 && !write_due_)
            write_due_ = steady::now() + std::chrono::milliseconds(config_.debounce_ms);
    }
    cv_.notify_all();
}

void PeerService::run_server() {
    SystemClock system_clock;
    Clock& clock = config_.clock ? *config_.clock : static_cast<Clock&>(system_clock);
    auto opened = Store::Open({config_.store_path, false, &clock, config_.demo});
    if (!opened.ok()) {
        {
            std::lock_guard<std::mutex> l(mu_);
            snap_.serve_error = opened.status().message();
        }
        return publish();
    }
    PeerServer server(**opened, clock);
    server.set_on_answered([this](const PeerCaller& c) { note_caller(c); });
    while (!stop_serving_.load()) {
        Status st = serve_peers(
            server, config_.listen_host, config_.listen_port, &stop_serving_, [&](int bound) {
                bound_port_ = bound;
                {
                    std::lock_guard<std::mutex> l(mu_);
                    snap_.serving = true;
                    snap_.serve_error.clear();
                    snap_.listen_address = config_.listen_host + ":" + std::to_string(bound);
                }
                cv_.notify_all();  // the worker announces the port
                publish();
            });
        bound_port_ = 0;
        {
            std::lock_guard<std::mutex> l(mu_);
            snap_.serving = false;
            snap_.listen_address.clear();
            if (!st.ok())
                snap_.serve_error = i18n::format(
                    i18n::tr(
                        "other devices cannot reach this one: {0}. This device still asks them."),
                    {st.message()});
        }
        cv_.notify_all();  // the worker may be waiting for the port
        publish();
        // Try again later (the port may be free then); a stop ends the wait.
        std::unique_lock<std::mutex> l(mu_);
        cv_.wait_for(l, std::chrono::milliseconds(config_.period_ms), [this] { return stop_; });
    }
}

void PeerService::wait_until(steady::time_point due) {
    std::unique_lock<std::mutex> l(mu_);
    cv_.wait_until(l, due, [this] {
        return stop_ || now_ || book_changed_ || !callers_.empty() ||
               (write_due_ && *write_due_ <= steady::now());
    });
}

void PeerService::run_worker() {
    SystemClock system_clock;
    Clock& clock = config_.clock ? *config_.clock : static_cast<Clock&>(system_clock);
    auto opened = Store::Open({config_.store_path, false, &clock, config_.demo});
    if (!opened.ok()) {
        {
            std::lock_guard<std::mutex> l(mu_);
            snap_.why_disabled = i18n::format(i18n::tr("peer sync cannot open the store: {0}"),
                                              {opened.status().message()});
        }
        publish();
        std::unique_lock<std::mutex> l(mu_);
        cv_.wait(l, [this] { return stop_; });
        return;
    }
    Store& store = **opened;
    bool discovery_started = false;
    for (;;) {
        {
            std::lock_guard<std::mutex> l(mu_);
            if (stop_) break;
        }
        // Enabled? The key arrives with a sync with central; look again each period.
        std::string why;
        if (store.identity().demo)
            why = i18n::tr("peer sync is off in demo mode: training data stays on this device");
        else if (!store.has_identity())
            why = i18n::tr("this device is not set up for a site yet");
        else if (!site_keys_of(store).current)
            why = i18n::tr(
                "no site key yet: sync with central once, then devices here can sync with each "
                "other");
        {
            std::lock_guard<std::mutex> l(mu_);
            snap_.enabled = why.empty();
            snap_.why_disabled = why;
        }
        if (!why.empty()) {
            publish();
            wait_until(steady::now() + std::chrono::milliseconds(config_.period_ms));
            std::lock_guard<std::mutex> l(mu_);
            now_ = book_changed_ = false;
            callers_.clear();
            continue;
        }
        if (!server_.joinable() && config_.listen_port >= 0) {
            server_ = std::thread([this] { run_server(); });
            // Ask once the port is known (or serving failed), so the first
            // requests tell the peers where to ask back.
            std::unique_lock<std::mutex> l(mu_);
            cv_.wait_for(l, std::chrono::seconds(2), [this] {
                return stop_ || bound_port_.load() > 0 || !snap_.serve_error.empty();
            });
        }
        if (config_.discovery && !discovery_started &&
            (config_.listen_port < 0 || bound_port_.load() > 0)) {
            Announcement me{store.identity().site_id, store.identity().device_id,
                            store.identity().device_name, std::max(0, bound_port_.load())};
            config_.discovery->start(me, [this] {
                {
                    std::lock_guard<std::mutex> l(mu_);
                    book_changed_ = true;
                }
                cv_.notify_all();
            });
            discovery_started = true;
        }
        {
            std::lock_guard<std::mutex> l(mu_);
            if (!config_.discovery) {
                snap_.discovery_running = false;
                snap_.discovery_problem =
                    i18n::tr("finding devices by themselves is off: add their addresses");
            } else {
                snap_.discovery_running = config_.discovery->running();
                snap_.discovery_problem = config_.discovery->problem();
            }
        }
        bool everyone = false;
        {
            std::lock_guard<std::mutex> l(mu_);
            everyone = now_;
            now_ = false;
            book_changed_ = false;
            if (write_due_ && *write_due_ <= steady::now()) {
                write_due_.reset();
                // Due now, except peers backing off (a write does not cut a backoff short).
                for (auto& t : targets_) {
                    t->state.in_step = false;
                    if (t->backoff.failures() == 0) t->due = steady::now();
                }
            }
        }
        round(store, clock, everyone);
        ++rounds_;
        steady::time_point next = steady::now() + std::chrono::milliseconds(config_.period_ms);
        for (auto& t : targets_) next = std::min(next, t->due);
        {
            std::lock_guard<std::mutex> l(mu_);
            if (write_due_) next = std::min(next, *write_due_);
        }
        wait_until(next);
    }
    stop_serving_ = true;
    if (server_.joinable()) server_.join();
}

void PeerService::round(Store& store, Clock& clock, bool everyone) {
    rebuild_targets(store, clock);
    publish();
    for (size_t i = 0; i < targets_.size(); ++i) {
        {
            std::lock_guard<std::mutex> l(mu_);
            if (stop_) return;
        }
        Target& t = *targets_[i];
        if (!everyone && t.due > steady::now()) continue;
        ask(store, clock, t);
        // A first answer names the device: one target per device.
        if (t.key != t.state.device_id && !t.state.device_id.empty()) {
            auto same = std::find_if(targets_.begin(), targets_.end(), [&](const auto& o) {
                return o.get() != &t && o->key == t.state.device_id;
            });
            t.key = t.state.device_id;
            if (same != targets_.end()) {
                for (const std::string& a : (*same)->addresses) add_unique(&t.addresses, a);
                t.manual = t.manual || (*same)->manual;
                t.discovered = t.discovered || (*same)->discovered;
                const size_t j = static_cast<size_t>(same - targets_.begin());
                targets_.erase(same);
                if (j < i) --i;
            }
        }
        {
            std::lock_guard<std::mutex> l(mu_);
            copy_peers_locked();
        }
        publish();
    }
}

void PeerService::copy_peers_locked() {
    snap_.peers.clear();
    for (const auto& t : targets_) {
        snap_.peers.push_back(t->state);
        // A write not yet given to anyone: nobody is in step.
        if (write_due_) snap_.peers.back().in_step = false;
    }
}

void PeerService::ask(Store& store, Clock& clock, Target& t) {
    t.state.last_attempt_ms = clock.now_ms();
    std::string first_error;
    const std::vector<std::string> addresses = t.addresses;  // reordered on success
    for (const std::string& address : addresses) {
        std::string host, problem;
        int port = 0;
        if (!parse_host_port(address, &host, &port, &problem)) {
            if (first_error.empty()) first_error = problem;
            continue;
        }
        std::unique_ptr<Transport> transport =
            config_.make_transport
                ? config_.make_transport(host, port)
                : std::make_unique<PeerHttpTransport>(host, port, config_.timeouts);
        {
            std::lock_guard<std::mutex> l(mu_);
            if (stop_) return;
            live_transport_ = transport.get();
        }
        PeerReport r = sync_with_peer(store, *transport, clock, bound_port_.load());
        {
            std::lock_guard<std::mutex> l(mu_);
            live_transport_ = nullptr;
        }
        if (!r.status.ok()) {
            if (first_error.empty()) first_error = r.status.message();
            continue;
        }
        const int64_t now = clock.now_ms();
        t.state.device_id = r.peer_device_id;
        t.state.name = r.peer_name.empty() ? address : r.peer_name;
        t.state.address = address;
        t.state.last_success_ms = now;
        t.state.in_step = true;
        t.state.received_last = r.received;
        t.state.given_last = r.given;
        t.state.last_error.clear();
        t.backoff.reset();
        t.due = steady::now() + std::chrono::milliseconds(config_.period_ms);
        // The last good address first next time, in the address book too.
        t.addresses.erase(std::find(t.addresses.begin(), t.addresses.end(), address));
        t.addresses.insert(t.addresses.begin(), address);
        t.remembered = true;
        Status st = store.remember_peer(r.peer_device_id, r.peer_name, address, now);
        if (!st.ok()) t.state.last_error = st.message();
        return;
    }
    t.state.in_step = false;
    t.state.received_last = t.state.given_last = 0;
    t.state.last_error = first_error.empty() ? i18n::tr("no address to try") : first_error;
    t.due = steady::now() + std::chrono::milliseconds(t.backoff.next_delay_ms());
}

}  // namespace peer
}  // namespace outpost

// SyncClient (client.h): the sync thread's schedule around SyncSession.
// Waiting is on a condition variable with a steady-clock deadline, so
// sync_now(), notify_local_write() and stop() wake it at once.
#include <random>

#include "client.h"
#include "client_session.h"
#include "store.h"
#include "transport_http.h"

namespace outpost {

using steady = std::chrono::steady_clock;

SyncClient::SyncClient(SyncConfig config, std::string store_path, SyncStatusBoard* board,
                       std::function<void()> on_change, TransportFactory make_transport)
    : config_(std::move(config)),
      store_path_(std::move(store_path)),
      board_(board),
      on_change_(std::move(on_change)),
      make_transport_(std::move(make_transport)) {}

SyncClient::~SyncClient() { stop(); }

Status SyncClient::start() {
    if (thread_.joinable()) return Status::Ok();
    {
        std::lock_guard<std::mutex> l(mu_);
        stop_ = false;
    }
    cancel_ = false;
    try {
        thread_ = std::thread([this] { run(); });
    } catch (const std::exception& e) {
        return Status::IoError(std::string("the sync thread could not start: ") + e.what());
    }
    return Status::Ok();
}

void SyncClient::stop() {
    {
        std::lock_guard<std::mutex> l(mu_);
        stop_ = true;
        cancel_ = true;
        if (live_transport_) live_transport_->cancel();
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void SyncClient::sync_now() {
    {
        std::lock_guard<std::mutex> l(mu_);
        now_ = true;
    }
    cv_.notify_all();
}

void SyncClient::notify_local_write() {
    {
        std::lock_guard<std::mutex> l(mu_);
        refresh_ = true;
        if (!write_due_) write_due_ = steady::now() + std::chrono::milliseconds(config_.debounce_ms);
    }
    cv_.notify_all();
}

void SyncClient::publish() {
    board_->publish(snap_);
    if (on_change_) on_change_();
}

void SyncClient::run() {
    SystemClock system_clock;
    Clock& clock = config_.clock ? *config_.clock : static_cast<Clock&>(system_clock);
    auto wait_for_stop = [this] {
        std::unique_lock<std::mutex> l(mu_);
        cv_.wait(l, [this] { return stop_; });
    };

    snap_.amber_after_ms = config_.amber_after_ms;
    snap_.red_after_ms = config_.red_after_ms;
    auto opened = Store::Open({store_path_, false, &clock, config_.demo});
    if (!opened.ok()) {
        snap_.last_error = "sync cannot open the store: " + opened.status().message();
        publish();
        return wait_for_stop();
    }
    Store& store = *opened.value();
    std::string server = config_.server_url.empty() ? store.meta(sync_meta::kServer).value_or("") : config_.server_url;
    std::string token = config_.token.empty() ? store.meta(sync_meta::kToken).value_or("") : config_.token;
    snap_.server = server;
    if (!store.has_identity() || token.empty() || server.empty()) {
        snap_.configured = false;
        publish();
        return wait_for_stop();
    }

    std::unique_ptr<Transport> transport;
    if (make_transport_) {
        transport = make_transport_(server);
    } else {
        HttpTransportOptions o;
        o.server_url = server;
        o.ca_file = config_.ca_file;
        o.connect_timeout_s = config_.connect_timeout_s;
        o.read_timeout_s = config_.read_timeout_s;
        o.write_timeout_s = config_.write_timeout_s;
        transport = std::make_unique<HttpTransport>(o);
    }
    {
        std::lock_guard<std::mutex> l(mu_);
        live_transport_ = transport.get();
        if (stop_) transport->cancel();
    }

    SyncSession session(store, *transport, clock, config_);
    session.set_cancel_flag(&cancel_);
    session.set_on_page([&] {
        session.fill_snapshot(&snap_);
        publish();
    });
    Backoff backoff(config_.backoff_seed ? config_.backoff_seed : std::random_device{}(), config_.backoff);

    std::string stopped = store.meta(sync_meta::kStopped).value_or("");
    snap_.last_error = stopped;
    session.fill_snapshot(&snap_);
    // A stop that needs a person (restore, new token) waits for "Sync now".
    const auto never = steady::time_point::max();
    steady::time_point due = stopped.empty() ? steady::now() : never;

    for (;;) {
        bool refresh_only = false;
        {
            std::unique_lock<std::mutex> l(mu_);
            for (;;) {
                if (stop_ || now_ || refresh_) break;
                steady::time_point d = due;
                // Local writes do not cut a backoff short, nor a stop.
                if (write_due_ && backoff.failures() == 0 && stopped.empty()) d = std::min(d, *write_due_);
                if (steady::now() >= d) break;
                if (d == never)
                    cv_.wait(l);
                else
                    cv_.wait_until(l, d);
            }
            if (stop_) break;
            if (refresh_ && !now_) {
                refresh_ = false;
                bool write_ready = write_due_ && steady::now() >= *write_due_ && backoff.failures() == 0 &&
                                   stopped.empty();
                refresh_only = steady::now() < due && !write_ready;
            }
            if (!refresh_only) {
                now_ = false;
                refresh_ = false;
                write_due_.reset();
            }
        }
        if (refresh_only) {
            session.fill_snapshot(&snap_);
            publish();
            continue;
        }

        snap_.running = true;
        snap_.last_attempt_ms = clock.now_ms();
        publish();
        CycleReport report = session.run_once();
        ++cycles_;
        snap_.running = false;
        session.fill_snapshot(&snap_);
        if (report.status.ok()) {
            snap_.last_error.clear();
            stopped.clear();
            backoff.reset();
            due = steady::now() + std::chrono::milliseconds(config_.periodic_ms);
        } else if (report.fatal) {
            snap_.last_error = report.status.message();
            stopped = snap_.last_error;
            due = never;
        } else {
            snap_.last_error = report.status.message();
            // An attempt that moved changes before it failed is a bad link,
            // not a dead one: the wait starts again from the backoff's base,
            // so a link that drops one request in ten keeps syncing instead
            // of waiting longer each time (the busy day through fault_proxy,
            // docs/sync-performance.md). Retry-After still sets a floor.
            if (report.pushed > 0 || report.pulled > 0) backoff.reset();
            due = steady::now() + std::chrono::milliseconds(backoff.next_delay_ms(report.retry_after_ms));
        }
        snap_.next_attempt_ms =
            due == never ? 0
                         : clock.now_ms() +
                               std::chrono::duration_cast<std::chrono::milliseconds>(due - steady::now()).count();
        publish();
    }

    std::lock_guard<std::mutex> l(mu_);
    live_transport_ = nullptr;
}

}  // namespace outpost

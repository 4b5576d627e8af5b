// The device's background sync: a thread with its own Store connection (a
// Store is not thread safe) that runs SyncSession cycles soon after local
// writes (debounced), every few minutes while healthy, on "Sync now", and
// after failures on a capped, jittered backoff. After every state change it
// publishes a SyncSnapshot to a SyncStatusBoard and calls on_change (the app
// passes one that wakes the GLFW loop with glfwPostEmptyEvent).
//
// Thread safety: every public method may be called from the UI thread and
// returns without waiting on the network. stop() cancels the cycle between
// pages, aborts an HTTP request in flight and joins.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "client_config.h"
#include "status.h"
#include "sync_status.h"
#include "transport.h"

namespace outpost {

class SyncClient {
public:
    // Makes the transport on the sync thread; default: HttpTransport from the
    // config (or the server saved in the store). Tests pass their own.
    using TransportFactory = std::function<std::unique_ptr<Transport>(const std::string& server_url)>;

    // store_path: the file the app opened (not ":memory:": the client opens
    // its own connection). board: not owned, must outlive the client.
    SyncClient(SyncConfig config, std::string store_path, SyncStatusBoard* board,
               std::function<void()> on_change = {}, TransportFactory make_transport = {});
    ~SyncClient();  // stop()
    SyncClient(const SyncClient&) = delete;
    SyncClient& operator=(const SyncClient&) = delete;

    // Starts the thread. The first sync runs at once. Fails only when the
    // thread cannot start; store problems are published as last_error.
    Status start();
    // Cancels any cycle in progress and joins the thread. Idempotent.
    void stop();
    // Sync as soon as possible, even during backoff or after a stop that
    // needs a person (the user asked).
    void sync_now();
    // A local operation committed: sync debounce_ms after the first such write
    // (unless backing off after a failure), and refresh "changes waiting".
    void notify_local_write();

    SyncSnapshot snapshot() const { return board_->read(); }
    // Cycles finished since start (for tests).
    int64_t cycles() const { return cycles_.load(); }

private:
    void run();
    void publish();

    SyncConfig config_;
    std::string store_path_;
    SyncStatusBoard* board_;
    std::function<void()> on_change_;
    TransportFactory make_transport_;

    std::thread thread_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false, now_ = false, refresh_ = false;
    std::optional<std::chrono::steady_clock::time_point> write_due_;
    std::atomic<bool> cancel_{false};
    std::atomic<int64_t> cycles_{0};
    Transport* live_transport_ = nullptr;  // guarded by mu_, for stop()
    SyncSnapshot snap_;                    // the sync thread's copy
};

}  // namespace outpost

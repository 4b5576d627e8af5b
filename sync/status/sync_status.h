// A thread-safe snapshot of the sync client's state, read by the UI thread
// every frame (the UI never waits on the network). Header-only so screens can
// show "sync not set up" before a client exists.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>

namespace outpost {

// Without a successful sync for this long the state turns amber, then red
// (design: a day and three). SyncConfig's defaults; the demo shortens both.
constexpr int64_t kAmberAfterMs = 24LL * 3600 * 1000;
constexpr int64_t kRedAfterMs = 3 * kAmberAfterMs;

struct SyncSnapshot {
    bool configured = false;          // false: "sync not set up"
    bool running = false;             // a push/pull is in progress
    int64_t last_success_ms = 0;      // 0: never
    int64_t last_attempt_ms = 0;
    int64_t next_attempt_ms = 0;      // when the next try is due
    int64_t changes_waiting = 0;      // local outbox changes not yet accepted
    int64_t quarantined = 0;          // changes central refused
    std::string last_error;           // plain words; empty when healthy
    std::string server;               // "https://central.example:8443"
    // Restore progress: changes pulled so far and, when known, the total.
    int64_t restore_done = 0, restore_total = 0;
    bool restoring = false;
    // How long without a successful sync turns the state amber, then red
    // (SyncConfig::amber_after_ms; the demo shortens them).
    int64_t amber_after_ms = kAmberAfterMs;
    int64_t red_after_ms = kRedAfterMs;
};

enum class SyncHealth { kNotSetUp, kHealthy, kAmber, kRed };

// Amber after a day without a successful sync, red after three (the
// snapshot's thresholds: the demo shortens them so a trainer can show them).
inline SyncHealth sync_health(const SyncSnapshot& s, int64_t now_ms) {
    if (!s.configured) return SyncHealth::kNotSetUp;
    if (s.last_success_ms == 0 || now_ms - s.last_success_ms > s.red_after_ms) return SyncHealth::kRed;
    if (now_ms - s.last_success_ms > s.amber_after_ms) return SyncHealth::kAmber;
    return SyncHealth::kHealthy;
}

// Where the client publishes and the UI reads. Thread safe.
class SyncStatusBoard {
public:
    void publish(const SyncSnapshot& s) {
        std::lock_guard<std::mutex> l(mu_);
        snap_ = s;
    }
    SyncSnapshot read() const {
        std::lock_guard<std::mutex> l(mu_);
        return snap_;
    }

private:
    mutable std::mutex mu_;
    SyncSnapshot snap_;
};

}  // namespace outpost

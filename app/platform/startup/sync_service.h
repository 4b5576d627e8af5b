// The background sync service (a BackgroundService, background_services.h):
// the sync client's thread, which pushes this store's outbox to central and
// pulls the site's changes, with its own store connection; the screens read
// its board. It runs when the store was registered with central (it holds a
// sync token), and in demo mode (unless --no-demo-sync) against the demo's
// in-process central and its simulated second device, which it then owns and
// stops after the client (the client talks to it). After the second device
// synced, the kiosk syncs too, so trainees see its dispensing arrive.
// Thread safety: every method on the main thread; the threads only wake the
// frame loop (request_redraw) and set peer_synced_.
#pragma once

#include <atomic>
#include <memory>

#include "background_services.h"
#include "client.h"
#include "demo_central.h"

namespace outpost {

class SyncService : public BackgroundService {
public:
    // board: not owned, outlives this.
    SyncService(const KioskConfig& config, SyncStatusBoard* board) : config_(config), board_(board) {}
    ~SyncService() override { stop(); }

    void start(Store& store) override;
    // The client first, then the demo central it talks to.
    void stop() override;
    // The simulated second device synced: the kiosk syncs now.
    void on_wake() override;
    // A local operation committed (the outbox grew): sync soon (debounced).
    void after_frame(Store& store) override;
    // The board and "sync now" while a client exists; in demo mode also the
    // demo central's offline switch and its second device's report.
    void add_to_ui(UiOptions& options) override;

private:
    void start_demo();

    const KioskConfig& config_;
    SyncStatusBoard* board_;
    std::unique_ptr<DemoCentral> demo_central_;
    std::unique_ptr<SyncClient> client_;
    std::atomic<bool> peer_synced_{false};  // set on the simulated device's thread
    int64_t outbox_seen_ = 0;
};

}  // namespace outpost

// The background peer sync (a BackgroundService, background_services.h):
// the app's side of sync/peer/peer_service.h. It serves the site's other
// devices on --peer-port and asks them in turn, with connections of its own,
// finds them by mDNS (Avahi, when built with it), and gives the screens its
// board and the Sync screen's add / forget / "Sync with devices here".
// Off with --no-peer (--peer-port 0). In demo mode and on a store with no
// site key the board says why peer sync is off.
// Thread safety: every method on the main thread; the service's threads
// only wake the frame loop (request_redraw).
#pragma once

#include <memory>

#include "background_services.h"
#include "peer_discovery.h"
#include "peer_service.h"
#include "peer_status.h"

namespace outpost {

class PeerSyncService : public BackgroundService {
  public:
    explicit PeerSyncService(const KioskConfig& config) : config_(config) {}
    ~PeerSyncService() override { stop(); }

    void start(Store& store) override;
    void stop() override;
    // A local operation committed: ask the peers soon (debounced).
    void after_frame(Store& store) override;
    // The board and the Sync screen's calls, while the service runs.
    void add_to_ui(UiOptions& options) override;

  private:
    const KioskConfig& config_;
    PeerStatusBoard board_;
    std::unique_ptr<peer::PeerDiscovery> discovery_;
    std::unique_ptr<peer::PeerService> service_;
    int64_t outbox_seen_ = 0;
};

}  // namespace outpost

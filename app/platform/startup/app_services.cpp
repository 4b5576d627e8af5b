// The one place the app's background services are listed, in start order
// (they stop in the reverse order). Adding a service is one line here; its
// contract is in background_services.h.
#include "background_services.h"
#include "peer_sync_service.h"
#include "print_service.h"
#include "sync_service.h"

namespace outpost {

BackgroundServices add_background_services(const ServiceDeps& deps) {
    BackgroundServices services;
    services.add(std::make_unique<SyncService>(deps.config, deps.sync_board));
    services.add(std::make_unique<PrintService>(deps.config));
    services.add(std::make_unique<PeerSyncService>(deps.config));
    return services;
}

}  // namespace outpost

// The one place the app's background services are listed, in start order
// (they stop in the reverse order). Adding a service is one line here; its
// contract is in background_services.h.
#include "background_services.h"
#include "sync_service.h"

namespace outpost {

BackgroundServices add_background_services(const ServiceDeps& deps) {
    BackgroundServices services;
    services.add(std::make_unique<SyncService>(deps.config, deps.sync_board));
    // Next: services.add(std::make_unique<PrinterQueue>(deps.config));
    //       services.add(std::make_unique<PeerService>(deps.config));
    return services;
}

}  // namespace outpost

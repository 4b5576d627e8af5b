// The list of the app's background services and the one place that fills it
// (add_background_services); the contract is in background_services.h.
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

void BackgroundServices::start_all(Store& store) {
    for (auto& s : services_) s->start(store);
}

void BackgroundServices::stop_all() {
    for (auto it = services_.rbegin(); it != services_.rend(); ++it) (*it)->stop();
}

void BackgroundServices::on_wake() {
    for (auto& s : services_) s->on_wake();
}

void BackgroundServices::after_frame(Store& store) {
    for (auto& s : services_) s->after_frame(store);
}

void BackgroundServices::add_to_ui(UiOptions& options) {
    for (auto& s : services_) s->add_to_ui(options);
}

}  // namespace outpost

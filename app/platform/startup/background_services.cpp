// The list of the app's background services: start, stop and the frame
// loop's calls, in order; the contract is in background_services.h. The
// list the app runs is filled in app_services.cpp.
#include "background_services.h"

namespace outpost {

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

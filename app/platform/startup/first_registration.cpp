// The set-up screen's registration with central while the app runs; see
// first_registration.h.
#include "first_registration.h"

#include "window.h"

namespace outpost {

FirstRegistration::FirstRegistration(const KioskConfig& config, const Store& store, SyncStatusBoard* board)
    : board_(board) {
    if (!config.demo && !store.has_identity())
        registration_ = std::make_unique<DeviceRegistration>(config.db_path, "kiosk", board_,
                                                             [] { request_redraw(); });
}

void FirstRegistration::add_to_ui(UiOptions& options) {
    if (!registration_ || options.sync) return;
    options.sync = board_;
    options.start_registration = [this](const std::string& url, const std::string& code) {
        registration_->start(url, code);
    };
}

bool FirstRegistration::done() const {
    return registration_ && registration_->succeeded() && !registration_->running();
}

}  // namespace outpost

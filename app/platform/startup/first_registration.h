// Start-up step 3: registration of a fresh real store with central. When the
// store has no identity (and this is not the demo), the set-up screen may
// register it (and restore the site) on DeviceRegistration's own thread,
// which publishes its progress on the sync board. Once it succeeded the app
// ends the session, reopens the store (so the screens see the identity) and
// starts the background services again, which then start syncing.
#pragma once

#include <memory>

#include "device_registration.h"
#include "kiosk_config.h"
#include "store.h"
#include "sync_status.h"
#include "ui_root.h"

namespace outpost {

class FirstRegistration {
public:
    // Active only when !config.demo and the store has no identity. board:
    // not owned, outlives this; the worker wakes the frame loop with
    // request_redraw().
    FirstRegistration(const KioskConfig& config, const Store& store, SyncStatusBoard* board);

    // Main thread, when the screens start, after the background services
    // added theirs: offers "register with central" on the set-up screen
    // unless a sync client already shows on the board (options.sync set).
    void add_to_ui(UiOptions& options);

    // True once registration succeeded and its thread has finished: the
    // session should end so the store is reopened.
    bool done() const;
    // After done(): joins and forgets the worker (its connection closes).
    void finish() { registration_.reset(); }

private:
    SyncStatusBoard* board_;
    std::unique_ptr<DeviceRegistration> registration_;
};

}  // namespace outpost

// Start-up step 2: the demo world (--demo only). What the training demo adds
// to the screens: the PIN hints under the login tiles, the list of scenarios
// a trainer can reset to, and "Undo the reset". A reset or an undo asked for
// by the screens is only noted; the app acts on it between sessions, after
// the screens that hold the store are gone and the background services have
// closed their connections: rebuild() then rebuilds the file and reopens it.
// (The demo's in-process central and simulated second device are part of the
// sync service, sync_service.h, since only the sync client talks to them.)
#pragma once

#include <memory>
#include <string>

#include "kiosk_config.h"
#include "store.h"
#include "ui_root.h"

namespace outpost {

class DemoWorld {
public:
    explicit DemoWorld(const KioskConfig& config) : config_(config) {}

    // Main thread, when the screens start. Nothing unless config.demo. The
    // callbacks set in options refer to this object, which outlives the
    // screens.
    void add_to_ui(Store& store, UiOptions& options);

    // True when the screens asked for a reset or an undo in this session.
    bool restart_requested() const { return pending_reset_ >= 0 || pending_undo_; }

    // Does the reset (keeping the demo as it was for Undo) or the undo, then
    // reopens the demo store. REQUIRES: restart_requested(); the app's store
    // is closed and no service holds a connection to the file. A failed
    // reset or undo is reported on stderr and the demo goes on with the file
    // as it is; returns null (message on stderr) only when it cannot reopen.
    std::unique_ptr<Store> rebuild();

private:
    const KioskConfig& config_;
    int pending_reset_ = -1;     // index into all_scenarios(), or -1
    bool pending_undo_ = false;
    // The title of the scenario last reset to in this run (empty: nothing to undo).
    std::string undo_title_;
};

}  // namespace outpost

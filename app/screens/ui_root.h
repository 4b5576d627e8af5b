// The seam between the platform shell (app/) and the screens. The shell owns
// the window, GL, fonts and the input queue; each frame, between
// ImGui::NewFrame() and ImGui::Render(), it calls UiRoot::draw(), which draws
// the whole interface as one full-viewport window. Nothing here touches GLFW
// or GL, so headless tests drive UiRoot with a bare ImGui context.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "export_files.h"
#include "store.h"
#include "peer_status.h"
#include "status.h"
#include "sync_status.h"

namespace outpost {

class WidgetProbe;  // test hook, see screens/widgets.h
class PrintQueue;   // app/print/print_queue.h
class PrinterDiscovery;  // app/print/printer_discovery.h

struct UiOptions {
    bool kiosk = false;             // exit needs an admin PIN
    bool demo = false;              // permanent DEMO banner, training labels
    int idle_logout_seconds = 120;  // auto-logout after this long without input
    float scale = 1.0f;             // em multiplier already applied to fonts
    // Where sync state comes from; null: "sync not set up". Set, the sync
    // state on the status line (once logged in) and the "Sync" nav entry
    // open the sync details (sync_screen.cpp). Read every frame; not owned.
    const SyncStatusBoard* sync = nullptr;
    // Asks the sync client to run now (the big "Sync now" on the sync
    // details); called on the UI thread, must return at once. null: hidden.
    std::function<void()> sync_now;
    // The label print queue (app/print); null: labels are shown, not
    // printed. The dispense screen queues a dispensing's labels once it has
    // committed ("Print again" queues them again), the history offers
    // "Reprint labels", and both show its status() snapshot. Not owned.
    PrintQueue* print_queue = nullptr;
    // The CUPS queues and folders the Printer settings screen offers
    // (lpstat and the mount table, looked up on its own thread); null: the
    // screen offers free text only. Not owned.
    PrinterDiscovery* printer_discovery = nullptr;
    // Training PINs shown under a user's tile on the login screen, by user
    // name, e.g. {"Amina Dispenser", "1111"}: the screen says "Dispenser,
    // PIN 1111" in the device's language. The app fills it in demo mode
    // (training users with known PINs); empty on a real store.
    std::vector<std::pair<std::string, std::string>> login_hints;
    // Demo mode: the scenarios a trainer can reset to (titles, in order) and
    // the call asking the app to rebuild the demo store with scenario i. The
    // app does it between frames and then starts the screens again.
    // A tap on a scenario tile resets at once: the app keeps the demo as it
    // was, and afterwards passes the title reset to in demo_reset_to with
    // undo_demo_reset, which asks it to put that demo back (between frames,
    // as for a reset). Empty / null: nothing to undo (no "Undo" shown).
    std::vector<std::string> demo_scenarios;
    std::function<void(int)> reset_demo;
    std::string demo_reset_to;
    std::function<void()> undo_demo_reset;

    // Sync set-up of a real store with no identity (setup_screen.cpp).
    // Called on the UI thread, inside UiRoot::draw, when a person taps "Set
    // up this device (or restore it)" with a non-empty code and an http(s)
    // central address (both trimmed). It must return at once: it must not
    // contact central, wait on a thread or touch the UI's Store; it starts
    // registration + restore on a background thread (with that thread's own
    // Store connection). REQUIRES: `sync` set to the board that thread
    // publishes on (also before any client exists; the snapshot may stay
    // configured = false until registration succeeded). Before returning it
    // publishes there a snapshot with restoring = true and last_error empty,
    // so the screen never shows the error of an earlier attempt; the thread then publishes
    // restore_done / restore_total as pages arrive (waking the loop each
    // time, as the sync client does, so the bar moves) and, on failure,
    // restoring = false with last_error in plain words (the screen keeps the
    // typed address and code for another try). It may be called again after
    // a failure. The screen shows the login as soon as the UI's
    // Store::has_identity() turns true. Store reads its identity when opened,
    // so after a successful restore the app reopens the store and builds a
    // new UiRoot between frames (as for a demo reset). null: the set-up
    // screen says sync cannot be set up from here.
    std::function<void(const std::string& url, const std::string& code)> start_registration;

    // Demo mode: the trainer's "Simulate offline" switch (demo_screen.cpp).
    // Called on the UI thread, inside UiRoot::draw, with the switch's new
    // position each time the trainer flips it (true: the link to the
    // in-process demo central is down). It must return at once: no waiting
    // on the sync thread, no store writes; the app shows the effect through
    // `sync`. null: the switch is hidden.
    std::function<void(bool offline)> simulate_offline;
    // Where the switch starts: the app passes its current state when it
    // builds the screens again (after a demo reset), so the two agree.
    bool simulated_offline = false;
    // Demo mode: one line on what the simulated second device has done
    // ("Dispensary tablet (simulated): 3 prescriptions dispensed; ..."),
    // shown under the switch. Called on the UI thread each frame the panel
    // is drawn; must return at once. null: not shown.
    std::function<std::string()> demo_peer_status;

    // Peer sync on the clinic's network (issue 15; sync/status/peer_status.h).
    // The board the app's peer service publishes on; null: peer sync is not
    // running in this app (the status line and the Sync screen say nothing of
    // peers). Read every frame; not owned.
    const PeerStatusBoard* peers = nullptr;
    // An admin adds a peer's address by hand ("192.168.1.20:7610", trimmed)
    // on the Sync screen. The service checks the text (host:port) and keeps
    // it in the store's device-local settings, then tries it soon; a refusal
    // comes back as a Status whose message the screen shows. Called on the UI
    // thread; must return at once (no network). null: no "Add a device" field.
    std::function<Status(const std::string& host_port)> add_peer;
    // Forgets a manual or remembered address (as shown in PeerState::address).
    // Same rules as add_peer. null: no "Forget" button.
    std::function<Status(const std::string& address)> forget_peer;
    // Asks the peer service to exchange with every known peer now (the Sync
    // screen's "Sync with devices here"); must return at once. null: hidden.
    std::function<void()> peer_sync_now;

    // The folders the export dialog offers (reports and lists, saved as CSV
    // or PDF). null: home and every mounted USB stick
    // (export_files.h list_export_folders()). Tests give a temporary folder.
    // Called on the UI thread when the dialog opens; must return at once.
    std::function<std::vector<ExportFolder>()> export_folders;
};

class UiRoot {
public:
    UiRoot(Store& store, UiOptions options);
    ~UiRoot();
    // Draws one frame. REQUIRES: inside ImGui::NewFrame()/Render().
    // seconds_since_input drives auto-logout.
    void draw(double seconds_since_input);
    // True while something animates or a timer is due soon, so the shell
    // keeps drawing; otherwise it may sleep until input.
    bool wants_frames() const;
    // The shell asks to leave (window close, Escape in kiosk). In kiosk mode
    // this opens the admin PIN prompt; exit_approved() turns true once an
    // admin PIN was entered. Outside kiosk mode it is approved at once.
    void request_exit();
    bool exit_approved() const;
    // A barcode scanned with a keyboard-wedge scanner (from the shell's input
    // queue), handed to the screen drawn next frame as State::scan; its
    // characters were not typed into any field. Dispense, Receive, Stocktake
    // and Stock act on it (screens/scan_screens.h, docs/barcodes.md).
    void scan(const std::string& text);

    // ---- test hooks (headless UI tests; the shell never calls these) ----
    // Every touch widget records its rectangle in `probe` while one is set
    // (null: off). The probe is owned by the caller and must outlive its use.
    void set_probe(WidgetProbe* probe);
    // Store queries the screens have issued so far; stays flat while nothing
    // changes (results are cached on Store::data_version() and parameters).
    int64_t queries_run() const;

    struct State;  // screens' shared state (see screens/ui_state.h)
private:
    std::unique_ptr<State> state_;
};

}  // namespace outpost

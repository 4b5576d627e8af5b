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

#include "store.h"
#include "sync_status.h"

namespace outpost {

class WidgetProbe;  // test hook, see screens/widgets.h

struct UiOptions {
    bool kiosk = false;             // exit needs an admin PIN
    bool demo = false;              // permanent DEMO banner, training labels
    int idle_logout_seconds = 120;  // auto-logout after this long without input
    float scale = 1.0f;             // em multiplier already applied to fonts
    // Where sync state comes from; null: "sync not set up".
    const SyncStatusBoard* sync = nullptr;
    // Asks the sync client to run now; null when sync is not set up.
    std::function<void()> sync_now;
    // Text shown under a user's tile on the login screen, by user name,
    // e.g. {"Amina Dispenser", "PIN 1111"}. The app fills it in demo mode
    // (training users with known PINs); empty on a real store.
    std::vector<std::pair<std::string, std::string>> login_hints;
    // Demo mode: the scenarios a trainer can reset to (titles, in order) and
    // the call asking the app to rebuild the demo store with scenario i. The
    // app does it between frames and then starts the screens again.
    std::vector<std::string> demo_scenarios;
    std::function<void(int)> reset_demo;
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

// Start-up step 5: the frame loop. Draws the screens of one session until
// the run ends (window closed, or in kiosk mode an admin approved leaving;
// --run-for elapsed; an observer ended it) or the session does (a demo reset
// or a finished registration: session_over()). It blocks in
// glfwWaitEventsTimeout() for as long as the redraw policy allows, so an idle
// app draws nothing and uses no CPU; input, a window event or a background
// thread's request_redraw() (glfwPostEmptyEvent) wakes it. Between frames,
// never inside one, it gives the background services their on_wake() and
// after_frame() (so no operation is ever cut in half), and the observers
// (frame_observer.h) their moments.
#pragma once

#include <functional>

#include "background_services.h"
#include "display.h"
#include "frame_observer.h"
#include "kiosk_app.h"
#include "kiosk_config.h"
#include "store.h"
#include "ui_root.h"

namespace outpost {

class FrameLoop {
public:
    // Not owned; all outlive the loop. run: frames and seconds are added to it.
    FrameLoop(const KioskConfig& config, Display& display, BackgroundServices& services,
              const FrameObservers& observers, RunStats* run)
        : config_(config), display_(display), services_(services), observers_(observers), run_(run) {}

    // Main thread. Runs one session over ui (made on store) until the run
    // or the session ends (the caller tells which from its own state).
    // session_over: checked after each drawn frame. *exit_status: set to 2
    // when an observer failed.
    void run_session(UiRoot& ui, Store& store, const std::function<bool()>& session_over, int* exit_status);

private:
    const KioskConfig& config_;
    Display& display_;
    BackgroundServices& services_;
    const FrameObservers& observers_;
    RunStats* run_;
};

}  // namespace outpost

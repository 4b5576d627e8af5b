// The running app. run_kiosk_app (kiosk_app.cpp) is the list of what the app
// does at start, each step in app/platform/startup/ with its contract at the
// top of its header:
//   open_store.h           open or create the store
//   display.h              the window, ImGui, fonts and the GL renderer
//   background_services.h  the threads beside the screens (the sync client,
//                          sync_service.h), started and stopped as one list
//   first_registration.h   a fresh real store's registration with central
//   demo_world.h           the training demo's hints, reset and Undo
//   frame_loop.h           the loop, drawing only when the redraw policy says
//                          so, until the window is closed (or, in kiosk mode,
//                          an admin approved leaving)
//   frame_observer.h       optional observers of the loop: screenshot_driver.h,
//                          bench_observer.h, run_figures.h
// A new background service (the LAN peer service next; the print queue is
// print_service.h) is one
// line in add_background_services() in startup/app_services.cpp:
//     services.add(std::make_unique<PeerService>(deps.config));
// The frame loop and the shut-down reach it through the list; its contract
// (start / stop / wake / on_wake / after_frame / add_to_ui) is in
// startup/background_services.h. Shut-down: the screens, then every service
// (its threads joined, its connections closed), then the renderer, ImGui and
// the window, and last the store.
#pragma once

#include <cstdint>

#include "kiosk_config.h"

namespace outpost {

struct RunStats {
    uint64_t frames = 0;          // frames drawn in the whole run
    double seconds = 0;           // wall-clock run time of the main loop
    double cpu_seconds = 0;       // user + system CPU of the whole process
};

// Returns the process exit status: 0 normal exit (or screenshot saved),
// 2 when the store, the window or the screenshot failed (message on stderr).
// stats, when not null, is filled at exit.
int run_kiosk_app(const KioskConfig& config, RunStats* stats = nullptr);

}  // namespace outpost

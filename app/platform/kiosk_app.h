// The running app: opens the store, the window and ImGui, then runs the
// main loop, drawing only when the redraw policy says so, until the window
// is closed (or, in kiosk mode, an admin approved leaving).
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

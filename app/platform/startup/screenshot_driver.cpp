// The --screenshot run as a frame-loop observer; see screenshot_driver.h.
#include "screenshot_driver.h"

#include <cstdio>

#include "screenshot.h"

namespace outpost {

void ScreenshotDriver::session_started(UiRoot&, RedrawPolicy& policy, double) {
    policy.force_frames(frames_);
}

void ScreenshotDriver::before_frame_due(RedrawPolicy& policy, uint64_t frames) {
    policy.force_frames(frames_ - static_cast<int>(frames));
}

bool ScreenshotDriver::before_swap(int fb_w, int fb_h, uint64_t frames, int* exit_status) {
    if (static_cast<int>(frames) < frames_) return false;
    Status st = save_framebuffer_png(fb_w, fb_h, path_);
    if (!st.ok()) {
        std::fprintf(stderr, "outpost: %s\n", st.message().c_str());
        *exit_status = 2;
    }
    return true;
}

}  // namespace outpost

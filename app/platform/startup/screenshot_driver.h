// Frame-loop observer for --screenshot PATH --frames N: draws N frames
// whatever the redraw policy says, saves the N-th as a PNG before it is
// shown and ends the run (exit status 2, message on stderr, when the file
// cannot be written). Used by the screenshot tests (tests/app).
#pragma once

#include <string>

#include "frame_observer.h"
#include "kiosk_config.h"

namespace outpost {

class ScreenshotDriver : public FrameObserver {
public:
    explicit ScreenshotDriver(const KioskConfig& config)
        : path_(config.screenshot_path), frames_(config.screenshot_frames) {}

    void session_started(UiRoot& ui, RedrawPolicy& policy, double start) override;
    void before_frame_due(RedrawPolicy& policy, uint64_t frames) override;
    bool before_swap(int fb_w, int fb_h, uint64_t frames, int* exit_status) override;

private:
    std::string path_;
    int frames_;
};

}  // namespace outpost

// When the shell draws. A clinic laptop on battery must not spend CPU on an
// unchanged screen, so the main loop blocks in glfwWaitEventsTimeout() for as
// long as this policy allows and draws only when something happened:
//   - input: that frame plus `frames_after_input` more (ImGui settles layout,
//     hover and released buttons over a couple of frames);
//   - a wake from another thread (sync result): `frames_after_wake` frames;
//   - the screens say they animate (UiRoot::wants_frames): frames at most
//     `animation_fps` per second;
//   - a timer frame just after each wall-clock minute, so the clock and
//     "synced 4 min ago" stay true;
//   - input still queued (the input queue splits fast taps over frames).
// Otherwise no frame at all. Pure arithmetic on times passed in: unit-tested.
#pragma once

namespace outpost {

struct RedrawSettings {
    int frames_after_input = 3;     // extra frames after the one showing the input
    int frames_after_wake = 2;      // frames after a background thread's wake-up
    double animation_fps = 30;      // cap while the screens animate, frames/second
    double timer_period = 60;       // seconds between timer frames (wall-clock aligned)
};

class RedrawPolicy {
public:
    explicit RedrawPolicy(RedrawSettings s = {}) : s_(s) {}

    // Input arrived (any GLFW input callback).
    void note_input();
    // Another thread asked for a redraw (glfwPostEmptyEvent woke the loop).
    void note_wake();
    // Draw `n` frames whatever else happens (screenshots, start-up).
    void force_frames(int n);

    // Called after each frame. now: monotonic seconds; wall_seconds: seconds
    // since the epoch (aligns timer frames to the minute); ui_wants_frames:
    // UiRoot::wants_frames(); input_pending: events left in the input queue.
    void frame_drawn(double now, double wall_seconds, bool ui_wants_frames, bool input_pending);

    // Seconds to block before the next frame is due; 0 means draw now.
    double seconds_until_next_frame(double now) const;
    bool frame_due(double now) const { return seconds_until_next_frame(now) <= 0; }

private:
    RedrawSettings s_;
    int pending_frames_ = 1;       // the first frame is always drawn
    bool animating_ = false;
    double last_frame_at_ = -1e9;
    double next_timer_at_ = 0;     // monotonic time of the next timer frame
};

}  // namespace outpost

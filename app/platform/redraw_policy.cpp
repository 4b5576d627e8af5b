// Arithmetic of the redraw policy (see redraw_policy.h).
#include "redraw_policy.h"

#include <algorithm>
#include <cmath>

namespace outpost {

void RedrawPolicy::note_input() { pending_frames_ = std::max(pending_frames_, 1 + s_.frames_after_input); }

void RedrawPolicy::note_wake() { pending_frames_ = std::max(pending_frames_, s_.frames_after_wake); }

void RedrawPolicy::force_frames(int n) { pending_frames_ = std::max(pending_frames_, n); }

void RedrawPolicy::frame_drawn(double now, double wall_seconds, bool ui_wants_frames,
                               bool input_pending) {
    if (pending_frames_ > 0) --pending_frames_;
    // Queued input is drawn at once, and its usual tail of frames follows.
    if (input_pending) note_input();
    animating_ = ui_wants_frames;
    last_frame_at_ = now;
    // Just after the next wall-clock period boundary (a minute changes).
    double into_period = std::fmod(wall_seconds, s_.timer_period);
    if (into_period < 0) into_period += s_.timer_period;
    next_timer_at_ = now + (s_.timer_period - into_period) + 0.05;
}

double RedrawPolicy::seconds_until_next_frame(double now) const {
    if (pending_frames_ > 0) return 0;
    double wait = next_timer_at_ - now;
    if (animating_) wait = std::min(wait, last_frame_at_ + 1.0 / s_.animation_fps - now);
    return std::max(0.0, wait);
}

}  // namespace outpost

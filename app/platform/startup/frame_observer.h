// What may watch or steer the frame loop without being part of it: the
// screenshot driver (--screenshot), the benchmark driver (--bench-scroll,
// --bench-empty) and the run's figures (--frame-stats, --warm-up,
// --first-frame-stats). Each is optional; the app lists the ones its
// command line asked for and the loop calls every hook on each in that
// order. All hooks run on the main thread and must return at once. The
// defaults do nothing, so an observer overrides only the moments it needs.
// Moments, in the loop's order (frame_loop.h):
//   session_started    the screens were made (a new session); start is its
//                      glfwGetTime()
//   before_wait        before the loop computes how long it may block
//   max_wait           the longest the loop may block from now (seconds)
//   woke               after the wait, once events are polled
//   before_frame_due   just before the loop asks the policy for a frame
//   before_input       a frame is being built, before its input is fed
//   before_build / after_build   around building the frame's UI
//   draw_instead       true when the observer drew this frame itself (the
//                      screens are then not drawn)
//   before_swap        rendered, not yet shown: true ends the run
//   after_swap         shown: true ends the run
//   session_ended      the session's loop ended; restarting: a demo reset
//   run_ended          after the last session, before the services stop:
//                      returns the exit status (2 when the observer failed)
#pragma once

#include <imgui.h>

#include <cstdint>
#include <limits>
#include <vector>

#include "input_queue.h"
#include "redraw_policy.h"
#include "ui_root.h"

namespace outpost {

class FrameObserver {
public:
    virtual ~FrameObserver() = default;
    virtual void session_started(UiRoot& ui, RedrawPolicy& policy, double start) {
        (void)ui, (void)policy, (void)start;
    }
    virtual void before_wait(RedrawPolicy& policy) { (void)policy; }
    virtual double max_wait(double now) const {
        (void)now;
        return std::numeric_limits<double>::infinity();
    }
    virtual void woke(double now, uint64_t frames) { (void)now, (void)frames; }
    virtual void before_frame_due(RedrawPolicy& policy, uint64_t frames) { (void)policy, (void)frames; }
    virtual void before_input(InputQueue& queue) { (void)queue; }
    virtual void before_build() {}
    virtual bool draw_instead(ImVec2 display) {
        (void)display;
        return false;
    }
    virtual void after_build() {}
    virtual bool before_swap(int fb_w, int fb_h, uint64_t frames, int* exit_status) {
        (void)fb_w, (void)fb_h, (void)frames, (void)exit_status;
        return false;
    }
    virtual bool after_swap(uint64_t frames, InputQueue& queue, UiRoot& ui, ImVec2 display) {
        (void)frames, (void)queue, (void)ui, (void)display;
        return false;
    }
    virtual void session_ended(uint64_t frames, bool restarting) {
        (void)frames, (void)restarting;
    }
    virtual int run_ended(int exit_status) { return exit_status; }
};

using FrameObservers = std::vector<FrameObserver*>;  // not owned

}  // namespace outpost

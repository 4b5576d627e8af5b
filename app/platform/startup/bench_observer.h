// Frame-loop observer for --bench-scroll N / --bench-empty N: runs the
// scripted FrameBench (bench_driver.h) inside the real loop. It makes every
// frame due (as fast as it goes), feeds the script's input, times the UI
// build, draws one empty full-screen window instead of the screens in the
// empty run, ends the run when the script is done, and at the end prints the
// figures or fails the run (exit status 2, message on stderr).
#pragma once

#include <memory>

#include "bench_driver.h"
#include "frame_observer.h"
#include "kiosk_config.h"

namespace outpost {

class BenchObserver : public FrameObserver {
public:
    // Null unless the command line asked for a benchmark. store: the demo
    // store the scroll run logs in to.
    static std::unique_ptr<BenchObserver> For(const KioskConfig& config, Store& store);

    void session_started(UiRoot& ui, RedrawPolicy& policy, double start) override;
    void before_wait(RedrawPolicy& policy) override { policy.force_frames(1); }
    void before_input(InputQueue& queue) override { bench_.before_frame(queue); }
    void before_build() override;
    bool draw_instead(ImVec2 display) override;
    void after_build() override;
    bool after_swap(uint64_t frames, InputQueue& queue, UiRoot& ui, ImVec2 display) override;
    int run_ended(int exit_status) override;

private:
    BenchObserver(FrameBench::Kind kind, int frames, Store& store) : bench_(kind, frames, store) {}
    bool empty_window() const { return bench_.kind() == FrameBench::Kind::kEmptyWindow; }

    FrameBench bench_;
    double ui_cpu0_ = 0;
};

}  // namespace outpost

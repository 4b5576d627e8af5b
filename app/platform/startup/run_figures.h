// Frame-loop observer for the figures the app benchmarks read
// (tools/bench-app.sh, BENCHMARKS.md): with --first-frame-stats, when the
// store was open and when the first frame was shown (since process start)
// and the resident memory at the end; with --frame-stats --warm-up S, the
// frames and CPU of the idle run after the first S seconds (the loop wakes
// at the end of the warm-up to take the sample); with --frame-stats, the
// run's frames and CPU line at exit. Figures on stdout (JSON lines), none
// after a session that ends in a demo reset.
#pragma once

#include "frame_observer.h"
#include "kiosk_app.h"
#include "kiosk_config.h"

namespace outpost {

class RunFigures : public FrameObserver {
public:
    explicit RunFigures(const KioskConfig& config);

    // Right after the store opened.
    void store_opened() const;
    // At the very end, after the window is gone: fills run.cpu_seconds and
    // prints the "frames drawn" line.
    void print_run(RunStats& run) const;

    void session_started(UiRoot& ui, RedrawPolicy& policy, double start) override;
    double max_wait(double now) const override;
    void woke(double now, uint64_t frames) override;
    bool after_swap(uint64_t frames, InputQueue& queue, UiRoot& ui, ImVec2 display) override;
    void session_ended(uint64_t frames, bool restarting) override;

private:
    void sample_warm_up(double now, uint64_t frames);

    const KioskConfig& config_;
    bool warmed_up_;
    double session_start_ = 0;
    uint64_t frames_at_warm_up_ = 0;
    double cpu_at_warm_up_ = 0, time_at_warm_up_ = 0;
};

}  // namespace outpost

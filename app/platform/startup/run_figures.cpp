// The app's own benchmark figures as a frame-loop observer; see
// run_figures.h.
#include "run_figures.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>

#include "bench_driver.h"

namespace outpost {

RunFigures::RunFigures(const KioskConfig& config)
    : config_(config), warmed_up_(config.warm_up_seconds <= 0) {}

void RunFigures::store_opened() const {
    if (config_.first_frame_stats)  // the share of the first frame's wait that is the store
        print_metric("store_opened_ms_after_process_start", ms_since_process_start(), "ms");
}

void RunFigures::session_started(UiRoot&, RedrawPolicy&, double start) { session_start_ = start; }

double RunFigures::max_wait(double now) const {
    if (warmed_up_) return FrameObserver::max_wait(now);
    return std::max(0.0, session_start_ + config_.warm_up_seconds - now);
}

void RunFigures::sample_warm_up(double now, uint64_t frames) {
    warmed_up_ = true;
    frames_at_warm_up_ = frames;
    cpu_at_warm_up_ = process_cpu_seconds();
    time_at_warm_up_ = now;
}

void RunFigures::woke(double now, uint64_t frames) {
    if (!warmed_up_ && now - session_start_ >= config_.warm_up_seconds) sample_warm_up(now, frames);
}

bool RunFigures::after_swap(uint64_t frames, InputQueue&, UiRoot&, ImVec2) {
    if (frames == 1 && config_.first_frame_stats)
        print_metric("first_frame_ms_after_process_start", ms_since_process_start(), "ms", 1000);
    return false;
}

void RunFigures::session_ended(uint64_t frames, bool restarting) {
    // The run ended inside the warm-up: nothing after it.
    if (!warmed_up_) sample_warm_up(glfwGetTime(), frames);
    // Reported once, at the end of the run, while the screens still hold
    // their caches (a demo reset starts a new session instead).
    if (config_.frame_stats && config_.warm_up_seconds > 0 && !restarting) {
        const double seconds = glfwGetTime() - time_at_warm_up_;
        const double cpu = process_cpu_seconds() - cpu_at_warm_up_;
        print_metric("idle_frames_after_warm_up", static_cast<double>(frames - frames_at_warm_up_), "frames", 0);
        print_metric("idle_seconds_after_warm_up", seconds, "s");
        print_metric("idle_cpu_percent_after_warm_up", seconds > 0 ? 100 * cpu / seconds : 0, "%", 0.5);
    }
    if (config_.first_frame_stats && !restarting)
        print_metric("resident_memory_at_end_of_run_kb", static_cast<double>(resident_kb()), "kB");
}

void RunFigures::print_run(RunStats& run) const {
    run.cpu_seconds = process_cpu_seconds();
    if (config_.frame_stats)
        std::printf("frames drawn: %llu in %.1f s; CPU used: %.3f s\n",
                    static_cast<unsigned long long>(run.frames), run.seconds, run.cpu_seconds);
}

}  // namespace outpost

// Benchmark-only parts of the shell: the process figures the app benchmarks
// print (time since process start, resident memory, CPU time), and the
// scripted runs behind `outpost --bench-scroll N` and `--bench-empty N`
// (tools/bench-app.sh, BENCHMARKS.md). Nothing here runs unless one of the
// benchmark flags is given.
//
// The scroll run drives the real screens the way a person would, through the
// shell's input queue: it taps the administrator's login tile, the PIN keys
// and "Stock" on the navigation bar, finding each widget's rectangle with the
// screens' WidgetProbe (the same hook the headless UI tests use), then turns
// the mouse wheel over the stock list one notch per frame while it measures.
// The probe is switched off before measuring, so its bookkeeping is not
// counted. The empty run draws one empty full-screen window with the same
// wheel input: the cost of ImGui, GL and the loop with nothing to show.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "input_queue.h"
#include "store.h"
#include "ui_root.h"
#include "widgets.h"

namespace outpost {

// One benchmark figure on stdout, in outpost-bench's JSON-lines format:
// {"metric","value","unit","baseline":null,"ratio":null,"target"}. target < 0
// prints null (informational).
void print_metric(const std::string& metric, double value, const std::string& unit, double target = -1);

// Milliseconds since the kernel started this process (/proc/self/stat, so
// dynamic loading and static initialisation count; 10 ms resolution), or -1
// when /proc cannot be read.
double ms_since_process_start();

// VmRSS of this process in kB (/proc/self/status), or -1.
long resident_kb();

// CPU seconds of the calling thread.
double thread_cpu_seconds();

// User + system CPU seconds of the whole process, every thread included
// (Mesa llvmpipe renders on its own threads).
double process_cpu_seconds();

class FrameBench {
public:
    enum class Kind { kScrollStockList, kEmptyWindow };
    // The scroll run logs in as the store's first administrator with that
    // user's demo PIN (demo_users()); store must be a demo store.
    FrameBench(Kind kind, int frames, Store& store);

    Kind kind() const { return kind_; }
    // For UiRoot::set_probe while the script looks for widgets.
    WidgetProbe* probe() { return &probe_; }
    // Before a frame: queues the measured frames' wheel notch.
    void before_frame(InputQueue& queue);
    // After a frame is swapped: reads the probe, queues the next taps, starts
    // and stops the clock. ui is null in the empty run.
    void after_frame(InputQueue& queue, UiRoot* ui, ImVec2 display);

    // The main thread's CPU seconds spent building one frame's UI (draw and
    // ImGui::Render); counted only while measuring.
    void add_ui_cpu(double seconds) {
        if (state_ == State::kMeasuring) ui_cpu_s_ += seconds;
    }

    bool done() const { return state_ == State::kDone || state_ == State::kFailed; }
    bool failed() const { return state_ == State::kFailed; }
    const std::string& error() const { return error_; }
    // Prints the figures (JSON lines). REQUIRES: done() && !failed().
    void print_figures() const;

private:
    enum class State { kScripting, kPointing, kMeasuring, kDone, kFailed };
    void tap(InputQueue& queue, ImVec2 at);
    void fail(std::string why);

    Kind kind_;
    int frames_;
    WidgetProbe probe_;
    State state_ = State::kScripting;
    std::string error_;
    // The scripted taps, in order: a probe key, or a key prefix when it ends
    // in "##user-" (a login tile).
    std::vector<std::string> taps_;
    size_t next_tap_ = 0;
    int settle_ = 3;            // frames to let pass before the next step
    int frames_looking_ = 0;    // frames spent waiting for the next widget
    int measured_ = 0;
    double cpu0_ = 0, wall0_ = 0, cpu_s_ = 0, wall_s_ = 0;
    float scrolled_px_ = 0, scroll_max_px_ = 0;
    int64_t queries0_ = 0, queries_ = 0;
    int vertices_ = 0;
    double ui_cpu_s_ = 0;
};

}  // namespace outpost

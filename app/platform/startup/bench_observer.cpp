// The app benchmarks' scripted runs as a frame-loop observer; see
// bench_observer.h.
#include "bench_observer.h"

#include <cstdio>

namespace outpost {

std::unique_ptr<BenchObserver> BenchObserver::For(const KioskConfig& config, Store& store) {
    if (config.bench_scroll_frames > 0)
        return std::unique_ptr<BenchObserver>(
            new BenchObserver(FrameBench::Kind::kScrollStockList, config.bench_scroll_frames, store));
    if (config.bench_empty_frames > 0)
        return std::unique_ptr<BenchObserver>(
            new BenchObserver(FrameBench::Kind::kEmptyWindow, config.bench_empty_frames, store));
    return nullptr;
}

void BenchObserver::session_started(UiRoot& ui, RedrawPolicy&, double) {
    if (!empty_window()) ui.set_probe(bench_.probe());
}

void BenchObserver::before_build() { ui_cpu0_ = thread_cpu_seconds(); }

bool BenchObserver::draw_instead(ImVec2 display) {
    if (!empty_window()) return false;
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display);
    ImGui::Begin("##empty", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ImGui::End();
    return true;
}

void BenchObserver::after_build() { bench_.add_ui_cpu(thread_cpu_seconds() - ui_cpu0_); }

bool BenchObserver::after_swap(uint64_t, InputQueue& queue, UiRoot& ui, ImVec2 display) {
    bench_.after_frame(queue, empty_window() ? nullptr : &ui, display);
    return bench_.done();
}

int BenchObserver::run_ended(int exit_status) {
    if (bench_.failed()) {
        std::fprintf(stderr, "outpost: benchmark: %s\n", bench_.error().c_str());
        return 2;
    }
    if (bench_.done()) {
        bench_.print_figures();
        return exit_status;
    }
    std::fprintf(stderr, "outpost: benchmark: the run ended before its frames were drawn\n");
    return 2;
}

}  // namespace outpost

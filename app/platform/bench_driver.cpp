// Benchmark-only process figures and the scripted scroll/empty runs (see
// bench_driver.h).
#include "bench_driver.h"

#include <imgui_internal.h>  // the scrolled distance, read once at the end
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "generator.h"

namespace outpost {
namespace {

double wall_seconds() {
    using namespace std::chrono;
    return duration<double>(steady_clock::now().time_since_epoch()).count();
}

// A step's widget has this many frames to appear before the run gives up.
constexpr int kFramesToFindWidget = 300;

}  // namespace

void print_metric(const std::string& metric, double value, const std::string& unit, double target) {
    char target_text[32] = "null";
    if (target >= 0) std::snprintf(target_text, sizeof target_text, "%g", target);
    std::printf("{\"metric\":\"%s\",\"value\":%.3f,\"unit\":\"%s\",\"baseline\":null,\"ratio\":null,"
                "\"target\":%s}\n",
                metric.c_str(), value, unit.c_str(), target_text);
    std::fflush(stdout);
}

double ms_since_process_start() {
    std::ifstream f("/proc/self/stat");
    std::string line;
    if (!std::getline(f, line)) return -1;
    // Field 2 (the command name) may hold spaces: count fields after its ')'.
    const size_t close = line.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream rest(line.substr(close + 2));
    std::string field;
    unsigned long long start_ticks = 0;
    for (int n = 3; rest >> field; ++n) {
        if (n == 22) {  // starttime: clock ticks after boot
            start_ticks = std::stoull(field);
            break;
        }
    }
    if (start_ticks == 0) return -1;
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    const double now_s = static_cast<double>(now.tv_sec) + now.tv_nsec / 1e9;
    return (now_s - static_cast<double>(start_ticks) / static_cast<double>(sysconf(_SC_CLK_TCK))) * 1000.0;
}

long resident_kb() {
    std::ifstream f("/proc/self/status");
    std::string line;
    while (std::getline(f, line))
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + t.tv_nsec / 1e9;
}

double process_cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

FrameBench::FrameBench(Kind kind, int frames, Store& store) : kind_(kind), frames_(frames) {
    if (kind_ == Kind::kEmptyWindow) {
        state_ = State::kPointing;
        settle_ = 10;  // fonts uploaded, first frames out of the way
        return;
    }
    std::string admin, pin;
    for (const User& u : store.users()) {
        if (u.role != Role::kAdmin || !u.active) continue;
        if (const DemoUser* d = demo_user_for(u.role)) pin = d->pin;
        admin = u.name;
        break;
    }
    if (admin.empty() || pin.empty()) {
        fail("the scroll benchmark needs a demo store with a demo administrator (open it with --demo)");
        return;
    }
    taps_.push_back(admin + "##user-");
    for (char digit : pin) taps_.push_back(std::string(1, digit) + "##pin");
    taps_.push_back("Log in##pin");
    taps_.push_back("Stock##nav");
}

void FrameBench::fail(std::string why) {
    state_ = State::kFailed;
    error_ = std::move(why);
}

// A tap as a finger makes it: move, press, release; the input queue gives
// each its own frame.
void FrameBench::tap(InputQueue& queue, ImVec2 at) {
    queue.push(InputEvent::cursor(at.x, at.y));
    queue.push(InputEvent::button(0, true));
    queue.push(InputEvent::button(0, false));
}

void FrameBench::before_frame(InputQueue& queue) {
    if (state_ == State::kMeasuring) queue.push(InputEvent::scroll(0, -1));  // one notch down
}

void FrameBench::after_frame(InputQueue& queue, UiRoot* ui, ImVec2 display) {
    if (done()) return;
    if (state_ == State::kMeasuring) {
        if (++measured_ < frames_) return;
        cpu_s_ = process_cpu_seconds() - cpu0_;
        if (ui) queries_ = ui->queries_run() - queries0_;
        vertices_ = ImGui::GetIO().MetricsRenderVertices;  // what llvmpipe had to draw, last frame
        wall_s_ = wall_seconds() - wall0_;
        // How far the list went: the scrolled window with the longest range.
        for (ImGuiWindow* w : GImGui->Windows) {
            if (w->WasActive && w->ScrollMax.y > scroll_max_px_) {
                scroll_max_px_ = w->ScrollMax.y;
                scrolled_px_ = w->Scroll.y;
            }
        }
        state_ = State::kDone;
        return;
    }
    if (!queue.empty() || --settle_ > 0) return;
    if (state_ == State::kPointing) {
        // Start the clock after this swap; the wheel turns from the next frame.
        cpu0_ = process_cpu_seconds();
        wall0_ = wall_seconds();
        if (ui) queries0_ = ui->queries_run();
        state_ = State::kMeasuring;
        return;
    }
    // kScripting: the next tap, once its widget is drawn and reachable.
    if (next_tap_ < taps_.size()) {
        const std::string& key = taps_[next_tap_];
        const bool prefix = key.size() > 7 && key.compare(key.size() - 7, 7, "##user-") == 0;
        const WidgetProbe::Rect* r = prefix ? probe_.find_prefix(key) : probe_.find(key);
        if (!r || !r->tappable()) {
            if (++frames_looking_ > kFramesToFindWidget) fail("the scripted login did not find '" + key + "'");
            settle_ = 1;
            return;
        }
        tap(queue, r->centre());
        frames_looking_ = 0;
        ++next_tap_;
        settle_ = 3;  // the frames the shell draws after input
        return;
    }
    // Stock is open once its search field is drawn; point at the list below it.
    const WidgetProbe::Rect* search = probe_.find("##stock_search");
    if (!search) {
        if (++frames_looking_ > kFramesToFindWidget) fail("the Stock screen did not open after the login");
        settle_ = 1;
        return;
    }
    const float list_y = (search->max.y + display.y) / 2;
    queue.push(InputEvent::cursor(display.x / 2, list_y));
    if (ui) ui->set_probe(nullptr);  // not measured: the probe's bookkeeping
    state_ = State::kPointing;
    settle_ = 3;
}

void FrameBench::print_figures() const {
    const std::string name = kind_ == Kind::kScrollStockList ? "scroll_stock_list" : "empty_window";
    print_metric(name + "_cpu_ms_per_frame", cpu_s_ * 1000 / frames_, "ms");
    print_metric(name + "_wall_ms_per_frame", wall_s_ * 1000 / frames_, "ms");
    // The main thread's CPU in the screens' drawing and ImGui::Render; the
    // rest of the CPU per frame is the GL backend, llvmpipe and the loop.
    print_metric(name + "_ui_cpu_ms_per_frame", ui_cpu_s_ * 1000 / frames_, "ms");
    print_metric(name + "_frames", frames_, "frames");
    print_metric(name + "_vertices_per_frame", vertices_, "vertices");
    if (kind_ == Kind::kScrollStockList) {
        print_metric(name + "_scrolled_px", scrolled_px_, "px");
        print_metric(name + "_scroll_range_px", scroll_max_px_, "px");
        // Store queries the screens issued while scrolling (a page per new rows).
        print_metric(name + "_store_queries", static_cast<double>(queries_), "queries");
    }
}

}  // namespace outpost

// The main loop of one screens session; see frame_loop.h.
#include "frame_loop.h"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>

#include "imgui_input.h"
#include "redraw_policy.h"
#include "scanner_setting.h"
#include "theme.h"

namespace outpost {
namespace {

double wall_clock_seconds() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

}  // namespace

void FrameLoop::run_session(UiRoot& ui, Store& store, const std::function<bool()>& session_over,
                            int* exit_status) {
    AppWindow& window = *display_.window;
    InputQueue& queue = display_.queue;
    ImGuiIO& io = *display_.io;
    RedrawPolicy policy;
    const double start = glfwGetTime();
    for (FrameObserver* o : observers_) o->session_started(ui, policy, start);
    double last_input = start, last_frame = start - 1.0 / 60;
    bool exit_requested = false;
    ScannerSettingFollower scanner;  // the device's separator characters, as an admin sets them

    for (;;) {
        double now = glfwGetTime();
        for (FrameObserver* o : observers_) o->before_wait(policy);
        double wait = policy.seconds_until_next_frame(now);
        if (config_.run_for_seconds > 0)
            wait = std::min(wait, std::max(0.0, start + config_.run_for_seconds - now));
        for (FrameObserver* o : observers_) wait = std::min(wait, o->max_wait(now));
        if (wait > 0)
            glfwWaitEventsTimeout(wait);
        else
            glfwPollEvents();
        now = glfwGetTime();
        if (config_.run_for_seconds > 0 && now - start >= config_.run_for_seconds) break;
        for (FrameObserver* o : observers_) o->woke(now, run_->frames);

        if (!queue.empty()) policy.note_input();
        if (take_redraw_request() || window.take_needs_redraw()) policy.note_wake();
        services_.on_wake();
        if (window.take_close_request()) {
            // Between frames here, so no operation is ever cut in half.
            if (!config_.kiosk) break;
            ui.request_exit();  // the screens ask for an admin PIN
            exit_requested = true;
            policy.note_input();
        }
        for (FrameObserver* o : observers_) o->before_frame_due(policy, run_->frames);
        if (!policy.frame_due(now)) continue;

        int win_w = 0, win_h = 0, fb_w = 0, fb_h = 0;
        window.window_size(&win_w, &win_h);
        window.framebuffer_size(&fb_w, &fb_h);
        io.DisplaySize = ImVec2(static_cast<float>(win_w), static_cast<float>(win_h));
        if (win_w > 0 && win_h > 0)
            io.DisplayFramebufferScale = ImVec2(static_cast<float>(fb_w) / win_w, static_cast<float>(fb_h) / win_h);
        io.DeltaTime = static_cast<float>(std::max(now - last_frame, 1e-4));
        last_frame = now;
        scanner.update(store, queue);
        for (FrameObserver* o : observers_) o->before_input(queue);
        if (!queue.empty()) last_input = now;
        const FrameInput frame_input = queue.take_frame();
        feed_frame_input(frame_input, io);
        if (frame_input.scan) ui.scan(*frame_input.scan);  // a barcode scan, for the screen showing

        for (FrameObserver* o : observers_) o->before_build();
        display_.backend.new_frame();
        ImGui::NewFrame();
        // Escape in kiosk mode asks to leave, unless it closes a popup
        // or leaves a text field (the screens use it for that).
        const bool popup_open = ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
        bool drawn = false;
        for (FrameObserver* o : observers_) drawn = drawn || o->draw_instead(io.DisplaySize);
        if (!drawn) ui.draw(now - last_input);
        if (config_.kiosk && !popup_open && !ImGui::IsAnyItemActive() &&
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
            ui.request_exit();
            exit_requested = true;
        }
        ImGui::Render();
        for (FrameObserver* o : observers_) o->after_build();
        glViewport(0, 0, fb_w, fb_h);
        // The screens' white: they draw no full-screen background over it.
        const ImVec4 clear = outpost::colour::screen();
        glClearColor(clear.x, clear.y, clear.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        display_.backend.render(ImGui::GetDrawData());
        ++run_->frames;

        bool observer_ended = false;
        for (FrameObserver* o : observers_)
            observer_ended = o->before_swap(fb_w, fb_h, run_->frames, exit_status) || observer_ended;
        if (observer_ended) break;
        glfwSwapBuffers(window.handle());
        for (FrameObserver* o : observers_)
            observer_ended = o->after_swap(run_->frames, queue, ui, io.DisplaySize) || observer_ended;
        if (observer_ended) break;
        policy.frame_drawn(now, wall_clock_seconds(), ui.wants_frames(), !queue.empty());
        if (ui.exit_approved() && (config_.kiosk || exit_requested)) break;
        if (session_over()) break;
        services_.after_frame(store);  // e.g. a committed operation: sync soon
    }
    run_->seconds += glfwGetTime() - start;
}

}  // namespace outpost

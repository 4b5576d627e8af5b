// The GLFW window and its OpenGL context. Windowed (1366x768, or smaller to
// fit the monitor) or, in kiosk mode, borderless full screen on the monitor.
// Input callbacks only push events into the shell's InputQueue; closing the
// window is only noted (the main loop decides: quit, or ask the screens for
// an admin PIN in kiosk mode).
#pragma once

#include <memory>
#include <string>

#include "kiosk_config.h"

struct GLFWwindow;

namespace outpost {

class InputQueue;

class AppWindow {
public:
    // Initialises GLFW and opens the window with a current GL context:
    // GL 3.0 when config.gl3, else whatever the driver offers (2.1 is
    // enough). Returns null with *error set when there is no display or the
    // driver refuses the context. `queue` must outlive the window.
    static std::unique_ptr<AppWindow> Create(const KioskConfig& config, InputQueue* queue,
                                             std::string* error);
    ~AppWindow();  // destroys the window and terminates GLFW
    AppWindow(const AppWindow&) = delete;
    AppWindow& operator=(const AppWindow&) = delete;

    GLFWwindow* handle() const { return window_; }
    // Size in screen coordinates (what mouse positions use) and in pixels.
    void window_size(int* w, int* h) const;
    void framebuffer_size(int* w, int* h) const;

    // True once after the window was resized, exposed or (un)focused.
    bool take_needs_redraw();
    // True once after the user tried to close the window (the close itself
    // is always cancelled; the main loop decides).
    bool take_close_request();

private:
    AppWindow() = default;
    static AppWindow* from(GLFWwindow* w);
    void install_callbacks();

    GLFWwindow* window_ = nullptr;
    InputQueue* queue_ = nullptr;
    bool needs_redraw_ = false;
    bool close_requested_ = false;
};

// Thread safe, callable from any thread (the sync client calls it after it
// publishes a result): the main loop wakes and draws a couple of frames.
// Harmless when no window exists.
void request_redraw();
// Main thread: true once after request_redraw() was called.
bool take_redraw_request();

}  // namespace outpost

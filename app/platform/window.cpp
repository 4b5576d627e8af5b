// GLFW window, context and input callbacks (see window.h).
#include "window.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <utility>

#include "input_queue.h"

namespace outpost {
namespace {

// request_redraw() may run on the sync thread while the window is created or
// destroyed on the main thread; glfwPostEmptyEvent is only called in between.
std::atomic<bool> g_window_alive{false};
std::atomic<bool> g_redraw_requested{false};

void print_glfw_error(int code, const char* description) {
    std::fprintf(stderr, "outpost: GLFW error %d: %s\n", code, description);
}

constexpr int kDefaultWidth = 1366, kDefaultHeight = 768;

}  // namespace

void request_redraw() {
    g_redraw_requested.store(true);
    if (g_window_alive.load()) glfwPostEmptyEvent();
}

bool take_redraw_request() { return g_redraw_requested.exchange(false); }

AppWindow* AppWindow::from(GLFWwindow* w) { return static_cast<AppWindow*>(glfwGetWindowUserPointer(w)); }

std::unique_ptr<AppWindow> AppWindow::Create(const KioskConfig& c, InputQueue* queue,
                                             std::string* error) {
    glfwSetErrorCallback(print_glfw_error);
    if (!glfwInit()) {
        *error = "could not start the window system (no display? set DISPLAY, or run under xvfb-run)";
        return nullptr;
    }
    std::unique_ptr<AppWindow> self(new AppWindow());
    self->queue_ = queue;
    if (c.gl3) {
        // The 1.86 opengl3 backend refuses GL 2.x contexts: ask for 3.0.
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    }
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    const char* title = c.demo ? "Outpost (DEMO)" : "Outpost";
    if (c.kiosk && mode) {
        // "Windowed full screen": matching the current mode avoids a mode
        // switch, and the window must not minimise when focus moves.
        glfwWindowHint(GLFW_RED_BITS, mode->redBits);
        glfwWindowHint(GLFW_GREEN_BITS, mode->greenBits);
        glfwWindowHint(GLFW_BLUE_BITS, mode->blueBits);
        glfwWindowHint(GLFW_REFRESH_RATE, mode->refreshRate);
        glfwWindowHint(GLFW_AUTO_ICONIFY, GLFW_FALSE);
        glfwWindowHint(GLFW_DECORATED, GLFW_FALSE);
        self->window_ = glfwCreateWindow(mode->width, mode->height, title, monitor, nullptr);
    } else {
        int w = c.window_width, h = c.window_height;
        if (w == 0 || h == 0) {
            w = kDefaultWidth;
            h = kDefaultHeight;
            int ax = 0, ay = 0, aw = 0, ah = 0;
            if (monitor) glfwGetMonitorWorkarea(monitor, &ax, &ay, &aw, &ah);
            if (aw > 0 && ah > 0) {
                w = std::min(w, aw);
                h = std::min(h, ah);
            }
        }
        self->window_ = glfwCreateWindow(w, h, title, nullptr, nullptr);
    }
    if (!self->window_) {
        *error = c.gl3 ? "could not open a window with OpenGL 3.0; try without --gl3"
                       : "could not open a window with OpenGL (2.1 or newer is needed)";
        glfwTerminate();
        return nullptr;
    }
    glfwMakeContextCurrent(self->window_);
    glfwSwapInterval(1);
    glfwSetWindowUserPointer(self->window_, self.get());
    if (c.touch) glfwSetInputMode(self->window_, GLFW_CURSOR, GLFW_CURSOR_HIDDEN);
    self->install_callbacks();
    g_window_alive.store(true);
    return self;
}

AppWindow::~AppWindow() {
    g_window_alive.store(false);
    if (window_) glfwDestroyWindow(window_);
    glfwTerminate();
}

void AppWindow::install_callbacks() {
    glfwSetCursorPosCallback(window_, [](GLFWwindow* w, double x, double y) {
        from(w)->queue_->push(InputEvent::cursor(static_cast<float>(x), static_cast<float>(y)));
    });
    glfwSetMouseButtonCallback(window_, [](GLFWwindow* w, int button, int action, int) {
        // A touch at the very spot of the last one moves nothing, and after a
        // touch ends the pointer counts as gone: say where the press is.
        double x = 0, y = 0;
        glfwGetCursorPos(w, &x, &y);
        InputQueue* q = from(w)->queue_;
        q->push(InputEvent::cursor(static_cast<float>(x), static_cast<float>(y)));
        q->push(InputEvent::button(button, action == GLFW_PRESS));
    });
    glfwSetScrollCallback(window_, [](GLFWwindow* w, double dx, double dy) {
        from(w)->queue_->push(InputEvent::scroll(static_cast<float>(dx), static_cast<float>(dy)));
    });
    glfwSetKeyCallback(window_, [](GLFWwindow* w, int key, int, int action, int) {
        // ImGui repeats held keys itself; GLFW_REPEAT would count as presses.
        if (action == GLFW_REPEAT) return;
        from(w)->queue_->push(InputEvent::key(key, action == GLFW_PRESS));
    });
    glfwSetCharCallback(window_, [](GLFWwindow* w, unsigned int codepoint) {
        from(w)->queue_->push(InputEvent::character_typed(codepoint));
    });
    glfwSetFramebufferSizeCallback(window_, [](GLFWwindow* w, int, int) { from(w)->needs_redraw_ = true; });
    glfwSetWindowRefreshCallback(window_, [](GLFWwindow* w) { from(w)->needs_redraw_ = true; });
    glfwSetWindowFocusCallback(window_, [](GLFWwindow* w, int) { from(w)->needs_redraw_ = true; });
    glfwSetWindowCloseCallback(window_, [](GLFWwindow* w) {
        glfwSetWindowShouldClose(w, GLFW_FALSE);
        from(w)->close_requested_ = true;
    });
}

void AppWindow::window_size(int* w, int* h) const { glfwGetWindowSize(window_, w, h); }
void AppWindow::framebuffer_size(int* w, int* h) const { glfwGetFramebufferSize(window_, w, h); }

bool AppWindow::take_needs_redraw() { return std::exchange(needs_redraw_, false); }
bool AppWindow::take_close_request() { return std::exchange(close_requested_, false); }

}  // namespace outpost

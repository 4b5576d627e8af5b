// Start-up step: the display. The GLFW window with its GL context, the input
// queue its callbacks fill, the ImGui context (no layout file, the shell's
// key map and clipboard, fonts sized from the window's height and --scale)
// and the GL renderer. Closed in the reverse order: renderer, ImGui, window.
#pragma once

#include <imgui.h>

#include <memory>
#include <string>

#include "clock.h"
#include "gl_backend.h"
#include "input_queue.h"
#include "kiosk_config.h"
#include "window.h"

namespace outpost {

class Display {
public:
    // Main thread, once per process. Null with *error set (a sentence for
    // "outpost: ...") when there is no display, the driver refuses the
    // context or the renderer does not start. With --first-frame-stats,
    // prints which GL renderer the figures are measured on.
    static std::unique_ptr<Display> Open(const KioskConfig& config, std::string* error);
    ~Display();
    Display(const Display&) = delete;
    Display& operator=(const Display&) = delete;

    InputQueue queue;  // before the window, which pushes into it
    // The clock the queue times keys by, to tell a barcode scanner's burst
    // from typing (input_queue.h, docs/barcodes.md).
    SystemClock scan_clock;
    std::unique_ptr<AppWindow> window;
    GlBackend backend;
    ImGuiIO* io = nullptr;

private:
    explicit Display(const KioskConfig& config) : queue(config.touch) {}
    bool imgui_ = false;
};

}  // namespace outpost

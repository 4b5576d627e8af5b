// The window, ImGui and the GL renderer the frame loop draws with; see
// display.h.
#include "display.h"

#include <GL/gl.h>
#include <GLFW/glfw3.h>

#include <cstdio>
#include <filesystem>
#include <system_error>
#include <vector>

#include "fonts.h"
#include "imgui_input.h"
#include "ui_scale.h"

namespace outpost {
namespace {

// fonts/ next to the installed binary, in the build tree, and in the sources.
std::vector<std::string> font_dirs() {
    std::vector<std::string> dirs;
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        dirs.push_back((exe.parent_path().parent_path() / "share/outpost/fonts").string());
        dirs.push_back((exe.parent_path().parent_path() / "fonts").string());
        dirs.push_back((exe.parent_path() / "fonts").string());
    }
#ifdef OUTPOST_SOURCE_FONTS_DIR
    dirs.push_back(OUTPOST_SOURCE_FONTS_DIR);
#endif
    return dirs;
}

void install_clipboard(ImGuiIO& io, GLFWwindow* window) {
    io.ClipboardUserData = window;
    io.SetClipboardTextFn = [](void* w, const char* text) {
        glfwSetClipboardString(static_cast<GLFWwindow*>(w), text);
    };
    io.GetClipboardTextFn = [](void* w) { return glfwGetClipboardString(static_cast<GLFWwindow*>(w)); };
}

}  // namespace

std::unique_ptr<Display> Display::Open(const KioskConfig& config, std::string* error) {
    std::unique_ptr<Display> d(new Display(config));
    // Keyboard-wedge scans become UiRoot::scan calls (see frame_loop.cpp)
    // instead of typed characters.
    d->queue.enable_scanning(ScanSettings{}, &d->scan_clock);
    d->window = AppWindow::Create(config, &d->queue, error);
    if (!d->window) return nullptr;

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    d->imgui_ = true;
    ImGuiIO& io = ImGui::GetIO();
    d->io = &io;
    io.IniFilename = nullptr;  // a kiosk keeps no layout file in whatever folder it started in
    io.BackendPlatformName = "outpost_glfw_input_queue";
    install_key_map(io);
    install_clipboard(io, d->window->handle());

    int win_w = 0, win_h = 0;
    d->window->window_size(&win_w, &win_h);
    const float font_px = font_pixels(win_h, config.scale);
    load_fonts(io, font_px, font_dirs());
    // ImGui's paddings and spacings are designed for its 13 px font.
    ImGui::GetStyle().ScaleAllSizes(font_px / kImGuiDesignFontPixels);

    if (!d->backend.init(config.gl3)) {
        *error = std::string("the OpenGL renderer did not start") + (config.gl3 ? "; try without --gl3" : "");
        return nullptr;  // ~Display: ImGui, then the window
    }
    if (config.first_frame_stats)  // which GL the figures were measured on (llvmpipe under Xvfb)
        std::fprintf(stderr, "outpost: GL renderer: %s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
    return d;
}

Display::~Display() {
    backend.shutdown();  // harmless when it never started
    if (imgui_) ImGui::DestroyContext();
    window.reset();
}

}  // namespace outpost

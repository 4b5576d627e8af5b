// The high-contrast kiosk theme: dark text on a light background, every
// control outlined with a border of at least 3:1 contrast (WCAG 1.4.11), and
// sizes in em so the same layout works at any font size or scale.
#pragma once

#include <imgui.h>

namespace outpost {

// Colours the screens use for meaning, not decoration.
namespace colour {
inline ImVec4 text() { return ImVec4(0.07f, 0.07f, 0.07f, 1.0f); }
inline ImVec4 muted() { return ImVec4(0.30f, 0.30f, 0.30f, 1.0f); }     // 7.5:1 on background
inline ImVec4 error() { return ImVec4(0.70f, 0.05f, 0.05f, 1.0f); }     // red text, 6.8:1
inline ImVec4 error_bg() { return ImVec4(1.00f, 0.88f, 0.88f, 1.0f); }
inline ImVec4 amber() { return ImVec4(0.55f, 0.33f, 0.00f, 1.0f); }     // dark amber text, 5.9:1
inline ImVec4 amber_bg() { return ImVec4(1.00f, 0.93f, 0.75f, 1.0f); }
inline ImVec4 good() { return ImVec4(0.05f, 0.40f, 0.12f, 1.0f); }
inline ImVec4 notice_bg() { return ImVec4(0.86f, 0.93f, 1.00f, 1.0f); }
inline ImVec4 demo_bg() { return ImVec4(0.55f, 0.10f, 0.45f, 1.0f); }    // white text on it
// The screen's own white (under the header, and lists' and popups'). The
// app clears the frame to it, so the screen draws no background quad: with
// software GL (llvmpipe) each full-screen blended layer costs ~7 ms a frame.
inline ImVec4 screen() { return ImVec4(1.0f, 1.0f, 1.0f, 1.0f); }
}  // namespace colour

// Applies the theme to the current ImGui style. `em` is the regular font's
// pixel size (already scaled); every spacing is derived from it.
// REQUIRES: a current ImGui context.
void apply_theme(float em);

}  // namespace outpost

// Every text ImGui drew in the latest frame, as the screens' tests see it:
// the string, where it was drawn, its size, the clip rectangle it was drawn
// into, and whether its bytes came from the program image (a string literal
// that never went through tr(): a translation lives in the mapped .mo file,
// data and formatted text on the heap).
//
// How: the test executables link with
//   -Wl,--wrap=<ImDrawList::AddText, both overloads>
// (libimgui.a is a static library), so every call into ImDrawList::AddText
// from imgui.cpp, imgui_widgets.cpp, imgui_tables.cpp and the screens
// reaches drawn_text.cpp first, which records the text and calls the real
// AddText. capture_works() tells a test whether the wrap is in place (a
// build that lost the link option records nothing; the tests then fail
// instead of passing on an empty list).
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

struct ImDrawList;

namespace outpost::screens_test {

struct DrawnText {
    std::string text;
    ImVec2 min, max;        // the text's box (wrapped when wrap_width > 0)
    ImVec2 clip_min, clip_max;  // what the draw list shows of it
    const ImDrawList* list = nullptr;
    bool literal = false;   // bytes inside the program image (see above)
    // Drawn in a window that scrolls sideways (a wide table): a text cut at
    // its edge is reached by scrolling.
    bool scrolls_sideways = false;
    // Some part of the box is inside the clip rectangle.
    bool visible() const {
        return max.x > clip_min.x && min.x < clip_max.x && max.y > clip_min.y && min.y < clip_max.y;
    }
    // Visible, but cut on the left or the right by the clip rectangle.
    bool cut_sideways(float slack = 1.0f) const {
        return visible() && max.y <= clip_max.y + slack && min.y >= clip_min.y - slack &&
               (min.x < clip_min.x - slack || max.x > clip_max.x + slack);
    }
};

// The texts of the latest frame (cleared by begin_frame, called by Ui::frame).
const std::vector<DrawnText>& drawn_texts();
// The format strings given to ImGui::Text, TextColored, TextWrapped and
// TextDisabled in the latest frame that are string literals (in the program
// image): formatted text is drawn from ImGui's buffer, so its literal-ness
// is seen here (also wrapped: -Wl,--wrap=_ZN5ImGui4TextEPKcz ...).
const std::vector<std::string>& literal_formats();
// Drops the texts of draw lists ImGui did not render (the fallback "Debug"
// window ImGui begins in every frame and hides when nothing was drawn in
// it). Ui::frame calls it after ImGui::Render.
void keep_rendered_texts();
void begin_drawn_text_frame();
// True when the wrap of ImDrawList::AddText is linked in (a probe text is
// recorded through it).
bool capture_works();
// True when p points into the program image (text, rodata or data).
bool in_program_image(const void* p);
// Notes a format string given to ImGui::Text and its kin (the wraps call it).
void note_format(const char* fmt);

}  // namespace outpost::screens_test

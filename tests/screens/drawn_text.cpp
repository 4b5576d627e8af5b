// The wrap of ImDrawList::AddText (see drawn_text.h). The wrappers are
// extern "C" with the member functions' mangled names: `this` is the first
// argument in the Itanium C++ ABI, so the signatures line up.
#include "drawn_text.h"

#include <imgui_internal.h>

#include <algorithm>
#include <cstdarg>
#include <cstring>

extern "C" {
// Linker-defined bounds of the executable's image (GNU ld, also under PIE).
extern char __executable_start;
extern char edata;

void __real__ZN10ImDrawList7AddTextEPK6ImFontfRK6ImVec2jPKcS7_fPK6ImVec4(
    ImDrawList* self, const ImFont* font, float font_size, const ImVec2& pos, ImU32 col,
    const char* text_begin, const char* text_end, float wrap_width, const ImVec4* cpu_fine_clip_rect);
void __real__ZN10ImDrawList7AddTextERK6ImVec2jPKcS4_(ImDrawList* self, const ImVec2& pos, ImU32 col,
                                                    const char* text_begin, const char* text_end);
}

namespace outpost::screens_test {
namespace {

std::vector<DrawnText>& texts() {
    static std::vector<DrawnText> t;
    return t;
}

std::vector<std::string>& formats() {
    static std::vector<std::string> f;
    return f;
}

}  // namespace

void note_format(const char* fmt) {
    if (fmt && in_program_image(fmt)) formats().push_back(fmt);
}

namespace {

void record(ImDrawList* self, const ImFont* font, float font_size, const ImVec2& pos, ImU32 col,
            const char* begin, const char* end, float wrap_width, const ImVec4* fine_clip) {
    if ((col & IM_COL32_A_MASK) == 0 || begin == nullptr) return;  // AddText draws nothing
    if (end == nullptr) end = begin + std::strlen(begin);
    if (begin == end) return;
    if (font == nullptr) font = self->_Data->Font;
    if (font_size == 0.0f) font_size = self->_Data->FontSize;
    DrawnText t;
    t.text.assign(begin, end);
    t.list = self;
    t.literal = in_program_image(begin);
    if (ImGuiContext* g = ImGui::GetCurrentContext())
        t.scrolls_sideways = g->CurrentWindow && g->CurrentWindow->ScrollMax.x > 0;
    const ImVec2 size = font->CalcTextSizeA(font_size, FLT_MAX, wrap_width, begin, end);
    t.min = pos;
    t.max = ImVec2(pos.x + size.x, pos.y + size.y);
    ImVec4 clip = self->_CmdHeader.ClipRect;
    if (fine_clip) {
        clip.x = std::max(clip.x, fine_clip->x);
        clip.y = std::max(clip.y, fine_clip->y);
        clip.z = std::min(clip.z, fine_clip->z);
        clip.w = std::min(clip.w, fine_clip->w);
    }
    t.clip_min = ImVec2(clip.x, clip.y);
    t.clip_max = ImVec2(clip.z, clip.w);
    texts().push_back(std::move(t));
}

}  // namespace

const std::vector<DrawnText>& drawn_texts() { return texts(); }
const std::vector<std::string>& literal_formats() { return formats(); }
void begin_drawn_text_frame() {
    texts().clear();
    formats().clear();
}

void keep_rendered_texts() {
    const ImDrawData* d = ImGui::GetDrawData();
    if (!d || !d->Valid) return;
    auto rendered = [d](const ImDrawList* l) {
        for (int i = 0; i < d->CmdListsCount; ++i)
            if (d->CmdLists[i] == l) return true;
        return false;
    };
    auto& t = texts();
    t.erase(std::remove_if(t.begin(), t.end(), [&](const DrawnText& x) { return !rendered(x.list); }),
            t.end());
}

bool in_program_image(const void* p) {
    const char* c = static_cast<const char*>(p);
    return c >= &__executable_start && c < &edata;
}

bool capture_works() {
    // Draw into a private draw list (no ImGui frame needed) and look.
    ImDrawListSharedData shared;
    ImFont* font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
    if (font == nullptr || !font->IsLoaded()) return false;
    shared.Font = font;
    shared.FontSize = font->FontSize;
    ImDrawList list(&shared);
    list._ResetForNewFrame();
    list.PushClipRect(ImVec2(0, 0), ImVec2(100, 100));
    list.PushTextureID(font->ContainerAtlas->TexID);
    const size_t before = texts().size();
    static const char kProbe[] = "drawn-text probe";
    list.AddText(ImVec2(1, 1), IM_COL32_WHITE, kProbe);
    const bool seen = texts().size() == before + 1 && texts().back().text == kProbe &&
                      texts().back().literal;
    if (texts().size() > before) texts().resize(before);
    return seen;
}

}  // namespace outpost::screens_test

extern "C" {

void __wrap__ZN10ImDrawList7AddTextEPK6ImFontfRK6ImVec2jPKcS7_fPK6ImVec4(
    ImDrawList* self, const ImFont* font, float font_size, const ImVec2& pos, ImU32 col,
    const char* text_begin, const char* text_end, float wrap_width, const ImVec4* cpu_fine_clip_rect) {
    outpost::screens_test::record(self, font, font_size, pos, col, text_begin, text_end, wrap_width,
                                  cpu_fine_clip_rect);
    __real__ZN10ImDrawList7AddTextEPK6ImFontfRK6ImVec2jPKcS7_fPK6ImVec4(
        self, font, font_size, pos, col, text_begin, text_end, wrap_width, cpu_fine_clip_rect);
}

// The short overload calls the long one inside imgui_draw.o (not wrapped
// there), so it is recorded here once.
void __wrap__ZN10ImDrawList7AddTextERK6ImVec2jPKcS4_(ImDrawList* self, const ImVec2& pos, ImU32 col,
                                                    const char* text_begin, const char* text_end) {
    outpost::screens_test::record(self, nullptr, 0.0f, pos, col, text_begin, text_end, 0.0f, nullptr);
    __real__ZN10ImDrawList7AddTextERK6ImVec2jPKcS4_(self, pos, col, text_begin, text_end);
}

}  // extern "C"

// ImGui's formatted texts: the format's origin is noted, then the real
// function's V form draws it.
extern "C" {

void __wrap__ZN5ImGui4TextEPKcz(const char* fmt, ...) {
    outpost::screens_test::note_format(fmt);
    va_list args;
    va_start(args, fmt);
    ImGui::TextV(fmt, args);
    va_end(args);
}

void __wrap__ZN5ImGui11TextColoredERK6ImVec4PKcz(const ImVec4& col, const char* fmt, ...) {
    outpost::screens_test::note_format(fmt);
    va_list args;
    va_start(args, fmt);
    ImGui::TextColoredV(col, fmt, args);
    va_end(args);
}

void __wrap__ZN5ImGui11TextWrappedEPKcz(const char* fmt, ...) {
    outpost::screens_test::note_format(fmt);
    va_list args;
    va_start(args, fmt);
    ImGui::TextWrappedV(fmt, args);
    va_end(args);
}

void __wrap__ZN5ImGui12TextDisabledEPKcz(const char* fmt, ...) {
    outpost::screens_test::note_format(fmt);
    va_list args;
    va_start(args, fmt);
    ImGui::TextDisabledV(fmt, args);
    va_end(args);
}

}  // extern "C"

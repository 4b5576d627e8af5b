// Touch widgets (see widgets.h). Sizes come from em() so a larger font or
// UiOptions::scale grows every target together; nothing here keeps state of
// its own: drag state lives in UiRoot::State.
#include "widgets.h"

#include <imgui_internal.h>  // ClearActiveID: a drag must not end as a tap
#include <imgui_stdlib.h>

#include <cctype>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "directions.h"
#include "quantity.h"
namespace outpost {

const WidgetProbe::Rect* WidgetProbe::find(const std::string& key) const {
    auto it = rects_.find(key);
    return it == rects_.end() ? nullptr : &it->second;
}

const WidgetProbe::Rect* WidgetProbe::find_prefix(const std::string& prefix,
                                                  std::string* key) const {
    auto it = rects_.lower_bound(prefix);
    if (it == rects_.end() || it->first.compare(0, prefix.size(), prefix) != 0) return nullptr;
    if (key) *key = it->first;
    return &it->second;
}

const WidgetProbe::Rect* WidgetProbe::find_containing(const std::string& part,
                                                      std::string* key) const {
    for (const auto& [k, rect] : rects_) {
        if (k.find(part) == std::string::npos) continue;
        if (key) *key = k;
        return &rect;
    }
    return nullptr;
}

void record_item(State& s, const std::string& key) {
    if (!s.probe) return;
    // The part of the window that shows: a widget scrolled out of it cannot
    // be tapped, and the harness refuses to.
    const ImRect clip = ImGui::GetCurrentWindow()->ClipRect;
    s.probe->record(key, ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), clip.Min, clip.Max);
}

namespace {

void record(State& s, const char* key) { record_item(s, key); }

float label_width(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + 2 * ImGui::GetStyle().FramePadding.x;
}

}  // namespace

float em() {
    const ImGuiIO& io = ImGui::GetIO();
    const ImFont* f = io.FontDefault ? io.FontDefault
                                     : (io.Fonts->Fonts.Size > 0 ? io.Fonts->Fonts[0] : nullptr);
    return (f ? f->FontSize : 13.0f) * io.FontGlobalScale;
}

float touch_height() { return 2.7f * em(); }

void push_large_font() {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::PushFont(io.Fonts->Fonts.Size > 1 ? io.Fonts->Fonts[1] : ImGui::GetFont());
}
void push_bold_font() {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::PushFont(io.Fonts->Fonts.Size > 2 ? io.Fonts->Fonts[2] : ImGui::GetFont());
}
void pop_font() { ImGui::PopFont(); }

void heading(const char* text) {
    push_large_font();
    ImGui::TextUnformatted(text);
    pop_font();
}

bool big_button(State& s, const char* label, float width, bool enabled) {
    if (width <= 0) width = std::max(4.0f * em(), label_width(label));
    if (!enabled) ImGui::BeginDisabled();
    const bool pressed = ImGui::Button(label, ImVec2(width, touch_height()));
    if (!enabled) ImGui::EndDisabled();
    record(s, label);
    return pressed && enabled;
}

bool toggle_button(State& s, const char* label, bool on, float width) {
    if (on) {
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 3.0f);
    }
    const bool pressed = big_button(s, label, width);
    if (on) {
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    }
    return pressed;
}

bool row_button(State& s, const char* label, bool selected) {
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
    // A row at rest is its outline on the list's white: no fill of its own.
    // Software GL (llvmpipe on the clinic laptops) pays for every filled
    // pixel, and a screen of grey rows is one more full layer of the list.
    // Hover, press and selection still fill (ImDrawList skips alpha 0).
    ImGui::PushStyleColor(ImGuiCol_Button, selected ? ImGui::GetStyleColorVec4(ImGuiCol_Header)
                                                    : ImVec4(0, 0, 0, 0));
    // A label longer than the row ends in "..." (French and Portuguese run
    // longer); the ImGui id and the probe key stay the whole label.
    const char* hash = std::strstr(label, "##");
    const std::string words = hash ? std::string(label, hash) : std::string(label);
    const float room = ImGui::GetContentRegionAvail().x - 2 * ImGui::GetStyle().FramePadding.x;
    const bool fits = ImGui::CalcTextSize(words.c_str()).x <= room;
    const std::string shown = fits ? std::string() : fit_lines(words, room, 1) + "###" + label;
    const bool pressed = ImGui::Button(fits ? label : shown.c_str(), ImVec2(-1.0f, touch_height()));
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    record(s, label);
    return pressed && !s.dragging;
}

namespace {
// Pads a frame so a single-line field is as tall as a touch button.
void push_tall_frame() {
    const float pad_y = std::max(0.0f, (touch_height() - ImGui::GetFontSize()) / 2);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                        ImVec2(ImGui::GetStyle().FramePadding.x, pad_y));
}
}  // namespace

namespace {
// Byte length of the first max_chars characters of UTF-8 text.
size_t utf8_prefix_bytes(const char* text, size_t bytes, size_t max_chars) {
    size_t chars = 0;
    for (size_t i = 0; i < bytes; ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (chars == max_chars) return i;
            ++chars;
        }
    }
    return bytes;
}

struct FieldRules {
    size_t max_chars = 0;  // 0: no limit
    bool tab = false;      // set when Tab was pressed in a field that hands it on
};

// ImGui's callbacks: what was typed or pasted past the limit goes at once;
// Tab (completion) is noted for the screen.
int field_callback(ImGuiInputTextCallbackData* data) {
    auto* rules = static_cast<FieldRules*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackCompletion) {
        rules->tab = true;
        return 0;
    }
    const size_t max_chars = rules->max_chars;
    if (max_chars == 0) return 0;
    const size_t keep = utf8_prefix_bytes(data->Buf, static_cast<size_t>(data->BufTextLen), max_chars);
    if (keep < static_cast<size_t>(data->BufTextLen))
        data->DeleteChars(static_cast<int>(keep), data->BufTextLen - static_cast<int>(keep));
    return 0;
}
}  // namespace

bool text_field(State& s, const char* caption, const char* id, std::string* value,
                const char* hint, float width, size_t max_chars, bool* tab_pressed) {
    // A caption may carry "##id" like a button ("Item##caption"), so two
    // catalogue entries of the same word stay apart; it is not shown.
    if (caption && *caption) ImGui::TextUnformatted(caption, ImGui::FindRenderedTextEnd(caption));
    const ImGuiID field = ImGui::GetID(id);
    // The field the on-screen keyboard types into wears a thick outline, so
    // it is clear where the letters go while ImGui's own cursor is not in it.
    const bool keyboard_target = s.keyboard.field == field;
    if (keyboard_target) {
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 3.0f);
        ImGui::PushStyleColor(ImGuiCol_Border, colour::text());
    }
    push_tall_frame();
    ImGui::SetNextItemWidth(width > 0 ? width : -1.0f);
    FieldRules rules;
    rules.max_chars = max_chars;
    const ImGuiInputTextFlags flags = (max_chars > 0 ? ImGuiInputTextFlags_CallbackEdit : 0) |
                                      (tab_pressed ? ImGuiInputTextFlags_CallbackCompletion : 0);
    bool changed = flags ? ImGui::InputTextWithHint(id, hint, value, flags, field_callback, &rules)
                         : ImGui::InputTextWithHint(id, hint, value);
    if (tab_pressed) {
        *tab_pressed = rules.tab;
        if (rules.tab) {
            ImGui::ClearActiveID();  // the screen moves on (a keypad, the next field)
            hide_text_keyboard(s);
        }
    }
    ImGui::PopStyleVar();
    if (keyboard_target) {
        ImGui::PopStyleColor();
        ImGui::PopStyleVar();
    }
    record(s, id);
    // A tap (not keyboard navigation) opens the on-screen keyboard for it.
    const bool touched = ImGui::IsItemActivated() && ImGui::IsMouseDown(0);
    text_keyboard_field(s, field, touched, value);
    // Keys tapped last frame changed the text after this field was drawn.
    if (keyboard_target && s.keyboard.typed_frame == ImGui::GetFrameCount() - 1) changed = true;
    if (max_chars > 0) {
        // The on-screen keyboard appends to the string itself: cut it here.
        const size_t keep = utf8_prefix_bytes(value->data(), value->size(), max_chars);
        if (keep < value->size()) value->resize(keep);
        if (utf8_prefix_bytes(value->data(), value->size(), max_chars - 1) < value->size()) {
            const std::string limit = i18n::format(i18n::tr("At most {0} characters."), {std::to_string(max_chars)});
            text_coloured(colour::muted(), limit);
            if (s.probe) s.probe->note(std::string("limit") + id, limit);
        }
    }
    return changed;
}

void text_field_pair(State& s, const char* caption1, const char* id1, std::string* value1,
                     const char* caption2, const char* id2, std::string* value2, const char* hint1,
                     const char* hint2, size_t max1, size_t max2) {
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    const ImVec2 start = ImGui::GetCursorPos();
    ImGui::BeginGroup();
    text_field(s, caption1, id1, value1, hint1, half, max1);
    ImGui::EndGroup();
    const float end_y = ImGui::GetCursorPosY();
    // Both captions on one line: the second group starts where the first did.
    ImGui::SetCursorPos(ImVec2(start.x + half + ImGui::GetStyle().ItemSpacing.x, start.y));
    ImGui::BeginGroup();
    text_field(s, caption2, id2, value2, hint2, half, max2);
    ImGui::EndGroup();
    ImGui::SetCursorPosY(std::max(end_y, ImGui::GetCursorPosY()));
}

bool number_field(State& s, const char* caption, const char* id, const std::string& value,
                  bool editing, float width, bool masked) {
    if (caption && *caption) ImGui::TextUnformatted(caption, ImGui::FindRenderedTextEnd(caption));
    std::string shown = masked ? std::string(value.size(), '*') : value;
    if (editing) shown += "_";
    if (width <= 0) width = 8.0f * em();
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.05f, 0.5f));
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(
                                               editing ? ImGuiCol_FrameBgActive : ImGuiCol_FrameBg));
    if (editing) ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 3.0f);
    const std::string label = shown + "##" + id;
    const bool pressed = ImGui::Button(label.c_str(), ImVec2(width, touch_height()));
    if (editing) ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    ImGui::PopStyleVar();
    record_item(s, id);
    // Numbers come from the keypad: the text keyboard makes way for it.
    if (pressed) hide_text_keyboard(s);
    return pressed;
}

namespace {
const char* const kKeys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", N_("Clear"), "0", N_("Back")};

// A key is 3.6 em wide, or as wide as the longer of Clear and Back in the
// screen language ("Corriger" does not fit in 3.6 em at 18 px).
float keypad_key_width() {
    float w = 3.6f * em();
    for (const char* word : {kKeys[9], kKeys[11]}) w = std::max(w, label_width(i18n::tr(word)));
    return w;
}
}  // namespace

float keypad_width() {
    return 3 * keypad_key_width() + 2 * ImGui::GetStyle().ItemSpacing.x;
}

bool keypad(State& s, const char* id, std::string* text, int max_digits, const char* ok_label) {
    const float key_w = keypad_key_width();
    bool ok = false;
    ImGui::BeginGroup();
    for (int i = 0; i < 12; ++i) {
        if (i % 3 != 0) ImGui::SameLine();
        // Clear and Back are words; the digits are the same in every language.
        const std::string label = std::string(i == 9 || i == 11 ? i18n::tr(kKeys[i]) : kKeys[i]) + "##" + id;
        if (big_button(s, label.c_str(), key_w)) {
            const std::string key = kKeys[i];
            s.keyboard.keypad_refused.clear();
            if (key == "Clear") {
                text->clear();
            } else if (key == "Back") {
                if (!text->empty()) text->pop_back();
            } else if (static_cast<int>(text->size()) < max_digits) {
                *text += key;
            }
        }
    }
    const std::string ok_id = std::string(ok_label) + "##" + id;
    if (big_button(s, ok_id.c_str(), keypad_width())) ok = true;
    if (static_cast<int>(text->size()) >= max_digits) {
        const std::string limit = i18n::format(i18n::tr("At most {0} digits."), {std::to_string(max_digits)});
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + keypad_width());
        text_coloured(colour::muted(), limit);
        ImGui::PopTextWrapPos();
        if (s.probe) s.probe->note("keypad-limit", limit);
    }
    if (!s.keyboard.keypad_refused.empty()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + keypad_width());
        text_coloured(colour::error(), s.keyboard.keypad_refused);
        ImGui::PopTextWrapPos();
        if (s.probe) s.probe->note("keypad-refused", s.keyboard.keypad_refused);
    }
    ImGui::EndGroup();

    // A laptop keyboard works too, while no text field has the focus.
    if (!ImGui::IsAnyItemActive() && !ImGui::GetIO().WantTextInput && s.keyboard.field == 0) {
        ImGuiIO& io = ImGui::GetIO();
        for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
            const ImWchar c = io.InputQueueCharacters[i];
            if (c >= '0' && c <= '9') {
                s.keyboard.keypad_refused.clear();
                if (static_cast<int>(text->size()) < max_digits) *text += static_cast<char>(c);
            } else if (c > ' ') {
                char ch[5];
                ImTextCharToUtf8(ch, c);
                s.keyboard.keypad_refused =
                    i18n::format(i18n::tr("Only digits here: \"{0}\" was not typed."), {std::string(ch)});
            }
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !text->empty()) {
            text->pop_back();
            s.keyboard.keypad_refused.clear();
        }
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
            ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)))
            ok = true;
    }
    return ok;
}

int64_t keypad_number(const std::string& text) {
    auto n = parse_quantity(text);
    return n.ok() ? n.value() : 0;
}

void text_coloured(const ImVec4& c, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, c);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void show_banner(State& s, const Banner& b) {
    if (b.text.empty()) return;
    if (s.probe) s.probe->note(b.error ? "banner:error" : "banner:notice", b.text);
    const ImVec4 bg = b.error ? colour::error_bg() : colour::notice_bg();
    const ImVec4 fg = b.error ? colour::error() : colour::text();
    const float pad = 0.4f * em();
    const float x0 = ImGui::GetCursorScreenPos().x;
    const float width = ImGui::GetContentRegionAvail().x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + pad);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + pad);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * pad);
    ImGui::PushStyleColor(ImGuiCol_Text, fg);
    push_bold_font();
    ImGui::TextWrapped("%s", b.text.c_str());
    pop_font();
    ImGui::PopStyleColor();
    ImGui::PopTextWrapPos();
    const ImVec2 min(x0, ImGui::GetItemRectMin().y - pad);
    const ImVec2 max(x0 + width - 1, ImGui::GetItemRectMax().y + pad);
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(min, max, ImGui::GetColorU32(bg));
    dl->AddRect(min, max, ImGui::GetColorU32(fg), 0.0f, 0, 2.0f);
    dl->ChannelsMerge();
    ImGui::Dummy(ImVec2(0, pad));
}

Answer confirm_dialog(State& s, const char* id, bool* open, const std::string& message,
                      const char* yes_label, const char* no_label) {
    if (!*open) return Answer::kNone;
    if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(32.0f * em(), display.x * 0.9f), 0));
    Answer answer = Answer::kNone;
    if (ImGui::BeginPopupModal(id, nullptr,
                               ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                   ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::TextWrapped("%s", message.c_str());
        ImGui::Spacing();
        if (big_button(s, yes_label)) answer = Answer::kYes;
        ImGui::SameLine();
        if (big_button(s, no_label)) answer = Answer::kNo;
        if (answer != Answer::kNone) {
            *open = false;
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    return answer;
}

void begin_touch_list(State& s, const char* id, ImVec2 size, bool border) {
    (void)s;
    // No background: lists sit on the screen's own white, and a second
    // white layer would only cost a software renderer a full-area blend.
    ImGui::BeginChild(id, size, border, ImGuiWindowFlags_NoBackground);
}

void end_touch_list(State& s) {
    // Drag-to-scroll: a touch that starts inside the list (not on its
    // scrollbar) and moves more than half an em scrolls it, and no longer
    // counts as a tap on the row under the finger.
    ImGuiIO& io = ImGui::GetIO();
    const ImVec2 pos = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
    const ImVec2 start = io.MouseClickedPos[0];
    const bool started_inside = start.x >= pos.x &&
                                start.x < pos.x + size.x - ImGui::GetStyle().ScrollbarSize &&
                                start.y >= pos.y && start.y < pos.y + size.y;
    // Once dragging, the finger may leave the list (up past its top) and
    // the list keeps following it until it is lifted.
    const bool starts = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
                        ImGui::IsMouseDragging(0, 0.5f * em());
    if (started_inside && ImGui::IsMouseDown(0) && (s.dragging || starts)) {
        if (!s.dragging) ImGui::ClearActiveID();
        s.dragging = true;
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
    }
    ImGui::EndChild();
}

bool flow_next(float width) {
    const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width;
    if (right > ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) return false;
    ImGui::SameLine();
    return true;
}

float button_width(const char* label) {
    return std::max(4.0f * em(), label_width(label));
}

std::string units_word(const std::string& unit) {
    // count_with_unit knows each language's plurals; 2 of anything is plural.
    const std::string two = count_with_unit(2, unit, i18n::screen_lang());
    return two.substr(two.find(' ') + 1);
}

std::string units_label(const std::string& unit) {
    return i18n::format(i18n::tr("Units ({0})"), {units_word(unit)});
}

std::string pack_label(int64_t pack_size) {
    return i18n::format(i18n::tr("Packs of {0}"), {std::to_string(pack_size)});
}

float row_height() { return touch_height() + ImGui::GetStyle().ItemSpacing.y; }

// fit_lines: see widgets.h. A binary search over the character starts.
std::string fit_lines(const std::string& text, float width, int lines) {
    const float most = static_cast<float>(lines) * ImGui::GetTextLineHeight() + 0.5f;
    auto fits = [&](const std::string& t) {
        return ImGui::CalcTextSize(t.c_str(), nullptr, false, width).y <= most;
    };
    if (fits(text)) return text;
    std::vector<size_t> cuts;  // where a UTF-8 character starts
    for (size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cuts.push_back(i);
    size_t lo = 0, hi = cuts.size();  // cuts[lo] fits, cuts[hi] (or the whole) does not
    while (hi - lo > 1) {
        const size_t mid = (lo + hi) / 2;
        if (fits(text.substr(0, cuts[mid]) + "...")) lo = mid;
        else hi = mid;
    }
    return text.substr(0, cuts.empty() ? 0 : cuts[lo]) + "...";
}

}  // namespace outpost

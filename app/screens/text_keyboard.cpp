// The on-screen text keyboard (see widgets.h): a compact QWERTY keyboard
// docked at the bottom of the screen while the text field it types into is
// drawn, so a kiosk with only a touch screen can search for a patient,
// register one, type directions, a batch number or a reason. It appends to
// the field's std::string itself, never through ImGui's text input, and
// keeps nothing of its own: which field, Shift and the accents layer live in
// UiRoot::State::keyboard.
#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharToUtf8 / ImTextCharFromUtf8

#include <cctype>
#include <string>

#include "i18n.h"
#include "person_text.h"
#include "widgets.h"

namespace outpost {

namespace {

// Key height. Everything else tapped is at least 2.7 em (48 px at the 18 px
// font the shell uses on a 600 px tall screen), but four rows of such keys
// plus the screen's own field and a few result rows do not fit in 600 px.
// 2.45 em keeps every key at least 44 px tall at 1024x600 (44.1 px with the
// 18 px font; the usual minimum for a fingertip) and 49 px at 1366x768.
constexpr float kKeyEm = 2.45f;
constexpr float kRowUnits = 12.0f;  // every row is 12 key widths wide

enum class KeyKind { kChar, kBlank, kBack, kShift, kAccents, kSpace, kHide };
struct Key {
    const char* text;  // UTF-8; for kChar what it types (lower case)
    float units;       // width in key widths
    KeyKind kind;
};

constexpr Key kDigitRow[] = {{"1", 1, KeyKind::kChar}, {"2", 1, KeyKind::kChar},
                             {"3", 1, KeyKind::kChar}, {"4", 1, KeyKind::kChar},
                             {"5", 1, KeyKind::kChar}, {"6", 1, KeyKind::kChar},
                             {"7", 1, KeyKind::kChar}, {"8", 1, KeyKind::kChar},
                             {"9", 1, KeyKind::kChar}, {"0", 1, KeyKind::kChar},
                             {"-", 1, KeyKind::kChar}, {"'", 1, KeyKind::kChar}};
constexpr Key kLetterRow1[] = {{"q", 1, KeyKind::kChar}, {"w", 1, KeyKind::kChar},
                               {"e", 1, KeyKind::kChar}, {"r", 1, KeyKind::kChar},
                               {"t", 1, KeyKind::kChar}, {"y", 1, KeyKind::kChar},
                               {"u", 1, KeyKind::kChar}, {"i", 1, KeyKind::kChar},
                               {"o", 1, KeyKind::kChar}, {"p", 1, KeyKind::kChar},
                               {"/", 1, KeyKind::kChar}, {".", 1, KeyKind::kChar}};
constexpr Key kLetterRow2[] = {{"a", 1, KeyKind::kChar},          {"s", 1, KeyKind::kChar},
                               {"d", 1, KeyKind::kChar},          {"f", 1, KeyKind::kChar},
                               {"g", 1, KeyKind::kChar},          {"h", 1, KeyKind::kChar},
                               {"j", 1, KeyKind::kChar},          {"k", 1, KeyKind::kChar},
                               {"l", 1, KeyKind::kChar},          {"Accents", 1, KeyKind::kAccents},
                               {"Back", 2, KeyKind::kBack}};
// The accents layer: the letters of French, Portuguese, Spanish and Tetum
// names that a QWERTY keyboard lacks (all in Latin-1, so every font has them),
// and the : _ @ a central server's address may need.
constexpr Key kAccentRow1[] = {{"\xC3\xA9", 1, KeyKind::kChar}, {"\xC3\xA8", 1, KeyKind::kChar},
                               {"\xC3\xAA", 1, KeyKind::kChar}, {"\xC3\xA0", 1, KeyKind::kChar},
                               {"\xC3\xA1", 1, KeyKind::kChar}, {"\xC3\xA2", 1, KeyKind::kChar},
                               {"\xC3\xA3", 1, KeyKind::kChar}, {"\xC3\xA7", 1, KeyKind::kChar},
                               {"\xC3\xB5", 1, KeyKind::kChar}, {"\xC3\xB3", 1, KeyKind::kChar},
                               {"/", 1, KeyKind::kChar},        {".", 1, KeyKind::kChar}};
constexpr Key kAccentRow2[] = {{"\xC3\xB4", 1, KeyKind::kChar}, {"\xC3\xBA", 1, KeyKind::kChar},
                               {"\xC3\xBC", 1, KeyKind::kChar}, {"\xC3\xAD", 1, KeyKind::kChar},
                               {"\xC3\xB1", 1, KeyKind::kChar}, {":", 1, KeyKind::kChar},
                               {"_", 1, KeyKind::kChar},        {"@", 1, KeyKind::kChar},
                               {"", 1, KeyKind::kBlank},
                               {"Accents", 1, KeyKind::kAccents}, {"Back", 2, KeyKind::kBack}};
constexpr Key kBottomRow[] = {{"Shift", 1.5f, KeyKind::kShift}, {"z", 1, KeyKind::kChar},
                              {"x", 1, KeyKind::kChar},         {"c", 1, KeyKind::kChar},
                              {"v", 1, KeyKind::kChar},         {"b", 1, KeyKind::kChar},
                              {"n", 1, KeyKind::kChar},         {"m", 1, KeyKind::kChar},
                              {"Space", 2, KeyKind::kSpace},    {"Hide", 1.5f, KeyKind::kHide}};

// The capital of a lower-case letter (the store's Unicode case mapping).
std::string capital(const std::string& ch) { return upper_case_name(ch); }

void type(State& s, const std::string& text) {
    TextKeyboardState& k = s.keyboard;
    if (!k.text) return;
    *k.text += text;
    k.typed_frame = ImGui::GetFrameCount();
    s.frames_wanted = 3;
}

// One key: at least kKeyEm tall; `on` draws it pressed (Shift, Accents).
bool key_button(State& s, const std::string& shown, const std::string& probe_key, float width,
                bool on) {
    if (on) {
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
        ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 3.0f);
    }
    const std::string label = shown + "##" + probe_key;
    const bool pressed = ImGui::Button(label.c_str(), ImVec2(width, kKeyEm * em()));
    if (on) {
        ImGui::PopStyleVar();
        ImGui::PopStyleColor();
    }
    record_item(s, probe_key);
    return pressed;
}

template <size_t N>
void draw_row(State& s, const Key (&row)[N], float unit_w) {
    TextKeyboardState& k = s.keyboard;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    for (size_t i = 0; i < N; ++i) {
        const Key& key = row[i];
        if (i > 0) ImGui::SameLine();
        const float w = key.units * unit_w - gap;
        switch (key.kind) {
            case KeyKind::kBlank: ImGui::Dummy(ImVec2(w, kKeyEm * em())); break;
            case KeyKind::kChar: {
                const std::string ch = k.shift ? capital(key.text) : key.text;
                if (key_button(s, ch, ch + "##kbd", w, false)) {
                    type(s, ch);
                    k.shift = false;
                    // One accented letter or symbol, then back to the letters
                    // (/ and . are on both layers).
                    if (k.accents && ch != "/" && ch != ".") k.accents = false;
                }
                break;
            }
            case KeyKind::kBack:
                // TRANSLATORS: the on-screen keyboard's backspace key.
                if (key_button(s, i18n::tr("Back"), "Back##kbd", w, false) && k.text &&
                    !k.text->empty()) {
                    pop_utf8(k.text);
                    k.typed_frame = ImGui::GetFrameCount();
                }
                break;
            case KeyKind::kShift:
                // TRANSLATORS: the on-screen keyboard's key for a capital letter.
                if (key_button(s, i18n::tr("Shift"), "Shift##kbd", w, k.shift)) k.shift = !k.shift;
                break;
            case KeyKind::kAccents:
                // Shown as three accented letters: the word "accents" is English.
                if (key_button(s, k.accents ? "abc" : "\xC3\xA9\xC3\xA0\xC3\xA7", "Accents##kbd", w,
                               k.accents))
                    k.accents = !k.accents;
                break;
            case KeyKind::kSpace:
                if (key_button(s, i18n::tr("Space"), "Space##kbd", w, false)) type(s, " ");
                break;
            case KeyKind::kHide:
                // TRANSLATORS: hides the on-screen keyboard.
                if (key_button(s, i18n::tr("Hide"), "Hide##kbd", w, false)) hide_text_keyboard(s);
                break;
        }
    }
}

// A physical keyboard types into the field too, also after an on-screen key
// took ImGui's focus away from it.
void physical_keys(State& s) {
    if (ImGui::IsAnyItemActive() || !s.keyboard.text) return;
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
        const ImWchar c = io.InputQueueCharacters[i];
        if (c < 0x20 || c == 0x7F) continue;
        char out[5];
        type(s, ImTextCharToUtf8(out, c));
    }
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Backspace)) && !s.keyboard.text->empty()) {
        pop_utf8(s.keyboard.text);
        s.keyboard.typed_frame = ImGui::GetFrameCount();
    }
}

}  // namespace

void drop_untypable_characters(State& s) {
    ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseClicked(0)) s.keyboard.untypable.clear();
    int kept = 0;
    for (int i = 0; i < io.InputQueueCharacters.Size; ++i) {
        const ImWchar c = io.InputQueueCharacters[i];
        if (c == IM_UNICODE_CODEPOINT_INVALID) continue;
        io.InputQueueCharacters[kept++] = c;
    }
    if (kept == io.InputQueueCharacters.Size) return;
    io.InputQueueCharacters.resize(kept);
    s.keyboard.untypable = i18n::tr(
        "An emoji or a symbol like the one just typed cannot be typed here, so it "
        "was left out; the rest of what you typed is kept.");
    s.frames_wanted = 3;
}

void show_untypable_notice(State& s) {
    if (s.keyboard.untypable.empty()) return;
    Banner b;
    b.set_notice(s.keyboard.untypable);
    show_banner(s, b);
    if (s.probe) s.probe->note("banner:typing", b.text);
}

void pop_utf8(std::string* text) {
    while (!text->empty()) {
        const unsigned char last = static_cast<unsigned char>(text->back());
        text->pop_back();
        if ((last & 0xC0) != 0x80) return;  // not a continuation byte: a whole character went
    }
}

bool text_keyboard_docked(const State& s) { return s.keyboard.docked; }

bool text_keyboard_just_opened(const State& s) {
    return s.keyboard.opened_frame == ImGui::GetFrameCount() - 1;
}

float text_keyboard_height() {
    const ImGuiStyle& st = ImGui::GetStyle();
    return 4 * kKeyEm * em() + 3 * st.ItemSpacing.y + 2 * st.WindowPadding.y;
}

void hide_text_keyboard(State& s) {
    TextKeyboardState& k = s.keyboard;
    k.field = 0;
    k.text = nullptr;
    k.shift = k.accents = k.reveal_field = false;
    s.frames_wanted = 3;
}

void text_keyboard_field(State& s, unsigned int field, bool touched, std::string* text) {
    TextKeyboardState& k = s.keyboard;
    // Open on the lift, not the press: a drag that starts on a field
    // scrolls its form and must not move the keyboard to it.
    if (touched) k.touched_field = field;
    if (k.touched_field == field && !ImGui::IsMouseDown(0)) {
        k.touched_field = 0;
        if (!s.dragging && k.field != field) {
            k.field = field;
            k.shift = k.accents = false;
            k.reveal_field = true;
            k.opened_frame = ImGui::GetFrameCount();
            s.frames_wanted = 3;
        }
    }
    if (k.field != field) return;
    k.text = text;
    // Once the screen has made room for the keyboard, the field may sit
    // under it: scroll its window so it shows just above.
    if (k.reveal_field && k.docked) {
        if (!ImGui::IsItemVisible()) ImGui::SetScrollHereY(1.0f);
        k.reveal_field = false;
    }
}

void draw_text_keyboard(State& s) {
    TextKeyboardState& k = s.keyboard;
    // Its field was not drawn this frame (another screen, a step further):
    // the keyboard goes with it.
    if (!k.text) {
        if (k.field != 0) hide_text_keyboard(s);
        return;
    }
    physical_keys(s);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    ImGui::BeginChild("##text_keyboard", ImVec2(0, text_keyboard_height()), true,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    const float unit_w =
        (ImGui::GetContentRegionAvail().x + ImGui::GetStyle().ItemSpacing.x) / kRowUnits;
    draw_row(s, kDigitRow, unit_w);
    if (k.accents) {
        draw_row(s, kAccentRow1, unit_w);
        draw_row(s, kAccentRow2, unit_w);
    } else {
        draw_row(s, kLetterRow1, unit_w);
        draw_row(s, kLetterRow2, unit_w);
    }
    draw_row(s, kBottomRow, unit_w);
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

}  // namespace outpost

// Touch widgets shared by every screen: big buttons (at least 2.7 em, about
// 48 px at an 18 px font), text fields as tall as a button, an on-screen
// numeric keypad for PINs and quantities, a drag-to-scroll list, confirm
// dialogs and plain-words banners. Also the cache helpers that keep screens
// from querying the store when nothing changed.
//
// Every touch widget reports its rectangle to the WidgetProbe installed by a
// test (UiRoot::set_probe); the key is the ImGui label exactly as passed,
// e.g. "Confirm##dispense". Without a probe, recording is a null check.
#pragma once

#include <imgui.h>

#include <algorithm>
#include <map>
#include <string>

#include "theme.h"
#include "ui_state.h"

namespace outpost {

// Test hook: the rectangles of the widgets drawn in the latest frame.
class WidgetProbe {
public:
    struct Rect {
        ImVec2 min, max;
        ImVec2 clip_min, clip_max;  // the visible part of its window
        // Whether a finger can reach the centre (not scrolled out of view).
        bool tappable() const {
            const ImVec2 c = centre();
            return c.x >= clip_min.x && c.x < clip_max.x && c.y >= clip_min.y && c.y < clip_max.y;
        }
        ImVec2 centre() const { return ImVec2((min.x + max.x) / 2, (min.y + max.y) / 2); }
        float width() const { return max.x - min.x; }
        float height() const { return max.y - min.y; }
    };
    // UiRoot::draw calls this at the start of each frame: older rectangles go.
    void begin_frame() {
        rects_.clear();
        texts_.clear();
    }
    void record(const std::string& key, ImVec2 min, ImVec2 max, ImVec2 clip_min, ImVec2 clip_max) {
        rects_[key] = Rect{min, max, clip_min, clip_max};
    }
    // Texts shown last frame: "banner:error", "banner:notice", "sync"
    // (the status line's sync state), "sync:health", "label<n>" (dispensing
    // labels).
    void note(const std::string& key, const std::string& text) { texts_[key] = text; }
    std::string text(const std::string& key) const {
        auto it = texts_.find(key);
        return it == texts_.end() ? std::string() : it->second;
    }
    // Exact key, or nullptr when that widget was not drawn last frame.
    const Rect* find(const std::string& key) const;
    // The first key (in sort order) that starts with prefix / contains part.
    const Rect* find_prefix(const std::string& prefix, std::string* key = nullptr) const;
    const Rect* find_containing(const std::string& part, std::string* key = nullptr) const;
    const std::map<std::string, Rect>& all() const { return rects_; }

private:
    std::map<std::string, Rect> rects_;
    std::map<std::string, std::string> texts_;
};

using State = UiRoot::State;

// ---- sizes (em: the current font's pixel size) --------------------------------
float em();
float touch_height();  // 2.7 em: the minimum height of anything tapped

// ---- fonts: the shell loads [0] regular, [1] large, [2] bold when present ----
void push_large_font();
void push_bold_font();
void pop_font();
void heading(const char* text);

// ---- buttons and fields ----------------------------------------------------------
// A button at least touch_height() tall; width in px (0: fits its label, at
// least 4 em). Disabled buttons draw greyed and never return true.
bool big_button(State& s, const char* label, float width = 0, bool enabled = true);
// A button drawn "pressed" while on (filters, +/- toggles, sex).
bool toggle_button(State& s, const char* label, bool on, float width = 0);
// A full-width row in a touch list; does not fire when the touch was a drag.
bool row_button(State& s, const char* label, bool selected = false);
// A labelled single-line text field as tall as a button. Returns true while
// the text changed this frame. width in px (0: rest of the line). A tap on
// it docks the on-screen text keyboard, which then types into it (see
// text_keyboard below); a physical keyboard types into it as well.
// max_chars > 0: input stops at that many characters (typed, pasted or from
// the on-screen keyboard), and once there the field says "At most N
// characters." under it (probe note "limit<id>"). tab_pressed non-null: Tab
// in the field does not go to ImGui's next text field; the field lets go and
// *tab_pressed is true in that frame, so the screen can open the keypad of a
// number field that comes next (ImGui 1.86 buttons are no Tab stops).
// A caption's "##..." is not shown (as on a button), so a word can have a
// catalogue entry of its own ("Item##caption").
bool text_field(State& s, const char* caption, const char* id, std::string* value,
                const char* hint = "", float width = 0, size_t max_chars = 0,
                bool* tab_pressed = nullptr);
// Two labelled fields side by side, each half the line.
void text_field_pair(State& s, const char* caption1, const char* id1, std::string* value1,
                     const char* caption2, const char* id2, std::string* value2,
                     const char* hint1 = "", const char* hint2 = "", size_t max1 = 0,
                     size_t max2 = 0);
// Reports the last item's rectangle to the probe (for custom widgets).
void record_item(State& s, const std::string& key);
// Shows a number the keypad edits, as a tappable field; returns true on tap.
bool number_field(State& s, const char* caption, const char* id, const std::string& value,
                  bool editing, float width = 0, bool masked = false);

// The on-screen numeric keypad, editing `text` (digits only, at most
// max_digits). Keys are labelled "<key>##<id>" (e.g. "7##pin", "Back##pin",
// "Clear##pin", "OK##pin"). Digits typed on a keyboard also work while no
// text field has focus. Returns true when OK (or Enter) was pressed.
// At max_digits a further digit is not taken and the keypad says "At most N
// digits." under it (probe note "keypad-limit"); a sign, letter or other key
// typed on a physical keyboard is not taken either and is named there in
// red ("keypad-refused"), so "-5abc" never silently becomes 5.
bool keypad(State& s, const char* id, std::string* text, int max_digits = 9,
            const char* ok_label = "OK");
// The value of keypad text (parse_quantity, the store's one reading of a
// typed quantity); 0 when empty or not a number (the operations then say
// "more than zero").
int64_t keypad_number(const std::string& text);
float keypad_width();

// ---- the on-screen text keyboard (text_keyboard.cpp) ----------------------------
// A compact QWERTY keyboard docked at the bottom of the screen while a text
// field it types into is on screen: digits, letters, - ' / . space, Back,
// Shift (one capital), an accents key (one of é è ê à á â ã ç õ ó ô ú ü í ñ,
// for French, Portuguese, Spanish and Tetum names, plus : _ @ for a server's
// address) and Hide. Keys are
// labelled "<key>##kbd" ("v##kbd", "V##kbd" after Shift, "Space##kbd",
// "Back##kbd", "Shift##kbd", "Accents##kbd", "Hide##kbd").
//
// Typing appends to the field's std::string directly (the keyboard never
// relies on ImGui's text input receiving characters), so the field shows it
// the next frame. UiRoot::draw calls these; screens only call text_field.
bool text_keyboard_docked(const State& s);  // shown this frame
float text_keyboard_height();
void draw_text_keyboard(State& s);
// Called by text_field after drawing the field with ImGui id `field`;
// `touched`: the finger went down on it this frame. A tap (lifted without a
// drag) opens the keyboard for it; while it is the keyboard's field, it
// hands over `text`.
void text_keyboard_field(State& s, unsigned int field, bool touched, std::string* text);
void hide_text_keyboard(State& s);
// True in the frame after a tap opened the keyboard: a screen then closes its
// numeric keypad, so the two never share the screen (number_field hides the
// text keyboard the other way round).
bool text_keyboard_just_opened(const State& s);
// ImGui 1.86 holds characters in 16 bits, so a code point above U+FFFF
// (an emoji, some symbols) typed on a physical keyboard reaches it as
// U+FFFD. UiRoot::draw calls this first in each frame: such characters are
// taken out of ImGui's input queue before any field reads them, and
// s.keyboard.untypable says so in words until the next tap (the screens show
// it; probe note "banner:typing"). The store refuses a U+FFFD that got
// through anyway (check_person_text).
void drop_untypable_characters(State& s);
void show_untypable_notice(State& s);
// Drops the last UTF-8 character (not byte) of text.
void pop_utf8(std::string* text);
// text, cut at a whole character and ended with "..." when, wrapped at
// width in the current font, it would take more than `lines` lines (rows of
// fixed height; one line: a label that must leave room for buttons).
std::string fit_lines(const std::string& text, float width, int lines);

// ---- messages -------------------------------------------------------------------
// Errors in red, notices in blue; reported to the probe as "banner:error"
// or "banner:notice".
void show_banner(State& s, const Banner& b);
void text_coloured(const ImVec4& c, const std::string& text);

// A modal question. Call every frame while *open; returns kYes/kNo once.
enum class Answer { kNone, kYes, kNo };
Answer confirm_dialog(State& s, const char* id, bool* open, const std::string& message,
                      const char* yes_label, const char* no_label = "Go back");

// ---- touch lists ------------------------------------------------------------------
// A child region that scrolls by dragging. Always call end_touch_list.
// Lists have a border; a form (border false) scrolls the same way, so a
// field under the text keyboard can be dragged into view.
void begin_touch_list(State& s, const char* id, ImVec2 size, bool border = true);
void end_touch_list(State& s);
// Before the second and later buttons of a wrapping row: stays on the line
// when a button `width` wide still fits.
bool flow_next(float width);
float button_width(const char* label);  // what big_button(label) would take
// The unit as a heading over a count, in the screen language: "tablets",
// "sachets", "mL" ("comprimés" in French).
std::string units_word(const std::string& unit);
// The quantity toggles of Receive: "Units (tablets)" and "Packs of 10".
std::string units_label(const std::string& unit);
std::string pack_label(int64_t pack_size);
// Row height for ImGuiListClipper when rows are row_button()s.
float row_height();

// ---- cached store queries ------------------------------------------------------------
// Re-runs `query` (returning Result<T>) only when the data version or the
// key changed. Returns true when it queried.
template <typename T, typename Query>
bool refresh(State& s, Cached<T>& c, const std::string& key, Query query) {
    if (c.loaded && c.version == s.data_version && c.key == key) return false;
    auto r = query();
    ++s.queries;
    c.loaded = true;
    c.version = s.data_version;
    c.key = key;
    if (r.ok()) {
        c.value = std::move(r.value());
        c.error.clear();
    } else {
        c.value = T{};
        c.error = r.status().message();
    }
    return true;
}

// Keeps a page of a long list loaded: the rows [first, first + count) must be
// in it, else it fetches them with `margin` rows either side (so a scroll of
// a few rows does not query). fetch(offset, limit) returns Result<Page<T>>.
template <typename T, typename Fetch>
bool refresh_page(State& s, PagedCache<T>& c, const std::string& key, int64_t first, int64_t count,
                  Fetch fetch, int64_t margin = 20) {
    const bool same = c.loaded && c.version == s.data_version && c.key == key;
    if (same) {
        const int64_t end = std::min(first + count, c.page.total);
        if (first >= c.page.offset &&
            end <= c.page.offset + static_cast<int64_t>(c.page.rows.size()))
            return false;
    }
    const int64_t offset = std::max<int64_t>(0, first - margin);
    auto r = fetch(offset, count + 2 * margin + (first - offset));
    ++s.queries;
    c.loaded = true;
    c.version = s.data_version;
    c.key = key;
    if (r.ok()) {
        c.page = std::move(r.value());
        c.page.offset = offset;
        c.error.clear();
    } else {
        c.page = Page<T>{};
        c.error = r.status().message();
    }
    ++s.frames_wanted;
    return true;
}

// Draws a clipped list of `cache`'s total rows; draw_row(i, row) draws one
// (row is nullptr while its page loads). Fetches pages as the list scrolls.
template <typename T, typename Fetch, typename DrawRow>
void paged_list(State& s, const char* id, PagedCache<T>& c, const std::string& key, ImVec2 size,
                Fetch fetch, DrawRow draw_row, float item_height = 0) {
    if (item_height <= 0) item_height = row_height();
    // First make sure the total is known (and the first rows, on a new key).
    const bool same_key = c.loaded && c.key == key;
    refresh_page(s, c, key, same_key ? c.page.offset : 0, 1, fetch);
    if (!c.error.empty()) text_coloured(colour::error(), c.error);
    begin_touch_list(s, id, size);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(c.page.total), item_height);
    int64_t first = -1, last = -1;
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            if (first < 0 || i < first) first = i;
            if (i > last) last = i;
            ImGui::PushID(i);
            draw_row(static_cast<int64_t>(i), c.row(i));
            ImGui::PopID();
        }
    }
    end_touch_list(s);
    if (first >= 0) refresh_page(s, c, key, first, last - first + 1, fetch);
}

}  // namespace outpost

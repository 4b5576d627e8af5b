// The headless UI harness: a bare ImGui context (fonts built, no backend),
// an in-memory store seeded with a small clinic on a fake clock, and UiRoot
// with a WidgetProbe. A tap is three frames: move to the widget's centre,
// press, release. Text is typed with io.AddInputCharacter after a tap has
// focused the field.
#pragma once

#include <imgui.h>

#include <memory>
#include <optional>
#include <string>

#include "drawn_text.h"
#include "i18n.h"
#include "store.h"
#include "ui_root.h"
#include "widgets.h"

namespace outpost::screens_test {

// 2026-06-15 10:00 UTC
constexpr int64_t kStartMs = 1781517600000LL;
constexpr const char* kDispenserPin = "1234";
constexpr const char* kDispenser = "Amina Dispenser";
constexpr const char* kStorekeeper = "Ben Storekeeper";  // PIN 5678
constexpr const char* kStorekeeperPin = "5678";

struct Clinic {
    FakeClock clock{kStartMs};
    std::unique_ptr<Store> store;
    std::string dispenser, storekeeper;  // user ids
    std::string para, amox, ors;         // item ids
    // Amoxicillin has two batches: AMX-EARLY (10 units, expiring first) and
    // AMX-LATE (100 units). Paracetamol PARA-1 (500), ORS ORS-1 (50).
    std::string amox_early, amox_late, para_batch, ors_batch;  // batch ids
    // set_up false: an empty real store with no identity, no users and no
    // stock (a device waiting for sync set-up); every id above stays empty.
    // path: the store's file (":memory:" by default); a file lets a second
    // connection (a started print queue's) see the same store.
    explicit Clinic(bool set_up = true, const std::string& path = ":memory:");
    int64_t on_hand(const std::string& item_id, const std::string& batch_no);
};

class Ui {
public:
    // font_px 0: ImGui's built-in 13 px font. Otherwise DejaVu Sans at that
    // size, plus the large and bold fonts, loaded by the shell's own
    // load_fonts (app/platform/fonts.cpp: the same glyph ranges).
    // lang: the device's (and so the login screen's) language for the life
    // of this Ui; English again afterwards. Unset: the languages stay as the
    // test set them.
    explicit Ui(Clinic& clinic, ImVec2 size = ImVec2(1366, 768), UiOptions options = {},
                float font_px = 0, std::optional<i18n::Lang> lang = std::nullopt);
    ~Ui();
    Ui(const Ui&) = delete;
    Ui& operator=(const Ui&) = delete;

    void frame(int n = 1);
    // Every key below may be written in English ("Log out##nav"): when no
    // widget has that key, the key in the screen language is tried: the
    // whole key translated, else its label (before "##") translated with
    // the "##..." suffix kept ("Adjust##adjust-<batch>").
    std::string key(const std::string& english) const;
    // Taps the widget with this probe key (exact); false when it was not drawn.
    bool tap(const std::string& key);
    // Taps the first widget whose key starts with prefix.
    bool tap_prefix(const std::string& prefix);
    // Taps the first widget whose key contains part (e.g. "##sheet-<batch>").
    bool tap_containing(const std::string& part);
    // Taps a field, types text into it, then lets a frame pass.
    bool type_into(const std::string& field_key, const std::string& text);
    // Taps each digit on the keypad "<id>" ("7##pin" ...).
    bool keypad(const std::string& id, const std::string& digits);
    // Types UTF-8 text on the on-screen text keyboard, key by key: Shift
    // before a capital, the accents key before an accented letter or : _ @. The
    // keyboard must be docked (a text field was tapped).
    bool type_on_keyboard(const std::string& text);
    // Scrolls the list holding a widget drawn below (or above) its visible
    // part with the mouse wheel until the widget can be tapped; false when
    // it cannot be brought into reach.
    bool scroll_into_view(const std::string& key);
    // Presses Enter on a physical keyboard (closes a numeric keypad as OK).
    void press_enter();
    // Presses at `from` and moves the finger by dy over several frames, then
    // lifts it (drag-to-scroll).
    void drag(ImVec2 from, float dy);
    bool visible(const std::string& key) const { return find(key) != nullptr; }
    bool visible_prefix(const std::string& prefix) const { return find_prefix(prefix) != nullptr; }
    bool visible_containing(const std::string& part) const {
        return probe.find_containing(part) != nullptr;
    }
    // The probe's rectangle for a key (English or the screen language's).
    const WidgetProbe::Rect* find(const std::string& key) const;
    const WidgetProbe::Rect* find_prefix(const std::string& prefix) const;
    // The texts drawn in the latest frame (drawn_text.h).
    const std::vector<DrawnText>& texts() const { return drawn_texts(); }
    std::string text(const std::string& key) const { return probe.text(key); }
    std::string error() const { return probe.text("banner:error"); }
    std::string notice() const { return probe.text("banner:notice"); }
    // Logs in by tapping the user's tile and the PIN on the keypad.
    bool log_in(const std::string& name = kDispenser, const std::string& pin = kDispenserPin);

    Clinic& clinic;
    WidgetProbe probe;
    std::unique_ptr<UiRoot> root;
    ImGuiContext* context = nullptr;
    double idle_seconds = 0;
    // True only inside frame(): tests that watch tr() lookups (a miss
    // observer) use it to ignore the harness's own lookups of keys.
    static bool drawing();

private:
    bool set_lang_ = false;
    void press_at(ImVec2 p);
};

}  // namespace outpost::screens_test

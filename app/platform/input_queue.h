// The shell's own input queue. ImGui 1.86 samples input state once per frame,
// so a key pressed and released between two frames (a barcode scanner does
// this for every character) or a quick tap would be lost. GLFW callbacks push
// events here; once per frame take_frame() hands ImGui a state snapshot that
// contains at most one down/up transition per key and mouse button, and
// leaves the rest queued for the following frames. No GLFW or ImGui include:
// the rules are unit-tested without a window.
//
// With scanning enabled (enable_scanning), the queue also recognises a
// keyboard-wedge barcode scanner: a burst of at least 5 characters with at
// most 50 ms between keys, ending in Enter or Tab (docs/barcodes.md). The
// burst reaches the screens as one scan (FrameInput::scan) instead of typed
// characters, with the separator substitutes (Ctrl+], F8, configured
// characters) turned back into GS (0x1D). To tell a scan from typing, typed
// keys are held until 50 ms pass with no further key; they then arrive in
// the same order and frames as without scanning. Not thread safe: push and
// take_frame from the thread that runs GLFW's callbacks and the frame loop.
#pragma once

#include <bitset>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "clock.h"

namespace outpost {

// Key codes are GLFW's (glfw3.h); the few the queue must know are repeated
// here so this file builds and tests without GLFW.
namespace keycode {
constexpr int kSpace = 32, kGraveAccent = 96, kWorld1 = 161, kWorld2 = 162;
constexpr int kLeftShift = 340, kLeftControl = 341, kLeftAlt = 342, kLeftSuper = 343;
constexpr int kRightShift = 344, kRightControl = 345, kRightAlt = 346, kRightSuper = 347;
constexpr int kRightBracket = 93, kEnter = 257, kTab = 258, kKeypadEnter = 335, kF8 = 297;
constexpr int kCount = 512;  // same size as ImGuiIO::KeysDown in 1.86
}  // namespace keycode

// How a keyboard-wedge scanner is told from a person typing.
struct ScanSettings {
    int min_characters = 5;   // a burst shorter than this is typing
    int max_gap_ms = 50;      // at most this between two keys of one burst
    // Characters the scanner sends for GS besides Ctrl+] and F8 (e.g. "~").
    // ASCII only; a character listed here can no longer be typed in a burst.
    std::string separator_substitutes;
};

constexpr int kMouseButtons = 5;  // same as ImGuiIO::MouseDown

struct InputEvent {
    enum class Kind { kCursor, kButton, kScroll, kKey, kChar, kScan };
    Kind kind = Kind::kCursor;
    float x = 0, y = 0;     // kCursor: position in window pixels; kScroll: offsets
    int code = 0;           // kButton: 0 left, 1 right, 2 middle...; kKey: GLFW key code
    bool down = false;      // kButton, kKey: pressed (true) or released
    uint32_t character = 0; // kChar: Unicode code point
    std::string text;       // kScan: the scanned text (UTF-8, GS for separators)
    int64_t at_ms = 0;      // when pushed (only with scanning enabled)

    static InputEvent cursor(float x, float y);
    static InputEvent button(int button, bool down);
    static InputEvent scroll(float dx, float dy);
    static InputEvent key(int key, bool down);
    static InputEvent character_typed(uint32_t codepoint);
};

// What ImGui should see in one frame.
struct FrameInput {
    // False when there is no pointer over the window (before the first
    // motion, or after a touch ended): ImGui gets (-FLT_MAX, -FLT_MAX).
    bool pointer_present = false;
    float mouse_x = 0, mouse_y = 0;
    bool mouse_down[kMouseButtons] = {};
    float wheel_x = 0, wheel_y = 0;       // summed over the frame's scroll events
    std::vector<uint32_t> characters;     // typed this frame, in order
    std::bitset<keycode::kCount> keys_down;
    bool ctrl = false, shift = false, alt = false, super = false;
    // A barcode scanned with a keyboard-wedge scanner: at most one a frame;
    // its characters and its Enter/Tab are not in `characters`/`keys_down`.
    std::optional<std::string> scan;
};

class InputQueue {
public:
    // touch: the pointer is a touchscreen, so after a release with no further
    // motion the pointer is reported absent from the next frame on (no hover
    // left behind under a lifted finger).
    explicit InputQueue(bool touch = false) : touch_(touch) {}

    // Turns scan recognition on. `clock` stamps each pushed event and tells
    // when held keys are due (REQUIRES: outlives the queue). Without this
    // call the queue holds nothing back and never reports a scan.
    void enable_scanning(const ScanSettings& settings, Clock* clock);
    const ScanSettings& scan_settings() const { return scan_; }
    // The device's scanner setting changed (ScannerSettingFollower): bursts
    // pushed from now on map these characters to GS.
    void set_separator_substitutes(const std::string& chars) { scan_.separator_substitutes = chars; }

    void push(const InputEvent& e);
    // Counts keys held while a burst may still become a scan: the shell keeps
    // drawing frames while anything is queued, so they are released on time.
    bool empty() const { return events_.empty() && held_.empty(); }
    size_t size() const { return events_.size() + held_.size(); }

    // Consumes events in order for one frame and returns the resulting state.
    // Stops, leaving the rest queued, at the first event that would give a
    // key or button a second transition this frame, and never mixes cursor
    // motion and button transitions in one frame (a press is seen where it
    // happened: move, then press, then release, each on its own frame).
    // Characters, scrolling and unrelated keys share a frame freely.
    FrameInput take_frame();

private:
    // Keys whose transitions ImGui reacts to: everything but printable keys
    // typed without Ctrl/Alt/Super (those arrive as characters too).
    bool significant_key(int key) const;
    void update_modifiers();
    // What a held event is to a possible burst.
    enum class Role { kOther, kCharacter, kSeparator, kEnd, kBreak };
    struct Held {
        InputEvent event;
        Role role;
    };
    Role role_of(const InputEvent& e) const;
    // Moves held events on to events_ (as typing, or as one scan) once it is
    // known which they are, at time now_ms.
    void resolve_held(int64_t now_ms);
    // Moves held_[0, n) to events_ unchanged (typing), then any further held
    // events up to the next character, which starts a new possible burst.
    void release_typing(size_t n);
    // Replaces held_[0, end] (end: the Enter/Tab) by one kScan event.
    void release_scan(size_t end);

    ScanSettings scan_;
    Clock* clock_ = nullptr;
    std::deque<Held> held_;        // from the first character of a possible burst
    bool ctrl_pushed_[2] = {};     // Ctrl keys down as pushed (left, right)
    std::bitset<keycode::kCount> swallow_release_;  // releases of keys a scan consumed

    bool touch_;
    std::deque<InputEvent> events_;
    FrameInput state_;
    bool hide_pointer_next_frame_ = false;
};

}  // namespace outpost

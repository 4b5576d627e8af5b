// The shell's own input queue. ImGui 1.86 samples input state once per frame,
// so a key pressed and released between two frames (a barcode scanner does
// this for every character) or a quick tap would be lost. GLFW callbacks push
// events here; once per frame take_frame() hands ImGui a state snapshot that
// contains at most one down/up transition per key and mouse button, and
// leaves the rest queued for the following frames. No GLFW or ImGui include:
// the rules are unit-tested without a window.
#pragma once

#include <bitset>
#include <cstdint>
#include <deque>
#include <vector>

namespace outpost {

// Key codes are GLFW's (glfw3.h); the few the queue must know are repeated
// here so this file builds and tests without GLFW.
namespace keycode {
constexpr int kSpace = 32, kGraveAccent = 96, kWorld1 = 161, kWorld2 = 162;
constexpr int kLeftShift = 340, kLeftControl = 341, kLeftAlt = 342, kLeftSuper = 343;
constexpr int kRightShift = 344, kRightControl = 345, kRightAlt = 346, kRightSuper = 347;
constexpr int kCount = 512;  // same size as ImGuiIO::KeysDown in 1.86
}  // namespace keycode

constexpr int kMouseButtons = 5;  // same as ImGuiIO::MouseDown

struct InputEvent {
    enum class Kind { kCursor, kButton, kScroll, kKey, kChar };
    Kind kind = Kind::kCursor;
    float x = 0, y = 0;     // kCursor: position in window pixels; kScroll: offsets
    int code = 0;           // kButton: 0 left, 1 right, 2 middle...; kKey: GLFW key code
    bool down = false;      // kButton, kKey: pressed (true) or released
    uint32_t character = 0; // kChar: Unicode code point

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
};

class InputQueue {
public:
    // touch: the pointer is a touchscreen, so after a release with no further
    // motion the pointer is reported absent from the next frame on (no hover
    // left behind under a lifted finger).
    explicit InputQueue(bool touch = false) : touch_(touch) {}

    void push(const InputEvent& e);
    bool empty() const { return events_.empty(); }
    size_t size() const { return events_.size(); }

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

    bool touch_;
    std::deque<InputEvent> events_;
    FrameInput state_;
    bool hide_pointer_next_frame_ = false;
};

}  // namespace outpost

// The splitting rules of the input queue (see input_queue.h for why).
#include "input_queue.h"

namespace outpost {

InputEvent InputEvent::cursor(float x, float y) {
    InputEvent e;
    e.kind = Kind::kCursor;
    e.x = x;
    e.y = y;
    return e;
}
InputEvent InputEvent::button(int button, bool down) {
    InputEvent e;
    e.kind = Kind::kButton;
    e.code = button;
    e.down = down;
    return e;
}
InputEvent InputEvent::scroll(float dx, float dy) {
    InputEvent e;
    e.kind = Kind::kScroll;
    e.x = dx;
    e.y = dy;
    return e;
}
InputEvent InputEvent::key(int key, bool down) {
    InputEvent e;
    e.kind = Kind::kKey;
    e.code = key;
    e.down = down;
    return e;
}
InputEvent InputEvent::character_typed(uint32_t codepoint) {
    InputEvent e;
    e.kind = Kind::kChar;
    e.character = codepoint;
    return e;
}

void InputQueue::push(const InputEvent& e) {
    // Out-of-range codes (GLFW_KEY_UNKNOWN is -1) carry nothing ImGui can use.
    if (e.kind == InputEvent::Kind::kKey && (e.code < 0 || e.code >= keycode::kCount)) return;
    if (e.kind == InputEvent::Kind::kButton && (e.code < 0 || e.code >= kMouseButtons)) return;
    events_.push_back(e);
}

bool InputQueue::significant_key(int key) const {
    using namespace keycode;
    const bool printable = (key >= kSpace && key <= kGraveAccent) || key == kWorld1 || key == kWorld2;
    if (!printable) return true;
    return state_.ctrl || state_.alt || state_.super;  // a shortcut such as Ctrl+V
}

void InputQueue::update_modifiers() {
    using namespace keycode;
    const auto& k = state_.keys_down;
    state_.ctrl = k[kLeftControl] || k[kRightControl];
    state_.shift = k[kLeftShift] || k[kRightShift];
    state_.alt = k[kLeftAlt] || k[kRightAlt];
    state_.super = k[kLeftSuper] || k[kRightSuper];
}

FrameInput InputQueue::take_frame() {
    state_.characters.clear();
    state_.wheel_x = state_.wheel_y = 0;
    if (hide_pointer_next_frame_) {
        state_.pointer_present = false;
        hide_pointer_next_frame_ = false;
    }
    std::bitset<keycode::kCount> keys_changed;
    bool buttons_changed[kMouseButtons] = {};
    bool moved = false, any_button_changed = false, touch_ended = false;

    while (!events_.empty()) {
        const InputEvent& e = events_.front();
        bool stop = false;
        switch (e.kind) {
            case InputEvent::Kind::kCursor: {
                const bool same = state_.pointer_present && e.x == state_.mouse_x &&
                                  e.y == state_.mouse_y;
                if (same) break;
                if (any_button_changed) {
                    stop = true;
                    break;
                }
                state_.pointer_present = true;
                state_.mouse_x = e.x;
                state_.mouse_y = e.y;
                moved = true;
                touch_ended = false;  // the pointer is still there
                break;
            }
            case InputEvent::Kind::kButton: {
                if (state_.mouse_down[e.code] == e.down) break;  // no transition
                if (moved || buttons_changed[e.code]) {
                    stop = true;
                    break;
                }
                state_.mouse_down[e.code] = e.down;
                buttons_changed[e.code] = true;
                any_button_changed = true;
                if (!e.down && touch_) {
                    bool any_down = false;
                    for (bool d : state_.mouse_down) any_down = any_down || d;
                    touch_ended = !any_down;
                }
                break;
            }
            case InputEvent::Kind::kScroll:
                state_.wheel_x += e.x;
                state_.wheel_y += e.y;
                break;
            case InputEvent::Kind::kKey: {
                if (state_.keys_down[e.code] == e.down) break;
                const bool significant = significant_key(e.code);
                if (significant && keys_changed[e.code]) {
                    stop = true;
                    break;
                }
                state_.keys_down[e.code] = e.down;
                if (significant) keys_changed[e.code] = true;
                update_modifiers();
                break;
            }
            case InputEvent::Kind::kChar:
                state_.characters.push_back(e.character);
                break;
        }
        if (stop) break;
        events_.pop_front();
    }
    if (touch_ended) hide_pointer_next_frame_ = true;
    return state_;
}

}  // namespace outpost

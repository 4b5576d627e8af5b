// The splitting rules of the input queue (see input_queue.h for why).
#include "input_queue.h"

#include <cstddef>

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

void InputQueue::enable_scanning(const ScanSettings& settings, Clock* clock) {
    scan_ = settings;
    clock_ = clock;
}

void InputQueue::push(const InputEvent& in) {
    // Out-of-range codes (GLFW_KEY_UNKNOWN is -1) carry nothing ImGui can use.
    if (in.kind == InputEvent::Kind::kKey && (in.code < 0 || in.code >= keycode::kCount)) return;
    if (in.kind == InputEvent::Kind::kButton && (in.code < 0 || in.code >= kMouseButtons)) return;
    if (!clock_) {
        events_.push_back(in);
        return;
    }
    InputEvent e = in;
    e.at_ms = clock_->now_ms();
    if (e.kind == InputEvent::Kind::kKey) {
        if (!e.down && swallow_release_[e.code]) {  // the Enter/Tab/separator of a scan
            swallow_release_[e.code] = false;
            return;
        }
        if (e.code == keycode::kLeftControl) ctrl_pushed_[0] = e.down;
        if (e.code == keycode::kRightControl) ctrl_pushed_[1] = e.down;
    }
    const Role role = role_of(e);
    if (held_.empty() && role != Role::kCharacter && role != Role::kSeparator) {
        events_.push_back(e);
        return;
    }
    held_.push_back({e, role});
    resolve_held(e.at_ms);
}

InputQueue::Role InputQueue::role_of(const InputEvent& e) const {
    using namespace keycode;
    switch (e.kind) {
        case InputEvent::Kind::kChar:
            if (e.character < 0x80 &&
                scan_.separator_substitutes.find(static_cast<char>(e.character)) != std::string::npos)
                return Role::kSeparator;
            return Role::kCharacter;
        case InputEvent::Kind::kKey:
            if (!e.down) return Role::kOther;
            if (e.code == kF8 || (e.code == kRightBracket && (ctrl_pushed_[0] || ctrl_pushed_[1])))
                return Role::kSeparator;
            if (e.code == kEnter || e.code == kTab || e.code == kKeypadEnter) return Role::kEnd;
            return Role::kOther;
        default:
            return Role::kBreak;  // the pointer moved: a person is at the screen
    }
}

void InputQueue::release_typing(size_t n) {
    for (size_t i = 0; i < n; ++i) events_.push_back(held_[i].event);
    held_.erase(held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(n));
    while (!held_.empty() && held_.front().role != Role::kCharacter &&
           held_.front().role != Role::kSeparator) {
        events_.push_back(held_.front().event);
        held_.pop_front();
    }
}

namespace {
void append_utf8(uint32_t c, std::string* out) {
    if (c < 0x80) {
        out->push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out->push_back(static_cast<char>(0xC0 | (c >> 6)));
        out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out->push_back(static_cast<char>(0xE0 | (c >> 12)));
        out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out->push_back(static_cast<char>(0xF0 | (c >> 18)));
        out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}
}  // namespace

void InputQueue::release_scan(size_t end) {
    InputEvent scan;
    scan.kind = InputEvent::Kind::kScan;
    scan.at_ms = held_[end].event.at_ms;
    std::bitset<keycode::kCount> consumed;  // separator keys pressed within the burst
    for (size_t i = 0; i <= end; ++i) {
        const InputEvent& e = held_[i].event;
        switch (held_[i].role) {
            case Role::kCharacter:
                append_utf8(e.character, &scan.text);
                break;
            case Role::kSeparator:
                scan.text.push_back('\x1d');
                if (e.kind == InputEvent::Kind::kKey) consumed[e.code] = true;
                break;
            case Role::kEnd:
                consumed[e.code] = true;
                break;
            default:
                // Letter and Shift keys of the burst still reach ImGui, so no
                // key is left down; the releases of consumed keys do not.
                if (e.kind == InputEvent::Kind::kKey && !e.down && consumed[e.code]) {
                    consumed[e.code] = false;
                    break;
                }
                events_.push_back(e);
        }
    }
    swallow_release_ |= consumed;
    events_.push_back(scan);
    held_.erase(held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(end + 1));
    release_typing(0);
}

// A scan is at most a few thousand keys; past this the held keys are typing.
constexpr size_t kMaxHeldEvents = 16384;

void InputQueue::resolve_held(int64_t now_ms) {
    while (!held_.empty()) {
        int characters = 0;
        int64_t last = held_.front().event.at_ms;
        bool resolved = false;
        for (size_t i = 0; i < held_.size() && !resolved; ++i) {
            const Held& h = held_[i];
            const bool token = h.role == Role::kCharacter || h.role == Role::kSeparator;
            if (h.role == Role::kBreak) {
                release_typing(i);
                resolved = true;
            } else if ((token || h.role == Role::kEnd) && h.event.at_ms - last > scan_.max_gap_ms) {
                release_typing(i);  // a pause: what came before was typed
                resolved = true;
            } else if (token) {
                ++characters;
                last = h.event.at_ms;
            } else if (h.role == Role::kEnd) {
                if (characters >= scan_.min_characters) release_scan(i);
                else release_typing(i + 1);
                resolved = true;
            }
        }
        if (resolved) continue;
        // No Enter came in time, or a held key repeats without end: typing.
        if (now_ms - last > scan_.max_gap_ms || held_.size() > kMaxHeldEvents)
            release_typing(held_.size());
        return;
    }
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
    if (clock_) resolve_held(clock_->now_ms());
    state_.characters.clear();
    state_.scan.reset();
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
            case InputEvent::Kind::kScan:
                if (state_.scan) {
                    stop = true;  // one scan a frame
                    break;
                }
                state_.scan = e.text;
                break;
        }
        if (stop) break;
        events_.pop_front();
    }
    if (touch_ended) hide_pointer_next_frame_ = true;
    return state_;
}

}  // namespace outpost

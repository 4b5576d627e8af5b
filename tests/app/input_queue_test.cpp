// The input queue: fast taps and scanner keystrokes survive ImGui 1.86's
// once-per-frame sampling, split into at most one transition per frame.
#include <catch2/catch.hpp>

#include "input_queue.h"

using outpost::FrameInput;
using outpost::InputEvent;
using outpost::InputQueue;
namespace key = outpost::keycode;

namespace {
constexpr int kEnter = 257, kBackspace = 259, kTab = 258, kKeyA = 65, kKey1 = 49;
}

TEST_CASE("an empty queue keeps the state: no pointer nothing pressed") {
    InputQueue q;
    FrameInput f = q.take_frame();
    CHECK_FALSE(f.pointer_present);
    CHECK_FALSE(f.mouse_down[0]);
    CHECK(f.characters.empty());
    CHECK(q.empty());
}

TEST_CASE("a click faster than a frame becomes move press release on three frames") {
    InputQueue q;
    q.push(InputEvent::cursor(100, 50));
    q.push(InputEvent::button(0, true));
    q.push(InputEvent::button(0, false));

    FrameInput f1 = q.take_frame();
    CHECK(f1.pointer_present);
    CHECK(f1.mouse_x == 100);
    CHECK(f1.mouse_y == 50);
    CHECK_FALSE(f1.mouse_down[0]);
    CHECK(q.size() == 2);

    FrameInput f2 = q.take_frame();
    CHECK(f2.mouse_down[0]);
    CHECK(f2.mouse_x == 100);
    CHECK(q.size() == 1);

    FrameInput f3 = q.take_frame();
    CHECK_FALSE(f3.mouse_down[0]);
    CHECK(q.empty());
}

TEST_CASE("motion after a press waits for the next frame so the press is where it happened") {
    InputQueue q;
    q.push(InputEvent::cursor(10, 10));
    q.take_frame();
    q.push(InputEvent::button(0, true));
    q.push(InputEvent::cursor(40, 40));
    FrameInput f = q.take_frame();
    CHECK(f.mouse_down[0]);
    CHECK(f.mouse_x == 10);
    f = q.take_frame();
    CHECK(f.mouse_down[0]);
    CHECK(f.mouse_x == 40);
}

TEST_CASE("a cursor event at the same place does not delay a press") {
    InputQueue q;
    q.push(InputEvent::cursor(10, 10));
    q.take_frame();
    q.push(InputEvent::cursor(10, 10));  // the shell repeats the position with every press
    q.push(InputEvent::button(0, true));
    CHECK(q.take_frame().mouse_down[0]);
    CHECK(q.empty());
}

TEST_CASE("different buttons may change in the same frame one button only once") {
    InputQueue q;
    q.push(InputEvent::cursor(1, 1));
    q.take_frame();
    q.push(InputEvent::button(0, true));
    q.push(InputEvent::button(1, true));
    q.push(InputEvent::button(0, false));
    FrameInput f = q.take_frame();
    CHECK(f.mouse_down[0]);
    CHECK(f.mouse_down[1]);
    CHECK(q.size() == 1);
    CHECK_FALSE(q.take_frame().mouse_down[0]);
}

TEST_CASE("a scanned barcode loses no character and its Enter comes after the digits") {
    InputQueue q;
    const char* code = "0123456789";
    for (const char* c = code; *c; ++c) {
        int k = *c;  // GLFW codes for digits are their ASCII values
        q.push(InputEvent::key(k, true));
        q.push(InputEvent::character_typed(static_cast<uint32_t>(*c)));
        q.push(InputEvent::key(k, false));
    }
    q.push(InputEvent::key(kEnter, true));
    q.push(InputEvent::key(kEnter, false));

    std::string typed;
    int enter_down_frame = -1, frames = 0;
    bool enter_seen_up_after_down = false;
    while (!q.empty() && frames < 100) {
        FrameInput f = q.take_frame();
        for (uint32_t ch : f.characters) typed += static_cast<char>(ch);
        if (f.keys_down[kEnter] && enter_down_frame < 0) {
            enter_down_frame = frames;
            CHECK(typed == code);  // all digits typed by the time Enter is down
        }
        if (enter_down_frame >= 0 && frames > enter_down_frame && !f.keys_down[kEnter])
            enter_seen_up_after_down = true;
        ++frames;
    }
    CHECK(typed == code);
    CHECK(enter_down_frame >= 0);
    CHECK(enter_seen_up_after_down);
    // Printable keys do not cost a frame each: the digits fit in one frame.
    CHECK(frames == 2);
}

TEST_CASE("two quick Backspaces are two presses on separate frames") {
    InputQueue q;
    for (int i = 0; i < 2; ++i) {
        q.push(InputEvent::key(kBackspace, true));
        q.push(InputEvent::key(kBackspace, false));
    }
    int presses = 0;
    bool was_down = false;
    for (int frame = 0; frame < 10; ++frame) {
        bool down = q.take_frame().keys_down[kBackspace];
        if (down && !was_down) ++presses;
        was_down = down;
    }
    CHECK(presses == 2);
    CHECK(q.empty());
}

TEST_CASE("keys keep their order relative to characters") {
    InputQueue q;
    q.push(InputEvent::character_typed('a'));
    q.push(InputEvent::key(kTab, true));
    q.push(InputEvent::key(kTab, false));
    q.push(InputEvent::character_typed('b'));
    FrameInput f1 = q.take_frame();
    CHECK(f1.characters == std::vector<uint32_t>{'a'});
    CHECK(f1.keys_down[kTab]);
    FrameInput f2 = q.take_frame();
    CHECK(f2.characters == std::vector<uint32_t>{'b'});
    CHECK_FALSE(f2.keys_down[kTab]);
}

TEST_CASE("Ctrl+A pressed and released within a frame is still seen as a shortcut") {
    InputQueue q;
    q.push(InputEvent::key(key::kLeftControl, true));
    q.push(InputEvent::key(kKeyA, true));
    q.push(InputEvent::key(kKeyA, false));
    q.push(InputEvent::key(key::kLeftControl, false));
    FrameInput f1 = q.take_frame();
    CHECK(f1.ctrl);
    CHECK(f1.keys_down[kKeyA]);
    FrameInput f2 = q.take_frame();
    CHECK_FALSE(f2.keys_down[kKeyA]);
    CHECK_FALSE(f2.ctrl);
    CHECK(q.empty());
}

TEST_CASE("a plain printable key pressed and released within a frame costs no extra frame") {
    InputQueue q;
    q.push(InputEvent::key(kKey1, true));
    q.push(InputEvent::character_typed('1'));
    q.push(InputEvent::key(kKey1, false));
    FrameInput f = q.take_frame();
    CHECK(f.characters == std::vector<uint32_t>{'1'});
    CHECK(q.empty());
}

TEST_CASE("scrolling adds up within a frame and resets after") {
    InputQueue q;
    q.push(InputEvent::scroll(0, 1));
    q.push(InputEvent::scroll(0.5f, 2));
    FrameInput f = q.take_frame();
    CHECK(f.wheel_y == 3);
    CHECK(f.wheel_x == 0.5f);
    CHECK(q.take_frame().wheel_y == 0);
}

TEST_CASE("on a touchscreen the hover is cleared the frame after the finger lifts") {
    InputQueue q(/*touch=*/true);
    q.push(InputEvent::cursor(200, 300));
    q.push(InputEvent::button(0, true));
    q.push(InputEvent::button(0, false));
    CHECK(q.take_frame().pointer_present);   // move
    CHECK(q.take_frame().mouse_down[0]);     // press
    FrameInput release = q.take_frame();     // release: still there, so the click lands
    CHECK(release.pointer_present);
    CHECK_FALSE(release.mouse_down[0]);
    CHECK_FALSE(q.take_frame().pointer_present);  // finger gone: no hover
    CHECK_FALSE(q.take_frame().pointer_present);
    // The next touch brings the pointer back.
    q.push(InputEvent::cursor(200, 300));
    CHECK(q.take_frame().pointer_present);
}

TEST_CASE("with a mouse the hover stays after a click") {
    InputQueue q(/*touch=*/false);
    q.push(InputEvent::cursor(200, 300));
    q.push(InputEvent::button(0, true));
    q.push(InputEvent::button(0, false));
    for (int i = 0; i < 3; ++i) q.take_frame();
    CHECK(q.take_frame().pointer_present);
}

TEST_CASE("unknown keys and buttons are ignored") {
    InputQueue q;
    q.push(InputEvent::key(-1, true));
    q.push(InputEvent::key(key::kCount, true));
    q.push(InputEvent::button(7, true));
    CHECK(q.empty());
}

// ---- keyboard-wedge scanners (scanning enabled, fake clock) ----

namespace {

constexpr int kF8 = 297, kRightBracket = 93, kLeftCtrl = 341, kLeftShift = 340;

// Types `text` as a wedge scanner or a person does: for each character its key
// down, the character, its key up; `gap_ms` between characters. '\x1d' is sent
// as `gs_as`: "ctrl" (Ctrl+]), "f8", or the character itself (a substitute).
void type(InputQueue& q, outpost::FakeClock& clock, const std::string& text, int gap_ms,
          const std::string& gs_as = "ctrl") {
    for (char c : text) {
        if (c == '\x1d' && gs_as == "ctrl") {
            q.push(InputEvent::key(kLeftCtrl, true));
            q.push(InputEvent::key(kRightBracket, true));
            q.push(InputEvent::key(kRightBracket, false));
            q.push(InputEvent::key(kLeftCtrl, false));
        } else if (c == '\x1d' && gs_as == "f8") {
            q.push(InputEvent::key(kF8, true));
            q.push(InputEvent::key(kF8, false));
        } else {
            const char shown = c == '\x1d' ? gs_as[0] : c;
            const bool upper = shown >= 'A' && shown <= 'Z';
            const int code = upper ? shown : (shown >= 'a' && shown <= 'z' ? shown - 32 : shown);
            if (upper) q.push(InputEvent::key(kLeftShift, true));
            q.push(InputEvent::key(code, true));
            q.push(InputEvent::character_typed(static_cast<unsigned char>(shown)));
            q.push(InputEvent::key(code, false));
            if (upper) q.push(InputEvent::key(kLeftShift, false));
        }
        clock.advance(gap_ms);
    }
}

void press(InputQueue& q, int key) {
    q.push(InputEvent::key(key, true));
    q.push(InputEvent::key(key, false));
}

// Frames until the queue is empty (the clock moves 16 ms a frame): every
// character, every scan and every Enter press the screens would see.
struct Seen {
    std::u32string characters;
    std::vector<std::string> scans;
    int enters = 0;
    int frames = 0;
    bool keys_left_down = false;
};

Seen drain(InputQueue& q, outpost::FakeClock& clock) {
    Seen s;
    bool enter_was_down = false;
    for (int i = 0; i < 1000 && !q.empty(); ++i) {
        FrameInput f = q.take_frame();
        ++s.frames;
        for (uint32_t c : f.characters) s.characters.push_back(c);
        if (f.scan) s.scans.push_back(*f.scan);
        if (f.keys_down[kEnter] && !enter_was_down) ++s.enters;
        enter_was_down = f.keys_down[kEnter];
        clock.advance(16);
    }
    FrameInput last = q.take_frame();
    s.keys_left_down = last.keys_down.any() || last.ctrl || last.shift;
    return s;
}

InputQueue scanning_queue(outpost::FakeClock* clock, const std::string& subs = "") {
    InputQueue q;
    outpost::ScanSettings settings;
    settings.separator_substitutes = subs;
    q.enable_scanning(settings, clock);
    return q;
}

std::u32string u32(const std::string& s) { return std::u32string(s.begin(), s.end()); }

}  // namespace

TEST_CASE("a wedge scan at scanner speed becomes one scan event, not characters") {
    for (int gap : {1, 3, 5}) {
        INFO(gap);
        outpost::FakeClock clock(1000);
        InputQueue q = scanning_queue(&clock);
        type(q, clock, "0109506000134352" "17261231" "10ABC123\x1d" "21XYZ", gap);
        press(q, kEnter);
        Seen s = drain(q, clock);
        REQUIRE(s.scans.size() == 1);
        CHECK(s.scans[0] == "0109506000134352" "17261231" "10ABC123\x1d" "21XYZ");
        CHECK(s.characters.empty());
        CHECK(s.enters == 0);          // the Enter ended the scan; no form is submitted
        CHECK_FALSE(s.keys_left_down);  // Shift, Ctrl and letters all released
    }
}

TEST_CASE("each separator substitute becomes GS in the scan") {
    const std::string text = "010950600013435210AB\x1d" "21S1";
    for (const std::string how : {"ctrl", "f8", "~"}) {
        INFO(how);
        outpost::FakeClock clock(0);
        InputQueue q = scanning_queue(&clock, "~");
        type(q, clock, text, 2, how);
        press(q, kTab);  // Tab ends a scan too
        Seen s = drain(q, clock);
        REQUIRE(s.scans.size() == 1);
        CHECK(s.scans[0] == text);
        CHECK(s.characters.empty());
    }
}

TEST_CASE("typing with scanning on gives the same characters and Enter as without it") {
    const std::string words = "Amoxicillin 250";
    // Without scanning: what the screens see today.
    InputQueue plain;
    outpost::FakeClock unused(0);
    type(plain, unused, words, 120);
    press(plain, kEnter);
    Seen before = drain(plain, unused);
    for (int gap : {60, 120, 250}) {
        INFO(gap);
        outpost::FakeClock clock(0);
        InputQueue q = scanning_queue(&clock);
        type(q, clock, words, gap);
        press(q, kEnter);
        Seen s = drain(q, clock);
        CHECK(s.scans.empty());
        CHECK(s.characters == u32(words));
        CHECK(s.characters == before.characters);
        CHECK(s.enters == 1);
        CHECK(s.enters == before.enters);
    }
}

TEST_CASE("a fast burst too short, or with no Enter, or a pause before Enter is typing") {
    SECTION("four characters then Enter") {
        outpost::FakeClock clock(0);
        InputQueue q = scanning_queue(&clock);
        type(q, clock, "1234", 2);
        press(q, kEnter);
        Seen s = drain(q, clock);
        CHECK(s.scans.empty());
        CHECK(s.characters == u32("1234"));
        CHECK(s.enters == 1);
    }
    SECTION("fast characters and no Enter are released 50 ms after the last") {
        outpost::FakeClock clock(0);
        InputQueue q = scanning_queue(&clock);
        type(q, clock, "123456789", 2);
        FrameInput f = q.take_frame();
        CHECK(f.characters.empty());  // may still be a scan
        clock.advance(60);
        f = q.take_frame();
        CHECK(f.characters == std::vector<uint32_t>{'1', '2', '3', '4', '5', '6', '7', '8', '9'});
    }
    SECTION("Enter 80 ms after a fast burst") {
        outpost::FakeClock clock(0);
        InputQueue q = scanning_queue(&clock);
        type(q, clock, "123456", 2);
        clock.advance(80);
        press(q, kEnter);
        Seen s = drain(q, clock);
        CHECK(s.scans.empty());
        CHECK(s.characters == u32("123456"));
        CHECK(s.enters == 1);
    }
    SECTION("a person types, then scans: typed characters first, then the scan") {
        outpost::FakeClock clock(0);
        InputQueue q = scanning_queue(&clock);
        type(q, clock, "ab", 200);
        type(q, clock, "4006381333931", 3);
        press(q, kEnter);
        Seen s = drain(q, clock);
        CHECK(s.characters == u32("ab"));
        REQUIRE(s.scans.size() == 1);
        CHECK(s.scans[0] == "4006381333931");
    }
    SECTION("a tap in the middle of a burst makes it typing") {
        outpost::FakeClock clock(0);
        InputQueue q = scanning_queue(&clock);
        type(q, clock, "123", 2);
        q.push(InputEvent::cursor(5, 5));
        type(q, clock, "456", 2);
        press(q, kEnter);
        Seen s = drain(q, clock);
        CHECK(s.scans.empty());
        CHECK(s.characters == u32("123456"));
    }
}

TEST_CASE("two scans in a row arrive one a frame") {
    outpost::FakeClock clock(0);
    InputQueue q = scanning_queue(&clock);
    type(q, clock, "96385074", 1);
    press(q, kEnter);
    type(q, clock, "036000291452", 1);
    press(q, kEnter);
    FrameInput f1 = q.take_frame();
    REQUIRE(f1.scan);
    CHECK(*f1.scan == "96385074");
    FrameInput f2 = q.take_frame();
    REQUIRE(f2.scan);
    CHECK(*f2.scan == "036000291452");
    CHECK_FALSE(q.take_frame().scan);
}

// The redraw policy: idle draws nothing; input, wakes, animation and the
// minute timer each draw what they should.
#include <catch2/catch.hpp>

#include "redraw_policy.h"

using outpost::RedrawPolicy;

namespace {

// Simulates the main loop over [t, until): counts frames drawn, advancing
// time by the policy's wait (or by 1 ms while it wants frames now).
struct Loop {
    RedrawPolicy policy;
    double now = 1000.0;   // monotonic seconds
    double wall = 7200.0;  // a whole minute on the wall clock
    bool wants = false;
    int draw_until(double until) {
        int frames = 0;
        while (now < until) {
            double wait = policy.seconds_until_next_frame(now);
            if (wait > 0) {
                double step = std::min(wait, until - now);
                now += step;
                wall += step;
                continue;
            }
            ++frames;
            policy.frame_drawn(now, wall, wants, false);
            now += 0.001;
            wall += 0.001;
        }
        return frames;
    }
};

}  // namespace

TEST_CASE("the first frame is drawn then an idle app draws nothing until the minute") {
    Loop l;
    l.wall = 7200.5;  // half a second into a minute
    CHECK(l.draw_until(l.now + 0.01) == 1);
    // Idle: the next frame is the timer frame just after the minute changes.
    double wait = l.policy.seconds_until_next_frame(l.now);
    CHECK(wait == Approx(59.5).margin(0.1));
    CHECK(l.draw_until(l.now + 59.0) == 0);
}

TEST_CASE("one timer frame per minute while idle") {
    Loop l;
    l.draw_until(l.now + 0.01);
    CHECK(l.draw_until(l.now + 600.1) == 10);  // just after each minute
}

TEST_CASE("input gives the frame showing it plus frames_after_input more") {
    Loop l;
    l.draw_until(l.now + 1.0);
    l.policy.note_input();
    CHECK(l.draw_until(l.now + 1.0) == 1 + outpost::RedrawSettings{}.frames_after_input);
    CHECK(l.policy.seconds_until_next_frame(l.now) > 1.0);
}

TEST_CASE("a wake from another thread draws a couple of frames") {
    Loop l;
    l.draw_until(l.now + 1.0);
    l.policy.note_wake();
    CHECK(l.draw_until(l.now + 1.0) == outpost::RedrawSettings{}.frames_after_wake);
}

TEST_CASE("while the screens want frames drawing goes on at about 30 per second") {
    Loop l;
    l.wants = true;
    int frames = l.draw_until(l.now + 2.0);
    CHECK(frames >= 55);
    CHECK(frames <= 62);
    l.wants = false;
    l.policy.note_input();  // the frame that learns wants_frames() is false
    l.draw_until(l.now + 1.0);
    CHECK(l.draw_until(l.now + 30.0) <= 1);  // at most the minute timer
}

TEST_CASE("queued input keeps frames coming until the queue is empty") {
    RedrawPolicy p;
    double now = 10;
    p.frame_drawn(now, 0.5, false, false);
    // Settle the tail of the first frame.
    while (p.frame_due(now)) p.frame_drawn(now += 0.01, 0.5, false, false);
    CHECK_FALSE(p.frame_due(now));
    p.frame_drawn(now += 0.01, 0.5, false, /*input_pending=*/true);
    CHECK(p.frame_due(now));
}

TEST_CASE("forced frames are drawn even when idle (screenshots)") {
    Loop l;
    l.draw_until(l.now + 1.0);
    l.policy.force_frames(5);
    CHECK(l.draw_until(l.now + 1.0) == 5);
}

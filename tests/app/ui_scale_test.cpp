// The font size follows the window height.
#include <catch2/catch.hpp>

#include "ui_scale.h"

TEST_CASE("base font size at the clinic screen sizes") {
    CHECK(outpost::base_font_pixels(600) == Approx(18.0f));
    CHECK(outpost::base_font_pixels(768) == Approx(20.0f));
    CHECK(outpost::base_font_pixels(1080) == Approx(26.0f));
    CHECK(outpost::base_font_pixels(100) == Approx(14.0f));   // clamped
    CHECK(outpost::base_font_pixels(8000) == Approx(48.0f));  // clamped
}

TEST_CASE("the user's scale multiplies and rounds to whole pixels") {
    CHECK(outpost::font_pixels(768, 1.0f) == 20.0f);
    CHECK(outpost::font_pixels(768, 1.5f) == 30.0f);
    CHECK(outpost::font_pixels(700, 1.0f) == std::round(outpost::base_font_pixels(700)));
    CHECK(outpost::font_pixels(600, 0.5f) == 10.0f);  // 9 clamped up
}

// Text size from the screen size. Clinic screens run from 1024x600 netbooks
// to 1920x1080 monitors at arm's length; the font follows the window height
// so a touch target of a few em stays finger-sized on all of them.
#pragma once

namespace outpost {

// ImGui's own style sizes (padding, spacing, rounding) are tuned for its
// 13 px built-in font; the shell scales them by font_pixels / this.
constexpr float kImGuiDesignFontPixels = 13.0f;

// Base font size in pixels for a window `height` pixels tall, before the
// user's --scale: 18 px at 600, 20 px at 768, 26 px at 1080, straight lines
// between (and beyond, with the nearest slope), clamped to 14..48 px.
float base_font_pixels(int height);

// The font size actually used: base_font_pixels(height) * user_scale,
// rounded to whole pixels (crisper glyphs), clamped to 10..96 px.
float font_pixels(int height, float user_scale);

}  // namespace outpost

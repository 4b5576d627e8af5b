// Font size formula (see ui_scale.h).
#include "ui_scale.h"

#include <algorithm>
#include <cmath>

namespace outpost {

float base_font_pixels(int height) {
    const float h = static_cast<float>(height);
    float px;
    if (h <= 768)
        px = 18.0f + (h - 600.0f) * (2.0f / 168.0f);
    else
        px = 20.0f + (h - 768.0f) * (6.0f / 312.0f);
    return std::clamp(px, 14.0f, 48.0f);
}

float font_pixels(int height, float user_scale) {
    return std::clamp(std::round(base_font_pixels(height) * user_scale), 10.0f, 96.0f);
}

}  // namespace outpost

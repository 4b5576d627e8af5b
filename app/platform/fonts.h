// Fonts for the screens. DejaVu Sans covers the languages of the clinics
// (French, Portuguese, Spanish, Tetum accents) and the symbols labels need.
//
// The contract with the screens (app/screens/widgets.h): after load_fonts(),
// ImGui::GetIO().Fonts->Fonts holds
//   [0] regular, `pixels` tall (also io.FontDefault)
//   [1] large, 1.6 x `pixels` (titles, big numbers)
//   [2] bold, `pixels` tall, only when DejaVuSans-Bold.ttf was found
// A missing font never stops the app: it falls back to ImGui's built-in font
// and says on stderr how to install DejaVu.
#pragma once

#include <string>
#include <vector>

struct ImGuiIO;

namespace outpost {

constexpr float kLargeFontRatio = 1.6f;

struct LoadedFonts {
    bool dejavu = false;    // false: ImGui's built-in font
    bool bold = false;      // Fonts[2] exists
    std::string regular_path;
    float pixels = 0;       // regular size
};

// Directories searched, in order: every entry of `dirs`, then
// /usr/share/fonts/truetype/dejavu. The shell passes <exe>/../fonts,
// <exe>/fonts and the source tree's fonts/.
LoadedFonts load_fonts(ImGuiIO& io, float pixels, const std::vector<std::string>& dirs);

}  // namespace outpost

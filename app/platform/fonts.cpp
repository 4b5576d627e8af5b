// Finding DejaVu Sans and loading it with the glyph ranges the clinics need
// (see fonts.h).
#include "fonts.h"

#include <imgui.h>

#include <cstdio>
#include <sys/stat.h>

namespace outpost {
namespace {

bool file_exists(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string find_font(const std::vector<std::string>& dirs, const char* file) {
    for (const std::string& d : dirs) {
        std::string p = d + "/" + file;
        if (file_exists(p)) return p;
    }
    return "";
}

// Basic Latin, Latin-1, Latin Extended-A and the symbols prescriptions and
// labels use. ImGui keeps a pointer to the ranges until the atlas is built,
// so they live for the whole run.
const ImWchar* clinic_glyph_ranges() {
    static ImVector<ImWchar> ranges;  // built once at start-up, read-only after
    if (!ranges.empty()) return ranges.Data;
    ImFontGlyphRangesBuilder b;
    static const ImWchar base[] = {
        0x0020, 0x00FF,  // Basic Latin + Latin-1 (includes ° µ ½ ×)
        0x0100, 0x017F,  // Latin Extended-A
        0x2009, 0x2009,  // thin space
        0x2013, 0x2014,  // en and em dash
        0x2018, 0x201D,  // curly quotes
        0x2022, 0x2022,  // bullet
        0x2026, 0x2026,  // ellipsis
        0x202F, 0x202F,  // narrow no-break space (French before ; ! ? and in « »)
        0x20AC, 0x20AC,  // euro
        0x2190, 0x2193,  // arrows
        0x2212, 0x2212,  // minus sign
        0x2264, 0x2265,  // ≤ ≥
        0x2713, 0x2717,  // ✓ ✔ ✕ ✖ ✗
        0,
    };
    b.AddRanges(base);
    b.BuildRanges(&ranges);
    return ranges.Data;
}

}  // namespace

LoadedFonts load_fonts(ImGuiIO& io, float pixels, const std::vector<std::string>& dirs) {
    LoadedFonts out;
    out.pixels = pixels;
    std::vector<std::string> search = dirs;
    search.push_back("/usr/share/fonts/truetype/dejavu");
    io.Fonts->Clear();

    const std::string regular = find_font(search, "DejaVuSans.ttf");
    ImFont* regular_font = nullptr;
    if (!regular.empty()) {
        const ImWchar* ranges = clinic_glyph_ranges();
        ImFontConfig cfg;
        cfg.OversampleH = 2;  // sharper small text; 3 costs atlas space for little gain
        regular_font = io.Fonts->AddFontFromFileTTF(regular.c_str(), pixels, &cfg, ranges);
        if (regular_font) {
            io.Fonts->AddFontFromFileTTF(regular.c_str(), pixels * kLargeFontRatio, &cfg, ranges);
            const std::string bold = find_font(search, "DejaVuSans-Bold.ttf");
            if (!bold.empty() && io.Fonts->AddFontFromFileTTF(bold.c_str(), pixels, &cfg, ranges))
                out.bold = true;
            out.dejavu = true;
            out.regular_path = regular;
        }
    }
    if (!regular_font) {
        std::fprintf(stderr,
                     "outpost: DejaVuSans.ttf not found in fonts/ or "
                     "/usr/share/fonts/truetype/dejavu/; install fonts-dejavu-core "
                     "(see fonts/README.md); using ImGui's built-in font\n");
        io.Fonts->Clear();
        ImFontConfig cfg;
        cfg.SizePixels = pixels;
        regular_font = io.Fonts->AddFontDefault(&cfg);
        ImFontConfig large;
        large.SizePixels = pixels * kLargeFontRatio;
        io.Fonts->AddFontDefault(&large);
    }
    io.FontDefault = regular_font;
    return out;
}

}  // namespace outpost

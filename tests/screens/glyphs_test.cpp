// Every letter and sign of French, Portuguese and Spanish is in the fonts
// the shell loads (app/platform/fonts.cpp's glyph ranges over DejaVu Sans),
// regular, large and bold: ImGui would draw a '?' for a missing one.
// Checked for a fixed list of the languages' letters and signs and for
// every character of every translation in assets/locale/*/outpost.po.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

// UTF-8 to code points (the files are valid UTF-8: msgfmt --check says so).
std::set<unsigned> code_points(const std::string& s) {
    std::set<unsigned> out;
    for (size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        unsigned cp = len == 1 ? c : len == 2 ? c & 0x1Fu : len == 3 ? c & 0x0Fu : c & 0x07u;
        for (size_t k = 1; k < len && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
        i += len;
        if (cp >= 0x20) out.insert(cp);
    }
    return out;
}

std::string read(const std::string& path) {
    std::ifstream in(path);
    INFO(path);
    REQUIRE(in.good());
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string missing_in_fonts(const std::set<unsigned>& points) {
    std::ostringstream out;
    const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    for (int f = 0; f < atlas->Fonts.Size; ++f)
        for (unsigned cp : points)
            if (atlas->Fonts[f]->FindGlyphNoFallback(static_cast<ImWchar>(cp)) == nullptr)
                out << " font" << f << ":U+" << std::hex << std::uppercase << cp << std::dec;
    return out.str();
}

}  // namespace

TEST_CASE("the fonts have every letter and sign of fr pt and es", "[screens][i18n][fonts]") {
    Clinic clinic;
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    REQUIRE(ImGui::GetIO().Fonts->Fonts.Size == 3);  // regular, large, bold
    // French, Portuguese, Spanish letters (both cases), their punctuation and
    // ordinals, the no-break spaces French puts before : ; ! ? and inside
    // guillemets, the euro and the typographic quotes and dashes.
    const std::set<unsigned> letters = code_points(
        "éèêëàâäîïôöùûüÿçœæ ÉÈÊËÀÂÄÎÏÔÖÙÛÜŸÇŒÆ "
        "áàâãçéêíóôõú ÁÀÂÃÇÉÊÍÓÔÕÚ "
        "áéíóúüñ ÁÉÍÓÚÜÑ ¿¡ºª «» \xC2\xA0 \xE2\x80\xAF \xE2\x80\x89 € ‘’“” – — … ° µ ×");
    INFO("missing:" << missing_in_fonts(letters));
    CHECK(missing_in_fonts(letters).empty());
    for (const char* lang : {"fr", "pt", "es"}) {
        const std::string po = read(std::string(OUTPOST_LOCALE_SOURCE_DIR) + "/" + lang + "/outpost.po");
        const std::set<unsigned> used = code_points(po);
        INFO(lang << " outpost.po, missing:" << missing_in_fonts(used));
        CHECK(missing_in_fonts(used).empty());
    }
}

TEST_CASE("the glyph check notices a character the fonts lack", "[screens][i18n][fonts]") {
    Clinic clinic;
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    // Arabic alif and a CJK ideograph are outside the loaded ranges.
    CHECK_FALSE(missing_in_fonts({0x0627u, 0x4E2Du}).empty());
}

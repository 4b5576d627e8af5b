// Every screen of the tour (screen_tour.h) fits at the kiosk's two sizes in
// each language (issue 13): layout_check.h's checks at every stop. One test
// per language and size, so a failure names them.
#include <catch2/catch.hpp>

#include <sstream>

#include "layout_check.h"
#include "screen_tour.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

void fits(i18n::Lang lang, ImVec2 size) {
    TourOptions o;
    o.lang = lang;
    o.size = size;
    o.font_px = size.y <= 600 ? 18.0f : 20.0f;  // the shell's sizes
    std::vector<std::string> problems;
    size_t stops = 0;
    const std::vector<std::string> unreachable = run_tour(o, [&](Ui& ui, const std::string& stop) {
        ++stops;
        REQUIRE_FALSE(ui.probe.all().empty());
        REQUIRE_FALSE(ui.texts().empty());
        for (const std::string& p : layout_problems(ui)) problems.push_back(stop + ": " + p);
    });
    CHECK(stops == tour_stops().size());
    for (const std::string& u : unreachable) problems.push_back(u);
    std::ostringstream list;
    for (const std::string& p : problems) list << "\n  " << p;
    INFO(i18n::code(lang) << " at " << size.x << "x" << size.y << ", " << problems.size()
                          << " problems:" << list.str());
    CHECK(problems.empty());
}

}  // namespace

#define LAYOUT_CASES(lang)                                                                  \
    TEST_CASE("every screen fits at 1024x600 in " #lang, "[screens][layout][i18n][" #lang "]") { \
        fits(i18n::Lang::lang, ImVec2(1024, 600));                                          \
    }                                                                                       \
    TEST_CASE("every screen fits at 1366x768 in " #lang, "[screens][layout][i18n][" #lang "]") { \
        fits(i18n::Lang::lang, ImVec2(1366, 768));                                          \
    }

LAYOUT_CASES(en)
LAYOUT_CASES(fr)
LAYOUT_CASES(pt)
LAYOUT_CASES(es)

// No English reaches the screen in French (issue 13). The tour of every
// screen (screen_tour.h, its stops are the list of screens covered) runs in
// French at 1024x600; UntranslatedCheck hears every tr() miss and looks at
// every text drawn (untranslated_check.h). The test fails listing each
// untranslated string with its stop, except those excluded below.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "screen_tour.h"
#include "untranslated_check.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

// TEMPORARY EXCLUSIONS -- the lead empties these lists once the branches
// translating these screens are merged (issue 13). A finding at an excluded
// stop, or of an excluded text, is printed as a warning and does not fail.
//
// Stops whose screen another branch is translating right now:
const std::vector<std::string> kStopsBeingTranslated = {};
// Texts of shared parts drawn on every screen, translated by another branch:
const std::vector<std::string> kTextsBeingTranslated = {
    // Not words: the set-up screen's example address.
    "https://central.example:8443",
};

bool excluded(const UntranslatedCheck::Finding& f) {
    auto in = [](const std::vector<std::string>& list, const std::string& x) {
        return std::find(list.begin(), list.end(), x) != list.end();
    };
    return in(kStopsBeingTranslated, f.stop) || in(kTextsBeingTranslated, f.text);
}

}  // namespace

TEST_CASE("the drawn-text capture sees every text ImGui draws", "[screens][i18n]") {
    Clinic clinic;
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    REQUIRE(capture_works());
    // The login screen's tiles are data (heap), its heading a literal or a
    // translation: both are seen.
    bool tile = false;
    for (const DrawnText& t : ui.texts()) tile = tile || t.text.find(kDispenser) != std::string::npos;
    CHECK(tile);
}

TEST_CASE("the patterns of the untranslated check", "[screens][i18n]") {
    CHECK(matches_pattern("Batch {0} is on hold.", "Batch PARA-1 is on hold."));
    CHECK_FALSE(matches_pattern("Batch {0} is on hold.", "Batch  is on hold."));
    CHECK_FALSE(matches_pattern("Batch {0} is on hold.", "Le lot PARA-1 est bloqué."));
    CHECK(matches_pattern("Code %s   On hand %s", "Code AMX   On hand 5 tablets"));
    CHECK(matches_pattern("{0} of {1}", "2 of 9"));
    CHECK_FALSE(matches_pattern("{0} of {1}", "2 sur 9"));
    CHECK(matches_pattern("Stock", "Stock"));
    CHECK_FALSE(matches_pattern("Stock", "Stocks"));
    CHECK(has_words("Lot 7"));
    CHECK_FALSE(has_words("7 x 2"));
}

TEST_CASE("every screen of the tour draws no English in French", "[screens][i18n][untranslated]") {
    UntranslatedCheck check(i18n::Lang::fr);
    REQUIRE(check.catalogue_size() > 100);
    TourOptions o;
    o.lang = i18n::Lang::fr;
    std::vector<std::string> stops;
    run_tour(o, [&](Ui& ui, const std::string& stop) {
        REQUIRE(capture_works());
        check.look(ui, stop);
        stops.push_back(stop);
    });
    CHECK(stops == tour_stops());
    CHECK(check.texts_seen() > 500);  // the check looked at the screens' words
    std::ostringstream failing, waiting;
    size_t n_failing = 0, n_waiting = 0;
    for (const UntranslatedCheck::Finding& f : check.findings()) {
        std::ostringstream& out = excluded(f) ? waiting : failing;
        ++(excluded(f) ? n_waiting : n_failing);
        out << "\n  " << f.stop << ": \"" << f.text << "\" (" << f.why << ")";
    }
    if (n_waiting > 0)
        WARN(n_waiting << " untranslated in French on excluded stops or texts (being translated):"
                       << waiting.str());
    INFO(n_failing << " untranslated in French:" << failing.str());
    CHECK(n_failing == 0);
}

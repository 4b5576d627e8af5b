// A tour of every screen a person can reach, driven through the headless
// harness in whatever language the device is set to: the counter (login,
// dispensing, history, stock, item, adjust, receive, stocktake, expiring,
// audit), the storekeeper's reports and orders, an admin's sync details,
// training panel and printer settings, barcode scans, and the set-up screen
// of a device not yet registered.
//
// Used by the per-language layout tests (lang_layout_test.cpp), the French
// untranslated-text test (untranslated_test.cpp) and the gallery's
// per-language pictures (screens_gallery.cpp), so the three see the same
// screens. The harness taps by English keys and translates them (Ui::key),
// so the tour reads the same in every language.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ui_harness.h"

namespace outpost::screens_test {

struct TourOptions {
    ImVec2 size{1024, 600};
    float font_px = 18;  // the shell's: 18 px at 600 tall, 20 px at 768
    i18n::Lang lang = i18n::Lang::en;
};

// Called at each stop after its frames settled; `stop` is one of tour_stops().
using Visit = std::function<void(Ui& ui, const std::string& stop)>;

// Runs the whole tour; every stop is visited once, in tour_stops() order.
// Returns the widgets the tour had to tap but found drawn out of reach
// (past the window's edge): layout problems the callers report.
std::vector<std::string> run_tour(const TourOptions& options, const Visit& visit);

// Every stop of the tour, in order: the list of screens the tour covers.
const std::vector<std::string>& tour_stops();

}  // namespace outpost::screens_test

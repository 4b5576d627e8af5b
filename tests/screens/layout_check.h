// The layout checks of one frame, in any language (issue 13: "nothing
// overlaps or is cut without an ellipsis"):
//   - every touch target is at least 2.7 em tall (the text keyboard's keys
//     2.45 em) and inside the window;
//   - every text drawn is inside the window;
//   - no text is cut on the left or right by the box it is drawn in (a
//     table cell, a button, a child window); a text shortened with "..."
//     (fit_lines, ImGui's ellipsis) fits its box and so passes;
//   - no two texts of one window overlap, and no two touch targets of one
//     window overlap.
// Texts scrolled out of a list (above or below its visible part), and texts
// at the edge of a window that scrolls sideways (a wide report table), are
// not looked at: they scroll into view.
#pragma once

#include <string>
#include <vector>

#include "ui_harness.h"

namespace outpost::screens_test {

// One line per problem, naming the text or key; empty when the frame is fine.
std::vector<std::string> layout_problems(const Ui& ui);

}  // namespace outpost::screens_test

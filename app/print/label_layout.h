// Lays a dispensing label out on a label stock at a printer resolution: the
// fields of label_paragraphs() wrapped by their printed width, at the largest
// font that fits; when even the smallest font does not fit, the label goes
// on as many sheets as it needs, each marked "part k of n" and each naming
// the medicine again. Nothing is ever cut. A training (demo) label carries
// "TRAINING - NOT FOR PATIENT USE" in a black band across every sheet.
//
// Units are printer dots (1/dpi inch); y is the top of a line. The same
// layout feeds ZPL (zpl.h, with a conservative width estimate for the
// printer's own font) and PDF (label_pdf.h, with pango's real measurements).
// Pure: no I/O, thread safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "label.h"
#include "printing.h"

namespace outpost {

struct LabelGeometry {
    int width_dots = 0, height_dots = 0;  // the whole label
    int dpi = 203;
    int margin_dots = 0;                  // on every side
};
// REQUIRES: dpi > 0. Margin 1.5 mm.
LabelGeometry label_geometry(const LabelSize& size, int dpi);

enum class LineStyle {
    kItem,      // the medicine: bold
    kBody,
    kTraining,  // white on the black training band
    kPart,      // "part 2 of 3"
};

struct PlacedLine {
    std::string text;
    LineStyle style = LineStyle::kBody;
    int x = 0, y = 0;    // dots from the label's top left; y is the top of the line
    int font_dots = 0;   // character height
};

struct LabelSheet {
    std::vector<PlacedLine> lines;
    int band_height = 0;  // training band from the top, 0 when none
};

struct LaidOutLabel {
    LabelGeometry geometry;
    int font_dots = 0;            // body font chosen
    std::vector<LabelSheet> sheets;  // at least one
};

// Width in dots of text at a font height, bold or not.
using TextWidth = std::function<double(const std::string& text, int font_dots, bool bold)>;

// A deliberately generous estimate of the width of text in a ZPL printer's
// scalable font 0 at ^A0N,h,h (Helvetica widths, wider than the printer's
// condensed font; any non-ASCII character as a full em), so a ZPL label laid
// out with it is never wider than the label.
double zpl_font_width(const std::string& text, int font_dots, bool bold);

// REQUIRES: geometry from label_geometry. label.training adds the band.
LaidOutLabel lay_out_label(const LabelInput& label, const LabelGeometry& geometry,
                           const TextWidth& width);

}  // namespace outpost

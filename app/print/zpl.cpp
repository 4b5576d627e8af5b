// ZPL generation (see zpl.h). Layout positions become ^FO; the training band
// is a filled ^GB box with its text reversed (^FR) on it; every text field
// is ^A0N (the scalable font), ^FH and the escaped data.
#include "zpl.h"

namespace outpost {

std::string zpl_field(const std::string& text) {
    static const char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (c == '^' || c == '~' || c == '\\' || c == '_' || u < 0x20 || u == 0x7F) {
            out += '_';
            out += kHex[u >> 4];
            out += kHex[u & 0xF];
        } else {
            out += c;
        }
    }
    return out;
}

std::string zpl_label(const LaidOutLabel& label, int copies) {
    const LabelGeometry& g = label.geometry;
    std::string out;
    for (const LabelSheet& sheet : label.sheets) {
        out += "^XA\n^CI28\n^PW" + std::to_string(g.width_dots) + "\n^LL" + std::to_string(g.height_dots) +
               "\n^LH0,0\n";
        if (sheet.band_height > 0) {
            out += "^FO0,0^GB" + std::to_string(g.width_dots) + "," + std::to_string(sheet.band_height) + "," +
                   std::to_string(sheet.band_height) + ",B,0^FS\n";
        }
        for (const PlacedLine& l : sheet.lines) {
            const std::string font = std::to_string(l.font_dots);
            out += "^FO" + std::to_string(l.x) + "," + std::to_string(l.y) + "^A0N," + font + "," + font;
            if (l.style == LineStyle::kTraining) out += "^FR";
            out += "^FH^FD" + zpl_field(l.text) + "^FS\n";
        }
        out += "^PQ" + std::to_string(copies < 1 ? 1 : copies) + "\n^XZ\n";
    }
    return out;
}

std::string zpl_labels(const std::vector<LabelInput>& labels, const LabelGeometry& geometry, int copies) {
    std::string out;
    for (const LabelInput& in : labels) out += zpl_label(lay_out_label(in, geometry, zpl_font_width), copies);
    return out;
}

}  // namespace outpost

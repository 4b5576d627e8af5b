// Label layout (see label_layout.h). The body font is the largest of a few
// sizes (12 pt down to 6 pt, converted to dots at the printer's resolution)
// at which every wrapped line fits one sheet; at 6 pt the lines are dealt
// onto as many sheets as needed. 6 pt is about the smallest a 203 dpi
// thermal head prints legibly.
#include "label_layout.h"

#include <algorithm>
#include <cmath>

namespace outpost {
namespace {

constexpr double kMarginMm = 1.5;
constexpr int kFontPoints[] = {12, 11, 10, 9, 8, 7, 6};
const char* const kTrainingText = "TRAINING - NOT FOR PATIENT USE";

int dots(double mm, int dpi) { return static_cast<int>(std::lround(mm / 25.4 * dpi)); }
int line_height(int font_dots) { return (font_dots * 6 + 4) / 5; }  // 1.2 x, rounded up

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::vector<std::string> split_spaces(const std::string& s) {
    std::vector<std::string> words;
    size_t i = 0;
    while (i < s.size()) {
        size_t j = s.find(' ', i);
        if (j == std::string::npos) j = s.size();
        if (j > i) words.push_back(s.substr(i, j - i));
        i = j + 1;
    }
    return words;
}

// Greedy wrap by measured width; a word wider than a line is broken between
// characters (never inside a UTF-8 sequence), at least one character a line.
std::vector<std::string> wrap(const std::string& paragraph, double max_width, int font, bool bold,
                              const TextWidth& width) {
    std::vector<std::string> lines;
    std::string line;
    for (std::string word : split_spaces(paragraph)) {
        if (!line.empty() && width(line + " " + word, font, bold) <= max_width) {
            line += " " + word;
            continue;
        }
        if (!line.empty()) lines.push_back(std::move(line));
        line.clear();
        while (width(word, font, bold) > max_width) {
            size_t cut = 0;  // longest prefix that fits, on a character boundary
            for (size_t i = 1; i <= word.size(); ++i) {
                if (i < word.size() && is_continuation(word[i])) continue;
                if (width(word.substr(0, i), font, bold) > max_width) break;
                cut = i;
            }
            if (cut == 0) {  // not even one character fits: one a line
                cut = 1;
                while (cut < word.size() && is_continuation(word[cut])) ++cut;
            }
            lines.push_back(word.substr(0, cut));
            word.erase(0, cut);
        }
        line = word;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    return lines;
}

bool has_text(const std::string& s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) > 0x20) return true;
    return false;
}

struct Wrapped {
    std::string text;
    bool item = false;
};

}  // namespace

LabelGeometry label_geometry(const LabelSize& size, int dpi) {
    LabelGeometry g;
    g.dpi = dpi;
    g.width_dots = dots(size.width_mm, dpi);
    g.height_dots = dots(size.height_mm, dpi);
    g.margin_dots = dots(kMarginMm, dpi);
    return g;
}

double zpl_font_width(const std::string& text, int font_dots, bool bold) {
    // Helvetica advance widths per 1000 em, ASCII 32..126.
    static const short kWidths[95] = {
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,  // ' '../
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,  // 0..?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,  // @..O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,  // P.._
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,  // `..o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584};     // p..~
    double em = 0;
    for (char c : text) {
        unsigned char u = static_cast<unsigned char>(c);
        if (is_continuation(c)) continue;
        em += (u >= 32 && u < 127) ? kWidths[u - 32] : 1000;
    }
    return em / 1000.0 * font_dots * (bold ? 1.1 : 1.0);
}

LaidOutLabel lay_out_label(const LabelInput& label, const LabelGeometry& g, const TextWidth& width) {
    LabelInput fields = label;
    fields.training = false;  // the mark is the band, not a paragraph
    const std::vector<std::string> paragraphs = label_paragraphs(fields);
    const bool first_is_item = has_text(label.item_name);
    const double text_width = g.width_dots - 2 * g.margin_dots;
    const int top = g.margin_dots, bottom = g.height_dots - g.margin_dots;

    auto wrap_all = [&](int font) {
        std::vector<Wrapped> lines;
        for (size_t p = 0; p < paragraphs.size(); ++p) {
            const bool item = first_is_item && p == 0;
            for (std::string& l : wrap(paragraphs[p], text_width, font, item, width))
                lines.push_back({std::move(l), item});
        }
        return lines;
    };
    // The training band: its text wrapped at the body font (smaller when a
    // line of it would be taller than the body's), black from the top edge.
    auto band = [&](int font, std::vector<std::string>* lines) {
        if (!label.training) return 0;
        *lines = wrap(kTrainingText, text_width, font, true, width);
        return g.margin_dots + static_cast<int>(lines->size()) * line_height(font) + font / 4;
    };

    LaidOutLabel out;
    out.geometry = g;
    int font = 0;
    std::vector<Wrapped> lines;
    std::vector<std::string> band_lines;
    int band_height = 0;
    bool one_sheet = false;
    for (int points : kFontPoints) {
        font = std::max(1, static_cast<int>(std::lround(points / 72.0 * g.dpi)));
        lines = wrap_all(font);
        band_height = band(font, &band_lines);
        const int content_top = band_height > 0 ? band_height + font / 4 : top;
        if (content_top + static_cast<int>(lines.size()) * line_height(font) <= bottom) {
            one_sheet = true;
            break;
        }
    }
    out.font_dots = font;
    const int lh = line_height(font);
    const int content_top = band_height > 0 ? band_height + font / 4 : top;

    auto new_sheet = [&]() {
        LabelSheet sheet;
        sheet.band_height = band_height;
        int y = g.margin_dots;
        for (const std::string& t : band_lines) {
            sheet.lines.push_back({t, LineStyle::kTraining, g.margin_dots, y, font});
            y += lh;
        }
        return sheet;
    };

    if (one_sheet) {
        LabelSheet sheet = new_sheet();
        int y = content_top;
        for (const Wrapped& l : lines) {
            sheet.lines.push_back({l.text, l.item ? LineStyle::kItem : LineStyle::kBody, g.margin_dots, y, font});
            y += lh;
        }
        out.sheets.push_back(std::move(sheet));
        return out;
    }

    // Several sheets: the last line of each is "part k of n"; sheets after
    // the first start with the medicine's name again, "(continued)".
    const int per_sheet = std::max(1, (bottom - content_top) / lh - 1);
    std::vector<std::string> header;
    if (first_is_item) header = wrap(paragraphs[0] + " (continued)", text_width, font, true, width);
    if (static_cast<int>(header.size()) >= per_sheet) header.clear();
    const int per_next = per_sheet - static_cast<int>(header.size());
    const int rest = std::max(0, static_cast<int>(lines.size()) - per_sheet);
    const int sheets = 1 + (rest + per_next - 1) / per_next;

    size_t next = 0;
    for (int k = 1; k <= sheets; ++k) {
        LabelSheet sheet = new_sheet();
        int y = content_top;
        if (k > 1) {
            for (const std::string& h : header) {
                sheet.lines.push_back({h, LineStyle::kItem, g.margin_dots, y, font});
                y += lh;
            }
        }
        const int room = k == 1 ? per_sheet : per_next;
        for (int i = 0; i < room && next < lines.size(); ++i, ++next) {
            const Wrapped& l = lines[next];
            sheet.lines.push_back({l.text, l.item ? LineStyle::kItem : LineStyle::kBody, g.margin_dots, y, font});
            y += lh;
        }
        sheet.lines.push_back({"part " + std::to_string(k) + " of " + std::to_string(sheets), LineStyle::kPart,
                               g.margin_dots, bottom - lh, font});
        out.sheets.push_back(std::move(sheet));
    }
    return out;
}

}  // namespace outpost

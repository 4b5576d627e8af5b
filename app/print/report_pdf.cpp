// Report PDF (see report_pdf.h). Units are PDF points. Two passes: the cells
// are measured with pango on the PDF's own context (column widths, row
// heights), the rows are cut into pages, then each page is drawn knowing
// the page count.
#include "report_pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <vector>

#include "pdf_text.h"

namespace outpost {
namespace {

constexpr double kA4Short = 595.276, kA4Long = 841.89;
constexpr double kMargin = 34;       // about 12 mm
constexpr double kPad = 2.5;         // inside a cell
constexpr double kFooter = 18;       // room for the page number
constexpr double kMaxNatural = 190;  // a column's width when nothing else needs room
constexpr double kMaxWord = 80;      // a longer word may break inside

struct Text : PdfTextLayout {
    explicit Text(cairo_t* cr) : PdfTextLayout(cr) { pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR); }

    // width <= 0: one line, no wrapping.
    void set(const std::string& s, double size, bool bold, double width = 0,
             PangoAlignment align = PANGO_ALIGN_LEFT) {
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
        pango_layout_set_font_description(layout, font);
        pango_layout_set_width(layout, width > 0 ? static_cast<int>(width * PANGO_SCALE) : -1);
        pango_layout_set_alignment(layout, align);
        pango_layout_set_text(layout, s.c_str(), static_cast<int>(s.size()));
    }
    double width() {
        PangoRectangle ink, logical;
        pango_layout_get_extents(layout, &ink, &logical);
        return static_cast<double>(logical.width) / PANGO_SCALE;
    }
    double height() {
        PangoRectangle ink, logical;
        pango_layout_get_extents(layout, &ink, &logical);
        return static_cast<double>(logical.height) / PANGO_SCALE;
    }
    void show(cairo_t* cr, double x, double y) {
        cairo_move_to(cr, x, y);
        pango_cairo_show_layout(cr, layout);
    }
};

bool numeric(const std::string& s) {
    if (s.empty()) return false;
    size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
    bool digit = false;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9')
            digit = true;
        else if (s[i] != '.')
            return false;
    }
    return digit;
}

std::vector<std::string> words(const std::string& s) {
    std::vector<std::string> w;
    std::string cur;
    for (char c : s) {
        if (c == ' ' || c == '\n') {
            if (!cur.empty()) w.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) w.push_back(cur);
    return w;
}

// What is drawn: the columns kept, the preamble lines, sizes.
struct Plan {
    std::vector<size_t> columns;        // indexes into the table's header
    std::vector<std::string> preamble;  // under the title, on page 1
    std::vector<double> widths;         // per kept column
    std::vector<bool> right;            // right-aligned (numeric) columns
    double font = 8, header_h = 0;
    std::vector<double> row_h;  // per row
    bool landscape = false;
    std::vector<std::pair<size_t, size_t>> pages;  // [first, end) rows per page
    double preamble_h = 0;
};

double cell_height(Text& text, const std::string& s, double size, bool bold, double width) {
    text.set(s, size, bold, width - 2 * kPad);
    return text.height() + 2 * kPad;
}

Plan plan_table(Text& text, const ReportTable& t, const ReportPdfInfo& info) {
    Plan p;
    using i18n::format;
    using i18n::tr_for;
    p.preamble.push_back(format(tr_for(info.lang, "Facility: {0}"),
                                {info.facility.empty() ? std::string(tr_for(info.lang, "(no site set up)"))
                                                       : info.facility}));
    if (!t.period.empty()) p.preamble.push_back(format(tr_for(info.lang, "Period: {0}"), {t.period}));
    p.preamble.push_back(format(tr_for(info.lang, "Generated: {0}"), {info.generated_at}));
    for (const std::string& n : t.notes) p.preamble.push_back(n);
    // A column the same on every row is said once, above the table.
    for (size_t c = 0; c < t.header.size(); ++c) {
        bool same = t.rows.size() >= 2;
        for (const auto& row : t.rows)
            same = same && c < row.size() && row[c] == t.rows[0][c] && !row[c].empty();
        same = same && !numeric(t.rows[0][c]);  // figures stay in the table
        if (same)
            p.preamble.push_back(t.header[c] + ": " + t.rows[0][c]);
        else
            p.columns.push_back(c);
    }
    p.font = p.columns.size() > 14 ? 6.5 : p.columns.size() > 10 ? 7.0 : 8.0;
    std::vector<double> natural, minimum;
    for (size_t c : p.columns) {
        double nat = 0, word = 0;
        bool num = !t.rows.empty();
        // A heading wraps at its words before a cell does: it asks only
        // for its longest word.
        auto measure = [&](const std::string& s, bool bold) {
            text.set(s, p.font, bold);
            if (!bold) nat = std::max(nat, text.width());
            for (const std::string& w : words(s)) {
                text.set(w, p.font, bold);
                word = std::max(word, text.width());
                if (bold) nat = std::max(nat, text.width());
            }
        };
        measure(t.header[c], true);
        for (const auto& row : t.rows) {
            const std::string& cell = c < row.size() ? row[c] : std::string();
            measure(cell, false);
            num = num && (cell.empty() || cell == "-" || numeric(cell));
        }
        natural.push_back(std::min(nat, kMaxNatural) + 2 * kPad + 1);
        minimum.push_back(std::min(word, kMaxWord) + 2 * kPad + 1);
        p.right.push_back(num);
    }
    double sum_nat = 0, sum_min = 0;
    for (size_t i = 0; i < natural.size(); ++i) sum_nat += natural[i], sum_min += minimum[i];
    p.landscape = sum_nat > kA4Short - 2 * kMargin;
    const double avail = (p.landscape ? kA4Long : kA4Short) - 2 * kMargin;
    p.widths = natural;
    if (sum_nat > avail) {
        if (sum_min >= avail) {
            for (size_t i = 0; i < minimum.size(); ++i) p.widths[i] = minimum[i] * avail / sum_min;
        } else {
            // Narrow columns keep their width; the widest are cut to a common
            // cap (never below their longest word), found by bisection.
            auto width_at = [&](size_t i, double cap) {
                return std::max(minimum[i], std::min(natural[i], cap));
            };
            double lo = 0, hi = kMaxNatural + 2 * kPad + 1;
            for (int step = 0; step < 40; ++step) {
                const double cap = (lo + hi) / 2;
                double sum = 0;
                for (size_t i = 0; i < natural.size(); ++i) sum += width_at(i, cap);
                (sum > avail ? hi : lo) = cap;
            }
            for (size_t i = 0; i < natural.size(); ++i) p.widths[i] = width_at(i, lo);
        }
    }
    for (size_t i = 0; i < p.columns.size(); ++i)
        p.header_h = std::max(p.header_h,
                              cell_height(text, t.header[p.columns[i]], p.font, true, p.widths[i]));
    for (const auto& row : t.rows) {
        double h = 0;
        for (size_t i = 0; i < p.columns.size(); ++i) {
            const size_t c = p.columns[i];
            h = std::max(h, cell_height(text, c < row.size() ? row[c] : std::string(), p.font,
                                        false, p.widths[i]));
        }
        p.row_h.push_back(h);
    }
    // Title and preamble height on page 1.
    text.set(t.title, 14, true, avail);
    p.preamble_h = text.height() + 6;
    for (const std::string& line : p.preamble) {
        text.set(line, 8.5, false, avail);
        p.preamble_h += text.height() + 1;
    }
    p.preamble_h += 8;
    // Pages: each starts with the header row; a row never splits.
    const double page_h = p.landscape ? kA4Short : kA4Long;
    const double bottom = page_h - kMargin - kFooter;
    size_t first = 0;
    double y = kMargin + p.preamble_h + p.header_h;
    for (size_t r = 0; r < p.row_h.size(); ++r) {
        if (y + p.row_h[r] > bottom && r > first) {
            p.pages.push_back({first, r});
            first = r;
            y = kMargin + 14 + p.header_h;  // later pages: a one-line title
        }
        y += p.row_h[r];
    }
    p.pages.push_back({first, p.row_h.size()});
    return p;
}

void draw_row(cairo_t* cr, Text& text, const Plan& p, const std::vector<std::string>& cells,
              bool header, double y, double h) {
    double x = kMargin;
    double total = 0;
    for (double w : p.widths) total += w;
    if (header) {
        cairo_set_source_rgb(cr, 0.88, 0.88, 0.88);
        cairo_rectangle(cr, kMargin, y, total, h);
        cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (size_t i = 0; i < p.columns.size(); ++i) {
        const size_t c = p.columns[i];
        const std::string& s = c < cells.size() ? cells[c] : std::string();
        text.set(s, p.font, header, p.widths[i] - 2 * kPad,
                 !header && p.right[i] ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        text.show(cr, x + kPad, y + kPad);
        x += p.widths[i];
    }
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.4);
    cairo_move_to(cr, kMargin, y + h);
    cairo_line_to(cr, kMargin + total, y + h);
    cairo_stroke(cr);
}

void draw_pages(cairo_t* cr, cairo_surface_t* surface, Text& text, const ReportTable& t,
                const ReportPdfInfo& info, const Plan& p) {
    const double page_w = p.landscape ? kA4Long : kA4Short,
                 page_h = p.landscape ? kA4Short : kA4Long;
    const double avail = page_w - 2 * kMargin;
    cairo_pdf_surface_set_size(surface, page_w, page_h);
    const size_t n = p.pages.size();
    for (size_t page = 0; page < n; ++page) {
        double y = kMargin;
        cairo_set_source_rgb(cr, 0, 0, 0);
        if (page == 0) {
            text.set(t.title, 14, true, avail);
            text.show(cr, kMargin, y);
            y += text.height() + 6;
            for (const std::string& line : p.preamble) {
                text.set(line, 8.5, false, avail);
                text.show(cr, kMargin, y);
                y += text.height() + 1;
            }
            y += 8;
        } else {
            text.set(t.title + " (continued)", 9, true, avail);
            text.show(cr, kMargin, y);
            y += 14;
        }
        draw_row(cr, text, p, t.header, true, y, p.header_h);
        y += p.header_h;
        for (size_t r = p.pages[page].first; r < p.pages[page].second; ++r) {
            draw_row(cr, text, p, t.rows[r], false, y, p.row_h[r]);
            y += p.row_h[r];
        }
        if (t.rows.empty()) {
            cairo_set_source_rgb(cr, 0, 0, 0);
            text.set(i18n::tr_for(info.lang, "No rows in this period."), 9, false, avail);
            text.show(cr, kMargin, y + 6);
        }
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        text.set(info.facility + " - " + t.title, 7.5, false, avail * 0.7);
        text.show(cr, kMargin, page_h - kMargin - 9);
        text.set(i18n::format(i18n::tr_for(info.lang, "Page {0} of {1}"),
                              {std::to_string(page + 1), std::to_string(n)}),
                 7.5, false, avail, PANGO_ALIGN_RIGHT);
        text.show(cr, kMargin, page_h - kMargin - 9);
        cairo_show_page(cr);
    }
}

}  // namespace

Status write_report_pdf(const ReportTable& t, const ReportPdfInfo& info, const std::string& path) {
    cairo_surface_t* surface = cairo_pdf_surface_create(path.c_str(), kA4Short, kA4Long);
    std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t*)> surface_guard(
        surface, cairo_surface_destroy);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        return Status::IoError("the PDF " + path + " could not be written: " +
                               cairo_status_to_string(cairo_surface_status(surface)));
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, t.title.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Outpost");
    cairo_t* cr = cairo_create(surface);
    std::unique_ptr<cairo_t, void (*)(cairo_t*)> cr_guard(cr, cairo_destroy);
    {
        Text text(cr);
        const Plan plan = plan_table(text, t, info);
        draw_pages(cr, surface, text, t, info, plan);
    }
    cr_guard.reset();
    cairo_surface_finish(surface);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        return Status::IoError("the PDF " + path + " could not be written: " +
                               cairo_status_to_string(cairo_surface_status(surface)));
    return Status::Ok();
}

}  // namespace outpost

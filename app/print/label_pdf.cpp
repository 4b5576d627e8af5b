// Label PDF (see label_pdf.h). The page is scaled so that one user unit is
// one printer dot: the layout measured with pango on this very context is
// then drawn at its own coordinates. Metric hinting is off so that widths
// do not depend on the scale.
#include "label_pdf.h"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>

#include "pdf_text.h"

namespace outpost {
namespace {


struct PangoText : PdfTextLayout {
    explicit PangoText(cairo_t* cr) : PdfTextLayout(cr) {}

    void set(const std::string& text, int font_dots, bool bold) {
        pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
        pango_font_description_set_absolute_size(font, font_dots * PANGO_SCALE);
        pango_layout_set_font_description(layout, font);
        pango_layout_set_text(layout, text.c_str(), static_cast<int>(text.size()));
    }
    double width(const std::string& text, int font_dots, bool bold) {
        set(text, font_dots, bold);
        PangoRectangle ink, logical;
        pango_layout_get_extents(layout, &ink, &logical);
        return static_cast<double>(logical.width) / PANGO_SCALE;
    }
};

void draw_watermark(cairo_t* cr, PangoText& text, const LabelGeometry& g) {
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_translate(cr, g.width_dots / 2.0, g.height_dots / 2.0);
    cairo_rotate(cr, -0.35);
    const int font = g.height_dots / 4;
    text.set("TRAINING", font, true);
    PangoRectangle ink, logical;
    pango_layout_get_extents(text.layout, &ink, &logical);
    cairo_move_to(cr, -logical.width / 2.0 / PANGO_SCALE, -logical.height / 2.0 / PANGO_SCALE);
    pango_cairo_show_layout(cr, text.layout);
    cairo_restore(cr);
}

void draw_sheet(cairo_t* cr, PangoText& text, const LabelGeometry& g, const LabelSheet& sheet, bool training) {
    if (training) draw_watermark(cr, text, g);
    if (sheet.band_height > 0) {
        cairo_set_source_rgb(cr, 0, 0, 0);
        cairo_rectangle(cr, 0, 0, g.width_dots, sheet.band_height);
        cairo_fill(cr);
    }
    for (const PlacedLine& l : sheet.lines) {
        const bool white = l.style == LineStyle::kTraining;
        cairo_set_source_rgb(cr, white ? 1 : 0, white ? 1 : 0, white ? 1 : 0);
        text.set(l.text, l.font_dots, l.style == LineStyle::kItem || white);
        cairo_move_to(cr, l.x, l.y);
        pango_cairo_show_layout(cr, text.layout);
    }
    cairo_show_page(cr);
}

}  // namespace

Status write_labels_pdf(const std::vector<LabelInput>& labels, const LabelSize& size, int dpi,
                        const std::string& path) {
    if (labels.empty()) return Status::InvalidArgument("there is no label to print");
    const double points_per_mm = 72.0 / 25.4;
    cairo_surface_t* surface =
        cairo_pdf_surface_create(path.c_str(), size.width_mm * points_per_mm, size.height_mm * points_per_mm);
    std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t*)> surface_guard(surface, cairo_surface_destroy);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        return Status::IoError("the label PDF " + path + " could not be written: " +
                               cairo_status_to_string(cairo_surface_status(surface)));
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, "Outpost dispensing labels");
    cairo_t* cr = cairo_create(surface);
    std::unique_ptr<cairo_t, void (*)(cairo_t*)> cr_guard(cr, cairo_destroy);
    // The label's own size in dots, which may differ from the page by a
    // fraction of a dot: scale from the layout's dots to the page exactly.
    const LabelGeometry g = label_geometry(size, dpi);
    cairo_scale(cr, size.width_mm * points_per_mm / g.width_dots, size.height_mm * points_per_mm / g.height_dots);
    {
        PangoText text(cr);
        const TextWidth measure = [&text](const std::string& t, int font, bool bold) {
            return text.width(t, font, bold);
        };
        for (const LabelInput& in : labels) {
            const LaidOutLabel laid = lay_out_label(in, g, measure);
            for (const LabelSheet& sheet : laid.sheets) draw_sheet(cr, text, g, sheet, in.training);
        }
    }
    cr_guard.reset();
    cairo_surface_finish(surface);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS)
        return Status::IoError("the label PDF " + path + " could not be written: " +
                               cairo_status_to_string(cairo_surface_status(surface)));
    return Status::Ok();
}

}  // namespace outpost

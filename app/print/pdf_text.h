// The cairo + pango text set-up the label and report PDFs share: a layout
// with hinting off (so the widths measured are the widths printed, at any
// scale) and a DejaVu Sans font description, freed together.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

namespace outpost {

struct PdfTextLayout {
    PangoLayout* layout = nullptr;
    PangoFontDescription* font = nullptr;
    explicit PdfTextLayout(cairo_t* cr) {
        layout = pango_cairo_create_layout(cr);
        cairo_font_options_t* options = cairo_font_options_create();
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
        pango_cairo_context_set_font_options(pango_layout_get_context(layout), options);
        cairo_font_options_destroy(options);
        pango_layout_context_changed(layout);
        font = pango_font_description_from_string("DejaVu Sans");
    }
    ~PdfTextLayout() {
        pango_font_description_free(font);
        g_object_unref(layout);
    }
    PdfTextLayout(const PdfTextLayout&) = delete;
    PdfTextLayout& operator=(const PdfTextLayout&) = delete;
};

}  // namespace outpost

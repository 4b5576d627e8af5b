// A report or list (reports.h ReportTable) as a printable A4 PDF, drawn with
// cairo and pango in DejaVu Sans like the labels (accents and any script
// DejaVu covers print right; fontconfig substitutes a font for the rest).
//
// The first page carries the title, the facility, the period, when it was
// generated and the table's notes; every page repeats the header row and
// ends with "Page n of N". Portrait when the table fits its width, else
// landscape. Cells wrap at word boundaries (inside a word only when a word
// is wider than its column); numeric columns are right-aligned. A column
// holding the same words (not a figure) on every row, the AMC method say,
// is printed once above the table instead of on each row.
//
// Thread safety: each call builds its own surface and layout.
#pragma once

#include <string>

#include "i18n.h"
#include "reports.h"
#include "status.h"

namespace outpost {

struct ReportPdfInfo {
    std::string facility;      // the site's name
    std::string generated_at;  // local time with its zone: "2026-06-15 13:00 EAT"
    // The captions' language ("Facility:", "Page 1 of 2"); the table's own
    // words come translated in the ReportTable (ReportOptions::lang).
    i18n::Lang lang = i18n::Lang::en;
};

// Writes the table to path (replacing the file). The period is t.period.
// Errors: IoError naming the path and cairo's reason.
Status write_report_pdf(const ReportTable& t, const ReportPdfInfo& info, const std::string& path);

}  // namespace outpost

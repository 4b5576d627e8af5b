// Labels as a PDF, drawn with cairo and pango in the DejaVu Sans font (any
// script and accent DejaVu covers prints; fontconfig substitutes a font for
// the rest): one page per label sheet, each page exactly the label stock's
// size, for a printer through CUPS or a file in a folder. Training labels
// also carry a grey diagonal "TRAINING" under the text.
//
// Thread safety: each call builds its own surface and layout; calls from
// different threads are independent.
#pragma once

#include <string>
#include <vector>

#include "label_layout.h"
#include "status.h"

namespace outpost {

// Writes every label (each laid out with pango's own measurements) into a
// PDF at path, replacing the file. Errors: IoError naming the path and
// cairo's reason (a folder that does not exist, a full disk). REQUIRES: at
// least one label.
Status write_labels_pdf(const std::vector<LabelInput>& labels, const LabelSize& size, int dpi,
                        const std::string& path);

}  // namespace outpost

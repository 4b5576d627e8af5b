// ZPL II for Zebra-compatible label printers: one ^XA..^XZ format per label
// sheet, text in UTF-8 (^CI28) so accents print, every field escaped with
// ^FH hex so that a '^', '~', '\' or '_' in a patient's name or a direction
// is printed as itself and can never end a field, start a command or hang
// the printer. Pure: no I/O, thread safe.
#pragma once

#include <string>
#include <vector>

#include "label_layout.h"

namespace outpost {

// The field data of ^FH^FD...^FS: '^' -> _5E, '~' -> _7E, '\' -> _5C,
// '_' -> _5F, any control byte -> _XX; everything else (UTF-8 included)
// as it is.
std::string zpl_field(const std::string& text);

// The formats of one laid-out label (one per sheet), each printed `copies`
// times (^PQ). REQUIRES: copies >= 1.
std::string zpl_label(const LaidOutLabel& label, int copies);

// Lays every label out for the printer's font (zpl_font_width) and joins
// their formats: what is sent to the printer for one print job.
std::string zpl_labels(const std::vector<LabelInput>& labels, const LabelGeometry& geometry, int copies);

// The host status query; the printer answers with three STX..ETX strings.
constexpr const char* kZplStatusQuery = "~HS";

}  // namespace outpost

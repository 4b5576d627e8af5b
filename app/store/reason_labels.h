// The adjustment reasons' labels in a person's language. Central's
// reason_codes rows carry an English label (central seeds them and has no
// command to edit them); a person reads the reason by its code, translated
// from the catalogue. The default codes and their English labels live here,
// shared by the store's seed and every place that shows a reason: the Adjust
// screen, the stock card and audit details, the lists and month-end reports.
#pragma once

#include <string>
#include <vector>

#include "i18n.h"

namespace outpost {

struct DefaultReason {
    const char* code;
    const char* label;  // English, the msgid of its translation
    int direction;      // -1 only decreases, +1 only increases, 0 either
};

// The reasons a new store (and central) starts with, in their order.
const std::vector<DefaultReason>& default_reasons();

// The label a person reads for a reason, in lang: a default code whose
// stored label is still the default English one (or empty) is translated by
// its code; a code central added, or a label it changed, is shown as stored;
// an empty code with no label is "(no reason)". Never fails.
std::string reason_label(i18n::Lang lang, const std::string& code, const std::string& stored_label);
// The same in the screen language.
std::string reason_label(const std::string& code, const std::string& stored_label);

}  // namespace outpost

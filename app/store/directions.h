// Expands dispensing directions typed as common sig codes ("1t bd x5/7 pc")
// into the plain words a label must carry ("Take ONE tablet TWICE a day for
// 5 days after food"). Codes are case-insensitive; unknown words pass through
// unchanged and are listed so the screen can point at them. Pure functions,
// no I/O, safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "i18n.h"

namespace outpost {

struct Directions {
    std::string text;                      // expanded, label-ready sentence
    std::vector<std::string> unknown;      // tokens passed through as typed
    std::vector<std::string> warnings;     // e.g. ambiguous "qd": plain words
    std::optional<double> doses_per_day;   // od 1, bd 2, tds 3, q6h 4 ...
    std::optional<double> units_per_dose;  // "2t" -> 2
    std::optional<int> days;               // "x5/7" -> 5
    bool as_needed = false;                // prn / sos
    // Added for quantity suggestions: "1t mane 2t nocte" has no single dose
    // size, but 3 units a day; "2t qds prn max 8" may not exceed 8 a day.
    std::optional<double> units_per_day;  // sum over clauses of dose x doses
    std::optional<double> max_per_day;    // "max 8" -> 8, as typed (doses or units)
};

// Never fails: the worst input gives text equal to the input and every token
// in `unknown`. Input longer than 500 characters is truncated with a warning.
// The text is written in `lang` (the label's language, see
// directions_languages.h); codes are read the same in every language.
Directions expand_directions(const std::string& input, const std::string& unit = "",
                             i18n::Lang lang = i18n::Lang::en);

// "15 tablets", "1 tablet", "100 mL": a quantity in digits with its unit,
// plural where the unit counts things. Shared by directions and the label.
std::string count_with_unit(double n, const std::string& unit);
// The same in a label language: "15 comprimés", "100 mL", "2,5 mL"; a unit the
// language has no word for is written as given.
std::string count_with_unit(double n, const std::string& unit, i18n::Lang lang);

}  // namespace outpost

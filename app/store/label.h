// The dispensing label as text: what a thermal printer or the screen shows.
// Content follows WHO guidance (docs in ../shared/domain-facts.md): medicine
// and strength, quantity, plain-language directions, caution, patient,
// facility, date, dispenser, batch; "part n of m" when there are several.
#pragma once

#include <string>
#include <vector>

#include "i18n.h"

namespace outpost {

struct LabelInput {
    std::string facility;          // site name
    std::string patient_name;
    std::string item_name;         // "Amoxicillin 250 mg dispersible tablet"
    long long quantity = 0;
    std::string unit;              // "tablet", "mL"
    std::string directions_text;   // already expanded
    std::string warning;           // item warning, e.g. "Complete the course"
    std::string date;              // "YYYY-MM-DD"
    std::string dispenser;         // name or initials
    std::string prescriber;
    std::string batches;           // "B123 exp 2027-01-31"
    int part = 1, parts = 1;
    bool training = false;         // demo mode: adds TRAINING - NOT FOR PATIENT USE
    i18n::Lang lang = i18n::Lang::en;  // the patient's: captions, quantity, caution
};

// The label's fields in print order, one paragraph each, cleaned: valid
// UTF-8 (U+FFFD for broken bytes), control characters and runs of spaces
// made single spaces, empty optional fields left out. format_label wraps
// these by characters; the printing library (app/print) wraps them by the
// printed width of each word.
std::vector<std::string> label_paragraphs(const LabelInput& in);

// Lines of at most `width` characters (long words are broken).
std::vector<std::string> format_label(const LabelInput& in, int width = 40);
std::string label_text(const LabelInput& in, int width = 40);  // joined with '\n'

}  // namespace outpost

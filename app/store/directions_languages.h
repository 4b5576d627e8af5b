// The languages a label's directions are written in: for each one, the words
// of every sig code, verb, dose unit, number and period, and the few sentence
// patterns whose word order differs ("ONE AND A HALF tablets" is "UN
// comprimé ET DEMI" in French). Nouns carry their gender because the number
// before them agrees ("UNE gélule", "DUAS cápsulas"). Adding a language is
// adding one table in directions_languages.cpp; the reader and the writer in
// directions.cpp do not change. Pure data and pure functions, no I/O.
#pragma once

#include <string>

#include "i18n.h"

namespace outpost::sig {

// A noun in one language. `english` is the key: the English singular of the
// dose unit or period it translates.
struct Noun {
    const char* english;
    const char* singular;
    const char* plural;
    bool feminine;
};

// A fixed phrase keyed by its English words (a sig code's phrase, a verb).
struct Phrase {
    const char* english;
    const char* words;
};

struct Language {
    i18n::Lang lang;
    char decimal_point;           // '.' or ','
    bool singular_below_two;      // French: "1,5 unité"; English: "1.5 units"
    const char* numbers[5];       // [1]..[4] in capitals, masculine
    const char* numbers_f[5];     // feminine (same as masculine where none)
    const char* half;             // "HALF a {u}"     ({u}: the singular unit)
    const char* half_f;
    const char* and_half;         // "{n} AND A HALF {u}" ({n} whole count, {u} unit)
    const char* and_half_f;
    bool and_half_plural;         // English: "ONE AND A HALF tablets" (plural)
    const char* and_half_bare;    // no unit: "{n} AND A HALF"
    const char* every_hours;      // "every {h} hours"
    const char* every_hour;       // "every hour"
    const char* no_more_than;     // "(no more than {n} in 24 hours)"
    const char* for_period;       // "for {n} {p}"
    const char* joiner;           // "and" between clauses
    const Noun* units;            // dose units and periods, keyed by English
    const Phrase* phrases;        // code phrases and verbs, keyed by English
};

// The table of a language (English for any unknown value).
const Language& language(i18n::Lang lang);

// The phrase or verb in the language; the English words when it has none.
const char* phrase_in(const Language& l, const char* english);
// A unit or period noun in the language; nullptr when it has none.
const Noun* noun_in(const Language& l, const std::string& english_singular);

// Fills {n}, {u}, {h}, {p} in a pattern.
std::string fill_pattern(const char* pattern, const std::string& n, const std::string& u = "",
                         const std::string& p = "");

}  // namespace outpost::sig

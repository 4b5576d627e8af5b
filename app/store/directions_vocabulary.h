// The words dispensing directions are made of: dose units ("t", "mL", "puffs"),
// amounts ("2", "½", "1/2"), durations ("5/7", "2 weeks"), the table of sig
// codes (od, bd, prn, pc, po ...) with the clause slot each one fills, the verbs
// a prescriber may write, and the cleaning every input gets before it is read.
// This file says what a word means; directions.cpp reads the words in order,
// fills the clause slots and writes the sentence. Pure functions, no I/O, safe
// from any thread. The accepted codes are listed in docs/directions.md.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "directions_languages.h"

namespace outpost::sig {

// The parts of one clause, in the order a clause is written; the label wants
// duration before food ("TWICE a day for 5 days after food").
enum Slot {
    kVerb,
    kDose,
    kRoute,
    kFrequency,
    kTimeOfDay,
    kStat,
    kAsNeeded,
    kMaxPerDay,
    kDuration,
    kFood,
    kAsDirected,
    kSlotCount
};

// The slot in the words of a warning: "both give the frequency".
const char* slot_name(Slot slot);

// ---- small text helpers ---------------------------------------------------

std::string lower_ascii(std::string_view s);
bool is_digit(char c);
// One to four digits and nothing else (4 digits is plenty for any count).
bool all_digits(std::string_view s);

// The key a token is matched by: lower case, "b.d." -> "bd" (dots are only
// dropped from tokens without digits so "2.5ml" keeps its point), trailing
// punctuation removed.
std::string match_key(std::string_view token);

// Numbers without trailing zeros (ISMP: "5.0" is misread as 50), with the
// language's decimal point ("2,5" in French, Portuguese and Spanish).
std::string digits(double n, char point = '.');

// 1-4 in capitals so they stand out on a label ("ONE", "TWO AND A HALF");
// other numbers as digits. In the language, agreeing with a feminine noun
// ("UNE gélule").
std::string count_words(double n, const Language& lang = language(i18n::Lang::en),
                        bool feminine = false);

// ---- dose units and amounts -----------------------------------------------

struct DoseUnit {
    const char* singular;
    const char* plural;
    bool counted;  // counted units get words (ONE tablet); measures get digits (5 mL)
};

// The unit a typed word names ("t", "tabs", "ml", "puffs" ...), or nullptr.
// The pointer refers to a static table and stays valid.
const DoseUnit* find_unit_word(const std::string& key);

// The item's dispensing unit as the unit of a bare dose ("2 bd", unit
// "tablet"). Containers that are not a dose (bottle, tube, cycle) give none.
// An unlisted unit gets a generic plural kept in `storage`: the result points
// into item_unit and storage, so both must outlive it.
std::optional<DoseUnit> unit_for_bare_dose(const std::string& item_unit, std::string& storage);

// "ONE tablet", "HALF a tablet", "5 mL"; without a unit only the count words.
// In the label language: "UN comprimé", "UMA cápsula E MEIA", "2,5 mL".
std::string dose_phrase(double n, const std::optional<DoseUnit>& unit,
                        const Language& lang = language(i18n::Lang::en));

// "2", "2.5", ".5", "½", "1½", "1/2", "¼", "3/4" -> amount; anything else
// nullopt. *naked_decimal (if given) is set for ".5", which needs a warning.
std::optional<double> parse_amount(std::string_view s, bool* naked_decimal);

// Splits "2t" into amount "2" and suffix "t"; the amount may carry "½".
void split_amount(const std::string& key, std::string& amount, std::string& suffix);

// ---- durations: "5/7", "5d", "5 days", "2/52", "2 weeks", "1/12" ---------

struct Duration {
    int days = 0;
    std::string phrase;  // "for 5 days"
    int count = 0;                      // 5
    const char* period = nullptr;       // English singular: "day", "week", "month"
    const char* period_plural = nullptr;
};

// The duration in the label language: "pendant 5 jours", "durante 2 semanas".
std::string duration_phrase(const Duration& d, const Language& lang);

// Reads a duration at keys[i]: "5/7", "5d", "5days" in one token, or "5" +
// "days" in two. Returns the number of tokens used, 0 when there is none (or
// it is longer than ten years).
int parse_period(const std::vector<std::string>& keys, size_t i, Duration& out);

// ---- fixed codes ----------------------------------------------------------

struct Code {
    const char* key;
    Slot slot;
    const char* phrase;
    double per_day;       // 0: not a frequency
    const char* verb;     // routes choose the verb: "Apply" for top
    const char* warning;  // error-prone code accepted with a warning
};

// The sig code a match key names ("bd", "prn", "top" ...), or nullptr.
const Code* find_code(const std::string& key);

// A verb a prescriber may write ("apply" -> "Apply"); "" when key is none.
std::string verb_word(const std::string& key);

// The verb when none was typed and no route chose one: by the item's unit.
std::string default_verb(const std::string& item_unit);

// ---- input cleaning -------------------------------------------------------

// Caps the length at 500 bytes (on a character boundary), turns control
// characters and no-break spaces into spaces, and replaces bytes that are not
// UTF-8 with U+FFFD so the label and the screen never receive broken text.
// Each kind of repair adds one warning.
std::string clean_input(const std::string& raw, std::vector<std::string>& warnings);

// The words of cleaned input, split on spaces (clean_input has already turned
// other white space into spaces).
std::vector<std::string> split_words(const std::string& s);

}  // namespace outpost::sig

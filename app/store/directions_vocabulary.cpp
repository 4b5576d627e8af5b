// The vocabulary of dispensing directions (see directions_vocabulary.h): what
// each unit word, duration, sig code and verb means, and how raw input is
// cleaned before it is read. The tables here are the only place a new code or
// unit needs adding; the reader in directions.cpp picks them up unchanged.
#include "directions_vocabulary.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "directions.h"  // count_with_unit

namespace outpost::sig {
namespace {

constexpr size_t kMaxInputBytes = 500;

const char* const kSlotNames[kSlotCount] = {"verb",        "dose", "route",       "frequency",
                                            "time of day", "stat", "when needed", "maximum",
                                            "duration",    "food", "as directed"};

}  // namespace

const char* slot_name(Slot slot) {
    return kSlotNames[slot];
}

// ---- small text helpers ---------------------------------------------------

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool all_digits(std::string_view s) {
    if (s.empty() || s.size() > 4) return false;  // 4 digits is plenty for any count
    for (char c : s)
        if (!is_digit(c)) return false;
    return true;
}

// The key a token is matched by: lower case, "b.d." -> "bd" (dots are only
// dropped from tokens without digits so "2.5ml" keeps its point), trailing
// punctuation removed.
std::string match_key(std::string_view token) {
    std::string k = lower_ascii(token);
    while (!k.empty() && (k.back() == ',' || k.back() == ';' || k.back() == ':' || k.back() == '.'))
        k.pop_back();
    bool has_digit = false;
    for (char c : k) has_digit = has_digit || is_digit(c);
    if (!has_digit) {
        std::string no_dots;
        for (char c : k)
            if (c != '.') no_dots += c;
        k = no_dots;
    }
    return k;
}

// Numbers without trailing zeros (ISMP: "5.0" is misread as 50).
std::string digits(double n, char point) {
    char buf[32];
    if (std::fabs(n - std::round(n)) < 1e-9) {
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(n)));
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.3f", n);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    if (point != '.')
        for (char& c : s)
            if (c == '.') c = point;
    return s;
}

// 1-4 in capitals so they stand out on a label; larger numbers as digits.
std::string count_words(double n, const Language& lang, bool feminine) {
    const char* const* words = feminine ? lang.numbers_f : lang.numbers;
    double whole = std::floor(n);
    bool half = std::fabs(n - whole - 0.5) < 1e-9;
    if (std::fabs(n - whole) < 1e-9 && whole >= 1 && whole <= 4)
        return words[static_cast<int>(whole)];
    if (half && whole >= 1 && whole <= 4)
        return fill_pattern(lang.and_half_bare, words[static_cast<int>(whole)]);
    return digits(n, lang.decimal_point);
}

// ---- dose units -----------------------------------------------------------

namespace {

struct UnitWord {
    const char* word;
    DoseUnit unit;
};

const DoseUnit kTablet{"tablet", "tablets", true};
const DoseUnit kCapsule{"capsule", "capsules", true};
const DoseUnit kMillilitre{"mL", "mL", false};
const DoseUnit kUnits{"unit", "units", false};

const UnitWord kUnitWords[] = {
    {"t", kTablet},
    {"tab", kTablet},
    {"tabs", kTablet},
    {"tablet", kTablet},
    {"tablets", kTablet},
    {"c", kCapsule},
    {"cap", kCapsule},
    {"caps", kCapsule},
    {"capsule", kCapsule},
    {"capsules", kCapsule},
    {"ml", kMillilitre},
    {"mls", kMillilitre},
    {"u", kUnits},  // accepted with a warning
    {"unit", kUnits},
    {"units", kUnits},
    {"iu", kUnits},
    {"puff", {"puff", "puffs", true}},
    {"puffs", {"puff", "puffs", true}},
    {"drop", {"drop", "drops", true}},
    {"drops", {"drop", "drops", true}},
    {"sachet", {"sachet", "sachets", true}},
    {"sachets", {"sachet", "sachets", true}},
    {"supp", {"suppository", "suppositories", true}},
    {"suppository", {"suppository", "suppositories", true}},
    {"pess", {"pessary", "pessaries", true}},
    {"pessary", {"pessary", "pessaries", true}},
    {"amp", {"ampoule", "ampoules", true}},
    {"ampoule", {"ampoule", "ampoules", true}},
    {"vial", {"vial", "vials", true}},
    {"mg", {"mg", "mg", false}},
    {"mcg", {"microgram", "micrograms", false}},
    {"g", {"g", "g", false}},
};

}  // namespace

const DoseUnit* find_unit_word(const std::string& key) {
    for (const UnitWord& u : kUnitWords)
        if (key == u.word) return &u.unit;
    return nullptr;
}

// The item's dispensing unit as the unit of a bare dose ("2 bd", unit
// "tablet"). Containers that are not a dose (bottle, tube, cycle) give none.
std::optional<DoseUnit> unit_for_bare_dose(const std::string& item_unit, std::string& storage) {
    std::string key = lower_ascii(item_unit);
    if (key.empty() || key == "bottle" || key == "tube" || key == "cycle" || key == "pack")
        return std::nullopt;
    if (key == "inhaler") return DoseUnit{"puff", "puffs", true};
    if (const DoseUnit* u = find_unit_word(key)) return *u;
    storage = count_with_unit(2, item_unit);  // generic plural of an unlisted unit
    storage = storage.substr(storage.find(' ') + 1);
    return DoseUnit{item_unit.c_str(), storage.c_str(), true};
}

std::string dose_phrase(double n, const std::optional<DoseUnit>& unit, const Language& lang) {
    if (!unit) return count_words(n, lang);
    // An unlisted unit keeps the words it was given (the item's own unit).
    const Noun* noun = noun_in(lang, unit->singular);
    const char* singular = noun ? noun->singular : unit->singular;
    const char* plural = noun ? noun->plural : unit->plural;
    bool feminine = noun && noun->feminine;
    if (!unit->counted) {
        bool one = lang.singular_below_two ? n < 2 : n == 1;
        return digits(n, lang.decimal_point) + " " + (one ? singular : plural);
    }
    if (std::fabs(n - 0.5) < 1e-9) return fill_pattern(feminine ? lang.half_f : lang.half, "", singular);
    double whole = std::floor(n);
    if (std::fabs(n - whole - 0.5) < 1e-9 && whole >= 1 && whole <= 4) {
        const char* noun_form = lang.and_half_plural || whole > 1 ? plural : singular;
        const char* number = (feminine ? lang.numbers_f : lang.numbers)[static_cast<int>(whole)];
        return fill_pattern(feminine ? lang.and_half_f : lang.and_half, number, noun_form);
    }
    return count_words(n, lang, feminine) + " " + (n <= 1 ? singular : plural);
}

// "2", "2.5", ".5", "½", "1½", "1/2", "¼", "3/4" -> amount; anything else nullopt.
std::optional<double> parse_amount(std::string_view s, bool* naked_decimal) {
    static const struct {
        const char* glyph;
        double value;
    } kFractions[] = {{"\xC2\xBD", 0.5}, {"\xC2\xBC", 0.25}, {"\xC2\xBE", 0.75}};
    for (const auto& f : kFractions) {
        std::string_view g = f.glyph;
        if (s.size() >= g.size() && s.substr(s.size() - g.size()) == g) {
            std::string_view whole = s.substr(0, s.size() - g.size());
            if (whole.empty()) return f.value;
            if (!all_digits(whole)) return std::nullopt;
            return std::atof(std::string(whole).c_str()) + f.value;
        }
    }
    size_t slash = s.find('/');
    if (slash != std::string_view::npos) {
        std::string_view a = s.substr(0, slash), b = s.substr(slash + 1);
        if (!all_digits(a) || (b != "2" && b != "4")) return std::nullopt;
        double num = std::atof(std::string(a).c_str()), den = b == "2" ? 2 : 4;
        if (num <= 0 || num >= den) return std::nullopt;
        return num / den;
    }
    size_t dot = s.find('.');
    std::string_view whole = s.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? "" : s.substr(dot + 1);
    if (dot != std::string_view::npos && (frac.empty() || frac.size() > 3 || !all_digits(frac)))
        return std::nullopt;
    if (!whole.empty() && !all_digits(whole)) return std::nullopt;
    if (whole.empty() && dot == std::string_view::npos) return std::nullopt;
    if (whole.empty() && naked_decimal) *naked_decimal = true;
    double v = std::atof(std::string(s).c_str());
    if (v <= 0) return std::nullopt;
    return v;
}

// Splits "2t" into amount "2" and suffix "t"; the amount may carry "½".
void split_amount(const std::string& key, std::string& amount, std::string& suffix) {
    size_t i = 0;
    while (i < key.size() && ((key[i] >= 'a' && key[i] <= 'z') == false)) ++i;
    amount = key.substr(0, i);
    suffix = key.substr(i);
}

// ---- durations: "5/7", "5d", "5 days", "2/52", "2 weeks", "1/12" ---------

namespace {

struct Period {
    int days_per;  // days in one of these
    const char* singular;
    const char* plural;
};

const Period kDay{1, "day", "days"}, kWeek{7, "week", "weeks"}, kMonth{30, "month", "months"};

const Period* period_word(const std::string& w) {
    if (w == "d" || w == "day" || w == "days" || w == "/7") return &kDay;
    if (w == "w" || w == "wk" || w == "wks" || w == "week" || w == "weeks" || w == "/52")
        return &kWeek;
    if (w == "month" || w == "months" || w == "/12") return &kMonth;  // months count 30 days
    return nullptr;
}

}  // namespace

// "5/7", "5d", "5days" in one token, or "5" + "days" in two. Returns tokens used.
int parse_period(const std::vector<std::string>& keys, size_t i, Duration& out) {
    if (i >= keys.size()) return 0;
    const std::string& k = keys[i];
    size_t n_end = 0;
    while (n_end < k.size() && is_digit(k[n_end])) ++n_end;
    std::string number = k.substr(0, n_end), rest = k.substr(n_end);
    if (!all_digits(number)) return 0;
    int used = 1;
    if (rest.empty() && i + 1 < keys.size() && period_word(keys[i + 1])) {
        rest = keys[i + 1];
        used = 2;
    }
    const Period* p = period_word(rest);
    int n = std::atoi(number.c_str());
    if (!p || n <= 0 || n * p->days_per > 3660) return 0;
    out.days = n * p->days_per;
    out.phrase = "for " + std::to_string(n) + " " + (n == 1 ? p->singular : p->plural);
    out.count = n;
    out.period = p->singular;
    out.period_plural = p->plural;
    return used;
}

std::string duration_phrase(const Duration& d, const Language& lang) {
    if (!d.period) return d.phrase;
    const Noun* noun = noun_in(lang, d.period);
    const char* words = noun ? (d.count == 1 ? noun->singular : noun->plural)
                             : (d.count == 1 ? d.period : d.period_plural);
    return fill_pattern(lang.for_period, std::to_string(d.count), "", words);
}

// ---- fixed codes ----------------------------------------------------------

namespace {

const Code kCodes[] = {
    {"od", kFrequency, "ONCE a day", 1, nullptr, nullptr},
    {"dly", kFrequency, "ONCE a day", 1, nullptr, nullptr},
    {"daily", kFrequency, "ONCE a day", 1, nullptr, nullptr},
    {"qd", kFrequency, "ONCE a day", 1, nullptr,
     "\"qd\" was read as ONCE a day. It is easily mistaken for \"qid\" (four times a day): "
     "write \"od\" instead."},
    {"bd", kFrequency, "TWICE a day", 2, nullptr, nullptr},
    {"bid", kFrequency, "TWICE a day", 2, nullptr, nullptr},
    {"tds", kFrequency, "THREE times a day", 3, nullptr, nullptr},
    {"tid", kFrequency, "THREE times a day", 3, nullptr, nullptr},
    {"qds", kFrequency, "FOUR times a day", 4, nullptr, nullptr},
    {"qid", kFrequency, "FOUR times a day", 4, nullptr, nullptr},
    {"weekly", kFrequency, "ONCE a week", 1.0 / 7, nullptr, nullptr},
    {"mane", kTimeOfDay, "in the morning", 0, nullptr, nullptr},
    {"om", kTimeOfDay, "in the morning", 0, nullptr, nullptr},
    {"nocte", kTimeOfDay, "at night", 0, nullptr, nullptr},
    {"on", kTimeOfDay, "at night", 0, nullptr, nullptr},
    {"hs", kTimeOfDay, "at night", 0, nullptr,
     "\"hs\" was read as at night. It can also mean half-strength: write \"nocte\" instead."},
    {"prn", kAsNeeded, "when needed", 0, nullptr, nullptr},
    {"sos", kAsNeeded, "when needed", 0, nullptr, nullptr},
    {"stat", kStat, "now (single dose)", 0, nullptr, nullptr},
    {"ac", kFood, "before food", 0, nullptr, nullptr},
    {"pc", kFood, "after food", 0, nullptr, nullptr},
    {"cc", kFood, "with food", 0, nullptr, nullptr},
    {"po", kRoute, "by mouth", 0, "Take", nullptr},
    {"pr", kRoute, "into the back passage (rectum)", 0, "Insert", nullptr},
    {"pv", kRoute, "into the vagina", 0, "Insert", nullptr},
    {"sl", kRoute, "under the tongue", 0, "Place", nullptr},
    {"top", kRoute, "to the affected area", 0, "Apply", nullptr},
    {"inh", kRoute, "", 0, "Inhale", nullptr},  // "Inhale TWO puffs": the verb says it
    {"im", kRoute, "by injection into a muscle", 0, "Give", nullptr},
    {"iv", kRoute, "by injection into a vein", 0, "Give", nullptr},
    {"sc", kRoute, "by injection under the skin", 0, "Give", nullptr},
    {"mdu", kAsDirected, "as directed", 0, nullptr, nullptr},
    {"ud", kAsDirected, "as directed", 0, nullptr, nullptr},
};

// Words a prescriber may write as the verb; they replace the default "Take".
const char* const kVerbs[] = {"take", "apply",    "insert", "inhale", "give", "use",
                              "chew", "dissolve", "instil", "place",  "spray"};

}  // namespace

const Code* find_code(const std::string& key) {
    for (const Code& c : kCodes)
        if (key == c.key) return &c;
    return nullptr;
}

std::string verb_word(const std::string& key) {
    for (const char* v : kVerbs)
        if (key == v) {
            std::string s = v;
            s[0] = static_cast<char>(s[0] - 'a' + 'A');
            return s;
        }
    return "";
}

std::string default_verb(const std::string& item_unit) {
    std::string u = lower_ascii(item_unit);
    if (u == "tube") return "Apply";
    if (u == "inhaler") return "Inhale";
    if (u == "vial" || u == "ampoule" || u == "bag") return "Give";
    return "Take";
}

// ---- input cleaning -------------------------------------------------------

// Caps the length (on a character boundary), turns control characters and
// no-break spaces into spaces, and replaces bytes that are not UTF-8 with
// U+FFFD so the label and the screen never receive broken text.
std::string clean_input(const std::string& raw, std::vector<std::string>& warnings) {
    std::string_view s = raw;
    if (s.size() > kMaxInputBytes) {
        size_t cut = kMaxInputBytes;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
        s = s.substr(0, cut);
        warnings.push_back(
            "The directions were longer than 500 characters and were cut short: check the "
            "label and shorten them.");
    }
    std::string out;
    out.reserve(s.size());
    bool control = false, broken = false;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            bool white = c == '\t' || c == '\n' || c == '\r';
            if (c < 0x20 || c == 0x7F) {
                control = control || !white;
                out += ' ';
            } else {
                out += static_cast<char>(c);
            }
            ++i;
            continue;
        }
        size_t len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
        if (c > 0xF4) len = 0;
        bool ok = len > 0 && i + len <= s.size();
        for (size_t k = 1; ok && k < len; ++k)
            ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (ok && len == 3) {  // no overlong forms, no surrogates
            unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
            ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
        }
        if (ok && len == 4) {
            unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
            ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
        }
        if (!ok) {
            broken = true;
            out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        if (len == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA1) {
            // U+0080..U+009F are control characters, U+00A0 is a no-break space.
            control = control || static_cast<unsigned char>(s[i + 1]) != 0xA0;
            out += ' ';
        } else {
            out.append(s.data() + i, len);
        }
        i += len;
    }
    if (control)
        warnings.push_back(
            "The directions contained control characters; they were replaced by spaces.");
    if (broken)
        warnings.push_back(
            "The directions contained characters that could not be read (not UTF-8); they are "
            "shown as \xEF\xBF\xBD. Retype them.");
    return out;
}

std::vector<std::string> split_words(const std::string& s) {
    std::vector<std::string> words;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        size_t start = i;
        while (i < s.size() && s[i] != ' ') ++i;
        if (i > start) words.push_back(s.substr(start, i - start));
    }
    return words;
}

}  // namespace outpost::sig

namespace outpost {

// Declared in directions.h: the label uses it too. It lives here because it
// needs the unit words.
std::string count_with_unit(double n, const std::string& unit) {
    std::string number = sig::digits(n);
    if (unit.empty()) return number;
    std::string u = sig::lower_ascii(unit);
    bool measure = u == "ml" || u == "l" || u == "g" || u == "mg" || u == "mcg" || u == "kg";
    if (measure || n == 1 || (n < 1 && n > 0)) return number + " " + unit;
    if (const sig::DoseUnit* w = sig::find_unit_word(u); w && u == w->singular)
        return number + " " + w->plural;
    if (u.back() == 's') return number + " " + unit;
    if (u.size() > 1 && u.back() == 'y' &&
        std::string("aeiou").find(u[u.size() - 2]) == std::string::npos)
        return number + " " + unit.substr(0, unit.size() - 1) + "ies";
    bool es = u.back() == 'x' || (u.size() > 1 && (u.compare(u.size() - 2, 2, "ch") == 0 ||
                                                   u.compare(u.size() - 2, 2, "sh") == 0));
    return number + " " + unit + (es ? "es" : "s");
}

}  // namespace outpost

namespace outpost {

std::string count_with_unit(double n, const std::string& unit, i18n::Lang lang) {
    if (lang == i18n::Lang::en) return count_with_unit(n, unit);
    const sig::Language& words = sig::language(lang);
    std::string number = sig::digits(n, words.decimal_point);
    if (unit.empty()) return number;
    std::string key = sig::lower_ascii(unit);
    const sig::DoseUnit* u = sig::find_unit_word(key);
    const sig::Noun* noun = u ? sig::noun_in(words, u->singular) : sig::noun_in(words, key);
    if (!noun) return number + " " + unit;
    bool one = words.singular_below_two ? n < 2 : n == 1;
    return number + " " + (one ? noun->singular : noun->plural);
}

}  // namespace outpost

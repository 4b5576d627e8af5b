// Sig-code expansion: turns "1t bd x5/7 pc" into "Take ONE tablet TWICE a day
// for 5 days after food". The input is cleaned (length cap, control characters,
// broken UTF-8), split on white space and read left to right by small matchers,
// one per code family. Recognised words fill slots of a clause (dose, route,
// frequency, ...); the slots are then written in a fixed, label-friendly order
// so "bd 1t" and "1t bd" read the same. A second dose starts a second clause
// ("1t mane 2t nocte"). Unknown words stay next to the word they followed.
// The accepted codes are listed in docs/directions.md.
#include "directions.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace outpost {
namespace {

constexpr size_t kMaxInputBytes = 500;

// The order in which a clause is written; the example on the label wants
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

const char* const kSlotNames[kSlotCount] = {"verb",        "dose", "route",       "frequency",
                                            "time of day", "stat", "when needed", "maximum",
                                            "duration",    "food", "as directed"};

struct Part {
    bool set = false;
    std::string code;                   // as typed, for warnings
    std::string phrase;                 // plain words for the label
    std::vector<std::string> trailing;  // unknown words that followed it
};

struct Clause {
    Part parts[kSlotCount];
    bool explicit_verb = false;
    std::string route_verb;  // "Apply" for top, "Insert" for pr ...
    std::optional<double> dose;
    std::optional<double> frequency;  // doses per day from od/bd/q6h/weekly
    bool time_of_day = false, stat = false, as_needed = false;
    std::optional<int> days;
    Slot last = kSlotCount;  // slot that receives following unknown words
};

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
std::string digits(double n) {
    char buf[32];
    if (std::fabs(n - std::round(n)) < 1e-9) {
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(std::llround(n)));
        return buf;
    }
    std::snprintf(buf, sizeof buf, "%.3f", n);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

// 1-4 in capitals so they stand out on a label; larger numbers as digits.
std::string count_words(double n) {
    static const char* const kWords[] = {"", "ONE", "TWO", "THREE", "FOUR"};
    double whole = std::floor(n);
    bool half = std::fabs(n - whole - 0.5) < 1e-9;
    if (std::fabs(n - whole) < 1e-9 && whole >= 1 && whole <= 4)
        return kWords[static_cast<int>(whole)];
    if (half && whole >= 1 && whole <= 4)
        return std::string(kWords[static_cast<int>(whole)]) + " AND A HALF";
    return digits(n);
}

// ---- dose units -----------------------------------------------------------

struct DoseUnit {
    const char* singular;
    const char* plural;
    bool counted;  // counted units get words (ONE tablet); measures get digits (5 mL)
};

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

std::string dose_phrase(double n, const std::optional<DoseUnit>& unit) {
    if (!unit) return count_words(n);
    if (!unit->counted) return digits(n) + " " + (n == 1 ? unit->singular : unit->plural);
    if (std::fabs(n - 0.5) < 1e-9) return std::string("HALF a ") + unit->singular;
    return count_words(n) + " " + (n <= 1 ? unit->singular : unit->plural);
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

struct Duration {
    int days = 0;
    std::string phrase;
};

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
    return used;
}

// ---- fixed codes ----------------------------------------------------------

struct Code {
    const char* key;
    Slot slot;
    const char* phrase;
    double per_day;       // 0: not a frequency
    const char* verb;     // routes choose the verb: "Apply" for top
    const char* warning;  // error-prone code accepted with a warning
};

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

const Code* find_code(const std::string& key) {
    for (const Code& c : kCodes)
        if (key == c.key) return &c;
    return nullptr;
}

// Words a prescriber may write as the verb; they replace the default "Take".
const char* const kVerbs[] = {"take", "apply",    "insert", "inhale", "give", "use",
                              "chew", "dissolve", "instil", "place",  "spray"};

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

// ---- the reader -----------------------------------------------------------

class Reader {
  public:
    Reader(std::vector<std::string> tokens, const std::string& item_unit, Directions& out)
        : tokens_(std::move(tokens)), item_unit_(item_unit), out_(out), clauses_(1) {
        for (const std::string& t : tokens_) keys_.push_back(match_key(t));
    }

    void read() {
        size_t i = 0;
        while (i < tokens_.size()) {
            size_t used = match(i);
            if (used == 0) {
                unknown(tokens_[i]);
                used = 1;
            }
            i += used;
        }
    }

    bool recognised_any() const { return recognised_; }
    const std::vector<Clause>& clauses() const { return clauses_; }
    const std::vector<std::string>& leading() const { return leading_; }

  private:
    Clause& clause() { return clauses_.back(); }

    void unknown(const std::string& token) {
        out_.unknown.push_back(token);
        Clause& c = clause();
        if (c.last == kSlotCount)
            leading_.push_back(token);
        else
            c.parts[c.last].trailing.push_back(token);
    }

    // Fills a slot; a second code for a filled slot is kept in the text (so
    // the dispenser sees it) and warned about, and the first one counts.
    bool fill(Slot slot, const std::string& code, const std::string& phrase) {
        recognised_ = true;
        Clause& c = clause();
        Part& p = c.parts[slot];
        if (p.set) {
            c.last = slot;
            if (phrase == p.phrase) return false;  // "od qd": said twice, same meaning
            if (!phrase.empty()) p.trailing.push_back(phrase);
            out_.warnings.push_back("\"" + p.code + "\" and \"" + code + "\" both give the " +
                                    kSlotNames[slot] + ": check the directions.");
            return false;
        }
        p.set = true;
        p.code = code;
        p.phrase = phrase;
        c.last = slot;
        return true;
    }

    size_t match(size_t i) {
        const std::string& k = keys_[i];
        if (k.empty()) return 0;
        if (size_t n = match_joiner(i)) return n;
        if (size_t n = match_verb(i)) return n;
        if (size_t n = match_duration(i)) return n;
        if (size_t n = match_dose(i)) return n;
        if (size_t n = match_max(i)) return n;
        if (size_t n = match_code(i)) return n;
        if (size_t n = match_interval(i)) return n;
        return 0;
    }

    // "and"/"then" between two doses ("1t mane and 2t nocte") is part of the
    // grammar; anywhere else it is an ordinary word.
    size_t match_joiner(size_t i) {
        const std::string& k = keys_[i];
        if (k != "and" && k != "then" && k != "&") return 0;
        if (clause().last == kSlotCount || i + 1 >= keys_.size()) return 0;
        Dose d;
        if (!read_dose(i + 1, d)) return 0;
        return 1;
    }

    size_t match_verb(size_t i) {
        std::string verb = verb_word(keys_[i]);
        if (verb.empty()) return 0;
        if (clause().explicit_verb || clause().dose) clauses_.emplace_back();
        fill(kVerb, tokens_[i], verb);
        clause().explicit_verb = true;
        return 1;
    }

    size_t match_duration(size_t i) {
        const std::string& k = keys_[i];
        Duration d;
        size_t used = 0;
        if (k == "x" || k == "for") {
            int n = parse_period(keys_, i + 1, d);
            used = n ? n + 1 : 0;
        } else if (k.size() > 1 && k[0] == 'x' && is_digit(k[1])) {
            std::vector<std::string> rest = keys_;
            rest[i] = k.substr(1);
            used = parse_period(rest, i, d);
        } else if (!k.empty() && is_digit(k[0])) {
            used = parse_period(keys_, i, d);  // "5/7", "5 days" without the x
        }
        if (!used) return 0;
        std::string code;
        for (size_t j = i; j < i + used; ++j) code += (j > i ? " " : "") + tokens_[j];
        if (fill(kDuration, code, d.phrase)) clause().days = d.days;
        return used;
    }

    struct Dose {
        double amount = 0;
        const DoseUnit* unit = nullptr;  // nullptr: bare number, item unit applies
        size_t used = 0;
        bool naked_decimal = false, u_for_units = false;
    };

    bool read_dose(size_t i, Dose& d) {
        std::string amount, suffix;
        split_amount(keys_[i], amount, suffix);
        bool naked = false;
        std::optional<double> v = parse_amount(amount, &naked);
        if (!v || *v > 10000) return false;
        d = Dose{};
        d.amount = *v;
        d.naked_decimal = naked;
        d.used = 1;
        std::string unit_key = suffix;
        if (suffix.empty() && i + 1 < keys_.size() && find_unit_word(keys_[i + 1])) {
            unit_key = keys_[i + 1];
            d.used = 2;
        }
        if (!unit_key.empty()) {
            d.unit = find_unit_word(unit_key);
            if (!d.unit) return false;
            d.u_for_units = unit_key == "u";
        }
        return true;
    }

    size_t match_dose(size_t i) {
        Dose d;
        if (!read_dose(i, d)) return 0;
        if (clause().dose) clauses_.emplace_back();
        std::string code = tokens_[i] + (d.used == 2 ? " " + tokens_[i + 1] : "");
        std::optional<DoseUnit> unit;
        std::string storage;
        if (d.unit) {
            unit = *d.unit;
        } else {
            unit = unit_for_bare_dose(item_unit_, storage);
            if (!unit)
                out_.warnings.push_back("The dose \"" + code +
                                        "\" has no unit (tablet, mL ...): check the label.");
        }
        if (d.naked_decimal)
            out_.warnings.push_back("\"" + code + "\" was read as " + digits(d.amount) +
                                    ". Write a zero before the point so it is not misread.");
        if (d.u_for_units)
            out_.warnings.push_back("\"" + code + "\" was read as " + digits(d.amount) +
                                    " units. \"u\" is easily misread as 0 or 4: write \"units\" "
                                    "in full.");
        fill(kDose, code, dose_phrase(d.amount, unit));
        clause().dose = d.amount;
        return d.used;
    }

    // "max 4", "max4", "max 8/24", "max 8 in 24h", "max 8 per day", "max 8 daily".
    size_t match_max(size_t i) {
        const std::string& k = keys_[i];
        if (k.compare(0, 3, "max") != 0) return 0;
        size_t j = i;
        std::string number = k.substr(3);
        if (number.empty()) {
            if (++j >= keys_.size()) return 0;
            number = keys_[j];
        }
        size_t n_end = 0;
        while (n_end < number.size() && is_digit(number[n_end])) ++n_end;
        std::string suffix = number.substr(n_end);
        number.resize(n_end);
        if (!all_digits(number) || std::atoi(number.c_str()) <= 0) return 0;
        if (!suffix.empty() && suffix != "/24" && suffix != "/24h" && suffix != "/day" &&
            suffix != "/d" && suffix != "pd")
            return 0;
        ++j;
        static const std::vector<std::vector<std::string>> kPerDay = {{"in", "24", "hours"},
                                                                      {"in", "24", "hrs"},
                                                                      {"in", "24h"},
                                                                      {"in", "24hrs"},
                                                                      {"per", "day"},
                                                                      {"a", "day"},
                                                                      {"daily"},
                                                                      {"/24"},
                                                                      {"/24h"},
                                                                      {"pd"},
                                                                      {"/day"}};
        if (suffix.empty()) {
            for (const auto& seq : kPerDay) {
                bool all = j + seq.size() <= keys_.size();
                for (size_t s = 0; all && s < seq.size(); ++s) all = keys_[j + s] == seq[s];
                if (all) {
                    j += seq.size();
                    break;
                }
            }
        }
        double n = std::atof(number.c_str());
        std::string code;
        for (size_t t = i; t < j; ++t) code += (t > i ? " " : "") + tokens_[t];
        if (fill(kMaxPerDay, code, "(no more than " + count_words(n) + " in 24 hours)"))
            out_.max_per_day = n;
        return j - i;
    }

    size_t match_code(size_t i) {
        const std::string& k = keys_[i];
        if ((k == "ut" && i + 1 < keys_.size() && keys_[i + 1] == "dict") ||
            (k == "as" && i + 1 < keys_.size() &&
             (keys_[i + 1] == "directed" || keys_[i + 1] == "dir"))) {
            fill(kAsDirected, tokens_[i] + " " + tokens_[i + 1], "as directed");
            return 2;
        }
        const Code* c = find_code(k);
        if (!c) return 0;
        if (c->warning) out_.warnings.push_back(c->warning);
        bool first = fill(c->slot, tokens_[i], c->phrase);
        Clause& cl = clause();
        if (first) {
            if (c->per_day > 0) cl.frequency = c->per_day;
            if (c->verb) cl.route_verb = c->verb;
            if (c->slot == kTimeOfDay) cl.time_of_day = true;
            if (c->slot == kStat) cl.stat = true;
            if (c->slot == kAsNeeded) cl.as_needed = true;
        }
        return 1;
    }

    // "q6h", "q4h" ... and "6hrly", "6-hourly".
    size_t match_interval(size_t i) {
        const std::string& k = keys_[i];
        std::string hours;
        if (k.size() >= 3 && k[0] == 'q' && k.back() == 'h') hours = k.substr(1, k.size() - 2);
        for (const char* tail : {"-hourly", "hourly", "-hrly", "hrly"}) {
            std::string t = tail;
            if (hours.empty() && k.size() > t.size() &&
                k.compare(k.size() - t.size(), t.size(), t) == 0)
                hours = k.substr(0, k.size() - t.size());
        }
        if (!all_digits(hours)) return 0;
        int h = std::atoi(hours.c_str());
        if (h < 1 || h > 72) return 0;
        if (fill(kFrequency, tokens_[i],
                 "every " + std::to_string(h) + (h == 1 ? " hour" : " hours")))
            clause().frequency = 24.0 / h;
        return 1;
    }

    std::vector<std::string> tokens_, keys_;
    std::string item_unit_;
    Directions& out_;
    std::vector<Clause> clauses_;
    std::vector<std::string> leading_;
    bool recognised_ = false;
};

void append(std::string& text, const std::string& piece) {
    if (piece.empty()) return;
    if (!text.empty()) text += ' ';
    text += piece;
}

std::string write_text(const Reader& r, const std::string& item_unit) {
    std::string text;
    for (const std::string& w : r.leading()) append(text, w);
    const std::vector<Clause>& clauses = r.clauses();
    for (size_t k = 0; k < clauses.size(); ++k) {
        const Clause& c = clauses[k];
        if (k > 0) append(text, "and");
        for (int s = 0; s < kSlotCount; ++s) {
            const Part& p = c.parts[s];
            std::string phrase = p.phrase;
            // Later clauses share the first clause's verb unless one was typed.
            if (s == kVerb && !p.set && k == 0)
                phrase = !c.route_verb.empty() ? c.route_verb : default_verb(item_unit);
            if (s == kVerb && !text.empty() && !phrase.empty())
                phrase[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(phrase[0])));
            append(text, phrase);
            for (const std::string& w : p.trailing) append(text, w);
        }
    }
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

void fill_numbers(const std::vector<Clause>& clauses, Directions& out) {
    // A stat dose adds no daily doses; alone it is one dose on one day.
    double per_day = 0, units_per_day = 0;
    bool per_day_known = true, units_known = true;
    std::optional<double> common_dose;
    bool doses_equal = true;
    int counted = 0;
    for (const Clause& c : clauses) {
        if (c.as_needed) out.as_needed = true;
        if (c.days) out.days = std::max(out.days.value_or(0), *c.days);
        if (c.dose) {
            if (common_dose && *common_dose != *c.dose) doses_equal = false;
            if (!common_dose) common_dose = c.dose;
        }
        if (c.stat && !c.frequency) continue;
        std::optional<double> f = c.frequency;
        if (!f && c.time_of_day) f = 1;
        if (!f && !c.dose && !c.as_needed) continue;  // a clause of only words
        ++counted;
        if (!f) {
            per_day_known = units_known = false;
            continue;
        }
        per_day += *f;
        if (c.dose)
            units_per_day += *f * *c.dose;
        else
            units_known = false;
    }
    if (doses_equal) out.units_per_dose = common_dose;
    if (counted > 0 && per_day_known) out.doses_per_day = per_day;
    if (counted > 0 && per_day_known && units_known) out.units_per_day = units_per_day;
    if (counted == 0 && clauses.size() == 1 && clauses[0].stat) {
        out.doses_per_day = 1;
        if (!out.days) out.days = 1;
        if (clauses[0].dose) out.units_per_day = *clauses[0].dose;
    }
}

}  // namespace

std::string count_with_unit(double n, const std::string& unit) {
    std::string number = digits(n);
    if (unit.empty()) return number;
    std::string u = lower_ascii(unit);
    bool measure = u == "ml" || u == "l" || u == "g" || u == "mg" || u == "mcg" || u == "kg";
    if (measure || n == 1 || (n < 1 && n > 0)) return number + " " + unit;
    if (const DoseUnit* w = find_unit_word(u); w && u == w->singular)
        return number + " " + w->plural;
    if (u.back() == 's') return number + " " + unit;
    if (u.size() > 1 && u.back() == 'y' &&
        std::string("aeiou").find(u[u.size() - 2]) == std::string::npos)
        return number + " " + unit.substr(0, unit.size() - 1) + "ies";
    bool es = u.back() == 'x' || (u.size() > 1 && (u.compare(u.size() - 2, 2, "ch") == 0 ||
                                                   u.compare(u.size() - 2, 2, "sh") == 0));
    return number + " " + unit + (es ? "es" : "s");
}

Directions expand_directions(const std::string& input, const std::string& unit) {
    Directions out;
    std::string cleaned = clean_input(input, out.warnings);
    std::vector<std::string> tokens = split_words(cleaned);
    Reader reader(tokens, unit, out);
    reader.read();
    if (!reader.recognised_any()) {
        // Nothing to expand: the words are shown as typed (spaces tidied).
        for (const std::string& t : tokens) append(out.text, t);
        return out;
    }
    out.text = write_text(reader, unit);
    fill_numbers(reader.clauses(), out);
    return out;
}

}  // namespace outpost

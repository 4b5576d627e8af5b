// Sig-code expansion: turns "1t bd x5/7 pc" into "Take ONE tablet TWICE a day
// for 5 days after food". The input is cleaned (length cap, control characters,
// broken UTF-8), split on white space and read left to right by small matchers,
// one per code family. Recognised words fill slots of a clause (dose, route,
// frequency, ...); the slots are then written in a fixed, label-friendly order
// so "bd 1t" and "1t bd" read the same. A second dose starts a second clause
// ("1t mane 2t nocte"). Unknown words stay next to the word they followed.
// What each word means (units, durations, the code table, input cleaning) is in
// directions_vocabulary.{h,cpp}; this file is the reader and the writer.
// The accepted codes are listed in docs/directions.md.
#include "directions.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "directions_vocabulary.h"

namespace outpost {
namespace {

using namespace sig;  // the reader is written in the vocabulary's words

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

// ---- the reader -----------------------------------------------------------

class Reader {
  public:
    Reader(std::vector<std::string> tokens, const std::string& item_unit, const Language& lang,
           Directions& out)
        : tokens_(std::move(tokens)), item_unit_(item_unit), lang_(lang), out_(out), clauses_(1) {
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
                                    slot_name(slot) + ": check the directions.");
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
        fill(kVerb, tokens_[i], phrase_in(lang_, verb.c_str()));
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
        if (fill(kDuration, code, duration_phrase(d, lang_))) clause().days = d.days;
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
        fill(kDose, code, dose_phrase(d.amount, unit, lang_));
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
        if (fill(kMaxPerDay, code, fill_pattern(lang_.no_more_than, count_words(n, lang_))))
            out_.max_per_day = n;
        return j - i;
    }

    size_t match_code(size_t i) {
        const std::string& k = keys_[i];
        if ((k == "ut" && i + 1 < keys_.size() && keys_[i + 1] == "dict") ||
            (k == "as" && i + 1 < keys_.size() &&
             (keys_[i + 1] == "directed" || keys_[i + 1] == "dir"))) {
            fill(kAsDirected, tokens_[i] + " " + tokens_[i + 1], phrase_in(lang_, "as directed"));
            return 2;
        }
        const Code* c = find_code(k);
        if (!c) return 0;
        if (c->warning) out_.warnings.push_back(c->warning);
        bool first = fill(c->slot, tokens_[i], phrase_in(lang_, c->phrase));
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
                 h == 1 ? std::string(lang_.every_hour) : fill_pattern(lang_.every_hours, std::to_string(h))))
            clause().frequency = 24.0 / h;
        return 1;
    }

    std::vector<std::string> tokens_, keys_;
    std::string item_unit_;
    const Language& lang_;
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

std::string write_text(const Reader& r, const std::string& item_unit, const Language& lang) {
    std::string text;
    for (const std::string& w : r.leading()) append(text, w);
    const std::vector<Clause>& clauses = r.clauses();
    for (size_t k = 0; k < clauses.size(); ++k) {
        const Clause& c = clauses[k];
        if (k > 0) append(text, lang.joiner);
        for (int s = 0; s < kSlotCount; ++s) {
            const Part& p = c.parts[s];
            std::string phrase = p.phrase;
            // Later clauses share the first clause's verb unless one was typed.
            if (s == kVerb && !p.set && k == 0)
                phrase = phrase_in(lang, !c.route_verb.empty() ? c.route_verb.c_str()
                                                                : default_verb(item_unit).c_str());
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

Directions expand_directions(const std::string& input, const std::string& unit, i18n::Lang lang) {
    Directions out;
    std::string cleaned = clean_input(input, out.warnings);
    std::vector<std::string> tokens = split_words(cleaned);
    const Language& words = language(lang);
    Reader reader(tokens, unit, words, out);
    reader.read();
    if (!reader.recognised_any()) {
        // Nothing to expand: the words are shown as typed (spaces tidied).
        for (const std::string& t : tokens) append(out.text, t);
        return out;
    }
    out.text = write_text(reader, unit, words);
    fill_numbers(reader.clauses(), out);
    return out;
}

}  // namespace outpost

// The GS1 scan reader: normalises what the scanner sent, then reads either the
// bracketed human-readable form, a plain EAN/UPC code or GS1 element strings,
// validating every value against the AI dictionary (gs1_ai.h). See gs1.h for
// the contract and docs/barcodes.md for the rules.
#include "gs1.h"

#include <algorithm>
#include <cstdio>

#include "clock.h"
#include "gs1_ai.h"
#include "i18n.h"

namespace outpost::gs1 {

namespace {

bool digit(char c) {
    return c >= '0' && c <= '9';
}

bool all_digits(const std::string& s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!digit(c)) return false;
    return true;
}

// A character as a person can read it in a message: 'x', or its code when
// it is not printable ASCII.
std::string shown(char c) {
    auto u = static_cast<unsigned char>(c);
    if (c == kGs) return i18n::tr("a separator (GS)");
    if (u < 0x20 || u >= 0x7f) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "0x%02X", u);
        return i18n::format(i18n::tr("byte {0}"), {buf});
    }
    return std::string("'") + c + "'";
}

// What the AIM symbology identifier at the start says.
struct Prefix {
    const char* aim;
    const char* symbology;
    bool gs1;
};
const Prefix kPrefixes[] = {
    {"]d2", "gs1-datamatrix", true}, {"]C1", "gs1-128", true},     {"]Q3", "gs1-qr", true},
    {"]e0", "gs1-databar", true},    {"]d1", "datamatrix", false}, {"]Q1", "qr", false},
    {"]E0", "ean-13", false},        {"]E4", "ean-8", false},
};

struct Normalised {
    std::string data;
    std::string symbology;
    bool gs1_prefix = false;       // an AIM prefix that says GS1
    bool plain_prefix = false;     // an AIM prefix that says "not GS1"
    bool separators_seen = false;  // a GS between fields: the scanner sends them
};

Status normalise(const std::string& text, const Options& options, Normalised* n) {
    if (text.size() > kMaxInputBytes)
        return Status::InvalidArgument(i18n::format(
            i18n::tr("This scan is too long for a barcode ({0} characters): scan again."), {std::to_string(text.size())}));
    for (char c : options.separator_substitutes)
        if (digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))
            return Status::InvalidArgument(
                i18n::format(i18n::tr("The separator setting {0} is a letter or digit, which barcodes carry as data: "
                                      "choose a character such as ~ or |."),
                             {shown(c)}));
    std::string s;
    s.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == ' ' || (c >= '\t' && c <= '\r')) continue;
        // Zero-width space, non-joiner and joiner (U+200B-U+200D), and U+FEFF.
        if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
            static_cast<unsigned char>(text[i + 2]) >= 0x8B &&
            static_cast<unsigned char>(text[i + 2]) <= 0x8D) {
            i += 2;
            continue;
        }
        if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBB &&
            static_cast<unsigned char>(text[i + 2]) == 0xBF) {
            i += 2;
            continue;
        }
        s.push_back(options.separator_substitutes.find(static_cast<char>(c)) != std::string::npos
                        ? kGs
                        : static_cast<char>(c));
    }
    if (s.size() >= 3 && s[0] == ']') {
        std::string aim = s.substr(0, 3);
        bool known = false;
        for (const Prefix& p : kPrefixes) {
            if (aim == p.aim) {
                n->symbology = p.symbology;
                n->gs1_prefix = p.gs1;
                n->plain_prefix = !p.gs1;
                known = true;
            }
        }
        if (!known) {
            n->symbology = "aim " + aim;
            n->plain_prefix = true;
        }
        s.erase(0, 3);
    }
    // Some camera libraries put a GS first (the FNC1 itself); none is data.
    size_t first = s.find_first_not_of(kGs);
    size_t last = s.find_last_not_of(kGs);
    s = first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
    n->separators_seen = s.find(kGs) != std::string::npos;
    n->data = std::move(s);
    return Status::Ok();
}

// "expiry 2026-12-31", "serial \"XYZ\"": one element in plain words.
std::string describe(const std::string& ai, const std::string& value, int year) {
    const AiSpec* spec = lookup_ai(ai);
    std::string title = spec ? i18n::tr(spec->title) : "AI " + ai;
    if (spec && spec->check == Check::kDate) return title + " " + decode_yymmdd(value, year, true);
    if (spec && spec->content == Content::kCharset82) return title + " \"" + value + "\"";
    return title + " " + value;
}

// The elements read so far, with the rules for adding one.
class ElementList {
  public:
    explicit ElementList(int year) : year_(year) {}

    // Validates `value` for `ai` and adds it. A repeat with the same value is
    // dropped; with a different value it refuses the code.
    Status add(const AiSpec& spec, const std::string& ai, const std::string& value) {
        using i18n::format;
        using i18n::tr;
        std::string title = tr(spec.title);
        if (value.empty()) return Status::InvalidArgument(format(tr("The {0} (AI {1}) is empty."), {title, ai}));
        if (static_cast<int>(value.size()) < spec.min_length ||
            static_cast<int>(value.size()) > spec.max_length) {
            std::string want = spec.min_length == spec.max_length
                                   ? std::to_string(spec.max_length)
                                   : format(tr("at most {0}"), {std::to_string(spec.max_length)});
            // TRANSLATORS: {2} is a number or "at most 20"
            return Status::InvalidArgument(format(tr("The {0} (AI {1}) must have {2} characters; this code has {3}."),
                                                  {title, ai, want, std::to_string(value.size())}));
        }
        for (char c : value) {
            bool ok = spec.content == Content::kDigits ? digit(c) : in_charset82(c);
            if (!ok)
                return Status::InvalidArgument(
                    format(tr("The {0} (AI {1}) contains {2}, which a GS1 {0} cannot hold: scan again or type it."),
                           {title, ai, shown(c)}));
        }
        if (spec.check == Check::kCheckDigit && !has_valid_check_digit(value))
            return Status::InvalidArgument(format(tr("The {0} {1} has a wrong check digit (the barcode was misread "
                                                     "or is damaged): scan again or type it."),
                                                  {title, value}));
        if (spec.check == Check::kDate && decode_yymmdd(value, year_, true).empty())
            return Status::InvalidArgument(
                format(tr("The {0} {1} is not a real date (YYMMDD): scan again or type it."), {title, value}));
        if (spec.check == Check::kDateTime) {
            int hh = std::stoi(value.substr(6, 2));
            int mm = std::stoi(value.substr(8, 2));
            if (decode_yymmdd(value.substr(0, 6), year_, false).empty() || hh > 23 || mm > 59)
                return Status::InvalidArgument(
                    format(tr("The {0} {1} is not a real date and time (YYMMDDHHMM)."), {title, value}));
        }
        for (const Element& e : elements_) {
            if (e.ai != ai) continue;
            if (e.value == value) return Status::Ok();
            return Status::InvalidArgument(format(
                tr("The code holds two different {0}s (\"{1}\" and \"{2}\"): it cannot be trusted; type the "
                   "details."),
                {title, e.value, value}));
        }
        if (elements_.size() >= kMaxElements)
            return Status::InvalidArgument(
                format(tr("The code holds more than {0} fields: scan again."), {std::to_string(kMaxElements)}));
        elements_.push_back({ai, value});
        return Status::Ok();
    }

    const std::vector<Element>& elements() const { return elements_; }
    bool has(const std::string& ai) const {
        for (const Element& e : elements_)
            if (e.ai == ai) return true;
        return false;
    }
    const std::string* value_of(const std::string& ai) const {
        for (const Element& e : elements_)
            if (e.ai == ai) return &e.value;
        return nullptr;
    }
    int year() const { return year_; }

  private:
    int year_;
    std::vector<Element> elements_;
};

Status unknown_start(const std::string& s, size_t pos) {
    if (pos + 1 < s.size() && digit(s[pos]) && digit(s[pos + 1]))
        return Status::InvalidArgument(i18n::format(
            i18n::tr("The code has an AI the app does not know (starting \"{0}\" at character {1}), so it cannot be "
                     "read: type the details."),
            {s.substr(pos, 4), std::to_string(pos + 1)}));
    return Status::InvalidArgument(i18n::format(
        i18n::tr("This is not a barcode the app can read ({0} at character {1} where a GS1 field should start)."),
        {shown(s[pos]), std::to_string(pos + 1)}));
}

// Reads GS1 element strings s[pos..]. `warnings`/`needs_check` receive the
// notes on fields with a missing separator; with `ambiguity` false they are
// not examined (used to try an alternative reading of a field's tail).
Status read_element_strings(const std::string& s, bool separators_seen, bool ambiguity,
                            ElementList* list, std::vector<std::string>* warnings,
                            bool* needs_check) {
    size_t pos = 0;
    while (pos < s.size()) {
        if (s[pos] == kGs) {
            ++pos;
            continue;
        }
        std::string ai;
        const AiSpec* spec = find_ai(s, pos, &ai);
        if (!spec) return unknown_start(s, pos);
        pos += ai.size();
        if (spec->min_length == spec->max_length) {
            size_t n = static_cast<size_t>(spec->max_length);
            std::string value = s.substr(pos, n);
            if (value.find(kGs) != std::string::npos) value.erase(value.find(kGs));
            Status st = list->add(*spec, ai, value);
            if (!st.ok()) return st;
            pos += value.size();
            continue;
        }
        size_t end = s.find(kGs, pos);
        if (end == std::string::npos) end = s.size();
        size_t len = end - pos;
        std::string title = i18n::tr(spec->title);
        if (len > static_cast<size_t>(spec->max_length)) {
            // No separator, and more than the field can hold: GS1 reads the
            // field to its limit, but the split is a guess.
            len = static_cast<size_t>(spec->max_length);
            if (ambiguity) {
                warnings->push_back(i18n::format(
                    i18n::tr("check the {0}: the code has no separator after it, so it was cut at its {1}-character "
                             "limit; compare it with the pack."),
                    {title, std::to_string(len)}));
                *needs_check = true;
            }
        }
        std::string value = s.substr(pos, len);
        Status st = list->add(*spec, ai, value);
        if (!st.ok()) return st;
        pos += len;
        if (!ambiguity || pos != s.size() || separators_seen) continue;
        // The field runs to the end and this scanner sent no separators at all:
        // if its tail reads as further fields, a dropped separator may have
        // merged them into it.
        for (size_t i = 1; i < value.size(); ++i) {
            ElementList alternative(list->year());
            std::vector<std::string> unused;
            bool unused_check = false;
            std::string tail = value.substr(i);
            if (!read_element_strings(tail, false, false, &alternative, &unused, &unused_check)
                     .ok())
                continue;
            bool adds_new = false, conflicts = false;
            for (const Element& e : alternative.elements()) {
                const std::string* have = e.ai == ai ? nullptr : list->value_of(e.ai);
                if (e.ai == ai || (have && *have != e.value)) conflicts = true;
                if (!have) adds_new = true;
            }
            if (conflicts || !adds_new) continue;
            std::string rest;
            for (const Element& e : alternative.elements())
                rest += (rest.empty() ? "" : ", ") + describe(e.ai, e.value, list->year());
            warnings->push_back(i18n::format(
                i18n::tr("check the {0}: the code has no separator after it, so \"{1}\" may really be {0} \"{2}\" "
                         "followed by {3}; compare it with the pack."),
                {title, value, value.substr(0, i), rest}));
            *needs_check = true;
            break;
        }
    }
    return Status::Ok();
}

// The bracketed form: "(01)09506000134352(17)261231(10)ABC123". A '(' inside
// a value starts the next field only when "(digits)" names a known AI.
Status read_bracketed(const std::string& s, ElementList* list) {
    size_t pos = 0;
    auto ai_at = [&s](size_t p, std::string* ai) -> bool {
        if (p >= s.size() || s[p] != '(') return false;
        size_t close = s.find(')', p);
        if (close == std::string::npos || close - p < 3 || close - p > 5) return false;
        *ai = s.substr(p + 1, close - p - 1);
        return all_digits(*ai) && lookup_ai(*ai) != nullptr;
    };
    while (pos < s.size()) {
        std::string ai;
        if (!ai_at(pos, &ai)) {
            if (s[pos] == '(' && s.find(')', pos) != std::string::npos)
                return Status::InvalidArgument(
                    i18n::format(i18n::tr("The code names an AI the app does not know ({0}): type the details."),
                                 {s.substr(pos, std::min<size_t>(s.find(')', pos) - pos + 1, 8))}));
            return Status::InvalidArgument(
                i18n::format(i18n::tr("This is not a barcode text the app can read ({0} at character {1})."),
                             {shown(s[pos]), std::to_string(pos + 1)}));
        }
        pos += ai.size() + 2;
        size_t end = pos;
        std::string next;
        while (end < s.size() && !ai_at(end, &next)) ++end;
        Status st = list->add(*lookup_ai(ai), ai, s.substr(pos, end - pos));
        if (!st.ok()) return st;
        pos = end;
    }
    return Status::Ok();
}

std::string plain_symbology(size_t digits) {
    return digits == 8 ? "ean-8" : digits == 12 ? "upc-a" : "ean-13";
}

}  // namespace

std::string gtin_from_plain_code(const std::string& d) {
    if ((d.size() != 8 && d.size() != 12 && d.size() != 13) || !has_valid_check_digit(d)) return "";
    return std::string(14 - d.size(), '0') + d;
}

Reading parse(const std::string& text, const Options& options) {
    Reading r;
    int64_t today_days = 0;
    if (!parse_date(options.today, &today_days)) {
        r.error = Status::InvalidArgument(i18n::format(
            i18n::tr("Today's date \"{0}\" is not a date (YYYY-MM-DD); barcode dates cannot be read without it."),
            {options.today}));
        return r;
    }
    const int year = std::stoi(options.today.substr(0, 4));
    Normalised n;
    r.error = normalise(text, options, &n);
    r.symbology = n.symbology;
    if (!r.error.ok()) return r;
    const std::string& s = n.data;
    if (s.empty()) {
        r.error = Status::InvalidArgument(i18n::tr("The scan is empty: scan again."));
        return r;
    }
    bool digits_only = all_digits(s);
    if (n.plain_prefix ||
        (!n.gs1_prefix && s[0] != '(' && digits_only && !gtin_from_plain_code(s).empty())) {
        r.gtin = gtin_from_plain_code(s);
        if (r.gtin.empty()) {
            r.error = Status::InvalidArgument(
                n.symbology.empty()
                    ? i18n::tr("This barcode is not a GS1 code or an EAN/UPC number: it names no medicine the app can "
                               "look up.")
                    : i18n::format(i18n::tr("This barcode is not a GS1 code or an EAN/UPC number (it is {0}): it names "
                                            "no medicine the app can look up."),
                                   {n.symbology}));
            return r;
        }
        if (r.symbology.empty()) r.symbology = plain_symbology(s.size());
        return r;
    }
    ElementList list(year);
    bool needs_check = false;
    std::vector<std::string> warnings;
    Status st;
    if (s[0] == '(') {
        if (r.symbology.empty()) r.symbology = "gs1-text";
        st = read_bracketed(s, &list);
    } else {
        if (r.symbology.empty()) r.symbology = "gs1";
        st = read_element_strings(s, n.separators_seen, true, &list, &warnings, &needs_check);
    }
    if (!st.ok()) {
        if (!n.gs1_prefix && digits_only && (s.size() == 8 || s.size() == 12 || s.size() == 13))
            st = Status::InvalidArgument(i18n::format(
                i18n::tr("The EAN/UPC number {0} has a wrong check digit (misread or damaged): scan again or type it."),
                {s}));
        r.error = st;
        return r;
    }
    r.gs1 = true;
    for (const Element& e : list.elements()) {
        if (e.ai == "01")
            r.gtin = e.value;
        else if (e.ai == "17")
            r.expiry = decode_yymmdd(e.value, year, true);
        else if (e.ai == "10")
            r.batch = e.value;
        else if (e.ai == "21")
            r.serial = e.value;
        else
            r.other.push_back(e);
    }
    if (r.gtin.empty() && (!r.batch.empty() || !r.serial.empty() || !r.expiry.empty()))
        warnings.push_back(i18n::tr("The code has no GTIN (AI 01): choose the item by hand."));
    r.warnings = std::move(warnings);
    r.needs_check = needs_check;
    return r;
}

}  // namespace outpost::gs1

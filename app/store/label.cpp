// The dispensing label as lines of text. Each field is its own paragraph,
// word-wrapped to the label stock's width in characters; empty optional
// fields are left out rather than printed blank. Widths count UTF-8
// characters, not bytes, and a line is never cut inside a character, so
// patient names in any script print whole.
#include "label.h"

#include <string_view>

#include "directions.h"
#include "i18n.h"
#include "local_time.h"

namespace outpost {
namespace {

bool is_continuation(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

size_t char_count(std::string_view s) {
    size_t n = 0;
    for (char c : s) n += is_continuation(c) ? 0 : 1;
    return n;
}

// Byte length of the first `chars` characters of s (all of s if shorter).
size_t prefix_bytes(std::string_view s, size_t chars) {
    size_t i = 0;
    for (size_t seen = 0; i < s.size(); ++i) {
        if (!is_continuation(s[i]) && seen++ == chars) break;
    }
    return i;
}

// Fields come from the database and may hold anything: control characters
// (a pasted newline) would break the printer's layout, so they become spaces
// (split_words). repair_utf8 replaces every invalid UTF-8 sequence with U+FFFD
// (csv.h's valid_utf8 only checks) so that counting
// characters (non-continuation bytes) bounds the bytes on a line: a stray
// continuation byte would otherwise count as zero characters and never wrap.
std::string repair_utf8(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        bool ok = len > 0 && i + len <= s.size() && !(len == 2 && c < 0xC2);
        for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
        if (ok && len == 3) {
            unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
            ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);  // overlong, surrogates
        }
        if (ok && len == 4) {
            unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
            ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90) && c <= 0xF4;
        }
        if (ok) {
            out.append(s, i, len);
            i += len;
        } else {
            out += "\xEF\xBF\xBD";
            ++i;
        }
    }
    return out;
}

std::vector<std::string> split_words(const std::string& raw) {
    const std::string field = repair_utf8(raw);
    std::vector<std::string> words;
    std::string word;
    for (char c : field) {
        unsigned char u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u == 0x7F) {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

// Greedy word wrap; words longer than a line are broken at `width` characters.
void wrap(const std::string& paragraph, size_t width, std::vector<std::string>& lines) {
    std::string line;
    size_t line_chars = 0;
    for (std::string_view word : split_words(paragraph)) {
        size_t word_chars = char_count(word);
        if (line_chars > 0 && line_chars + 1 + word_chars <= width) {
            line += ' ';
            line.append(word.data(), word.size());
            line_chars += 1 + word_chars;
            continue;
        }
        if (line_chars > 0) lines.push_back(std::move(line));
        line.clear();
        line_chars = 0;
        while (word_chars > width) {
            size_t bytes = prefix_bytes(word, width);
            lines.emplace_back(word.substr(0, bytes));
            word.remove_prefix(bytes);
            word_chars -= width;
        }
        line.assign(word.data(), word.size());
        line_chars = word_chars;
    }
    if (line_chars > 0) lines.push_back(std::move(line));
}

}  // namespace

std::vector<std::string> label_paragraphs(const LabelInput& in) {
    std::vector<std::string> paragraphs;
    auto add = [&](const std::string& text) {
        std::string joined;
        for (const std::string& word : split_words(text)) {
            if (!joined.empty()) joined += ' ';
            joined += word;
        }
        if (!joined.empty()) paragraphs.push_back(std::move(joined));
    };
    const i18n::Lang lang = in.lang;
    // A caption is a pattern so a language may put the value elsewhere.
    auto add_field = [&](const char* caption, const std::string& value) {
        if (!split_words(value).empty()) add(i18n::format(caption, {value}));
    };

    if (in.training) add(i18n::tr_for(lang, "TRAINING - NOT FOR PATIENT USE"));
    add(in.item_name);
    // The quantity's digits grouped as the language writes them ("1 000 mL").
    std::string quantity = count_with_unit(static_cast<double>(in.quantity), in.unit, lang);
    const std::string digits = std::to_string(in.quantity);
    if (quantity.compare(0, digits.size(), digits) == 0)
        quantity = local_number(in.quantity, lang) + quantity.substr(digits.size());
    add_field(i18n::tr_for(lang, "Quantity: {0}"), quantity);
    add(in.directions_text);
    add(in.warning);
    add(i18n::tr_for(lang, "Keep out of reach of children"));
    add_field(i18n::tr_for(lang, "Patient: {0}"), in.patient_name);
    add(in.facility);
    add_field(i18n::tr_for(lang, "Date: {0}"), in.date);
    add_field(i18n::tr_for(lang, "Dispensed by: {0}"), in.dispenser);
    add_field(i18n::tr_for(lang, "Prescriber: {0}"), in.prescriber);
    add_field(i18n::tr_for(lang, "Batch: {0}"), in.batches);
    if (in.parts > 1) {
        int part = in.part < 1 ? 1 : in.part > in.parts ? in.parts : in.part;
        // TRANSLATORS: a label of a dispensing in several containers: "Part 1 of 3".
        add(i18n::format(i18n::tr_for(lang, "Part {0} of {1}"),
                         {std::to_string(part), std::to_string(in.parts)}));
    }
    return paragraphs;
}

std::vector<std::string> format_label(const LabelInput& in, int width) {
    size_t w = width < 1 ? 1 : static_cast<size_t>(width);
    std::vector<std::string> lines;
    for (const std::string& paragraph : label_paragraphs(in)) wrap(paragraph, w, lines);
    return lines;
}

std::string label_text(const LabelInput& in, int width) {
    std::string text;
    for (const std::string& line : format_label(in, width)) {
        if (!text.empty()) text += '\n';
        text += line;
    }
    return text;
}

}  // namespace outpost

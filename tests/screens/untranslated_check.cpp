// Finding untranslated text on screen (see untranslated_check.h).
#include "untranslated_check.h"

#include <catch2/catch.hpp>

#include <cctype>
#include <cstring>
#include <fstream>
#include <tuple>

namespace outpost::screens_test {
namespace {

std::string display(const std::string& msg) {
    const size_t hash = msg.find("##");
    return hash == std::string::npos ? msg : msg.substr(0, hash);
}

// A PO string literal's contents ("..." with C escapes).
std::string unquote(const std::string& line) {
    const size_t a = line.find('"'), b = line.rfind('"');
    std::string out;
    if (a == std::string::npos || b <= a) return out;
    for (size_t i = a + 1; i < b; ++i) {
        if (line[i] == '\\' && i + 1 < b) {
            const char c = line[++i];
            out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
        } else {
            out += line[i];
        }
    }
    return out;
}

// The placeholders of a pattern: {digits}, or % ... conversion letter.
size_t placeholder_length(const std::string& p, size_t i) {
    if (p[i] == '{') {
        size_t j = i + 1;
        while (j < p.size() && std::isdigit(static_cast<unsigned char>(p[j]))) ++j;
        return j > i + 1 && j < p.size() && p[j] == '}' ? j + 1 - i : 0;
    }
    if (p[i] == '%' && i + 1 < p.size()) {
        if (p[i + 1] == '%') return 0;
        size_t j = i + 1;
        while (j < p.size() && std::strchr("0123456789.-+ #lhzj", p[j])) ++j;
        return j < p.size() && std::isalpha(static_cast<unsigned char>(p[j])) ? j + 1 - i : 0;
    }
    return 0;
}

// Splits at placeholders: literal pieces; *holes is whether any was found.
std::vector<std::string> pieces(const std::string& p, bool* holes) {
    std::vector<std::string> out(1);
    *holes = false;
    for (size_t i = 0; i < p.size();) {
        if (size_t n = placeholder_length(p, i)) {
            out.emplace_back();
            *holes = true;
            i += n;
        } else {
            out.back() += p[i++];
        }
    }
    return out;
}

}  // namespace

bool has_words(const std::string& text) {
    for (size_t i = 0; i + 1 < text.size(); ++i)
        if (std::isalpha(static_cast<unsigned char>(text[i])) &&
            std::isalpha(static_cast<unsigned char>(text[i + 1])))
            return true;
    return false;
}

bool matches_pattern(const std::string& pattern, const std::string& text) {
    bool holes = false;
    const std::vector<std::string> parts = pieces(pattern, &holes);
    if (!holes) return pattern == text;
    // Glob: the first piece a prefix, the last a suffix, the others in
    // order between (leftmost each: that leaves the most room); a hole
    // stands for at least one character.
    const std::string& first = parts.front();
    const std::string& last = parts.back();
    if (text.compare(0, first.size(), first) != 0) return false;
    size_t at = first.size();
    for (size_t k = 1; k + 1 < parts.size(); ++k) {
        const size_t found = text.find(parts[k], at + 1);
        if (found == std::string::npos) return false;
        at = found + parts[k].size();
    }
    return at + 1 + last.size() <= text.size() &&
           text.compare(text.size() - last.size(), last.size(), last) == 0;
}

std::vector<UntranslatedCheck::Entry> UntranslatedCheck::read_po(const std::string& path) {
    std::ifstream in(path);
    INFO(path);
    REQUIRE(in.good());
    std::vector<Entry> out;
    std::string msgid, plural, line;
    std::vector<std::string> strs;
    std::string* target = nullptr;
    bool fuzzy = false;
    auto flush = [&] {
        if (!msgid.empty() && !fuzzy) {
            Entry e;
            e.english.push_back(display(msgid));
            if (!plural.empty()) e.english.push_back(display(plural));
            for (const std::string& s : strs)
                if (!s.empty()) e.translated.push_back(display(s));
            if (!e.translated.empty()) out.push_back(std::move(e));
        }
        msgid.clear();
        plural.clear();
        strs.clear();
        target = nullptr;
        fuzzy = false;
    };
    while (std::getline(in, line)) {
        if (line.rfind("#,", 0) == 0 && line.find("fuzzy") != std::string::npos) {
            if (!msgid.empty() || !strs.empty()) flush();
            fuzzy = true;
            continue;
        }
        if (line.empty() || line[0] == '#') continue;
        if (line.rfind("msgid_plural", 0) == 0) {
            plural = unquote(line);
            target = &plural;
        } else if (line.rfind("msgid", 0) == 0) {
            const bool keep_fuzzy = fuzzy && msgid.empty() && strs.empty();
            flush();
            fuzzy = keep_fuzzy;
            msgid = unquote(line);
            target = &msgid;
        } else if (line.rfind("msgstr", 0) == 0) {
            strs.push_back(unquote(line));
            target = &strs.back();
        } else if (line[0] == '"' && target) {
            *target += unquote(line);
        }
    }
    flush();
    return out;
}

UntranslatedCheck::UntranslatedCheck(i18n::Lang lang) : lang_(lang) {
    entries_ = read_po(std::string(OUTPOST_LOCALE_SOURCE_DIR) + "/" + i18n::code(lang) + "/outpost.po");
    for (const Entry& e : entries_)
        for (const std::string& t : e.translated) translated_exact_.insert(t);
    i18n::set_miss_observer([this](i18n::Lang l, const char* msgid) {
        if (l == lang_ && Ui::drawing()) pending_misses_.push_back(msgid);
    });
}

UntranslatedCheck::~UntranslatedCheck() { i18n::set_miss_observer(nullptr); }

bool UntranslatedCheck::matches_translation(const std::string& text) const {
    if (translated_exact_.count(text)) return true;
    for (const Entry& e : entries_)
        for (const std::string& t : e.translated)
            if (matches_pattern(t, text)) return true;
    return false;
}

void UntranslatedCheck::look(const Ui& ui, const std::string& stop) {
    for (const std::string& m : pending_misses_)
        findings_.insert({stop, m, "tr() found no translation"});
    pending_misses_.clear();
    for (const std::string& f : literal_formats()) {
        bool holes = false;
        std::string words;
        for (const std::string& piece : pieces(f, &holes)) words += piece + " ";
        if (has_words(words))
            findings_.insert({stop, f, "a format string literal, not through tr()"});
    }
    for (const DrawnText& d : ui.texts()) {
        if (!has_words(d.text)) continue;
        ++texts_seen_;
        if (d.literal) {
            findings_.insert({stop, d.text, "drawn from a string literal, not through tr()"});
            continue;
        }
        if (matches_translation(d.text)) continue;
        for (const Entry& e : entries_) {
            bool english = false;
            for (const std::string& en : e.english)
                english = english || (has_words(en) && matches_pattern(en, d.text));
            // Words the language writes the same ("Stock", "Audit") are fine.
            bool same = false;
            for (const std::string& t : e.translated)
                for (const std::string& en : e.english) same = same || t == en;
            if (english && !same) {
                findings_.insert({stop, d.text, "English of the msgid \"" + e.english[0] + "\""});
                break;
            }
        }
    }
}

}  // namespace outpost::screens_test

// Finding English on a screen drawn in another language (issue 13: "a test
// that fails when a string reaches the screen untranslated in French").
// Three ways a string can slip through, each caught here:
//   1. tr() found no translation: the miss observer (i18n.h) hears it while
//      the UI draws (the harness's own lookups of keys are ignored);
//   2. a string literal drawn without tr(): its bytes are in the program
//      image (drawn_text.h), whereas a translation comes from the .mo file
//      and data from the heap. Any such text with two letters in a row is
//      reported;
//   3. a built or formatted string whose words are an English msgid of the
//      catalogue (exactly, or with its {0} / %s filled in) that the language
//      translates differently, and that matches no translated pattern.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "ui_harness.h"

namespace outpost::screens_test {

class UntranslatedCheck {
public:
    struct Finding {
        std::string stop;  // the tour stop (or the name passed to look)
        std::string text;  // the msgid or the text drawn
        std::string why;
        bool operator<(const Finding& o) const {
            return std::tie(stop, text, why) < std::tie(o.stop, o.text, o.why);
        }
    };
    // Reads assets/locale/<lang>/outpost.po and installs the miss observer.
    explicit UntranslatedCheck(i18n::Lang lang);
    ~UntranslatedCheck();
    UntranslatedCheck(const UntranslatedCheck&) = delete;
    UntranslatedCheck& operator=(const UntranslatedCheck&) = delete;

    // Looks at the latest frame's texts; misses heard since the last look are
    // put down to this stop.
    void look(const Ui& ui, const std::string& stop);
    const std::set<Finding>& findings() const { return findings_; }
    size_t texts_seen() const { return texts_seen_; }
    size_t catalogue_size() const { return entries_.size(); }

    // The catalogue's entries as display text (## ids cut off): English
    // forms and the language's forms (plural forms all listed).
    struct Entry {
        std::vector<std::string> english, translated;
    };
    static std::vector<Entry> read_po(const std::string& path);

private:
    i18n::Lang lang_;
    std::vector<Entry> entries_;
    std::set<std::string> translated_exact_;
    std::vector<std::string> pending_misses_;
    std::set<Finding> findings_;
    size_t texts_seen_ = 0;
    bool matches_translation(const std::string& text) const;
};

// Two ASCII letters in a row: a text a reader reads as words.
bool has_words(const std::string& text);
// Whether text matches a catalogue pattern: its {0} {1} and printf
// directives (%s %d %lld %.0f ...) stand for any text.
bool matches_pattern(const std::string& pattern, const std::string& text);

}  // namespace outpost::screens_test

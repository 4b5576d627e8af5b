// Translation of the words a person reads: screens, messages, labels, reports.
// Built on GNU gettext (glibc's libintl): the catalogues are .po files in
// assets/locale/<lang>/outpost.po, compiled to .mo by the build (msgfmt) and
// found at run time in the build tree or the installed share/locale. English
// is the source language: an English lookup returns the msgid itself.
//
// Two languages can be in use at once: the screen's (the logged-in user's,
// else the device's default) and a label's (the patient's, chosen at
// dispensing). So every lookup names its language; tr()/trn() use the screen
// language, tr_for()/trn_for() take one.
//
// Thread safety: every function here may be called from any thread. The
// installed Debian locales cannot be relied on (a kiosk often has only C and
// C.UTF-8), so newlocale("fr_FR.UTF-8") cannot be used to pick a catalogue.
// Instead lookups run with the thread's LC_MESSAGES set (uselocale) to
// C.UTF-8, which makes gettext honour the LANGUAGE variable, and LANGUAGE is
// set to the wanted language. LANGUAGE is only rewritten under one mutex
// that every lookup takes, and only when the language changes between two
// cache misses; found translations are cached per language (the pointers
// gettext returns point into the mapped .mo and stay valid for the life of
// the process), so after the first frame the screen never touches the
// environment. glibc's setenv of a variable that exists swaps one pointer in
// environ, so a getenv of another variable on another thread stays sound.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace outpost::i18n {

enum class Lang { en, fr, pt, es };
constexpr Lang kAllLangs[] = {Lang::en, Lang::fr, Lang::pt, Lang::es};

// "en", "fr", "pt", "es".
const char* code(Lang lang);
// The language's own name: "English", "Français", "Português", "Español".
const char* native_name(Lang lang);
// "fr", "FR", "fr_FR.UTF-8", "pt_BR", "es-419" -> the language; nullopt for
// any other language (and for "C", "POSIX", "").
std::optional<Lang> parse(std::string_view text);
// The device's default from the environment: the first known language in
// LANGUAGE (a colon list), else LC_ALL, LC_MESSAGES, LANG; else English.
Lang from_environment();

// The screen language (default English). Set at start-up from --lang or the
// environment, and at login to the user's language.
void set_screen_lang(Lang lang);
Lang screen_lang();
// The device's default language (the login screen's, and a label's unless
// the dispenser picks another). Set at start-up.
void set_device_lang(Lang lang);
Lang device_lang();

// The folder holding <lang>/LC_MESSAGES/outpost.mo, searched in order:
// $OUTPOST_LOCALE_DIR, the build tree's locale/ (when run from the build),
// ../share/locale beside the executable, then the install prefix's. "" when
// no catalogue was found (every lookup then gives English).
const std::string& catalogue_dir();

// The translation of msgid in the screen language (msgid itself in English
// or when the catalogue has none). The pointer stays valid for the process.
const char* tr(const char* msgid);
const char* tr_for(Lang lang, const char* msgid);
// Plural: the form for n by the language's Plural-Forms rule.
const char* trn(const char* singular, const char* plural, unsigned long n);
const char* trn_for(Lang lang, const char* singular, const char* plural, unsigned long n);

// Replaces {0}, {1} ... in a translated pattern with args (a translator may
// reorder them). Unknown or unmatched braces are kept as written.
std::string format(std::string_view pattern, const std::vector<std::string>& args);

// Tests: called with the msgid of every lookup in a language other than
// English that found no translation (each time, also when the miss was
// cached). Called with the catalogues' lock held: the observer must not
// look up a translation itself. Pass nullptr to stop recording.
void set_miss_observer(std::function<void(Lang, const char* msgid)> observer);

}  // namespace outpost::i18n

// Marks a string for extraction (xgettext keyword N_) without translating it
// where it is written: for tables translated later by tr().
#define N_(text) text

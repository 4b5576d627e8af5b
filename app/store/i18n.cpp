// gettext lookups in a named language (see i18n.h for the thread-safety
// design): one mutex, LANGUAGE switched only between cache misses, a
// C.UTF-8 LC_MESSAGES for the looking-up thread so LANGUAGE is honoured even
// where no locale but C is installed, and a per-language cache of results.
#include "i18n.h"

#include <libintl.h>
#include <locale.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <sys/stat.h>
#include <unordered_map>

extern "C" int _nl_msg_cat_cntr;  // glibc: bumped to drop gettext's own cache

namespace outpost::i18n {
namespace {

constexpr const char* kDomain = "outpost";

std::atomic<Lang> g_screen{Lang::en};
std::atomic<Lang> g_device{Lang::en};

struct Catalogues {
    std::mutex mu;
    bool bound = false;
    std::string dir;
    locale_t messages = static_cast<locale_t>(nullptr);
    std::optional<Lang> env_lang;  // what LANGUAGE was last set to here
    std::unordered_map<std::string, const char*> cache[4];
    std::function<void(Lang, const char*)> observer;
};

Catalogues& catalogues() {
    static Catalogues* c = new Catalogues;  // never destroyed: lookups may run at exit
    return *c;
}

bool has_catalogue(const std::string& dir) {
    struct stat st;
    std::string probe = dir + "/fr/LC_MESSAGES/outpost.mo";
    return !dir.empty() && ::stat(probe.c_str(), &st) == 0;
}

std::string executable_dir() {
    char buf[4096];
    ssize_t n = ::readlink("/proc/self/exe", buf, sizeof buf - 1);
    if (n <= 0) return "";
    std::string path(buf, static_cast<size_t>(n));
    size_t slash = path.rfind('/');
    return slash == std::string::npos ? "" : path.substr(0, slash);
}

std::string find_dir() {
    std::vector<std::string> candidates;
    if (const char* env = std::getenv("OUTPOST_LOCALE_DIR")) candidates.push_back(env);
#ifdef OUTPOST_BUILD_LOCALE_DIR
    candidates.push_back(OUTPOST_BUILD_LOCALE_DIR);
#endif
    std::string exe = executable_dir();
    if (!exe.empty()) {
        candidates.push_back(exe + "/locale");
        candidates.push_back(exe + "/../share/locale");
    }
#ifdef OUTPOST_INSTALL_LOCALE_DIR
    candidates.push_back(OUTPOST_INSTALL_LOCALE_DIR);
#endif
    for (const std::string& d : candidates)
        if (has_catalogue(d)) return d;
    return "";
}

// REQUIRES: c.mu held.
void bind(Catalogues& c) {
    if (c.bound) return;
    c.bound = true;
    c.dir = find_dir();
    if (c.dir.empty()) return;
    bindtextdomain(kDomain, c.dir.c_str());
    bind_textdomain_codeset(kDomain, "UTF-8");
    c.messages = newlocale(LC_MESSAGES_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
}

const char* lookup(Lang lang, const char* singular, const char* plural, unsigned long n) {
    const char* english = plural && n != 1 ? plural : singular;
    if (lang == Lang::en || singular == nullptr || *singular == '\0') return english;
    Catalogues& c = catalogues();
    std::lock_guard<std::mutex> lock(c.mu);
    bind(c);
    std::string key = singular;
    if (plural) key.append(1, '\0').append(plural).append(1, '\0').append(std::to_string(n));
    auto& cache = c.cache[static_cast<int>(lang)];
    // A miss is cached as nullptr: the English is the caller's own pointer.
    // Every miss reaches the observer, the cached ones too (a test watching
    // a screen must hear of a string an earlier test already looked up).
    if (auto it = cache.find(key); it != cache.end()) {
        if (!it->second && c.observer) c.observer(lang, singular);
        return it->second ? it->second : english;
    }
    const char* found = english;
    if (c.messages != static_cast<locale_t>(nullptr)) {
        if (c.env_lang != lang) {
            ::setenv("LANGUAGE", code(lang), 1);
            ++_nl_msg_cat_cntr;
            c.env_lang = lang;
        }
        locale_t before = uselocale(c.messages);
        found = plural ? dngettext(kDomain, singular, plural, n) : dgettext(kDomain, singular);
        uselocale(before);
    }
    bool missed = plural ? (found == singular || found == plural) : found == singular;
    if (missed && c.observer) c.observer(lang, singular);
    // Plural results are cached for small counts only (the key holds n).
    if (!plural || n < 1000) cache.emplace(std::move(key), missed ? nullptr : found);
    return missed ? english : found;
}

}  // namespace

const char* code(Lang lang) {
    switch (lang) {
        case Lang::fr: return "fr";
        case Lang::pt: return "pt";
        case Lang::es: return "es";
        case Lang::en: break;
    }
    return "en";
}

const char* native_name(Lang lang) {
    switch (lang) {
        case Lang::fr: return "Français";
        case Lang::pt: return "Português";
        case Lang::es: return "Español";
        case Lang::en: break;
    }
    return "English";
}

std::optional<Lang> parse(std::string_view text) {
    if (text.size() < 2) return std::nullopt;
    if (text.size() > 2 && text[2] != '_' && text[2] != '-' && text[2] != '.' && text[2] != '@')
        return std::nullopt;
    char a = static_cast<char>(text[0] | 0x20), b = static_cast<char>(text[1] | 0x20);
    for (Lang l : kAllLangs)
        if (code(l)[0] == a && code(l)[1] == b) return l;
    return std::nullopt;
}

Lang from_environment() {
    if (const char* language = std::getenv("LANGUAGE")) {
        std::string_view list = language;
        while (!list.empty()) {
            size_t colon = list.find(':');
            if (auto l = parse(list.substr(0, colon))) return *l;
            if (colon == std::string_view::npos) break;
            list.remove_prefix(colon + 1);
        }
    }
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* v = std::getenv(name);
        if (v == nullptr || *v == '\0') continue;
        if (auto l = parse(v)) return *l;
        return Lang::en;  // the first one set decides, as for setlocale
    }
    return Lang::en;
}

void set_screen_lang(Lang lang) { g_screen = lang; }
Lang screen_lang() { return g_screen; }
void set_device_lang(Lang lang) { g_device = lang; }
Lang device_lang() { return g_device; }

const std::string& catalogue_dir() {
    Catalogues& c = catalogues();
    std::lock_guard<std::mutex> lock(c.mu);
    bind(c);
    return c.dir;
}

const char* tr(const char* msgid) { return lookup(g_screen, msgid, nullptr, 1); }
const char* tr_for(Lang lang, const char* msgid) { return lookup(lang, msgid, nullptr, 1); }
const char* trn(const char* singular, const char* plural, unsigned long n) {
    return lookup(g_screen, singular, plural, n);
}
const char* trn_for(Lang lang, const char* singular, const char* plural, unsigned long n) {
    return lookup(lang, singular, plural, n);
}

std::string format(std::string_view pattern, const std::vector<std::string>& args) {
    std::string out;
    out.reserve(pattern.size() + 16);
    for (size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '{') {
            size_t close = pattern.find('}', i);
            if (close != std::string_view::npos && close > i + 1 && close - i <= 3) {
                bool digits = true;
                size_t index = 0;
                for (size_t k = i + 1; k < close; ++k) {
                    digits = digits && pattern[k] >= '0' && pattern[k] <= '9';
                    index = index * 10 + static_cast<size_t>(pattern[k] - '0');
                }
                if (digits && index < args.size()) {
                    out += args[index];
                    i = close;
                    continue;
                }
            }
        }
        out += pattern[i];
    }
    return out;
}

void set_miss_observer(std::function<void(Lang, const char*)> observer) {
    Catalogues& c = catalogues();
    std::lock_guard<std::mutex> lock(c.mu);
    c.observer = std::move(observer);
}

}  // namespace outpost::i18n

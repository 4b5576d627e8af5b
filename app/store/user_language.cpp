// The language each user reads the screens in (issue 13): central's
// (users.lang, migration 9, pulled with the user's row; set with
// `outpost-central user add --lang` or `user lang`), unless this device
// overrides it in the device-local table user_languages (migration 7,
// `outpost user lang`).
#include "store.h"
#include "store_internal.h"

namespace outpost {

Result<std::optional<i18n::Lang>> Store::user_language(const std::string& user_id) {
    auto u = load_user(db_, user_id);
    if (!u.ok()) return u.status();
    // The device's override first, then central's; '' or a language this
    // build does not know is none.
    Stmt s = db_.prepare(
        "SELECT COALESCE((SELECT lang FROM user_languages WHERE user_id=?1), lang) FROM users WHERE id=?1");
    s.bind(1, user_id);
    if (!s.step()) {
        if (!s.status().ok()) return s.status();
        return std::optional<i18n::Lang>();
    }
    const std::string code = s.text(0);
    if (code.size() != 2) return std::optional<i18n::Lang>();
    return i18n::parse(code);
}

Status Store::set_user_language(const std::string& user_id, std::optional<i18n::Lang> lang) {
    auto u = load_user(db_, user_id);
    if (!u.ok()) return u.status();
    Stmt s = lang ? db_.prepare("INSERT INTO user_languages(user_id, lang) VALUES(?, ?) "
                                "ON CONFLICT(user_id) DO UPDATE SET lang=excluded.lang")
                  : db_.prepare("DELETE FROM user_languages WHERE user_id=?");
    s.bind(1, user_id);
    if (lang) s.bind(2, std::string(i18n::code(*lang)));
    return s.run();
}

}  // namespace outpost

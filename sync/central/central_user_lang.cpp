// A user's language on central (issue 13): the users table's lang column
// (added to an older central file when it opens), set by `outpost-central
// user add --lang` and `user lang`, and carried in the user's row in the
// site's feed, so every device of the site reads the screens in it at that
// user's login. '' is none: the device's language applies. A device can
// still override it locally (`outpost user lang`). Older devices ignore the
// row's lang key (they write only the columns they know).
#include "central_core.h"
#include "central_internal.h"

namespace outpost {

using central::json;

namespace central {

Status ensure_user_lang(sql::Conn& db) {
    auto exists = db.column_exists("users", "lang");
    if (!exists.ok()) return exists.status();
    if (*exists) return Status::Ok();
    return db.exec("ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT ''");
}

Status check_user_lang(const std::string& lang) {
    if (lang.empty() || lang == "en" || lang == "fr" || lang == "pt" || lang == "es")
        return Status::Ok();
    return Status::InvalidArgument("a user's language is en, fr, pt or es (or none), not '" + lang +
                                   "'");
}

}  // namespace central

Status CentralCore::set_user_lang(const std::string& site_code, const std::string& user,
                                  const std::string& lang) {
    Status ok = central::check_user_lang(lang);
    if (!ok.ok()) return ok;
    std::lock_guard<std::mutex> l(mu_);
    auto site = site_id_of(site_code);
    if (!site.ok()) return site.status();
    sql::Stmt find = db_->prepare(
        "SELECT id,name,role,pin_hash FROM users WHERE site_id=? AND active=1 AND (id=? OR name=?)");
    find.bind(1, *site).bind(2, user).bind(3, user);
    if (!find.step()) {
        if (!find.status().ok()) return find.status();
        return Status::NotFound("site " + site_code + " has no active user '" + user + "'");
    }
    const std::string hlc = hlc_.tick(clock_->now_ms());
    json row{{"id", find.text(0)},
             {"site_id", *site},
             {"name", find.text(1)},
             {"role", find.text(2)},
             {"pin_hash", find.text(3)},
             {"active", 1},
             {"hlc", hlc},
             {"lang", lang}};
    if (find.step())
        return Status::Conflict("more than one active user matches '" + user +
                                "'; give the user id");
    find.reset();
    sql::Tx tx(*db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    sql::Stmt upd = db_->prepare("UPDATE users SET lang=?, hlc=? WHERE id=?");
    upd.bind(1, lang).bind(2, hlc).bind(3, row["id"].get<std::string>());
    Status s = upd.run();
    if (s.ok()) s = append_feed(*site, "", 0, json{{"users", json::array({row})}}.dump());
    if (s.ok()) s = tx.commit();
    return s;
}

}  // namespace outpost

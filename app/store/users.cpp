// Users: adding, disabling, PIN checks with lockout. Users are central data in
// a synced site (they arrive by pull); a standalone or demo store adds its own.
// Failed attempts are counted per device in the LOCAL user_lockout table.
#include <cctype>

#include "i18n.h"
#include "store_internal.h"

namespace outpost {

static constexpr int kMaxFailedPins = 5;
static constexpr int64_t kLockoutMs = 5 * 60 * 1000;

static bool valid_pin(const std::string& pin) {
    if (pin.size() < 4 || pin.size() > 12) return false;
    for (unsigned char c : pin)
        if (!std::isdigit(c)) return false;
    return true;
}

Result<User> load_user(Db& db, const std::string& user_id) {
    Stmt s = db.prepare("SELECT id,name,role,active FROM users WHERE id=?");
    s.bind(1, user_id);
    if (!s.step()) return Status::NotFound(i18n::format(i18n::tr("no user with id {0}; log in again"), {user_id}));
    User u;
    u.id = s.text(0);
    u.name = s.text(1);
    parse_role(s.text(2), &u.role);
    u.active = s.i64(3) != 0;
    return u;
}

Status check_actor(Db& db, const std::string& user_id, Role min, User* out) {
    auto u = load_user(db, user_id);
    if (!u.ok()) return u.status();
    if (!u->active) return Status::PermissionDenied(i18n::format(i18n::tr("{0} is disabled; ask an admin"), {u->name}));
    if (static_cast<int>(u->role) < static_cast<int>(min))
        return Status::PermissionDenied(
            // TRANSLATORS: "Ana is a dispenser; this needs a storekeeper or an admin" (role names are translated)
            i18n::format(i18n::tr("{0} is a {1}; this needs a {2} or an admin"),
                         {u->name, i18n::tr(role_name(u->role)), i18n::tr(role_name(min))}));
    if (out) *out = *u;
    return Status::Ok();
}

Result<std::string> Store::add_user(const NewUser& u) {
    if (!has_identity()) return Status::Conflict(i18n::tr("set up the site before adding users"));
    std::string name = u.name;
    while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.pop_back();
    if (name.empty()) return Status::InvalidArgument(i18n::tr("a user needs a name"));
    {
        Status ns = check_person_text(i18n::tr("user name"), name, 60);
        if (!ns.ok()) return ns;
    }
    if (!valid_pin(u.pin)) return Status::InvalidArgument(i18n::tr("a PIN is 4 to 12 digits"));
    {
        Stmt s = db_.prepare("SELECT 1 FROM users WHERE name=? AND active=1");
        s.bind(1, name);
        if (s.step()) return Status::Conflict(i18n::format(i18n::tr("there is already a user called {0}"), {name}));
    }
    auto hash = hash_pin(u.pin);
    if (!hash.ok()) return hash.status();
    std::string id = new_uuid_v7(now_ms());
    json row{{"id", id},          {"site_id", identity_.site_id}, {"name", name},
             {"role", role_name(u.role)}, {"pin_hash", *hash},   {"active", 1},
             {"hlc", hlc_.tick(now_ms())}};
    Status s = in_transaction(db_, [&] { return upsert_row(db_, *find_table("users"), row, nullptr); });
    if (!s.ok()) return s;
    ++local_writes_;
    return id;
}

Status Store::set_user_active(const std::string& user_id, bool active) {
    auto u = load_user(db_, user_id);
    if (!u.ok()) return u.status();
    Stmt s = db_.prepare("UPDATE users SET active=?, hlc=? WHERE id=?");
    s.bind(1, static_cast<int64_t>(active ? 1 : 0)).bind(2, hlc_.tick(now_ms())).bind(3, user_id);
    Status st = s.run();
    if (st.ok()) ++local_writes_;
    return st;
}

std::vector<User> Store::users(bool include_inactive) {
    std::vector<User> out;
    Stmt s = db_.prepare(
        "SELECT u.id,u.name,u.role,u.active,COALESCE(l.locked_until_ms,0) FROM users u "
        "LEFT JOIN user_lockout l ON l.user_id=u.id WHERE (?1 OR u.active=1) AND u.site_id=?2 "
        "ORDER BY u.name");
    s.bind(1, static_cast<int64_t>(include_inactive ? 1 : 0)).bind(2, identity_.site_id);
    int64_t now = now_ms();
    while (s.step()) {
        User u;
        u.id = s.text(0);
        u.name = s.text(1);
        parse_role(s.text(2), &u.role);
        u.active = s.i64(3) != 0;
        u.locked = s.i64(4) > now;
        out.push_back(u);
    }
    return out;
}

Result<User> Store::verify_pin(const std::string& user_id, const std::string& pin) {
    Stmt s = db_.prepare(
        "SELECT u.pin_hash,u.active,u.name,COALESCE(l.failed,0),COALESCE(l.locked_until_ms,0) "
        "FROM users u LEFT JOIN user_lockout l ON l.user_id=u.id WHERE u.id=?");
    s.bind(1, user_id);
    if (!s.step()) return Status::NotFound(i18n::tr("that user no longer exists; choose another"));
    std::string hash = s.text(0), name = s.text(2);
    bool active = s.i64(1) != 0;
    int64_t failed = s.i64(3), locked_until = s.i64(4);
    int64_t now = now_ms();
    if (!active) return Status::PermissionDenied(i18n::format(i18n::tr("{0} is disabled; ask an admin"), {name}));
    if (locked_until > now) {
        int64_t minutes = (locked_until - now + 59999) / 60000;
        return Status::PermissionDenied(i18n::format(
            i18n::trn("Too many wrong PINs. {0} is locked for {1} more minute.",
                      "Too many wrong PINs. {0} is locked for {1} more minutes.", static_cast<unsigned long>(minutes)),
            {name, std::to_string(minutes)}));
    }
    bool good = check_pin(hash, pin);
    Stmt up = db_.prepare(
        "INSERT INTO user_lockout(user_id,failed,locked_until_ms) VALUES(?1,?2,?3) "
        "ON CONFLICT(user_id) DO UPDATE SET failed=?2, locked_until_ms=?3");
    if (good) {
        up.bind(1, user_id).bind(2, static_cast<int64_t>(0)).bind(3, static_cast<int64_t>(0));
        Status st = up.run();
        if (!st.ok()) return st;
        return load_user(db_, user_id);
    }
    ++failed;
    int64_t until = 0;
    if (failed >= kMaxFailedPins) {
        until = now + kLockoutMs;
        failed = 0;
    }
    up.bind(1, user_id).bind(2, failed).bind(3, until);
    Status st = up.run();
    if (!st.ok()) return st;
    ++local_writes_;
    if (until)
        return Status::PermissionDenied(
            i18n::format(i18n::tr("Wrong PIN. Too many wrong PINs: {0} is locked for 5 minutes."), {name}));
    int64_t left = kMaxFailedPins - failed;
    return Status::PermissionDenied(i18n::format(i18n::trn("Wrong PIN. {0} more try before {1} is locked.",
                                                    "Wrong PIN. {0} more tries before {1} is locked.",
                                                    static_cast<unsigned long>(left)),
                                          {std::to_string(left), name}));
}

}  // namespace outpost

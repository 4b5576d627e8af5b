// Central's administrators (people who open the dashboard, not device users):
// accounts with argon2id passwords (libargon2), two roles, an optional list
// of sites a viewer may see, and browser sessions. Everything is kept in
// central's own SQLite file (tables central_admins, central_sessions), so
// several central processes on one file share accounts and sessions.
//
// Sessions (docs/security.md, "Dashboard sessions"): the browser holds a
// random 32-byte id; central stores only its SHA-256. A session ends after
// kIdleMs without a request, kAbsoluteMs after login, or at logout. Each
// session has its own CSRF token, required on every POST. kMaxFailures wrong
// passwords in a row lock the account for kLockMs (ten; one client
// address is stopped after five, login_limit.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "clock.h"
#include "sqlite_db.h"
#include "status.h"

namespace outpost {
namespace web {

enum class AdminRole { kAdministrator, kViewer };
const char* role_name(AdminRole r);  // "administrator", "viewer"

struct AdminAccount {
    std::string id, name;
    AdminRole role = AdminRole::kViewer;
    std::vector<std::string> sites;  // site codes a viewer may see; empty: every site
    int64_t created_ms = 0, last_login_ms = 0;
    int failures = 0;                // wrong passwords since the last good one
    int64_t locked_until_ms = 0;     // 0: not locked
};

// A logged-in browser.
struct Session {
    AdminAccount admin;
    std::string csrf;  // must come back with every POST
    int64_t created_ms = 0, last_seen_ms = 0;
};

struct LoginResult {
    std::string session_id;  // the cookie value (only its hash is stored)
    Session session;
};

constexpr int64_t kIdleMs = 30LL * 60 * 1000;         // 30 minutes without a request
constexpr int64_t kAbsoluteMs = 12LL * 3600 * 1000;   // 12 hours after login
// Above the per-address limit (login_limit.h: 5 in 15 minutes), so one
// address alone cannot lock an account out.
constexpr int kMaxFailures = 10;                      // wrong passwords in a row
constexpr int64_t kLockMs = 15LL * 60 * 1000;         // then locked for 15 minutes
constexpr size_t kMinPasswordLength = 10;

// Hashes a password as an argon2id encoded string ($argon2id$v=19$...).
Result<std::string> hash_password(const std::string& password);
bool verify_password(const std::string& encoded, const std::string& password);

class AdminStore {
public:
    // Creates the tables when missing. db and clock must outlive the store.
    AdminStore(Db& db, Clock& clock) : db_(db), clock_(clock) {}
    Status migrate();

    // sites: codes of existing sites (checked); only for viewers.
    Result<std::string> add(const std::string& name, AdminRole role, const std::vector<std::string>& sites,
                            const std::string& password);
    Result<std::vector<AdminAccount>> list();
    Status remove(const std::string& name);  // also ends its sessions
    // New password, clears a lockout and ends every session of the account.
    Status reset_password(const std::string& name, const std::string& password);

    // Checks name and password. A wrong one counts against the account; the
    // fifth in a row locks it. Always a fresh session id (no fixation). The
    // error says "wrong name or password" for both unknown names and wrong
    // passwords, and when locked, until when.
    Result<LoginResult> login(const std::string& name, const std::string& password);
    // The session for a cookie value, refreshed; NotFound when unknown or
    // expired (an expired session is deleted).
    Result<Session> session(const std::string& session_id);
    Status logout(const std::string& session_id);

private:
    Result<AdminAccount> find(const std::string& name);
    Db& db_;
    Clock& clock_;
};

// Splits "HC01,HC02" into codes (trimmed, empty parts dropped).
std::vector<std::string> split_sites(const std::string& text);
std::string join_sites(const std::vector<std::string>& codes);

// Fresh random bytes as lower-case hex (libsodium).
std::string random_token_hex(size_t bytes);

}  // namespace web
}  // namespace outpost

// Administrator accounts and browser sessions in central's database. See
// admin_accounts.h and docs/security.md ("Dashboard sessions").
#include "admin_accounts.h"

#include <argon2.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>

namespace outpost {
namespace web {

namespace {

// OWASP's argon2id floor: 19 MiB, two passes, one lane (~50 ms here).
constexpr uint32_t kTimeCost = 2;
constexpr uint32_t kMemoryKiB = 19 * 1024;
constexpr uint32_t kLanes = 1;
constexpr size_t kSaltBytes = 16, kHashBytes = 32;

std::string sha256_hex(const std::string& text) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS central_admins (
  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('administrator','viewer')),
  sites TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0, locked_until_ms INTEGER NOT NULL DEFAULT 0,
  created_ms INTEGER NOT NULL, last_login_ms INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS central_sessions (
  id_sha256 TEXT PRIMARY KEY,
  admin_id TEXT NOT NULL REFERENCES central_admins(id) ON DELETE CASCADE,
  csrf TEXT NOT NULL, created_ms INTEGER NOT NULL, last_seen_ms INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS central_sessions_admin ON central_sessions(admin_id);
)SQL";

const char* kAccountColumns =
    "SELECT id, name, role, sites, created_ms, last_login_ms, failures, locked_until_ms, password_hash "
    "FROM central_admins ";

AdminAccount read_account(const Stmt& s) {
    AdminAccount a;
    a.id = s.text(0);
    a.name = s.text(1);
    a.role = s.text(2) == "administrator" ? AdminRole::kAdministrator : AdminRole::kViewer;
    a.sites = split_sites(s.text(3));
    a.created_ms = s.i64(4);
    a.last_login_ms = s.i64(5);
    a.failures = s.i32(6);
    a.locked_until_ms = s.i64(7);
    return a;
}

Status check_password(const std::string& password) {
    if (password.size() < kMinPasswordLength)
        return Status::InvalidArgument("the password needs at least " + std::to_string(kMinPasswordLength) +
                                       " characters");
    if (password.size() > 1024) return Status::InvalidArgument("the password is over 1024 characters");
    return Status::Ok();
}

std::string utc_minute(int64_t ms) {
    time_t t = static_cast<time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%H:%M UTC", &tm);
    return buf;
}

}  // namespace

const char* role_name(AdminRole r) { return r == AdminRole::kAdministrator ? "administrator" : "viewer"; }

std::string random_token_hex(size_t bytes) {
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(&hex[0], hex.size(), raw.data(), raw.size());
    hex.pop_back();
    return hex;
}

std::vector<std::string> split_sites(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t comma = text.find(',', start);
        if (comma == std::string::npos) comma = text.size();
        std::string part = text.substr(start, comma - start);
        const size_t a = part.find_first_not_of(" \t"), b = part.find_last_not_of(" \t");
        if (a != std::string::npos) out.push_back(part.substr(a, b - a + 1));
        start = comma + 1;
    }
    return out;
}

std::string join_sites(const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
    return out;
}

Result<std::string> hash_password(const std::string& password) {
    if (Status s = check_password(password); !s.ok()) return s;
    unsigned char salt[kSaltBytes];
    randombytes_buf(salt, sizeof salt);
    const size_t len = argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id);
    std::string encoded(len, '\0');
    const int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(), salt,
                                         sizeof salt, kHashBytes, &encoded[0], encoded.size());
    if (rc != ARGON2_OK) return Status::IoError(std::string("argon2id failed: ") + argon2_error_message(rc));
    encoded.resize(std::strlen(encoded.c_str()));
    return encoded;
}

bool verify_password(const std::string& encoded, const std::string& password) {
    return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

Status AdminStore::migrate() { return db_.exec(kSchema); }

Result<AdminAccount> AdminStore::find(const std::string& name) {
    Stmt s = db_.prepare(std::string(kAccountColumns) + "WHERE name = ?");
    s.bind(1, name);
    if (!s.step()) {
        if (!s.status().ok()) return s.status();
        return Status::NotFound("no administrator named '" + name + "'");
    }
    return read_account(s);
}

Result<std::string> AdminStore::add(const std::string& name, AdminRole role, const std::vector<std::string>& sites,
                                    const std::string& password) {
    if (name.empty() || name.size() > 100) return Status::InvalidArgument("the name must be 1 to 100 characters");
    if (role == AdminRole::kAdministrator && !sites.empty())
        return Status::InvalidArgument("an administrator sees every site; --sites is for viewers");
    for (const auto& code : sites) {
        Stmt s = db_.prepare("SELECT 1 FROM sites WHERE code = ?");
        s.bind(1, code);
        if (!s.step()) {
            if (!s.status().ok()) return s.status();
            return Status::NotFound("no site with code '" + code + "' (see outpost-central sites)");
        }
    }
    auto hash = hash_password(password);
    if (!hash.ok()) return hash.status();
    if (find(name).ok()) return Status::Conflict("an administrator named '" + name + "' already exists");
    const std::string id = random_token_hex(16);
    Stmt s = db_.prepare(
        "INSERT INTO central_admins (id, name, role, sites, password_hash, created_ms) VALUES (?,?,?,?,?,?)");
    s.bind(1, id).bind(2, name).bind(3, role_name(role)).bind(4, join_sites(sites)).bind(5, *hash).bind(
        6, clock_.now_ms());
    if (Status st = s.run(); !st.ok()) return st;
    return id;
}

Result<std::vector<AdminAccount>> AdminStore::list() {
    Stmt s = db_.prepare(std::string(kAccountColumns) + "ORDER BY name");
    std::vector<AdminAccount> out;
    while (s.step()) out.push_back(read_account(s));
    if (!s.status().ok()) return s.status();
    return out;
}

Status AdminStore::remove(const std::string& name) {
    auto a = find(name);
    if (!a.ok()) return a.status();
    Tx tx(db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    for (const char* sql : {"DELETE FROM central_sessions WHERE admin_id = ?", "DELETE FROM central_admins WHERE id = ?"}) {
        Stmt s = db_.prepare(sql);
        s.bind(1, a->id);
        if (Status st = s.run(); !st.ok()) return st;
    }
    return tx.commit();
}

Status AdminStore::reset_password(const std::string& name, const std::string& password) {
    auto a = find(name);
    if (!a.ok()) return a.status();
    auto hash = hash_password(password);
    if (!hash.ok()) return hash.status();
    Tx tx(db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    Stmt u = db_.prepare("UPDATE central_admins SET password_hash = ?, failures = 0, locked_until_ms = 0 WHERE id = ?");
    u.bind(1, *hash).bind(2, a->id);
    if (Status st = u.run(); !st.ok()) return st;
    Stmt d = db_.prepare("DELETE FROM central_sessions WHERE admin_id = ?");
    d.bind(1, a->id);
    if (Status st = d.run(); !st.ok()) return st;
    return tx.commit();
}

Result<LoginResult> AdminStore::login(const std::string& name, const std::string& password) {
    const int64_t now = clock_.now_ms();
    Stmt s = db_.prepare(std::string(kAccountColumns) + "WHERE name = ?");
    s.bind(1, name);
    const bool known = s.step();
    if (!s.status().ok()) return s.status();
    if (!known) {
        // The same work as a real check, so timing does not tell names apart.
        static const std::string dummy = *hash_password("not-a-real-password");
        verify_password(dummy, password);
        return Status::PermissionDenied("wrong name or password");
    }
    const AdminAccount account = read_account(s);
    const std::string encoded = s.text(8);
    s = Stmt();
    if (account.locked_until_ms > now)
        return Status::PermissionDenied("this account is locked after " + std::to_string(kMaxFailures) +
                                        " wrong passwords; try again after " + utc_minute(account.locked_until_ms) +
                                        " or ask another administrator to reset the password");
    if (!verify_password(encoded, password)) {
        const int failures = account.failures + 1;
        Stmt u = db_.prepare("UPDATE central_admins SET failures = ?, locked_until_ms = ? WHERE id = ?");
        u.bind(1, failures >= kMaxFailures ? 0 : failures)
            .bind(2, failures >= kMaxFailures ? now + kLockMs : int64_t{0})
            .bind(3, account.id);
        if (Status st = u.run(); !st.ok()) return st;
        return Status::PermissionDenied("wrong name or password");
    }
    LoginResult r;
    r.session_id = random_token_hex(32);
    r.session.admin = account;
    r.session.admin.failures = 0;
    r.session.admin.last_login_ms = now;
    r.session.csrf = random_token_hex(32);
    r.session.created_ms = r.session.last_seen_ms = now;
    Tx tx(db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    Stmt u = db_.prepare("UPDATE central_admins SET failures = 0, locked_until_ms = 0, last_login_ms = ? WHERE id = ?");
    u.bind(1, now).bind(2, account.id);
    if (Status st = u.run(); !st.ok()) return st;
    // Sessions long dead are swept at each login.
    Stmt sweep = db_.prepare("DELETE FROM central_sessions WHERE last_seen_ms < ? OR created_ms < ?");
    sweep.bind(1, now - kIdleMs).bind(2, now - kAbsoluteMs);
    if (Status st = sweep.run(); !st.ok()) return st;
    Stmt i = db_.prepare(
        "INSERT INTO central_sessions (id_sha256, admin_id, csrf, created_ms, last_seen_ms) VALUES (?,?,?,?,?)");
    i.bind(1, sha256_hex(r.session_id)).bind(2, account.id).bind(3, r.session.csrf).bind(4, now).bind(5, now);
    if (Status st = i.run(); !st.ok()) return st;
    if (Status st = tx.commit(); !st.ok()) return st;
    return r;
}

Result<Session> AdminStore::session(const std::string& session_id) {
    if (session_id.size() != 64) return Status::NotFound("no session");
    const int64_t now = clock_.now_ms();
    const std::string key = sha256_hex(session_id);
    Stmt s = db_.prepare(
        "SELECT a.id, a.name, a.role, a.sites, a.created_ms, a.last_login_ms, a.failures, a.locked_until_ms, "
        "s.csrf, s.created_ms, s.last_seen_ms FROM central_sessions s JOIN central_admins a ON a.id = s.admin_id "
        "WHERE s.id_sha256 = ?");
    s.bind(1, key);
    if (!s.step()) {
        if (!s.status().ok()) return s.status();
        return Status::NotFound("no session");
    }
    Session out;
    out.admin = read_account(s);
    out.csrf = s.text(8);
    out.created_ms = s.i64(9);
    out.last_seen_ms = s.i64(10);
    s = Stmt();
    if (now - out.last_seen_ms > kIdleMs || now - out.created_ms > kAbsoluteMs) {
        logout(session_id);
        return Status::NotFound("the session has expired; log in again");
    }
    Stmt u = db_.prepare("UPDATE central_sessions SET last_seen_ms = ? WHERE id_sha256 = ?");
    u.bind(1, now).bind(2, key);
    if (Status st = u.run(); !st.ok()) return st;
    out.last_seen_ms = now;
    return out;
}

Status AdminStore::logout(const std::string& session_id) {
    Stmt d = db_.prepare("DELETE FROM central_sessions WHERE id_sha256 = ?");
    d.bind(1, sha256_hex(session_id));
    return d.run();
}

}  // namespace web
}  // namespace outpost

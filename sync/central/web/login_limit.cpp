// LoginLimit: see login_limit.h.
#include "login_limit.h"

namespace outpost {
namespace web {

Status LoginLimit::migrate() {
    return db_.exec(
        "CREATE TABLE IF NOT EXISTS central_login_failures (address TEXT NOT NULL, at_ms INTEGER NOT NULL);"
        "CREATE INDEX IF NOT EXISTS central_login_failures_address ON central_login_failures(address, at_ms);"
        "CREATE INDEX IF NOT EXISTS central_login_failures_at ON central_login_failures(at_ms);");
}

Result<int64_t> LoginLimit::wait_ms(const std::string& address) {
    const int64_t now = clock_.now_ms(), since = now - kAddressWindowMs;
    Stmt n = db_.prepare("SELECT COUNT(*) FROM central_login_failures WHERE address = ? AND at_ms > ?");
    n.bind(1, address).bind(2, since);
    if (!n.step()) return n.status().ok() ? Status::IoError("counting failed logins gave no row") : n.status();
    const int64_t count = n.i64(0);
    if (count < kMaxAddressFailures) return int64_t{0};
    // The address may try again when enough of its failures have aged out of
    // the window to leave fewer than the limit.
    Stmt t = db_.prepare(
        "SELECT at_ms FROM central_login_failures WHERE address = ? AND at_ms > ? ORDER BY at_ms LIMIT 1 OFFSET ?");
    t.bind(1, address).bind(2, since).bind(3, count - kMaxAddressFailures);
    if (!t.step()) return t.status().ok() ? Status::IoError("reading failed logins gave no row") : t.status();
    const int64_t wait = t.i64(0) + kAddressWindowMs - now;
    return wait > 0 ? wait : int64_t{1};
}

Status LoginLimit::note_failure(const std::string& address) {
    const int64_t now = clock_.now_ms();
    Stmt old = db_.prepare("DELETE FROM central_login_failures WHERE at_ms <= ?");
    old.bind(1, now - kAddressWindowMs);
    if (Status s = old.run(); !s.ok()) return s;
    Stmt ins = db_.prepare("INSERT INTO central_login_failures (address, at_ms) VALUES (?, ?)");
    ins.bind(1, address).bind(2, now);
    return ins.run();
}

}  // namespace web
}  // namespace outpost

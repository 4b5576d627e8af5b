// The dashboard's per-address limit on failed logins (docs/security.md,
// "Dashboard sessions"). The per-account lockout (admin_accounts.h) stops
// password guessing on one account, but alone it lets anyone lock a named
// account out; this limit stops one client address after
// kMaxAddressFailures failed logins (any accounts) within kAddressWindowMs,
// before the password is checked or counted against the account, so a single
// address cannot reach an account's lockout (kMaxFailures > this limit).
//
// The failures are rows of central's own file (central_login_failures), so
// several central processes on one file share the limit and a restart does
// not forgive. A good login does not clear its address's failures (a guesser
// holding one account of their own could otherwise reset the count).
// Behind a proxy every client has the proxy's address and shares one limit;
// X-Forwarded-For is not trusted (a client could write any address there).
// Each IPv6 address counts alone (not per /64), and tries made at the same
// instant may pass the limit by the number in flight (check, then insert).
#pragma once

#include <cstdint>
#include <string>

#include "clock.h"
#include "sqlite_db.h"
#include "status.h"

namespace outpost {
namespace web {

constexpr int kMaxAddressFailures = 5;                   // failed logins from one address
constexpr int64_t kAddressWindowMs = 15LL * 60 * 1000;  // within 15 minutes

class LoginLimit {
public:
    // db and clock must outlive the limit.
    LoginLimit(Db& db, Clock& clock) : db_(db), clock_(clock) {}
    Status migrate();  // creates the table when missing
    // Milliseconds until the address may try again; 0: it may try now.
    Result<int64_t> wait_ms(const std::string& address);
    // A failed login from the address; also forgets failures older than the
    // window (of every address).
    Status note_failure(const std::string& address);

private:
    Db& db_;
    Clock& clock_;
};

}  // namespace web
}  // namespace outpost

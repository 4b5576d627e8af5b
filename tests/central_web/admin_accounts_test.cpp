// Central's administrator accounts and sessions (sync/central/web/
// admin_accounts.h): argon2id hashes, roles and site lists, lockout after
// five wrong passwords (for fifteen minutes, per account), a fresh session id
// at every login, idle and absolute expiry, and removal or a password reset
// ending every session.
#include <catch2/catch.hpp>

#include <argon2.h>

#include "admin_accounts.h"
#include "central_core.h"

using namespace outpost;
using namespace outpost::web;

namespace {

struct Fixture {
    FakeClock clock{1781517600000LL};  // 2026-06-15 10:00 UTC
    std::unique_ptr<CentralCore> core;
    Fixture() {
        auto c = CentralCore::Open(":memory:", &clock, false);
        REQUIRE(c.ok());
        core = std::move(c).value();
        REQUIRE(core->create_site("HC01", "Mbala", false).ok());
        REQUIRE(core->create_site("HC02", "Kasama", false).ok());
        REQUIRE(store().migrate().ok());
    }
    AdminStore store() { return AdminStore(core->db(), clock); }
};

}  // namespace

TEST_CASE("admin passwords are argon2id hashes that verify only the right password", "[central_web]") {
    auto h = hash_password("correct horse battery");
    REQUIRE(h.ok());
    CHECK(h->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0) == 0);
    CHECK(argon2id_verify(h->c_str(), "correct horse battery", 21) == ARGON2_OK);
    CHECK(verify_password(*h, "correct horse battery"));
    CHECK_FALSE(verify_password(*h, "correct horse batterz"));
    auto again = hash_password("correct horse battery");
    REQUIRE(again.ok());
    CHECK(*again != *h);  // salted
    CHECK(hash_password("short").status().message() == "the password needs at least 10 characters");
}

TEST_CASE("admin accounts: roles, viewer site lists, refusals", "[central_web]") {
    Fixture f;
    AdminStore s = f.store();
    REQUIRE(s.add("ada", AdminRole::kAdministrator, {}, "administrator-pw").ok());
    REQUIRE(s.add("vera", AdminRole::kViewer, split_sites(" HC01 ,HC02,"), "viewer-password").ok());
    CHECK(s.add("ada", AdminRole::kViewer, {}, "another-password").status().message() ==
          "an administrator named 'ada' already exists");
    CHECK(s.add("x", AdminRole::kViewer, {"HC09"}, "another-password").status().message() ==
          "no site with code 'HC09' (see outpost-central sites)");
    CHECK(s.add("y", AdminRole::kAdministrator, {"HC01"}, "another-password").status().code() ==
          Status::Code::kInvalidArgument);
    auto all = s.list();
    REQUIRE(all.ok());
    REQUIRE(all->size() == 2);
    CHECK((*all)[0].name == "ada");
    CHECK((*all)[0].role == AdminRole::kAdministrator);
    CHECK((*all)[1].sites == std::vector<std::string>{"HC01", "HC02"});
    // Nothing but the hash is stored.
    auto stored = f.core->db().query_text("SELECT password_hash FROM central_admins WHERE name = 'vera'");
    REQUIRE(stored);
    CHECK(stored->find("viewer-password") == std::string::npos);
}

TEST_CASE("admin login gives a fresh session id every time and sessions expire", "[central_web]") {
    Fixture f;
    AdminStore s = f.store();
    REQUIRE(s.add("ada", AdminRole::kAdministrator, {}, "administrator-pw").ok());
    auto a = s.login("ada", "administrator-pw");
    REQUIRE(a.ok());
    auto b = s.login("ada", "administrator-pw");
    REQUIRE(b.ok());
    CHECK(a->session_id.size() == 64);
    CHECK(a->session_id != b->session_id);
    CHECK(a->session.csrf != b->session.csrf);
    // Only the SHA-256 of the id is kept.
    CHECK(f.core->db().query_i64("SELECT COUNT(*) FROM central_sessions WHERE id_sha256 = '" + a->session_id + "'") == 0);
    REQUIRE(s.session(a->session_id).ok());
    CHECK(s.session(a->session_id)->csrf == a->session.csrf);

    // Idle: a request every 29 minutes keeps it; 31 minutes of nothing ends it.
    f.clock.advance(29 * 60 * 1000);
    REQUIRE(s.session(a->session_id).ok());
    f.clock.advance(31 * 60 * 1000);
    CHECK(s.session(a->session_id).status().message() == "the session has expired; log in again");
    CHECK(s.session(a->session_id).status().code() == Status::Code::kNotFound);  // and it is gone
    // b was idle as long: gone too.
    CHECK_FALSE(s.session(b->session_id).ok());

    // Absolute: kept busy, a session still ends 12 hours after login.
    auto c = s.login("ada", "administrator-pw");
    REQUIRE(c.ok());
    for (int i = 0; i < 24; ++i) {  // 11 h 36 min, never idle 30 minutes
        f.clock.advance(29 * 60 * 1000);
        REQUIRE(s.session(c->session_id).ok());
    }
    f.clock.advance(25 * 60 * 1000);  // 12 h 1 min after login
    CHECK_FALSE(s.session(c->session_id).ok());

    auto d = s.login("ada", "administrator-pw");
    REQUIRE(d.ok());
    REQUIRE(s.logout(d->session_id).ok());
    CHECK_FALSE(s.session(d->session_id).ok());
    CHECK_FALSE(s.session("not a session").ok());
}

TEST_CASE("five wrong passwords lock the account for fifteen minutes", "[central_web]") {
    Fixture f;
    AdminStore s = f.store();
    REQUIRE(s.add("ada", AdminRole::kAdministrator, {}, "administrator-pw").ok());
    REQUIRE(s.add("bob", AdminRole::kViewer, {}, "bob-password-1").ok());
    CHECK(s.login("nobody", "whatever-pass").status().message() == "wrong name or password");
    for (int i = 0; i < kMaxFailures - 1; ++i)
        CHECK(s.login("ada", "wrong-password").status().message() == "wrong name or password");
    // A good password before the last one resets the count.
    REQUIRE(s.login("ada", "administrator-pw").ok());
    for (int i = 0; i < kMaxFailures; ++i)
        CHECK(s.login("ada", "wrong-password").status().message() == "wrong name or password");
    // Locked now, even with the right password, and only this account.
    auto locked = s.login("ada", "administrator-pw");
    REQUIRE_FALSE(locked.ok());
    CHECK(locked.status().message() ==
          "this account is locked after 10 wrong passwords; try again after 10:15 UTC or ask another "
          "administrator to reset the password");
    CHECK(s.login("bob", "bob-password-1").ok());
    f.clock.advance(14 * 60 * 1000);
    CHECK_FALSE(s.login("ada", "administrator-pw").ok());
    f.clock.advance(61 * 1000);
    CHECK(s.login("ada", "administrator-pw").ok());
    // A reset clears a lock at once.
    for (int i = 0; i < kMaxFailures; ++i) CHECK_FALSE(s.login("ada", "wrong-password").ok());
    CHECK_FALSE(s.login("ada", "administrator-pw").ok());
    REQUIRE(s.reset_password("ada", "a-new-password").ok());
    CHECK(s.login("ada", "a-new-password").ok());
}

TEST_CASE("removing an admin or resetting the password ends their sessions", "[central_web]") {
    Fixture f;
    AdminStore s = f.store();
    REQUIRE(s.add("ada", AdminRole::kAdministrator, {}, "administrator-pw").ok());
    auto a = s.login("ada", "administrator-pw");
    REQUIRE(a.ok());
    REQUIRE(s.reset_password("ada", "second-password").ok());
    CHECK_FALSE(s.session(a->session_id).ok());
    CHECK_FALSE(s.login("ada", "administrator-pw").ok());
    auto b = s.login("ada", "second-password");
    REQUIRE(b.ok());
    REQUIRE(s.remove("ada").ok());
    CHECK_FALSE(s.session(b->session_id).ok());
    CHECK(s.remove("ada").message() == "no administrator named 'ada'");
    CHECK(f.core->db().query_i64("SELECT COUNT(*) FROM central_sessions") == 0);
}

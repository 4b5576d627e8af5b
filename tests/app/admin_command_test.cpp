// The operator subcommands: setup, user add/disable/list, audit. Each
// refusal leaves the store as it was.
#include <catch2/catch.hpp>
#include <cstdio>
#include <sstream>
#include <unistd.h>

#include "admin_command.h"
#include "store.h"

using namespace outpost;

namespace {
struct Run {
    int code;
    std::string out, err;
};
Run run(std::vector<std::string> args) {
    std::ostringstream out, err;
    int code = run_admin_command(args, out, err);
    return {code, out.str(), err.str()};
}
std::string fresh_db() {
    std::string p = "/tmp/outpost-admin-" + std::to_string(getpid()) + ".db";
    for (const char* ext : {"", "-wal", "-shm"}) std::remove((p + ext).c_str());
    return p;
}
}  // namespace

TEST_CASE("setup makes a standalone site with its first admin once", "[admin]") {
    const std::string db = fresh_db();
    CHECK(is_admin_command({"setup"}));
    CHECK_FALSE(is_admin_command({"verify"}));
    Run r = run({"setup", "--db", db, "--site-code", "HC01", "--site-name", "Mbala HC", "--admin", "Grace", "--pin",
                 "1234"});
    REQUIRE(r.code == 0);
    {
        auto s = Store::Open({db, false});
        REQUIRE(s.ok());
        CHECK((*s)->identity().site_name == "Mbala HC");
        REQUIRE((*s)->users().size() == 1);
        CHECK((*s)->users()[0].role == Role::kAdmin);
        CHECK((*s)->reason_codes().size() >= 7);
        CHECK((*s)->verify_pin((*s)->users()[0].id, "1234").ok());
    }
    r = run({"setup", "--db", db, "--site-code", "X", "--site-name", "Y", "--admin", "Z", "--pin", "9999"});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains("already set up"));
    CHECK(run({"setup", "--db", db, "--site-code", "X"}).code == 2);
    CHECK(run({"setup", "--db", db, "--bogus", "1"}).code == 2);
}

TEST_CASE("user add disable and list - audit lists events", "[admin]") {
    const std::string db = fresh_db();
    REQUIRE(run({"setup", "--db", db, "--site-code", "HC01", "--site-name", "Mbala HC", "--admin", "Grace", "--pin",
                 "1234"}).code == 0);
    CHECK(run({"user", "add", "--db", db, "--name", "Amina", "--role", "dispenser", "--pin", "1111"}).code == 0);
    Run bad = run({"user", "add", "--db", db, "--name", "Bob", "--role", "chef", "--pin", "1111"});
    CHECK(bad.code == 2);
    CHECK_THAT(bad.err, Catch::Contains("chef"));
    CHECK(run({"user", "add", "--db", db, "--name", "Bob", "--role", "admin", "--pin", "1"}).code == 1);
    Run list = run({"user", "list", "--db", db});
    CHECK(list.out == "Amina\tdispenser\nGrace\tadmin\n");
    CHECK(run({"user", "disable", "--db", db, "--name", "Amina"}).code == 0);
    CHECK(run({"user", "disable", "--db", db, "--name", "Nobody"}).code == 1);
    CHECK_THAT(run({"user", "list", "--db", db}).out, Catch::Contains("Amina\tdispenser\tdisabled"));
    Run audit = run({"audit", "--db", db});
    CHECK(audit.code == 0);
    CHECK_THAT(audit.out, Catch::Contains("0 of 0 events"));
    CHECK(run({"audit", "--db", db, "--kind", "bogus"}).code == 1);
    CHECK(run({"user", "list", "--db", "/tmp/no/such/dir/x.db"}).code == 1);
}

TEST_CASE("user lang sets and clears a user's screen language", "[admin][i18n]") {
    const std::string db = fresh_db();
    REQUIRE(run({"setup", "--db", db, "--site-code", "HC01", "--site-name", "Mbala HC", "--admin", "Grace",
                 "--pin", "1234"})
                .code == 0);
    Run r = run({"user", "lang", "--db", db, "--name", "Grace", "--lang", "pt"});
    REQUIRE(r.code == 0);
    CHECK(r.out == "Grace reads the screens in Português.\n");
    auto user_lang = [&] {
        auto s = Store::Open({db, false});
        REQUIRE(s.ok());
        std::string id;
        for (const auto& u : (*s)->users(true))
            if (u.name == "Grace") id = u.id;
        auto l = (*s)->user_language(id);
        REQUIRE(l.ok());
        return *l;
    };
    CHECK(user_lang() == i18n::Lang::pt);
    CHECK(run({"user", "lang", "--db", db, "--name", "Grace", "--lang", "de"}).code != 0);
    CHECK(run({"user", "lang", "--db", db, "--name", "Nobody", "--lang", "fr"}).code != 0);
    CHECK(user_lang() == i18n::Lang::pt);  // refusals changed nothing
    REQUIRE(run({"user", "lang", "--db", db, "--name", "Grace", "--lang", "default"}).code == 0);
    CHECK_FALSE(user_lang().has_value());
}

TEST_CASE("the command line speaks the device's language", "[admin][i18n]") {
    const std::string db = fresh_db();
    const i18n::Lang before = i18n::screen_lang();
    i18n::set_screen_lang(i18n::Lang::fr);  // as main() does from LANGUAGE/LANG
    Run setup = run({"setup", "--db", db, "--site-code", "HC01", "--site-name", "Mbala HC", "--admin", "Grace",
                     "--pin", "1234"});
    Run added = run({"user", "add", "--db", db, "--name", "Ana", "--role", "storekeeper", "--pin", "5678"});
    Run lang = run({"user", "lang", "--db", db, "--name", "Ana", "--lang", "es"});
    Run nobody = run({"user", "disable", "--db", db, "--name", "Nobody"});
    i18n::set_screen_lang(i18n::Lang::es);
    Run twice = run({"setup", "--db", db, "--site-code", "HC01", "--site-name", "Mbala HC", "--admin", "Grace",
                     "--pin", "1234"});
    i18n::set_screen_lang(before);
    CHECK(setup.out == "Site Mbala HC (HC01) configuré avec l'administrateur Grace.\n");
    CHECK(added.out == "Ana ajouté (magasinier).\n");
    CHECK(lang.out == "Ana lit les écrans en Español.\n");
    CHECK(nobody.err.find("aucun utilisateur nommé Nobody") != std::string::npos);
    CHECK(twice.err.find("esta base ya está configurada como sitio Mbala HC") != std::string::npos);
}

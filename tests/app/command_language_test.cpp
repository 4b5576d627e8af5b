// The command line's messages of `outpost sync`, `register`, `scanner`,
// `label`, `printer`, `gs1` and `verify` in the device's language (issue 13):
// main() sets the screen language from --lang or LANGUAGE, as here.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <sstream>

#include "gs1_command.h"
#include "i18n.h"
#include "kiosk_config.h"
#include "label_command.h"
#include "scanner_command.h"
#include "store.h"
#include "sync_command.h"
#include "verify_command.h"

using namespace outpost;
using i18n::Lang;

namespace {

struct ScreenLang {
    Lang before = i18n::screen_lang();
    explicit ScreenLang(Lang lang) { i18n::set_screen_lang(lang); }
    ~ScreenLang() { i18n::set_screen_lang(before); }
};

struct Run {
    int status = -1;
    std::string out, err;
};

using Command = std::function<int(const std::vector<std::string>&, std::ostream&, std::ostream&)>;

Run run(const Command& command, const std::vector<std::string>& args) {
    std::ostringstream o, e;
    Run r;
    r.status = command(args, o, e);
    r.out = o.str();
    r.err = e.str();
    return r;
}

std::string standalone_db(const std::string& name) {
    const std::string path = "/tmp/outpost-cmdlang-" + std::to_string(getpid()) + "-" + name + ".db";
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
    auto s = Store::Open({path, true, nullptr, false});
    REQUIRE(s.ok());
    REQUIRE((*s)->init_standalone("TST", "Hilltop", "kiosk").ok());
    return path;
}

}  // namespace

TEST_CASE("outpost scanner and verify answer in French", "[i18n][command]") {
    const std::string db = standalone_db("scanner");
    ScreenLang fr(Lang::fr);
    Run shown = run(run_scanner_command, {"scanner", "--db", db});
    CHECK(shown.status == 0);
    CHECK(shown.out == "caractères de séparation\u00a0: aucun (seulement Ctrl+] et F8)\n");
    Run set = run(run_scanner_command, {"scanner", "--db", db, "--gs-char", "~"});
    CHECK(set.out == "caractères de séparation\u00a0: ~\n");
    Run letter = run(run_scanner_command, {"scanner", "--db", db, "--gs-char", "a"});
    CHECK(letter.status == 1);
    CHECK_THAT(letter.err, Catch::Contains("est une lettre ou un chiffre"));
    Run both = run(run_scanner_command, {"scanner", "--db", db, "--gs-char", "~", "--clear"});
    CHECK(both.status == 2);
    CHECK_THAT(both.err, Catch::StartsWith("outpost: donnez --gs-char ou --clear, pas les deux"));
    CHECK_THAT(both.err, Catch::Contains("Affiche le réglage du lecteur de cet appareil"));

    KioskConfig c;
    c.db_path = db;
    std::ostringstream o, e;
    CHECK(run_verify(c, o, e) == 0);
    CHECK(o.str() == "contrôle de 0 événements sur 0 lots\u00a0: le stock disponible correspond au registre\n");
}

TEST_CASE("outpost sync, register, label and gs1 answer in Portuguese and Spanish", "[i18n][command]") {
    const std::string db = standalone_db("sync");
    {
        ScreenLang pt(Lang::pt);
        Run sync = run(run_sync_command, {"sync", "--db", db});
        CHECK(sync.status == 1);
        CHECK(sync.err ==
              "outpost: este armazém não está configurado para sincronizar; execute primeiro `outpost register`\n");
        Run reg = run(run_sync_command, {"register", "--db", db});
        CHECK(reg.status == 2);
        CHECK_THAT(reg.err, Catch::StartsWith("outpost: register precisa de --central e --code"));
        CHECK_THAT(reg.err, Catch::Contains("Sincronizar com o central:"));
    }
    ScreenLang es(Lang::es);
    Run label = run(run_label_command, {"label", "--db", db});
    CHECK(label.status == 2);
    CHECK_THAT(label.err, Catch::StartsWith("outpost: `outpost label` necesita --dispensing ID (el id de una receta)"));
    Run printer = run(run_label_command, {"printer", "--db", db, "--copies", "2"});
    CHECK(printer.status == 0);
    CHECK_THAT(printer.out, Catch::Contains("a 203 ppp, 2 copias"));
    Run gs1 = run(run_gs1_command, {"gs1", "--today", "2026-12-03", "0109506000134353"});
    CHECK(gs1.status == 1);
    CHECK_THAT(gs1.out, Catch::Contains("\"error\":\"GTIN 09506000134353: el dígito de control es incorrecto"));
    Run none = run(run_gs1_command, {"gs1"});
    CHECK(none.status == 2);
    CHECK_THAT(none.err, Catch::StartsWith("outpost gs1: indique el texto leído, p. ej. outpost gs1"));
}

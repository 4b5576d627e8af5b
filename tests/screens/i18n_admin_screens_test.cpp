// The administration screens in the clinic's language (issue 13): sync
// details and set-up, the training panel and the DEMO banner, reports and
// their export, orders and the printer settings. Each is driven in French
// with a check that nothing drawn is an English string the catalogue
// translates and that no lookup misses; plurals and dates are checked as a
// person reads them.
#include <catch2/catch.hpp>
#include <string>

#include "french_check.h"
#include "i18n.h"
#include "orders.h"
#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

std::string fr(const char* english) {
    return i18n::tr_for(i18n::Lang::fr, english);
}

// A demo clinic with a sync board (one change refused by central) and the
// trainer's options, as the app fills them in demo mode.
struct DemoOptions {
    SyncStatusBoard board;
    UiOptions options;
    explicit DemoOptions(int64_t changes_waiting) {
        SyncSnapshot snap;
        snap.configured = true;
        snap.server = "https://central.example:8443";
        snap.last_success_ms = kStartMs - 4 * 60 * 1000;
        snap.last_attempt_ms = kStartMs - 2 * 60 * 1000;
        snap.next_attempt_ms = kStartMs + 3 * 60 * 1000;
        snap.changes_waiting = changes_waiting;
        board.publish(snap);
        options.demo = true;
        options.sync = &board;
        options.sync_now = [] {};
        options.login_hints = {{kStorekeeper, "5678"}};
        options.demo_scenarios = {"Standard demo clinic", "Expiring stock", "Stock-out",
                                  "Stocktake with a discrepancy",
                                  "Two devices dispensed the last box offline"};
        options.reset_demo = [](int) {};
        options.simulate_offline = [](bool) {};
        options.demo_reset_to = "Stock-out";
        options.undo_demo_reset = [] {};
    }
};

}  // namespace

TEST_CASE("the administration screens draw no English in French", "[screens][i18n]") {
    Clinic clinic;
    auto admin = clinic.store->add_user({"Ada Admin", Role::kAdmin, "9999"});
    REQUIRE(admin.ok());
    REQUIRE(clinic.store->set_user_language(*admin, i18n::Lang::fr).ok());
    DemoOptions demo(1);
    FrenchCheck check;
    {
        // The login tiles in the device's language, with the training PIN.
        i18n::set_device_lang(i18n::Lang::fr);
        i18n::set_screen_lang(i18n::Lang::fr);
        Ui ui(clinic, ImVec2(1024, 600), demo.options, 18);
        ui.frame();
        check.look(ui);
        CHECK(ui.text("login-hint:" + std::string(kStorekeeper)) == "Magasinier, PIN 5678");
        CHECK(ui.text("demo") == "DÉMO — données de formation");
        CHECK(ui.text("undo:login") ==
              "La démonstration a été réinitialisée\u00a0: Rupture de stock. Annuler remet la "
              "démonstration "
              "comme elle était juste avant.");
    }
    // The harness types on the English keypad: the device stays English and
    // the admin's own language switches the screens to French at login.
    i18n::set_device_lang(i18n::Lang::en);
    i18n::set_screen_lang(i18n::Lang::en);
    Ui ui(clinic, ImVec2(1024, 600), demo.options, 18);
    ui.log_in("Ada Admin", "9999");
    REQUIRE(i18n::screen_lang() == i18n::Lang::fr);
    check.look(ui);

    REQUIRE(ui.tap(fr("Sync##nav")));
    check.look(ui);
    CHECK(ui.text("sync:sentence") == "La synchronisation fonctionne bien.");
    CHECK(ui.text("sync:waiting") == "1 à envoyer");
    CHECK(ui.text("sync:next_attempt").rfind("dans 3 min (15/06/2026 ", 0) == 0);
    CHECK(ui.text("sync:last_success").rfind("il y a 4 min (15/06/2026 ", 0) == 0);
    REQUIRE(ui.tap(fr("Sync now##sync")));
    CHECK(ui.notice().rfind("Synchronisation demandée.", 0) == 0);

    REQUIRE(ui.tap(fr("Training##nav")));
    check.look(ui);
    CHECK(ui.visible("Rupture de stock##scenario-2"));
    CHECK(ui.text("scenario:Stock-out").rfind("L'artéméther + luméfantrine est épuisé", 0) == 0);
    REQUIRE(ui.tap("Hors ligne##simulate"));
    check.look(ui);

    REQUIRE(ui.tap(fr("Reports##nav")));
    check.look(ui);
    REQUIRE(ui.tap("Consommation (12 mois)##report"));
    REQUIRE(ui.tap("Période##period"));
    check.look(ui);
    REQUIRE(ui.tap("Mois##period"));
    REQUIRE(ui.tap("Exporter##reports"));
    check.look(ui);
    REQUIRE(ui.tap("Fermer##export"));

    REQUIRE(ui.tap(fr("Orders##nav")));
    check.look(ui);
    REQUIRE(ui.tap("Nouvelle commande##req"));
    check.look(ui);
    CHECK(ui.visible("status:draft"));  // the probe's key stays the English code
    auto list = requisitions(*clinic.store);
    REQUIRE((list.ok() && list->size() == 1));
    auto draft = requisition(*clinic.store, list->front().id);
    REQUIRE((draft.ok() && !draft->lines.empty()));
    REQUIRE(ui.tap("Modifier##req-" + draft->lines.front().id));
    check.look(ui);
    REQUIRE(ui.tap("Annuler##req-line"));
    REQUIRE(ui.tap("Retour à la liste##req"));
    check.look(ui);
    // "draft   started 15/06/2026 by Ada Admin   0 of 3 lines ordered", in French.
    std::string row;
    REQUIRE(ui.probe.find_prefix("brouillon   commencée le ", &row));
    CHECK(row.find("/06/2026 par Ada Admin   ") != std::string::npos);
    CHECK(row.find(" lignes commandées##req-") != std::string::npos);

    REQUIRE(ui.tap(fr("Printer##nav")));
    check.look(ui);
    for (const char* kind :
         {"Label printer (ZPL, network)##printer_kind", "Any printer (CUPS)##printer_kind",
          "Save PDF to a folder or USB stick##printer_kind"}) {
        REQUIRE(ui.tap(fr(kind)));
        check.look(ui);
    }
    REQUIRE(ui.tap(fr("Save##printer")));  // no folder typed: refused, in French
    CHECK(ui.error().rfind("Non enregistré\u00a0: ", 0) == 0);
    REQUIRE(ui.tap(fr("Log out##nav")));

    CHECK(check.misses == std::vector<std::string>{});
    CHECK(check.untranslated == std::vector<std::string>{});
}

TEST_CASE("the sync set-up speaks French with the plural of its count", "[screens][i18n][sync]") {
    Clinic clinic(false);  // no identity: the set-up screen shows
    SyncStatusBoard board;
    UiOptions options;
    options.sync = &board;
    options.start_registration = [&board](const std::string&, const std::string&) {
        SyncSnapshot starting;
        starting.restoring = true;
        board.publish(starting);
    };
    FrenchCheck check;
    i18n::set_device_lang(i18n::Lang::fr);
    i18n::set_screen_lang(i18n::Lang::fr);
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    ui.frame();
    check.look(ui);
    REQUIRE(ui.tap("Configurer cet appareil (ou le restaurer)##setup"));
    CHECK(ui.error() == "Tapez d'abord l'adresse de votre serveur central.");
    REQUIRE(ui.tap("##setup_url"));
    REQUIRE(ui.type_on_keyboard("https://central.example:8443"));
    REQUIRE(ui.tap("##setup_code"));
    REQUIRE(ui.type_on_keyboard("K7Q-42"));
    REQUIRE(ui.tap("Hide##kbd"));  // the keyboard covers the button at 1024x600
    REQUIRE(ui.tap("Configurer cet appareil (ou le restaurer)##setup"));
    // French counts 0 and 1 as singular.
    CHECK(ui.text("setup:progress") == "Restauration\u00a0: 0 modification pour l'instant");
    SyncSnapshot snap;
    snap.restoring = true;
    snap.restore_done = 2;
    board.publish(snap);
    ui.frame();
    CHECK(ui.text("setup:progress") == "Restauration\u00a0: 2 modifications pour l'instant");
    snap.restoring = false;
    snap.last_error = "Central does not know this registration code";
    board.publish(snap);
    ui.frame();
    check.look(ui);
    CHECK(ui.text("setup:error") ==
          "La configuration n'a pas abouti\u00a0: Central does not know this registration code. "
          "Vérifiez "
          "l'adresse et le code, puis réessayez.");
    CHECK(check.misses == std::vector<std::string>{});
    CHECK(check.untranslated == std::vector<std::string>{});
}

TEST_CASE("changes restored and prescriptions dispensed take the plural of each language",
          "[screens][i18n][sync]") {
    struct Case {
        i18n::Lang lang;
        unsigned long n;
        const char* said;
    };
    // Portuguese and Spanish: only 1 is singular; French: 0 and 1.
    const Case cases[] = {
        {i18n::Lang::en, 1, "1 change restored"},
        {i18n::Lang::en, 2, "2 changes restored"},
        {i18n::Lang::fr, 0, "0 modification restaurée"},
        {i18n::Lang::fr, 2, "2 modifications restaurées"},
        {i18n::Lang::pt, 0, "0 alterações restauradas"},
        {i18n::Lang::pt, 1, "1 alteração restaurada"},
        {i18n::Lang::es, 1, "1 cambio restaurado"},
        {i18n::Lang::es, 5, "5 cambios restaurados"},
    };
    for (const Case& c : cases) {
        INFO(i18n::code(c.lang) << " " << c.n);
        CHECK(
            i18n::format(i18n::trn_for(c.lang, "{0} change restored", "{0} changes restored", c.n),
                         {std::to_string(c.n)}) == c.said);
    }
    CHECK(i18n::format(i18n::trn_for(i18n::Lang::pt, "{0} prescription dispensed",
                                     "{0} prescriptions dispensed", 2),
                       {"2"}) == "2 receitas dispensadas");
}

TEST_CASE("the administration screens fit at 1024x600 in every language",
          "[screens][layout][i18n]") {
    for (i18n::Lang lang : {i18n::Lang::fr, i18n::Lang::pt, i18n::Lang::es}) {
        INFO(i18n::code(lang));
        auto t = [lang](const char* english) { return std::string(i18n::tr_for(lang, english)); };
        Clinic clinic;
        auto admin = clinic.store->add_user({"Ada Admin", Role::kAdmin, "9999"});
        REQUIRE(admin.ok());
        REQUIRE(clinic.store->set_user_language(*admin, lang).ok());
        DemoOptions demo(37);  // an admin in demo mode: two rows of navigation
        Ui ui(clinic, ImVec2(1024, 600), demo.options, 18);
        const float right = ImGui::GetIO().DisplaySize.x + 0.5f;
        ui.log_in("Ada Admin", "9999");
        REQUIRE(i18n::screen_lang() == lang);
        // Nothing drawn past the right edge; the named targets in reach.
        auto fits = [&](const char* where, const std::vector<std::string>& reach) {
            INFO(where);
            for (const auto& [key, r] : ui.probe.all()) {
                INFO(key);
                CHECK(r.max.x <= right);
            }
            for (const std::string& key : reach) {
                INFO(key);
                const WidgetProbe::Rect* r = ui.probe.find(key);
                REQUIRE(r != nullptr);
                CHECK(r->tappable());
            }
        };
        REQUIRE(ui.tap(t("Sync##nav")));
        fits("sync", {t("Sync now##sync")});
        REQUIRE(ui.tap(t("Training##nav")));
        fits("training", {t("Online##simulate"), t("Offline##simulate")});
        REQUIRE(ui.tap(t("Reports##nav")));
        fits("reports",
             {t("Controlled register##report"), t("Later >##month"), t("OpenLMIS##amc")});
        REQUIRE(ui.tap(t("Export") + "##reports"));
        fits("export", {t("Save CSV##export"), t("Save PDF##export"), t("Close##export")});
        REQUIRE(ui.tap(t("Close##export")));
        REQUIRE(ui.tap(t("Orders##nav")));
        REQUIRE(ui.tap(t("New requisition##req")));
        fits("draft", {t("Send to central##req"), t("Discard draft##req")});
        auto list = requisitions(*clinic.store);
        REQUIRE((list.ok() && !list->empty()));
        auto draft = requisition(*clinic.store, list->front().id);
        REQUIRE((draft.ok() && !draft->lines.empty()));
        REQUIRE(ui.tap(t("Change") + "##req-" + draft->lines.front().id));
        // The line editor: its buttons and the whole keypad without scrolling.
        fits("line editor",
             {t("Save##req-line"), t("Cancel##req-line"), "0##req", t("Done") + "##req"});
        REQUIRE(ui.tap(t("Cancel##req-line")));
        REQUIRE(ui.tap(t("Printer##nav")));
        for (const char* kind :
             {"Label printer (ZPL, network)##printer_kind", "Any printer (CUPS)##printer_kind",
              "Save PDF to a folder or USB stick##printer_kind", "None##printer_kind"}) {
            REQUIRE(ui.tap(t(kind)));
            fits(kind, {t(kind), t("Save##printer"), t("Save and print test label##printer")});
        }
        REQUIRE(ui.tap(t("Log out##nav")));
    }
    i18n::set_device_lang(i18n::Lang::en);
    i18n::set_screen_lang(i18n::Lang::en);
}

// The clinic's time and language on the screens (issue 13): the status line
// and the audit show the device's local time (stored times stay UTC), and
// logging in switches the screens to the user's language.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <string>

#include "french_check.h"
#include "i18n.h"
#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

// Runs a scope in a time zone, then puts the old one back.
struct InZone {
    std::string old;
    bool had;
    explicit InZone(const char* zone) {
        const char* o = std::getenv("TZ");
        had = o != nullptr;
        if (had) old = o;
        ::setenv("TZ", zone, 1);
        ::tzset();
    }
    ~InZone() {
        if (had)
            ::setenv("TZ", old.c_str(), 1);
        else
            ::unsetenv("TZ");
        ::tzset();
    }
};

// The audit's newest line after a dispensing at the clinic's start time.
std::string newest_audit_line(Clinic& clinic) {
    PatientInput p;
    p.family_name = "Otieno";
    p.given_name = "Achieng";
    auto patient = clinic.store->register_patient(clinic.dispenser, p);
    REQUIRE(patient.ok());
    DispenseInput rx;
    rx.patient_id = patient.value();
    DispenseLineInput line;
    line.item_id = clinic.para;
    line.quantity = 10;
    line.directions = "1t bd";
    rx.lines.push_back(line);
    REQUIRE(clinic.store->dispense(clinic.dispenser, rx).ok());
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Audit##nav"));
    return ui.text("audit0");
}

// The harness's log_in looks for the English navigation bar; a user with a
// language of their own sees it translated.
bool log_in_reading(Ui& ui, const std::string& name, const std::string& pin, i18n::Lang lang) {
    ui.log_in(name, pin);
    return ui.visible(i18n::tr_for(lang, "Dispense##nav"));
}

}  // namespace

// kStartMs is 2026-06-15 10:00 UTC.
TEST_CASE("the status line shows the time in Nairobi", "[screens][i18n][time]") {
    InZone zone("Africa/Nairobi");
    Clinic clinic;
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    ui.frame();
    CHECK(ui.text("clock") == "2026-06-15 13:00 EAT");
    CHECK(newest_audit_line(clinic).rfind("2026-06-15 13:00 |", 0) == 0);
}

TEST_CASE("the status line shows the time in La Paz", "[screens][i18n][time]") {
    InZone zone("America/La_Paz");
    Clinic clinic;
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    ui.frame();
    CHECK(ui.text("clock") == "2026-06-15 06:00 -04");
    CHECK(newest_audit_line(clinic).rfind("2026-06-15 06:00 |", 0) == 0);
}

TEST_CASE("the status line writes the date as the language does", "[screens][i18n][time]") {
    InZone zone("America/La_Paz");
    Clinic clinic;
    i18n::set_device_lang(i18n::Lang::es);
    i18n::set_screen_lang(i18n::Lang::es);
    {
        Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
        ui.frame();
        CHECK(ui.text("clock") == "15/06/2026 06:00 -04");
    }
    i18n::set_device_lang(i18n::Lang::en);
    i18n::set_screen_lang(i18n::Lang::en);
}

TEST_CASE("logging in switches to the user's language and logging out back", "[screens][i18n]") {
    Clinic clinic;
    // The harness taps the English keypad, so the device stays English here.
    REQUIRE(clinic.store->set_user_language(clinic.dispenser, i18n::Lang::pt).ok());
    REQUIRE(clinic.store->set_user_language(clinic.storekeeper, i18n::Lang::fr).ok());
    {
        Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
        ui.frame();
        REQUIRE(log_in_reading(ui, kDispenser, kDispenserPin, i18n::Lang::pt));
        CHECK(i18n::screen_lang() == i18n::Lang::pt);
        CHECK(ui.visible("Terminar sessão##nav"));
        REQUIRE(ui.tap("Terminar sessão##nav"));
        CHECK(i18n::screen_lang() == i18n::Lang::en);
        REQUIRE(log_in_reading(ui, kStorekeeper, kStorekeeperPin, i18n::Lang::fr));
        CHECK(i18n::screen_lang() == i18n::Lang::fr);
        REQUIRE(ui.tap("Se déconnecter##nav"));
        // A user with no language of their own reads the device's.
        REQUIRE(clinic.store->set_user_language(clinic.dispenser, std::nullopt).ok());
        REQUIRE(ui.log_in(kDispenser, kDispenserPin));
        CHECK(i18n::screen_lang() == i18n::Lang::en);
    }
    i18n::set_device_lang(i18n::Lang::en);
    i18n::set_screen_lang(i18n::Lang::en);
}

TEST_CASE("the translated screens draw no English in French", "[screens][i18n]") {
    Clinic clinic;
    // The storekeeper reads French; the harness logs in on the English keypad.
    REQUIRE(clinic.store->set_user_language(clinic.storekeeper, i18n::Lang::fr).ok());
    FrenchCheck fr;
    {
        Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
        REQUIRE(log_in_reading(ui, kStorekeeper, kStorekeeperPin, i18n::Lang::fr));
        fr.look(ui);
        CHECK(ui.visible("Se déconnecter##nav"));
        REQUIRE(ui.tap("Stock##nav"));
        fr.look(ui);
        REQUIRE(ui.tap_prefix("AMX250"));
        fr.look(ui);
        CHECK(ui.visible("Retour au stock##item"));
        REQUIRE(ui.tap("Péremptions##nav"));
        fr.look(ui);
        REQUIRE(ui.tap("Journal##nav"));
        fr.look(ui);
        CHECK(ui.visible("Tout##audit-kind"));
        REQUIRE(ui.tap("Se déconnecter##nav"));
    }
    CHECK(fr.misses == std::vector<std::string>{});
    CHECK(fr.untranslated == std::vector<std::string>{});
}

TEST_CASE("the translated screens fit at both sizes in every language", "[screens][layout][i18n]") {
    struct Case {
        ImVec2 size;
        float font_px;
    };
    const Case cases[] = {{ImVec2(1366, 768), 20}, {ImVec2(1024, 600), 18}};
    for (i18n::Lang lang : {i18n::Lang::fr, i18n::Lang::pt, i18n::Lang::es}) {
        for (const Case& c : cases) {
            i18n::set_screen_lang(i18n::Lang::en);  // the login screen is the (English) device's
            Clinic clinic;
            REQUIRE(clinic.store->set_user_language(clinic.storekeeper, lang).ok());
            Ui ui(clinic, c.size, UiOptions{}, c.font_px);
            const float em = ImGui::GetFontSize();
            const ImVec2 display = ImGui::GetIO().DisplaySize;
            auto check_targets = [&](const char* where) {
                INFO(i18n::code(lang) << " " << where << " at " << display.x << "x" << display.y);
                REQUIRE_FALSE(ui.probe.all().empty());
                for (const auto& [key, r] : ui.probe.all()) {
                    INFO(key);
                    CHECK(r.height() >= 2.7f * em - 0.5f);
                    CHECK(r.max.x <= display.x + 0.5f);
                    CHECK(r.min.x >= -0.5f);
                }
            };
            auto nav = [&](const char* english) { return std::string(i18n::tr_for(lang, english)); };
            check_targets("login tiles");
            REQUIRE(log_in_reading(ui, kStorekeeper, kStorekeeperPin, lang));
            const char* entries[] = {"Dispense##nav",  "Stock##nav",    "Receive##nav",
                                     "Stocktake##nav", "Expiring##nav", "Audit##nav",
                                     "Log out##nav"};
            const float y = ui.probe.find(nav(entries[0]))->min.y;
            for (const char* e : entries) {
                INFO(nav(e));
                REQUIRE(ui.visible(nav(e)));
                CHECK(ui.probe.find(nav(e))->min.y == y);  // the bar stays one line
            }
            for (const char* e : {"Dispense##nav", "Stock##nav", "Receive##nav", "Stocktake##nav",
                                  "Expiring##nav", "Audit##nav"}) {
                REQUIRE(ui.tap(nav(e)));
                check_targets(e);
            }
            REQUIRE(ui.tap(nav("Stock##nav")));
            REQUIRE(ui.tap_prefix("AMX250"));
            check_targets("item detail");
        }
    }
    i18n::set_device_lang(i18n::Lang::en);
    i18n::set_screen_lang(i18n::Lang::en);
}

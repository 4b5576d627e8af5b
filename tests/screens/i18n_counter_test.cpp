// The counter's screens in the user's language (issue 13): Dispense, Receive
// (by hand and by scanning), the text keyboard. The words are the catalogue's
// (no tr() lookup misses), plurals follow the language, expiry days are
// written day first, and the widgets a finger (or a test) finds keep their
// stable identifiers (keypad digits, "##kbd" keys, field ids).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "i18n.h"
#include "ui_harness.h"
#include "wedge_scanner.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

const std::string kAmoxGtin = "09506000134352";

// Records every lookup that missed (a string not in the catalogue), and puts
// the device back in English at the end.
struct Misses {
    std::vector<std::string> ids;
    Misses() {
        // Only the screens' lookups: the harness translates keys it was
        // given in English (Ui::key), which may miss by design.
        i18n::set_miss_observer([this](i18n::Lang, const char* id) {
            if (Ui::drawing()) ids.push_back(id);
        });
    }
    ~Misses() {
        i18n::set_miss_observer(nullptr);
        i18n::set_device_lang(i18n::Lang::en);
        i18n::set_screen_lang(i18n::Lang::en);
    }
};

// The widgets drawn past the screen's right or bottom edge (longer words
// must wrap, shorten or widen a column, not push a button off the screen).
// bottom false: only the right edge, for a screen that scrolls down.
std::vector<std::string> off_screen(const Ui& ui, bool bottom = true) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    std::vector<std::string> out;
    for (const auto& kv : ui.probe.all())
        if (kv.second.max.x > display.x + 0.5f || (bottom && kv.second.max.y > display.y + 0.5f))
            out.push_back(kv.first);
    return out;
}

std::string fr(const char* english) {
    return i18n::tr_for(i18n::Lang::fr, english);
}

// The storekeeper reads French; the harness logs in on the English keypad.
void log_in_french(Clinic& clinic, Ui& ui) {
    REQUIRE(clinic.store->set_user_language(clinic.storekeeper, i18n::Lang::fr).ok());
    ui.log_in(kStorekeeper, kStorekeeperPin);
    REQUIRE(i18n::screen_lang() == i18n::Lang::fr);
}

}  // namespace

TEST_CASE("dispensing in French - words and batch days and the keypad", "[screens][i18n][dispense]") {
    Clinic clinic;
    PatientInput p;
    p.family_name = "Diallo";
    p.given_name = "Awa";
    auto patient = clinic.store->register_patient(clinic.dispenser, p);
    REQUIRE(patient.ok());
    Misses misses;
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    log_in_french(clinic, ui);
    REQUIRE(ui.tap(fr("Dispense##nav")));
    CHECK(ui.visible("Nouveau patient##dispense"));
    REQUIRE(ui.type_into("##patient_search", "Diallo"));
    REQUIRE(ui.tap_containing("##patient-" + patient.value()));
    REQUIRE(ui.visible("Confirmer la délivrance##dispense"));
    CHECK(ui.visible("Autre patient##dispense"));

    REQUIRE(ui.type_into("##item_search", "AMX"));
    REQUIRE(ui.tap_prefix("AMX250  "));
    REQUIRE(ui.keypad("qty", "15"));  // the digits are the same keys in every language
    CHECK(off_screen(ui) == std::vector<std::string>{});  // the wider French keypad fits
    // ... and its words are not cut: each key holds its label.
    for (const char* key : {"Effacer##qty", "Corriger##qty"}) {
        INFO(key);
        const WidgetProbe::Rect* r = ui.probe.find(key);
        REQUIRE(r != nullptr);
        CHECK(r->max.x - r->min.x >= ImGui::CalcTextSize(key, nullptr, true).x +
                                         2 * ImGui::GetStyle().FramePadding.x - 0.5f);
    }
    REQUIRE(ui.tap("Terminé##qty"));
    REQUIRE(ui.tap("Choisir le lot##choose0"));
    // The batch's expiry as French writes a day (the store keeps 2026-12-31).
    CHECK(ui.visible_prefix("AMX-EARLY pér. 31/12/2026 (10)##batch0-"));
    CHECK(ui.visible_prefix("AMX-LATE pér. 30/06/2027 (100)##batch0-"));
    CHECK(off_screen(ui) == std::vector<std::string>{});
    REQUIRE(ui.tap("Péremption la plus proche d'abord##batch0"));
    REQUIRE(ui.tap("Confirmer la délivrance##dispense"));
    INFO(ui.error());
    REQUIRE(ui.visible("Patient suivant##dispense"));
    CHECK(clinic.on_hand(clinic.amox, "AMX-EARLY") == 0);
    CHECK(clinic.on_hand(clinic.amox, "AMX-LATE") == 95);
    CHECK(misses.ids == std::vector<std::string>{});
}

TEST_CASE("a scanned delivery in French - lines and plurals and days", "[screens][i18n][receive]") {
    Clinic clinic;
    REQUIRE(clinic.store->link_barcode(clinic.storekeeper, kAmoxGtin, clinic.amox).ok());
    Misses misses;
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    WedgeScanner scanner(ui);
    log_in_french(clinic, ui);
    REQUIRE(ui.tap(fr("Receive##nav")));
    REQUIRE(scanner.scan("]d201" + kAmoxGtin + "17280100" + "10AMX-NEW") == 1);
    INFO(ui.error());
    CHECK(ui.notice().find("Nouvelle ligne 1") != std::string::npos);
    CHECK(ui.notice().find("péremption 31/01/2028 (nouveau lot)") != std::string::npos);
    // One line: the singular.
    CHECK(ui.visible("Réceptionner 1 ligne##receipt"));
    REQUIRE(scanner.scan("]d201" + kAmoxGtin + "17280100" + "10AMX-NEW") == 1);
    CHECK(ui.notice().find("maintenant 2 boîtes.") != std::string::npos);
    REQUIRE(scanner.scan("]d201" + kAmoxGtin + "17270630" + "10AMX-LATE") == 1);
    CHECK(ui.notice().find("(lot déjà en stock)") != std::string::npos);
    CHECK(ui.visible("Boîtes de 100##receipt0"));
    CHECK(ui.visible_prefix("Unités ("));
    REQUIRE(ui.tap("receipt_qty1"));  // the keypad beside the lines
    CHECK(ui.visible("Corriger##receipt"));
    CHECK(off_screen(ui) == std::vector<std::string>{});
    REQUIRE(ui.tap("Terminé##receipt"));
    REQUIRE(ui.tap("Réceptionner les 2 lignes##receipt"));
    CHECK(ui.notice() == "Les 2 lignes de la réception sont réceptionnées.");
    CHECK(clinic.on_hand(clinic.amox, "AMX-NEW") == 200);
    CHECK(misses.ids == std::vector<std::string>{});
}

TEST_CASE("receiving by hand in Portuguese: the expiry typed year first is shown day first",
          "[screens][i18n][receive]") {
    Clinic clinic;
    REQUIRE(clinic.store->set_user_language(clinic.storekeeper, i18n::Lang::pt).ok());
    Misses misses;
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    ui.log_in(kStorekeeper, kStorekeeperPin);
    REQUIRE(i18n::screen_lang() == i18n::Lang::pt);
    REQUIRE(ui.tap(i18n::tr_for(i18n::Lang::pt, "Receive##nav")));
    REQUIRE(ui.type_into("##receive_item_search", "ORS"));
    REQUIRE(ui.tap_prefix("ORS  "));
    REQUIRE(ui.type_into("##receive_batch", "ORS-9"));
    REQUIRE(ui.tap("Hide##kbd"));  // at 1024x600 the keyboard covers the expiry
    REQUIRE(ui.tap("receive_expiry"));
    REQUIRE(ui.keypad("receive", "20290228"));
    CHECK(off_screen(ui) == std::vector<std::string>{});
    REQUIRE(ui.tap("Concluído##receive"));
    REQUIRE(ui.tap("receive_qty"));
    REQUIRE(ui.keypad("receive", "30"));
    REQUIRE(ui.tap("Concluído##receive"));
    REQUIRE(ui.tap("Receber##receive"));
    INFO(ui.error());
    CHECK(ui.notice().find("lote ORS-9, validade 28/02/2029 (lote novo).") != std::string::npos);
    CHECK(clinic.on_hand(clinic.ors, "ORS-9") == 30);
    CHECK(misses.ids == std::vector<std::string>{});
}

TEST_CASE("the text keyboard's keys keep their identifiers in Spanish",
          "[screens][i18n][keyboard]") {
    Clinic clinic;
    REQUIRE(clinic.store->set_user_language(clinic.storekeeper, i18n::Lang::es).ok());
    Misses misses;
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    ui.log_in(kStorekeeper, kStorekeeperPin);
    REQUIRE(i18n::screen_lang() == i18n::Lang::es);
    REQUIRE(ui.tap(i18n::tr_for(i18n::Lang::es, "Receive##nav")));
    REQUIRE(ui.tap("##receive_item_search"));
    ui.frame(2);
    CHECK(ui.visible("Space##kbd"));
    CHECK(ui.visible("Hide##kbd"));
    REQUIRE(ui.type_on_keyboard("Ors"));
    CHECK(ui.visible_prefix("ORS  "));
    REQUIRE(ui.tap("Hide##kbd"));
    CHECK_FALSE(ui.visible("Space##kbd"));
    CHECK(misses.ids == std::vector<std::string>{});
}

TEST_CASE("a shipment from central received in French", "[screens][i18n][receive][orders]") {
    using json = nlohmann::json;
    Clinic clinic;
    Store& s = *clinic.store;
    const std::string site = s.identity().site_id;
    json ship{{"id", "ship-9"},       {"site_id", site}, {"requisition_id", "req-x"},
              {"reference", "CMS-9"}, {"note", ""},      {"created_ms", kStartMs}};
    json lines = json::array();
    lines.push_back({{"id", "sl-1"},
                     {"shipment_id", "ship-9"},
                     {"site_id", site},
                     {"line_no", 1},
                     {"item_id", clinic.ors},
                     {"batch_no", "ORS-NEW"},
                     {"expiry", "2028-04-30"},
                     {"quantity", 200}});
    lines.push_back({{"id", "sl-2"},
                     {"shipment_id", "ship-9"},
                     {"site_id", site},
                     {"line_no", 2},
                     {"item_id", clinic.para},
                     {"batch_no", "PARA-NEW"},
                     {"expiry", "2028-05-31"},
                     {"quantity", 1000}});
    REQUIRE(
        s.apply_remote({json{{"shipments", json::array({ship})}, {"shipment_lines", lines}}.dump()},
                       "cursor", "1")
            .ok());
    Misses misses;
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    log_in_french(clinic, ui);
    REQUIRE(ui.tap(fr("Receive##nav")));
    CHECK(ui.visible("Tout réceptionner comme expédié##expected"));
    REQUIRE(ui.tap("Réceptionner##expected-sl-1"));
    INFO(ui.error());
    // The French pattern puts the item first ({1}, {0}): no "de" before a name.
    CHECK(ui.notice() ==
          "Réceptionné\u00a0: Oral rehydration salts 20.5 g sachet, 200 sachets, lot ORS-NEW.");
    CHECK(clinic.on_hand(clinic.ors, "ORS-NEW") == 200);
    REQUIRE(ui.tap("Autre quantité##expected-sl-2"));
    CHECK(off_screen(ui) == std::vector<std::string>{});  // the keypad beside the fields
    REQUIRE(ui.tap("Effacer##expected"));
    REQUIRE(ui.keypad("expected", "900"));
    REQUIRE(ui.type_into("##expected_reason-sl-2", "Une boite manque"));
    REQUIRE(ui.tap("Hide##kbd"));  // the keys keep their ids; the caption reads "Masquer"
    REQUIRE(ui.tap("Enregistrer la quantité reçue##expected-sl-2"));
    CHECK(clinic.on_hand(clinic.para, "PARA-NEW") == 900);
    CHECK(misses.ids == std::vector<std::string>{});
}

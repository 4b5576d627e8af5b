// Touch only: the on-screen text keyboard finds an existing patient and a
// medicine letter by letter and the dispensing reaches the store; capitals,
// accented letters, Back and a physical keyboard type into the same field;
// the keyboard docks when a field is tapped and goes with its field.
#include <catch2/catch.hpp>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

std::string register_patient(Clinic& clinic, const std::string& family, const std::string& given) {
    PatientInput in;
    in.family_name = family;
    in.given_name = given;
    auto id = clinic.store->register_patient(clinic.dispenser, in);
    REQUIRE(id.ok());
    return id.value();
}

}  // namespace

TEST_CASE("dispense to an existing patient by touch alone typing on the on-screen keyboard",
          "[screens][keyboard][dispense]") {
    Clinic clinic;
    const std::string vaka = register_patient(clinic, "Vaka", "Sione");
    const std::string other = register_patient(clinic, "Tupou", "Ana");
    // The smallest screen the kiosk meets, with the shell's font for it.
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    REQUIRE(ui.log_in());

    CHECK_FALSE(ui.visible("Hide##kbd"));
    REQUIRE(ui.tap("##patient_search"));
    REQUIRE(ui.visible("Hide##kbd"));  // docked by the tap
    // Both patients listed before typing; one after.
    REQUIRE(ui.type_on_keyboard("vak"));
    CHECK(ui.visible_containing("##patient-" + vaka));
    CHECK_FALSE(ui.visible_containing("##patient-" + other));
    REQUIRE(ui.tap_containing("##patient-" + vaka));
    // The search field is gone, and the keyboard with it.
    CHECK_FALSE(ui.visible("Hide##kbd"));

    REQUIRE(ui.tap("##item_search"));
    REQUIRE(ui.type_on_keyboard("amx"));
    REQUIRE(ui.tap_prefix("AMX250  "));
    REQUIRE(ui.keypad("qty", "20"));
    REQUIRE(ui.tap("Done##qty"));
    REQUIRE(ui.tap("Confirm dispensing##dispense"));
    INFO(ui.error());
    REQUIRE(ui.visible("Next patient##dispense"));

    // Earliest expiry first: all 10 of AMX-EARLY, then 10 of AMX-LATE.
    CHECK(clinic.on_hand(clinic.amox, "AMX-EARLY") == 0);
    CHECK(clinic.on_hand(clinic.amox, "AMX-LATE") == 90);
    auto history = clinic.store->patient_history(vaka, 0, 10);
    REQUIRE(history.ok());
    REQUIRE(history->rows.size() == 1);
    REQUIRE(history->rows[0].lines.size() == 1);
    CHECK(history->rows[0].lines[0].quantity == 20);
    CHECK(history->rows[0].dispenser == kDispenser);
}

TEST_CASE("capitals accented letters Back and a physical keyboard type into one field",
          "[screens][keyboard]") {
    Clinic clinic;
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("New patient##dispense"));

    REQUIRE(ui.tap("##reg_family"));
    REQUIRE(ui.type_on_keyboard("Soaresx"));
    REQUIRE(ui.tap("Back##kbd"));  // drops the x
    // Shift is for one letter only: the rest stays lower case.
    REQUIRE(ui.tap("##reg_given"));
    REQUIRE(ui.type_on_keyboard("João"));
    // The accents key is for one letter too: the plain letters are back.
    CHECK(ui.visible("o##kbd"));
    // A physical keyboard types into the same field after an on-screen key.
    ImGui::GetIO().AddInputCharacter('-');
    ui.frame();
    ImGui::GetIO().AddInputCharacter('M');
    ui.frame();
    REQUIRE(ui.tap("Back##kbd"));  // a whole character goes, not a byte
    REQUIRE(ui.type_on_keyboard("Maria Ñ"));
    REQUIRE(ui.tap("Back##kbd"));
    REQUIRE(ui.tap("Back##kbd"));
    // The village field sits under the keyboard at 600 px: drag the form up.
    // A drag that starts on a field scrolls and leaves the keyboard where it is.
    const WidgetProbe::Rect* given = ui.probe.find("##reg_given");
    REQUIRE(given);
    const float given_y = given->min.y;
    ui.drag(given->centre(), -4 * 18.0f);
    CHECK(ui.probe.find("##reg_given")->min.y < given_y);
    REQUIRE(ui.tap("##reg_village"));
    REQUIRE(ui.type_on_keyboard("Aileu"));
    REQUIRE(ui.tap("Hide##kbd"));
    CHECK_FALSE(ui.visible("Hide##kbd"));
    REQUIRE(ui.tap("Save patient##register"));
    INFO(ui.error());
    REQUIRE(ui.visible("Confirm dispensing##dispense"));

    auto found = clinic.store->search_patients("Soares", 0, 10);
    REQUIRE(found.ok());
    REQUIRE(found->total == 1);
    CHECK(found->rows[0].family_name == "Soares");
    CHECK(found->rows[0].given_name == "Jo\xC3\xA3o-Maria");
    CHECK(found->rows[0].village == "Aileu");
}

TEST_CASE("the text keyboard keys are big enough and every screen keeps its action in reach",
          "[screens][keyboard][layout]") {
    Clinic clinic;
    const std::string vaka = register_patient(clinic, "Vaka", "Sione");
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("##patient_search"));
    const float em = 18;
    int keys = 0;
    for (const auto& [key, r] : ui.probe.all()) {
        if (key.size() < 5 || key.compare(key.size() - 5, 5, "##kbd") != 0) continue;
        INFO(key);
        ++keys;
        CHECK(r.height() >= 44.0f);  // the fingertip minimum at 1024x600
        CHECK(r.height() >= 2.45f * em - 0.5f);
        CHECK(r.width() >= 2.7f * em);
        CHECK(r.tappable());
        CHECK(r.max.x <= 1024.5f);
        CHECK(r.max.y <= 600.5f);
    }
    CHECK(keys >= 40);
    // The patient list still shows rows above the keyboard.
    REQUIRE(ui.type_on_keyboard("va"));
    const WidgetProbe::Rect* row = ui.probe.find_containing("##patient-" + vaka);
    REQUIRE(row);
    CHECK(row->tappable());
    CHECK(row->max.y <= ui.probe.find("Shift##kbd")->min.y);

    // Receive: the Receive button stays above the keyboard while typing a
    // batch number, supplier and reference.
    REQUIRE(ui.tap("Receive##nav"));
    REQUIRE(ui.tap("##receive_item_search"));
    REQUIRE(ui.type_on_keyboard("ors"));
    REQUIRE(ui.tap_prefix("ORS  "));
    // The numeric keypad and the text keyboard never share the screen.
    REQUIRE(ui.tap("receive_qty"));
    REQUIRE(ui.visible("Done##receive"));
    REQUIRE(ui.tap("##receive_batch"));
    REQUIRE(ui.visible("Hide##kbd"));
    CHECK_FALSE(ui.visible("Done##receive"));
    // The quantity is under the keyboard now: drag the form up to it.
    ui.drag(ui.probe.find("##receive_batch")->centre(), -8 * 18.0f);
    REQUIRE(ui.tap("receive_qty"));
    CHECK(ui.visible("Done##receive"));
    CHECK_FALSE(ui.visible("Hide##kbd"));
    REQUIRE(ui.tap("##receive_batch"));
    REQUIRE(ui.visible("Hide##kbd"));
    CHECK(ui.probe.find("Receive##receive")->tappable());
    CHECK(ui.probe.find("Receive##receive")->max.y <= ui.probe.find("Shift##kbd")->min.y);
}

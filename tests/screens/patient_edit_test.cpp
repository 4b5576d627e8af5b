// Correcting a patient's details from the dispense screen: "Edit details"
// opens the registration form filled with what is stored, Save goes through
// Store::update_patient and the prescription being built stays as it was; a
// refused Save shows the store's reason and keeps what was typed; Cancel
// changes nothing; the form's buttons are in reach at 1024x600.
#include <catch2/catch.hpp>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

// ADDO, Aisha: F, born 1990, Uta, no phone.
std::string register_addo(Clinic& clinic) {
    PatientInput in;
    in.family_name = "Addo";
    in.given_name = "Aisha";
    in.sex = "F";
    in.birth_year = 1990;
    in.village = "Uta";
    auto id = clinic.store->register_patient(clinic.dispenser, in);
    REQUIRE(id.ok());
    return id.value();
}

Patient stored(Clinic& clinic, const std::string& id) {
    auto p = clinic.store->patient(id);
    REQUIRE(p.ok());
    return p.value();
}

void check_same(const Patient& a, const Patient& b) {
    CHECK(a.family_name == b.family_name);
    CHECK(a.given_name == b.given_name);
    CHECK(a.sex == b.sex);
    CHECK(a.birth_year == b.birth_year);
    CHECK(a.village == b.village);
    CHECK(a.phone == b.phone);
}

// Logs in, chooses the patient by touch and adds 15 amoxicillin.
void choose_and_add_a_line(Ui& ui, const std::string& patient_id) {
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("##patient_search"));
    REQUIRE(ui.type_on_keyboard("addo"));
    REQUIRE(ui.tap_containing("##patient-" + patient_id));
    REQUIRE(ui.tap("##item_search"));
    REQUIRE(ui.type_on_keyboard("amx"));
    REQUIRE(ui.tap_prefix("AMX250  "));
    REQUIRE(ui.keypad("qty", "15"));
    REQUIRE(ui.tap("Done##qty"));
    REQUIRE(ui.visible("qty0"));
}

// Taps a text field and empties it with the keyboard's Back key.
void clear_field(Ui& ui, const std::string& field, size_t letters) {
    REQUIRE(ui.tap(field));
    REQUIRE(ui.visible("Back##kbd"));
    for (size_t i = 0; i < letters; ++i) REQUIRE(ui.tap("Back##kbd"));
}

void check_targets(Ui& ui, const char* where) {
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    INFO(where << " at " << display.x << "x" << display.y);
    REQUIRE_FALSE(ui.probe.all().empty());
    for (const auto& [key, r] : ui.probe.all()) {
        INFO(key);
        CHECK(r.height() >= 2.45f * em - 0.5f);  // the text keyboard's keys; the rest 2.7 em
        if (key.find("##kbd") == std::string::npos) CHECK(r.height() >= 2.7f * em - 0.5f);
        CHECK(r.max.x <= display.x + 0.5f);
        CHECK(r.min.x >= -0.5f);
    }
}

}  // namespace

TEST_CASE("edit details by touch saves the new village and phone and keeps the prescription",
          "[screens][dispense][patient]") {
    Clinic clinic;
    const std::string addo = register_addo(clinic);
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    choose_and_add_a_line(ui, addo);
    CHECK(ui.text("patient") == "ADDO, Aisha");
    CHECK(ui.text("patient:details") == "F, born 1990, Uta");

    REQUIRE(ui.tap("Edit details##dispense"));
    REQUIRE(ui.visible("Save##edit_patient"));
    CHECK_FALSE(ui.visible("qty0"));  // the form, not the lines
    // The village is filled in: three Backs empty it.
    clear_field(ui, "##edit_village", 3);
    REQUIRE(ui.type_on_keyboard("Kolonga"));
    REQUIRE(ui.tap("##edit_phone"));
    REQUIRE(ui.type_on_keyboard("0771234"));
    REQUIRE(ui.tap("Hide##kbd"));
    REQUIRE(ui.tap("Save##edit_patient"));
    INFO(ui.error());
    CHECK(ui.error().empty());

    // The store has the new details; what was not touched (filled in from
    // the store) is saved back as it was.
    const Patient p = stored(clinic, addo);
    CHECK(p.village == "Kolonga");
    CHECK(p.phone == "0771234");
    CHECK(p.family_name == "Addo");
    CHECK(p.given_name == "Aisha");
    CHECK(p.sex == "F");
    CHECK(p.birth_year == 1990);

    // Back on the prescription, with the new details shown and the line kept.
    CHECK(ui.notice() == "Saved the details of ADDO, Aisha.");
    CHECK(ui.text("patient:details") == "F, born 1990, Kolonga, 0771234");
    REQUIRE(ui.visible("qty0"));
    CHECK_FALSE(ui.visible("qty1"));
    REQUIRE(ui.tap("Confirm dispensing##dispense"));
    INFO(ui.error());
    REQUIRE(ui.visible("Next patient##dispense"));
    auto history = clinic.store->patient_history(addo, 0, 10);
    REQUIRE(history.ok());
    REQUIRE(history->rows.size() == 1);
    REQUIRE(history->rows[0].lines.size() == 1);
    CHECK(history->rows[0].lines[0].quantity == 15);
}

TEST_CASE("a refused edit shows the store's reason and keeps what was typed",
          "[screens][dispense][patient]") {
    Clinic clinic;
    const std::string addo = register_addo(clinic);
    const Patient before = stored(clinic, addo);
    const int64_t outbox = clinic.store->outbox_last_seq();
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    choose_and_add_a_line(ui, addo);
    REQUIRE(ui.tap("Edit details##dispense"));

    // No family name.
    clear_field(ui, "##edit_family", 4);
    REQUIRE(ui.tap("Hide##kbd"));  // the village is under the keyboard at 600 px
    REQUIRE(ui.tap("##edit_village"));
    REQUIRE(ui.type_on_keyboard("x"));  // Utax
    REQUIRE(ui.tap("Hide##kbd"));
    REQUIRE(ui.tap("Save##edit_patient"));
    CHECK(ui.error() == "Enter the patient's family name.");
    REQUIRE(ui.visible("Save##edit_patient"));  // still on the form
    check_same(stored(clinic, addo), before);
    CHECK(clinic.store->outbox_last_seq() == outbox);

    // A birth year in the future.
    REQUIRE(ui.tap("##edit_family"));
    REQUIRE(ui.type_on_keyboard("Addo-Mensah"));
    REQUIRE(ui.tap("Hide##kbd"));
    REQUIRE(ui.tap("edit_birth_year"));
    REQUIRE(ui.tap("Clear##year"));
    REQUIRE(ui.keypad("year", "2030"));
    REQUIRE(ui.tap("Done##year"));
    REQUIRE(ui.tap("Save##edit_patient"));
    CHECK(ui.error() == "Birth year must be between 1900 and 2026.");
    check_same(stored(clinic, addo), before);
    CHECK(clinic.store->outbox_last_seq() == outbox);

    // Nothing typed was lost: correcting the year alone saves the family
    // name and village typed before the refusals.
    REQUIRE(ui.tap("edit_birth_year"));
    REQUIRE(ui.tap("Back##year"));
    REQUIRE(ui.tap("Back##year"));
    REQUIRE(ui.keypad("year", "19"));
    REQUIRE(ui.tap("Done##year"));
    REQUIRE(ui.tap("Save##edit_patient"));
    INFO(ui.error());
    CHECK(ui.error().empty());
    const Patient after = stored(clinic, addo);
    CHECK(after.family_name == "Addo-Mensah");
    CHECK(after.village == "Utax");
    CHECK(after.birth_year == 2019);
    CHECK(after.given_name == "Aisha");
    CHECK(ui.text("patient") == "ADDO-MENSAH, Aisha");
    CHECK(ui.visible("qty0"));
}

TEST_CASE("cancel leaves the patient and the prescription as they were",
          "[screens][dispense][patient]") {
    Clinic clinic;
    const std::string addo = register_addo(clinic);
    const Patient before = stored(clinic, addo);
    const int64_t outbox = clinic.store->outbox_last_seq();
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    choose_and_add_a_line(ui, addo);
    REQUIRE(ui.type_into("##prescriber", "Dr Tupou"));

    REQUIRE(ui.tap("Edit details##dispense"));
    clear_field(ui, "##edit_village", 3);
    REQUIRE(ui.type_on_keyboard("Kolonga"));
    REQUIRE(ui.tap("Hide##kbd"));
    REQUIRE(ui.tap("Male##edit"));
    REQUIRE(ui.tap("Cancel##edit_patient"));

    check_same(stored(clinic, addo), before);
    CHECK(clinic.store->outbox_last_seq() == outbox);
    CHECK(ui.text("patient:details") == "F, born 1990, Uta");
    CHECK(ui.error().empty());
    REQUIRE(ui.visible("qty0"));

    // The next Edit starts from the stored details, not the abandoned
    // typing: saving it at once changes nothing.
    REQUIRE(ui.tap("Edit details##dispense"));
    REQUIRE(ui.tap("Save##edit_patient"));
    INFO(ui.error());
    check_same(stored(clinic, addo), before);

    // The line and the prescriber went through both.
    REQUIRE(ui.tap("Confirm dispensing##dispense"));
    INFO(ui.error());
    REQUIRE(ui.visible("Next patient##dispense"));
    auto history = clinic.store->patient_history(addo, 0, 10);
    REQUIRE(history.ok());
    REQUIRE(history->rows.size() == 1);
    CHECK(history->rows[0].prescriber == "Dr Tupou");
    REQUIRE(history->rows[0].lines.size() == 1);
    CHECK(history->rows[0].lines[0].quantity == 15);
}

TEST_CASE("every role that may register a patient may edit one", "[screens][dispense][patient]") {
    Clinic clinic;
    const std::string addo = register_addo(clinic);
    const std::pair<const char*, const char*> users[] = {{kDispenser, kDispenserPin},
                                                         {kStorekeeper, kStorekeeperPin}};
    for (const auto& [name, pin] : users) {
        INFO(name);
        Ui ui(clinic);
        REQUIRE(ui.log_in(name, pin));
        CHECK(ui.visible("New patient##dispense"));
        REQUIRE(ui.type_into("##patient_search", "Addo"));
        REQUIRE(ui.tap_containing("##patient-" + addo));
        REQUIRE(ui.tap("Edit details##dispense"));
        REQUIRE(ui.tap("##edit_phone"));
        REQUIRE(ui.type_on_keyboard(name == kDispenser ? "1" : "2"));
        REQUIRE(ui.tap("Save##edit_patient"));
        INFO(ui.error());
        CHECK(ui.error().empty());
    }
    CHECK(stored(clinic, addo).phone == "12");
}

TEST_CASE("the edit form's buttons are in reach at 1024x600", "[screens][patient][layout]") {
    // The shell's 18 px DejaVu Sans at 600 px tall, and ImGui's built-in font.
    const float fonts[] = {18, 0};
    for (const float font_px : fonts) {
        Clinic clinic;
        const std::string addo = register_addo(clinic);
        // A long name and village are cut short: the buttons and the
        // prescriber field stay on the line.
        PatientInput long_in;
        long_in.family_name = std::string(60, 'W');
        long_in.given_name = "Wiremu Tamati Te Rangi";
        long_in.village = "Upper Kolonga on the far side of the river past the mission school";
        long_in.phone = "+676 771 234 567 ext 89";
        auto long_id = clinic.store->register_patient(clinic.dispenser, long_in);
        REQUIRE(long_id.ok());
        Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, font_px);
        REQUIRE(ui.log_in());
        REQUIRE(ui.type_into("##patient_search", "Wiremu"));
        REQUIRE(ui.tap_containing("##patient-" + long_id.value()));
        check_targets(ui, "prescription of a patient with long details");
        const float em = ImGui::GetFontSize();
        REQUIRE(ui.visible("##prescriber"));
        CHECK(ui.probe.find("##prescriber")->width() >= 12 * em - 0.5f);
        CHECK(ui.probe.find("##prescriber")->min.y ==
              ui.probe.find("Edit details##dispense")->min.y);
        CHECK(ui.text("patient:details").find("mission school") != std::string::npos);

        REQUIRE(ui.tap("Change patient##dispense"));
        clear_field(ui, "##patient_search", 6);
        REQUIRE(ui.type_on_keyboard("addo"));
        REQUIRE(ui.tap_containing("##patient-" + addo));
        check_targets(ui, "prescription with Edit details");
        REQUIRE(ui.probe.find("Edit details##dispense")->tappable());

        REQUIRE(ui.tap("Edit details##dispense"));
        check_targets(ui, "edit form");
        const char* form[] = {"##edit_family", "##edit_given",       "Female##edit",
                              "Male##edit",    "edit_birth_year",    "##edit_village",
                              "##edit_phone",  "Save##edit_patient", "Cancel##edit_patient"};
        for (const char* key : form) {
            INFO(key);
            REQUIRE(ui.visible(key));
            CHECK(ui.probe.find(key)->tappable());
        }

        REQUIRE(ui.tap("edit_birth_year"));
        check_targets(ui, "edit form with the keypad");
        for (const char* key : {"Save##edit_patient", "Cancel##edit_patient", "Done##year"}) {
            INFO(key);
            REQUIRE(ui.visible(key));
            CHECK(ui.probe.find(key)->tappable());
        }

        // With the text keyboard docked, Save and Cancel stay above it.
        REQUIRE(ui.tap("##edit_village"));
        REQUIRE(ui.visible("Shift##kbd"));
        CHECK_FALSE(ui.visible("Done##year"));
        check_targets(ui, "edit form with the text keyboard");
        const float keyboard_top = ui.probe.find("1##kbd")->min.y;  // its top row
        for (const char* key : {"Save##edit_patient", "Cancel##edit_patient", "##edit_village"}) {
            INFO(key);
            CHECK(ui.probe.find(key)->tappable());
            CHECK(ui.probe.find(key)->max.y <= keyboard_top);
        }
    }
}

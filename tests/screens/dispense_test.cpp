// Dispensing through the screens: a new patient, a three-line prescription,
// earliest-expiry-first allocation checked in the store, the label text, the
// short-stock confirmation, and cancelling a dispensing from the history.
#include <catch2/catch.hpp>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

void add_line(Ui& ui, const std::string& search, const std::string& code, const std::string& qty,
              int index) {
    REQUIRE(ui.type_into("##item_search", search));
    REQUIRE(ui.tap_prefix(code + "  "));
    REQUIRE(ui.visible("qty" + std::to_string(index)));
    REQUIRE(ui.keypad("qty", qty));
    REQUIRE(ui.tap("Done##qty"));
}

}  // namespace

TEST_CASE("dispense a three-line prescription to a new patient", "[screens][dispense]") {
    Clinic clinic;
    Ui ui(clinic);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("New patient##dispense"));
    REQUIRE(ui.type_into("##reg_family", "Tau"));
    REQUIRE(ui.type_into("##reg_given", "Mele"));
    REQUIRE(ui.tap("Female##reg"));
    REQUIRE(ui.tap("reg_birth_year"));
    REQUIRE(ui.keypad("year", "1990"));
    REQUIRE(ui.tap("Done##year"));
    REQUIRE(ui.type_into("##reg_village", "Uta"));
    REQUIRE(ui.tap("Save patient##register"));
    INFO(ui.error());
    REQUIRE(ui.visible("Confirm dispensing##dispense"));

    add_line(ui, "AMX", "AMX250", "15", 0);  // 10 from AMX-EARLY, 5 from AMX-LATE
    add_line(ui, "Parac", "PCM500", "20", 1);
    add_line(ui, "ORS", "ORS", "3", 2);
    REQUIRE(ui.tap("Confirm dispensing##dispense"));
    INFO(ui.error());
    REQUIRE(ui.visible("Next patient##dispense"));

    CHECK(clinic.on_hand(clinic.amox, "AMX-EARLY") == 0);
    CHECK(clinic.on_hand(clinic.amox, "AMX-LATE") == 95);
    CHECK(clinic.on_hand(clinic.para, "PARA-1") == 480);
    CHECK(clinic.on_hand(clinic.ors, "ORS-1") == 47);

    auto found = clinic.store->search_patients("Tau", 0, 10);
    REQUIRE(found.ok());
    REQUIRE(found->total == 1);
    const Patient& p = found->rows[0];
    CHECK(p.given_name == "Mele");
    CHECK(p.sex == "F");
    CHECK(p.birth_year == 1990);
    CHECK(p.village == "Uta");
    auto history = clinic.store->patient_history(p.id, 0, 10);
    REQUIRE(history.ok());
    REQUIRE(history->rows.size() == 1);
    CHECK(history->rows[0].lines.size() == 3);

    // One label per line, with the facility, the dispenser and the expanded
    // directions (default "2t bd x5/7" for amoxicillin).
    const std::string label = ui.text("label0");
    CHECK(label.find("Hilltop Clinic") != std::string::npos);
    CHECK(label.find("Amina") != std::string::npos);
    CHECK(label.find("Amoxicillin") != std::string::npos);
    CHECK(label.find("AMX-EARLY") != std::string::npos);
    CHECK_FALSE(ui.text("label1").empty());
    CHECK_FALSE(ui.text("label2").empty());
    CHECK(ui.text("label3").empty());

    REQUIRE(ui.tap("Next patient##dispense"));
    CHECK(ui.visible("##patient_search"));
}

TEST_CASE("short stock needs an explicit yes before dispensing", "[screens][dispense]") {
    Clinic clinic;
    PatientInput in;
    in.family_name = "Vaka";
    in.given_name = "Sione";
    auto patient = clinic.store->register_patient(clinic.dispenser, in);
    REQUIRE(patient.ok());
    Ui ui(clinic);
    REQUIRE(ui.log_in());
    REQUIRE(ui.type_into("##patient_search", "Vaka"));
    REQUIRE(ui.tap_containing("##patient-" + patient.value()));
    add_line(ui, "AMX", "AMX250", "150", 0);  // only 110 on record
    REQUIRE(ui.tap("Confirm dispensing##dispense"));
    ui.frame(2);
    REQUIRE(ui.visible("Dispense anyway##dispense"));
    REQUIRE(ui.tap("Go back##dispense"));
    CHECK(clinic.on_hand(clinic.amox, "AMX-LATE") == 100);  // nothing written
    CHECK(ui.visible("qty0"));                               // nothing lost

    REQUIRE(ui.tap("Confirm dispensing##dispense"));
    ui.frame(2);
    REQUIRE(ui.tap("Dispense anyway##dispense"));
    INFO(ui.error());
    REQUIRE(ui.visible("Next patient##dispense"));
    CHECK(clinic.on_hand(clinic.amox, "AMX-EARLY") + clinic.on_hand(clinic.amox, "AMX-LATE") ==
          110 - 150);
}

TEST_CASE("cancel a dispensing from the patient's history puts the stock back",
          "[screens][dispense][history]") {
    Clinic clinic;
    PatientInput pin;
    pin.family_name = "Fifita";
    pin.given_name = "Lose";
    auto patient = clinic.store->register_patient(clinic.dispenser, pin);
    REQUIRE(patient.ok());
    DispenseInput rx;
    rx.patient_id = patient.value();
    DispenseLineInput line;
    line.item_id = clinic.para;
    line.quantity = 30;
    line.directions = "2t qds prn";
    rx.lines.push_back(line);
    auto done = clinic.store->dispense(clinic.dispenser, rx);
    REQUIRE(done.ok());
    REQUIRE(clinic.on_hand(clinic.para, "PARA-1") == 470);

    Ui ui(clinic);
    REQUIRE(ui.log_in());
    REQUIRE(ui.type_into("##patient_search", "Fifita"));
    REQUIRE(ui.tap_containing("##patient-" + patient.value()));
    REQUIRE(ui.tap("History##dispense"));
    const std::string cancel = "Cancel dispensing##" + done->prescription_id;
    REQUIRE(ui.tap(cancel));
    // The reason is required: the button does nothing without one.
    REQUIRE(ui.tap("Cancel this dispensing##confirm"));
    CHECK(clinic.on_hand(clinic.para, "PARA-1") == 470);
    REQUIRE(ui.type_into("##cancel_reason", "Wrong patient"));
    REQUIRE(ui.tap("Cancel this dispensing##confirm"));
    INFO(ui.error());
    CHECK(clinic.on_hand(clinic.para, "PARA-1") == 500);
    auto history = clinic.store->patient_history(patient.value(), 0, 10);
    REQUIRE(history.ok());
    REQUIRE(history->rows.size() == 1);
    CHECK(history->rows[0].cancelled);
    CHECK(history->rows[0].cancel_reason == "Wrong patient");
    ui.frame(2);
    CHECK_FALSE(ui.visible(cancel));  // a cancelled dispensing cannot be cancelled again
}

// Labels from the screens with a print queue (not started: the test checks
// what the screens queue in the store, not the printer, which tests/print
// covers): a dispensing's labels are queued once it has committed, "Print
// again" queues them again, the history's "Reprint labels" queues an older
// dispensing's, and a cancelled dispensing offers no reprint. Without a
// queue nothing is queued and the screen says so.
#include <catch2/catch.hpp>

#include "print_job.h"
#include "print_queue.h"
#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

int64_t queued(Clinic& clinic) { return static_cast<int64_t>(clinic.store->unprinted_print_jobs()->size()); }

std::string dispense_para(Clinic& clinic, const std::string& patient_id) {
    DispenseInput rx;
    rx.patient_id = patient_id;
    DispenseLineInput line;
    line.item_id = clinic.para;
    line.quantity = 30;
    line.directions = "2t qds prn";
    rx.lines.push_back(line);
    auto done = clinic.store->dispense(clinic.dispenser, rx);
    REQUIRE(done.ok());
    return done->prescription_id;
}

}  // namespace

TEST_CASE("a dispensing's labels go to the print queue after it commits, print again, reprint",
          "[screens][print]") {
    Clinic clinic;
    PatientInput in;
    in.family_name = "Fifita";
    in.given_name = "Ana";
    const std::string patient = clinic.store->register_patient(clinic.dispenser, in).value();
    const std::string older = dispense_para(clinic, patient);
    const std::string cancelled = dispense_para(clinic, patient);
    REQUIRE(clinic.store->cancel_dispensing(clinic.dispenser, cancelled, "wrong patient").ok());

    PrintQueue queue(PrintQueue::Options{});  // never started: jobs stay queued
    UiOptions options;
    options.print_queue = &queue;
    Ui ui(clinic, ImVec2(1366, 768), options);
    REQUIRE(ui.log_in());
    REQUIRE(ui.type_into("##patient_search", "Fifita"));
    REQUIRE(ui.tap_containing("##patient-" + patient));
    REQUIRE(ui.type_into("##item_search", "AMX"));
    REQUIRE(ui.tap_prefix("AMX250  "));
    REQUIRE(ui.keypad("qty", "15"));
    REQUIRE(ui.tap("Done##qty"));
    CHECK(queued(clinic) == 0);  // nothing before the dispensing commits
    REQUIRE(ui.tap("Confirm dispensing##dispense"));
    INFO(ui.error());
    REQUIRE(ui.visible("Next patient##dispense"));

    auto jobs = clinic.store->unprinted_print_jobs();
    REQUIRE(jobs->size() == 1);
    auto labels = decode_labels((*jobs)[0].payload);
    REQUIRE(labels.ok());
    REQUIRE(labels->size() == 1);
    CHECK((*labels)[0].item_name.find("Amoxicillin") == 0);
    CHECK((*labels)[0].patient_name == "FIFITA, Ana");
    CHECK((*labels)[0].batches.find("AMX-EARLY") == 0);
    CHECK(ui.text("label0").find("Amoxicillin") != std::string::npos);  // the same label on screen
    CHECK(ui.text("banner:notice") == "Labels sent to the printer.");
    CHECK(ui.text("print:dispense") == "Printer ready.");

    REQUIRE(ui.tap("Print again##dispense_done"));
    CHECK(queued(clinic) == 2);

    REQUIRE(ui.tap("History##dispense_done"));
    ui.frame(2);
    CHECK_FALSE(ui.visible("Reprint labels##reprint-" + cancelled));
    REQUIRE(ui.tap("Reprint labels##reprint-" + older));
    jobs = clinic.store->unprinted_print_jobs();
    REQUIRE(jobs->size() == 3);
    CHECK(decode_labels((*jobs)[2].payload)->at(0).item_name.find("Paracetamol") == 0);
    CHECK(ui.text("banner:notice") == "Labels sent to the printer.");
}

TEST_CASE("without a print queue nothing is queued and the done step says so", "[screens][print]") {
    Clinic clinic;
    PatientInput in;
    in.family_name = "Vaka";
    in.given_name = "Sione";
    const std::string patient = clinic.store->register_patient(clinic.dispenser, in).value();
    Ui ui(clinic);
    REQUIRE(ui.log_in());
    REQUIRE(ui.type_into("##patient_search", "Vaka"));
    REQUIRE(ui.tap_containing("##patient-" + patient));
    REQUIRE(ui.type_into("##item_search", "ORS"));
    REQUIRE(ui.tap_prefix("ORS  "));
    REQUIRE(ui.keypad("qty", "2"));
    REQUIRE(ui.tap("Done##qty"));
    REQUIRE(ui.tap("Confirm dispensing##dispense"));
    REQUIRE(ui.visible("Next patient##dispense"));
    CHECK(queued(clinic) == 0);
    CHECK_FALSE(ui.visible("Print again##dispense_done"));
    CHECK(ui.text("print:dispense").find("No label printer here") == 0);
}

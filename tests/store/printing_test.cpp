// Tests for the store's printing operations: the labels of a dispensing read
// back (one per line, batches across a FEFO split, cancelled refused), the
// device's printer settings (defaults, validation, round trip, not synced)
// and the print queue's jobs (kept until printed, failures counted, printed
// jobs never offered again).
#include <catch2/catch.hpp>

#include "test_fixture.h"

using namespace outpost;
using outpost::test::Clinic;

namespace {

std::string dispense_two_lines(Clinic& c) {
    DispenseInput in;
    in.patient_id = c.patient;
    in.prescriber = "Dr Okafor";
    DispenseLineInput para;
    para.item_id = c.para;
    para.quantity = 120;  // more than P-EARLY's 100: takes from two batches
    para.directions = "2t qds prn";
    DispenseLineInput amox;
    amox.item_id = c.amox;
    amox.quantity = 15;
    amox.directions = "1t tds x5/7";
    in.lines = {para, amox};
    auto r = c.store->dispense(c.dispenser, in);
    REQUIRE(r.ok());
    return r->prescription_id;
}

}  // namespace

TEST_CASE("dispensing_labels gives one label per line, as dispensed", "[printing]") {
    Clinic c;
    const std::string rx = dispense_two_lines(c);
    auto labels = c.store->dispensing_labels(rx);
    REQUIRE(labels.ok());
    REQUIRE(labels->size() == 2);
    const LabelInput& para = (*labels)[0];
    CHECK(para.facility == "Mbala Health Centre");
    CHECK(para.patient_name == "KAMARA, Aminata");
    CHECK(para.item_name == "Paracetamol 500 mg tablet");
    CHECK(para.quantity == 120);
    CHECK(para.unit == "tablet");
    CHECK(para.directions_text.find("TWO tablets") != std::string::npos);
    CHECK(para.date == "2026-06-15");
    CHECK(para.dispenser == "Dina Dispenser");
    CHECK(para.prescriber == "Dr Okafor");
    CHECK(para.batches.find("P-EARLY exp ") == 0);
    CHECK(para.batches.find("; P-LATE exp ") != std::string::npos);
    CHECK_FALSE(para.training);
    CHECK((*labels)[1].item_name == "Amoxicillin 250 mg dispersible tablet");
    CHECK((*labels)[1].warning == "Complete the course");
    CHECK((*labels)[1].batches.find("A-1 exp ") == 0);
}

TEST_CASE("dispensing_labels refuses unknown and cancelled dispensings", "[printing]") {
    Clinic c;
    auto none = c.store->dispensing_labels("no-such-id");
    CHECK(none.status().code() == Status::Code::kNotFound);
    const std::string rx = dispense_two_lines(c);
    REQUIRE(c.store->cancel_dispensing(c.dispenser, rx, "wrong patient").ok());
    auto cancelled = c.store->dispensing_labels(rx);
    CHECK(cancelled.status().code() == Status::Code::kConflict);
    CHECK(cancelled.status().message().find("cancelled") != std::string::npos);
}

TEST_CASE("printer settings: defaults, validation, round trip, never in the outbox", "[printing]") {
    Clinic c;
    auto d = c.store->printer_settings();
    REQUIRE(d.ok());
    CHECK(d->kind == PrinterKind::kNone);
    CHECK(d->label_size == "50x25mm");
    CHECK(d->dpi == 203);
    CHECK(d->copies == 1);

    PrinterSettings bad;
    bad.kind = PrinterKind::kZpl;
    CHECK(c.store->set_printer_settings(bad).code() == Status::Code::kInvalidArgument);  // no address
    bad.address = "10.0.0.5";
    bad.label_size = "A4";
    CHECK(c.store->set_printer_settings(bad).message().find("label size") != std::string::npos);
    bad.label_size = "62x29mm";
    bad.copies = 0;
    CHECK_FALSE(c.store->set_printer_settings(bad).ok());
    PrinterSettings cups;
    cups.kind = PrinterKind::kCups;
    cups.address = "-o evil";
    CHECK_FALSE(c.store->set_printer_settings(cups).ok());
    // Nothing was written by the refusals.
    CHECK(c.store->printer_settings()->kind == PrinterKind::kNone);

    const int64_t outbox_before = c.outbox();
    PrinterSettings good;
    good.kind = PrinterKind::kZpl;
    good.address = "10.0.0.5:9100";
    good.label_size = "4x2in";
    good.dpi = 300;
    good.copies = 2;
    REQUIRE(c.store->set_printer_settings(good).ok());
    auto back = c.store->printer_settings();
    REQUIRE(back.ok());
    CHECK(back->kind == PrinterKind::kZpl);
    CHECK(back->address == "10.0.0.5:9100");
    CHECK(back->label_size == "4x2in");
    CHECK(back->dpi == 300);
    CHECK(back->copies == 2);
    CHECK(c.outbox() == outbox_before);  // a device setting: nothing to sync
}

TEST_CASE("print jobs stay queued until printed and are never offered again", "[printing]") {
    Clinic c;
    CHECK_FALSE(c.store->add_print_job("empty", "").ok());
    auto a = c.store->add_print_job("Labels for KAMARA, Aminata (2)", "[1]");
    auto b = c.store->add_print_job("Test label", "[2]");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    auto jobs = c.store->unprinted_print_jobs();
    REQUIRE(jobs.ok());
    REQUIRE(jobs->size() == 2);
    CHECK((*jobs)[0].id == *a);  // oldest first
    CHECK((*jobs)[0].description == "Labels for KAMARA, Aminata (2)");

    REQUIRE(c.store->note_print_failure(*a, "printer not answering").ok());
    auto failed = c.store->print_job(*a);
    REQUIRE(failed.ok());
    CHECK(failed->attempts == 1);
    CHECK(failed->last_error == "printer not answering");
    CHECK_FALSE(failed->printed_ms.has_value());

    REQUIRE(c.store->mark_print_job_printed(*a).ok());
    jobs = c.store->unprinted_print_jobs();
    REQUIRE(jobs->size() == 1);
    CHECK((*jobs)[0].id == *b);
    CHECK(c.store->print_job(*a)->printed_ms.has_value());
    // A late failure report for a printed job changes nothing.
    REQUIRE(c.store->note_print_failure(*a, "late").ok());
    CHECK(c.store->print_job(*a)->attempts == 1);

    // Printed jobs are pruned after a week.
    c.clock.advance(8LL * 24 * 3600 * 1000);
    REQUIRE(c.store->mark_print_job_printed(*b).ok());
    CHECK(c.store->print_job(*a).status().code() == Status::Code::kNotFound);
    CHECK(c.store->print_job(*b).ok());
}

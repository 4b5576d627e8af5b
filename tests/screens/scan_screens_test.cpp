// Scans through the shell's real input queue at scanner speed (keys 1-5 ms
// apart, WedgeScanner) on Dispense, Stocktake and Stock, each checked against
// the store after the action; and the Sync screen's scanner setting. Receive
// is in scan_receive_test.cpp.
#include <catch2/catch.hpp>

#include "sync_status.h"
#include "ui_harness.h"
#include "wedge_scanner.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

const std::string kAmoxGtin = "09506000134352";  // check digit 2

// A DataMatrix pack code as a wedge scanner types it: AIM ]d2, GTIN, expiry,
// batch (last, so no separator needed).
std::string pack(const std::string& gtin, const std::string& yymmdd, const std::string& batch) {
    return "]d201" + gtin + "17" + yymmdd + "10" + batch;
}

std::string patient_in(Clinic& clinic, Ui& ui) {
    PatientInput in;
    in.family_name = "Vaka";
    in.given_name = "Sione";
    auto patient = clinic.store->register_patient(clinic.dispenser, in);
    REQUIRE(patient.ok());
    REQUIRE(ui.type_into("##patient_search", "Vaka"));
    REQUIRE(ui.tap_containing("##patient-" + *patient));
    return *patient;
}

void confirm_quantity(Ui& ui, const std::string& qty) {
    REQUIRE(ui.keypad("qty", qty));
    REQUIRE(ui.tap("Done##qty"));
    REQUIRE(ui.tap("Confirm dispensing##dispense"));
    ui.frame(2);
    if (ui.visible("Dispense anyway##dispense")) REQUIRE(ui.tap("Dispense anyway##dispense"));
    INFO(ui.error());
    REQUIRE(ui.visible("Next patient##dispense"));
}

}  // namespace

TEST_CASE("dispense: a scanned pack adds the item and picks the scanned batch", "[screens][scan]") {
    Clinic clinic;
    REQUIRE(clinic.store->link_barcode(clinic.storekeeper, kAmoxGtin, clinic.amox).ok());
    Ui ui(clinic);
    WedgeScanner scanner(ui);
    REQUIRE(ui.log_in());
    patient_in(clinic, ui);
    // The later batch, which earliest-expiry-first would not take.
    REQUIRE(scanner.scan(pack(kAmoxGtin, "270630", "AMX-LATE")) == 1);
    CHECK(scanner.characters_typed == 0);
    INFO(ui.error());
    CHECK(ui.error().empty());
    CHECK(ui.notice().find("AMX-LATE") != std::string::npos);
    REQUIRE(ui.visible("qty0"));
    CHECK(ui.visible("Change batch##choose0"));  // the line has a batch of its own
    // Scanning the same pack again does not add a second line.
    REQUIRE(scanner.scan(pack(kAmoxGtin, "270630", "AMX-LATE")) == 1);
    CHECK(ui.notice().find("Already on the prescription") != std::string::npos);
    CHECK_FALSE(ui.visible("qty1"));
    confirm_quantity(ui, "6");
    CHECK(clinic.on_hand(clinic.amox, "AMX-LATE") == 94);
    CHECK(clinic.on_hand(clinic.amox, "AMX-EARLY") == 10);
}

TEST_CASE("dispense: a scanned batch on hold or expired is not picked - and says so",
          "[screens][scan]") {
    Clinic clinic;
    REQUIRE(clinic.store->link_barcode(clinic.storekeeper, kAmoxGtin, clinic.amox).ok());
    REQUIRE(clinic.store->set_batch_on_hold(clinic.storekeeper, clinic.amox_late, true).ok());
    Ui ui(clinic);
    WedgeScanner scanner(ui);
    REQUIRE(ui.log_in());
    patient_in(clinic, ui);
    REQUIRE(scanner.scan(pack(kAmoxGtin, "270630", "AMX-LATE")) == 1);
    CHECK(ui.error().find("ON HOLD") != std::string::npos);
    CHECK(ui.error().find("Earliest expiry first") != std::string::npos);
    CHECK(ui.visible("Choose batch##choose0"));  // no batch picked
    confirm_quantity(ui, "4");
    CHECK(clinic.on_hand(clinic.amox, "AMX-EARLY") == 6);  // earliest expiry first
    CHECK(clinic.on_hand(clinic.amox, "AMX-LATE") == 100);

    // A batch that has expired since it was received.
    REQUIRE(ui.tap("Next patient##dispense"));
    clinic.clock.advance(int64_t{200} * 24 * 3600 * 1000);  // 2027-01-01: AMX-EARLY expired
    patient_in(clinic, ui);
    REQUIRE(scanner.scan(pack(kAmoxGtin, "261231", "AMX-EARLY")) == 1);
    CHECK(ui.error().find("EXPIRED on 2026-12-31") != std::string::npos);
    CHECK(ui.visible("Choose batch##choose0"));
}

TEST_CASE("dispense: a scan before the patient is chosen - or of an unknown code - says why",
          "[screens][scan]") {
    Clinic clinic;
    Ui ui(clinic);
    WedgeScanner scanner(ui);
    REQUIRE(ui.log_in());
    REQUIRE(scanner.scan(pack(kAmoxGtin, "270630", "AMX-LATE")) == 1);
    CHECK(ui.error().find("Choose the patient first") != std::string::npos);
    patient_in(clinic, ui);
    REQUIRE(scanner.scan(pack(kAmoxGtin, "270630", "AMX-LATE")) == 1);
    // A dispenser cannot link: told who can.
    CHECK(ui.error().find("A storekeeper or an administrator can link it") != std::string::npos);
    CHECK_FALSE(ui.visible("qty0"));
}

TEST_CASE("stocktake: a scan opens that batch's count line - the count reaches the store",
          "[screens][scan]") {
    Clinic clinic;
    REQUIRE(clinic.store->link_barcode(clinic.storekeeper, kAmoxGtin, clinic.amox).ok());
    Ui ui(clinic);
    WedgeScanner scanner(ui);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Stocktake##nav"));
    REQUIRE(ui.tap("Start##stocktake"));
    REQUIRE(ui.visible("Finalise##stocktake"));
    CHECK_FALSE(ui.visible("Save count##count"));
    REQUIRE(scanner.scan(pack(kAmoxGtin, "270630", "AMX-LATE")) == 1);
    INFO(ui.error());
    CHECK(ui.notice().find("Counting Amoxicillin") != std::string::npos);
    REQUIRE(ui.visible("Save count##count"));
    REQUIRE(ui.keypad("count", "97"));
    REQUIRE(ui.tap("Save count##count"));
    auto open = clinic.store->stocktakes(true);
    REQUIRE(open.ok());
    REQUIRE(open->size() == 1);
    auto sheet = clinic.store->stocktake_sheet(open->at(0).id, 0, 50);
    REQUIRE(sheet.ok());
    bool found = false;
    for (const SheetRow& r : sheet->rows) {
        if (r.batch_id == clinic.amox_late) {
            found = true;
            REQUIRE(r.counted);
            CHECK(*r.counted == 97);
        } else {
            CHECK_FALSE(r.counted);  // only the scanned line was counted
        }
    }
    CHECK(found);

    // A batch of a known item that is not on the count.
    REQUIRE(scanner.scan(pack(kAmoxGtin, "280131", "AMX-NEW")) == 1);
    CHECK(ui.error().find("Batch AMX-NEW of Amoxicillin") != std::string::npos);
    CHECK(ui.error().find("not on this count") != std::string::npos);
}

TEST_CASE("stock: a scan through the input queue opens the item", "[screens][scan]") {
    Clinic clinic;
    REQUIRE(clinic.store->link_barcode(clinic.storekeeper, kAmoxGtin, clinic.amox).ok());
    Ui ui(clinic);
    WedgeScanner scanner(ui, "~");
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Stock##nav"));
    // GS sent as the configured '~', between the batch and a serial.
    REQUIRE(scanner.scan("]d201" + kAmoxGtin + "10AMX-LATE\x1d" "21SN1", "~") == 1);
    CHECK(scanner.characters_typed == 0);
    CHECK(ui.visible("Hold##hold-" + clinic.amox_late));
    // What the screen showed comes from the store: the batch's balance.
    CHECK(clinic.on_hand(clinic.amox, "AMX-LATE") == 100);
}

TEST_CASE("the scanner setting: an admin saves it on the Sync screen - the store keeps it",
          "[screens][scan]") {
    Clinic clinic;
    REQUIRE(clinic.store->add_user({"Ana Admin", Role::kAdmin, "9999"}).ok());
    UiOptions options;
    SyncStatusBoard board;
    options.sync = &board;
    Ui ui(clinic, ImVec2(1366, 768), options);
    REQUIRE(ui.log_in("Ana Admin", "9999"));
    REQUIRE(ui.tap("Sync##nav"));
    REQUIRE(ui.type_into("##scanner_chars", "a"));
    REQUIRE(ui.tap("Save scanner setting##scanner"));
    CHECK(ui.error().find("letter or digit") != std::string::npos);
    CHECK(clinic.store->scanner_separators().value().empty());
    // Logging out drops what was typed; the field comes back as stored.
    REQUIRE(ui.tap("Log out##nav"));
    REQUIRE(ui.log_in("Ana Admin", "9999"));
    REQUIRE(ui.tap("Sync##nav"));
    REQUIRE(ui.type_into("##scanner_chars", "~"));
    REQUIRE(ui.tap("Save scanner setting##scanner"));
    INFO(ui.error());
    CHECK(clinic.store->scanner_separators().value() == "~");

    // A storekeeper does not see the setting.
    REQUIRE(ui.tap("Log out##nav"));
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Sync##nav"));
    CHECK_FALSE(ui.visible("Save scanner setting##scanner"));
}

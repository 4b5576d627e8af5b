// Barcode scans on the screens (UiRoot::scan, as the shell hands over a
// keyboard-wedge scan from the input queue; the queue's own recognition is
// tested in tests/app/input_queue_test.cpp). The other screens' scans, typed
// through the queue itself, are in scan_screens_test.cpp and
// scan_receive_test.cpp.
#include <catch2/catch.hpp>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {
const std::string kGtin = "09506000134352";  // check digit 2: sum 78
}

TEST_CASE("a scan on the Stock screen opens the item its GTIN is linked to", "[screens][scan]") {
    Clinic clinic;
    REQUIRE(clinic.store->link_barcode(clinic.storekeeper, kGtin, clinic.amox).ok());
    Ui ui(clinic);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));  // who may hold a batch
    REQUIRE(ui.tap("Stock##nav"));
    CHECK_FALSE(ui.visible("Hold##hold-" + clinic.amox_early));
    ui.root->scan("]d201" + kGtin + "17271231" "10AMX-EARLY");
    ui.frame(3);
    CHECK(ui.visible("Hold##hold-" + clinic.amox_early));  // the item's batches
    CHECK(ui.error().empty());
}

TEST_CASE("a scan the Stock screen cannot use says why and stays", "[screens][scan]") {
    Clinic clinic;
    Ui ui(clinic);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("Stock##nav"));
    ui.root->scan("01" + kGtin);  // valid, but not linked here
    ui.frame(3);
    CHECK(ui.error().find("not linked") != std::string::npos);
    CHECK(ui.visible_containing("##stock-" + clinic.amox));
    ui.root->scan("0109506000134353");  // wrong check digit
    ui.frame(3);
    CHECK(ui.error().find("check digit") != std::string::npos);
    CHECK(ui.visible_containing("##stock-" + clinic.amox));
}

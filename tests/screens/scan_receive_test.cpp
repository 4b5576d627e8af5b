// Receiving by scanning, through the shell's real input queue at scanner
// speed (WedgeScanner): the four cases of docs/barcodes.md each with its own
// words, "check the batch" asked about, and the store checked after
// "Receive all".
#include <catch2/catch.hpp>

#include "ui_harness.h"
#include "wedge_scanner.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

const std::string kAmoxGtin = "09506000134352";  // check digit 2
const std::string kParaGtin = "04006381333931";  // check digit 1

std::string pack(const std::string& gtin, const std::string& yymmdd, const std::string& batch) {
    return "]d201" + gtin + "17" + yymmdd + "10" + batch;
}

std::string expiry_of(Clinic& clinic, const std::string& item, const std::string& batch_no) {
    auto d = clinic.store->item_detail(item);
    REQUIRE(d.ok());
    for (const BatchRow& b : d->batches)
        if (b.batch_no == batch_no) return b.expiry;
    return "";
}

struct Receiving {
    Clinic clinic;
    Ui ui{clinic};
    WedgeScanner scanner{ui};
    Receiving() {
        REQUIRE(clinic.store->link_barcode(clinic.storekeeper, kAmoxGtin, clinic.amox).ok());
        REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
        REQUIRE(ui.tap("Receive##nav"));
    }
};

}  // namespace

TEST_CASE("receive: scanned cartons fill item - batch and expiry - Receive all stores them",
          "[screens][scan][receive]") {
    Receiving t;
    // A known GTIN with a batch new to the clinic: a new line.
    REQUIRE(t.scanner.scan(pack(kAmoxGtin, "280100", "AMX-NEW")) == 1);  // DD=00: 2028-01-31
    CHECK(t.scanner.characters_typed == 0);
    INFO(t.ui.error());
    CHECK(t.ui.notice().find("New line 1") != std::string::npos);
    CHECK(t.ui.notice().find("a new batch") != std::string::npos);
    // The same batch again: one more pack on that line, not a second line.
    REQUIRE(t.scanner.scan(pack(kAmoxGtin, "280100", "AMX-NEW")) == 1);
    CHECK(t.ui.notice().find("One more pack on line 1") != std::string::npos);
    CHECK(t.ui.notice().find("now 2 packs") != std::string::npos);
    // A known GTIN with another batch (one already in stock): a second line.
    REQUIRE(t.scanner.scan(pack(kAmoxGtin, "270630", "AMX-LATE")) == 1);
    CHECK(t.ui.notice().find("New line 2") != std::string::npos);
    CHECK(t.ui.notice().find("batch already in stock") != std::string::npos);
    CHECK(t.ui.probe.text("receipt-line0") == t.clinic.amox + "|AMX-NEW|2028-01-31|2");
    CHECK(t.ui.probe.text("receipt-line1") == t.clinic.amox + "|AMX-LATE|2027-06-30|1");
    CHECK(expiry_of(t.clinic, t.clinic.amox, "AMX-NEW").empty());  // no batch before confirming

    REQUIRE(t.ui.tap("Receive all 2 lines##receipt"));
    INFO(t.ui.error());
    CHECK(t.ui.notice().find("Received all 2 lines") != std::string::npos);
    CHECK(t.clinic.on_hand(t.clinic.amox, "AMX-NEW") == 200);   // 2 packs of 100
    CHECK(t.clinic.on_hand(t.clinic.amox, "AMX-LATE") == 200);  // 100 + 1 pack
    CHECK(expiry_of(t.clinic, t.clinic.amox, "AMX-NEW") == "2028-01-31");
    CHECK_FALSE(t.ui.visible_prefix("Receive all"));
}

TEST_CASE("receive: an unknown GTIN is linked once - then known", "[screens][scan][receive]") {
    Receiving t;
    REQUIRE(t.scanner.scan(pack(kParaGtin, "290331", "PARA-9")) == 1);
    CHECK(t.ui.notice().find("not linked to an item yet") != std::string::npos);
    CHECK(t.ui.probe.text("link:gtin") == kParaGtin);
    REQUIRE(t.ui.type_into("##link_search", "PCM"));
    REQUIRE(t.ui.tap_prefix("PCM500  "));
    INFO(t.ui.error());
    auto linked = t.clinic.store->item_for_gtin(kParaGtin);
    REQUIRE(linked.ok());
    CHECK(linked->id == t.clinic.para);
    // The scan that asked is used at once.
    CHECK(t.ui.notice().find("New line 1: Paracetamol") != std::string::npos);
    // The next scan needs no link.
    REQUIRE(t.scanner.scan(pack(kParaGtin, "290331", "PARA-9")) == 1);
    CHECK(t.ui.notice().find("One more pack on line 1") != std::string::npos);
    CHECK(t.ui.probe.text("link:gtin").empty());
    REQUIRE(t.ui.tap("Receive 1 line##receipt"));
    CHECK(t.clinic.on_hand(t.clinic.para, "PARA-9") == 2000);  // 2 packs of 1000
    CHECK(expiry_of(t.clinic, t.clinic.para, "PARA-9") == "2029-03-31");
}

TEST_CASE("receive: a code that is not GS1 and unknown says so", "[screens][scan][receive]") {
    Receiving t;
    REQUIRE(t.scanner.scan("HELLO-WORLD") == 1);
    CHECK(t.ui.error().find("not a GS1 or EAN/UPC barcode") != std::string::npos);
    CHECK(t.ui.probe.text("receipt-line0").empty());
    CHECK(t.ui.visible("##receive_item_search"));  // the item search is still there
}

TEST_CASE("receive: a reading that may have lost a separator is asked about",
          "[screens][scan][receive]") {
    Receiving t;
    // No GS anywhere and the batch runs to the end: "10ABC123" + "17271231"
    // may be batch ABC123 with expiry 2027-12-31.
    const std::string unsure = "01" + kAmoxGtin + "10ABC12317271231";
    REQUIRE(t.scanner.scan(unsure) == 1);
    REQUIRE(t.ui.visible("Type the batch by hand##receive-check"));
    CHECK(t.ui.probe.text("receipt-line0").empty());  // not used silently
    REQUIRE(t.ui.tap("Type the batch by hand##receive-check"));
    CHECK(t.ui.notice().find("Type the batch and expiry") != std::string::npos);
    REQUIRE(t.ui.visible("##receive_batch"));  // the form, for the item scanned
    CHECK(t.ui.visible("Change item##receive"));
    CHECK(t.ui.probe.text("receipt-line0").empty());

    // The person checks the pack and the reading was right after all.
    REQUIRE(t.ui.tap("Change item##receive"));
    REQUIRE(t.scanner.scan("01" + kAmoxGtin + "17281130" "10XY1232112345") == 1);
    REQUIRE(t.ui.visible("The pack says exactly this##receive-check"));
    REQUIRE(t.ui.tap("The pack says exactly this##receive-check"));
    CHECK(t.ui.probe.text("receipt-line0") == t.clinic.amox + "|XY1232112345|2028-11-30|1");
}

TEST_CASE("receive: the quantity of a scanned line is typed on the keypad", "[screens][scan][receive]") {
    Receiving t;
    REQUIRE(t.scanner.scan(pack(kAmoxGtin, "280100", "AMX-NEW")) == 1);
    CHECK(t.ui.probe.text("receipt-line0") == t.clinic.amox + "|AMX-NEW|2028-01-31|1");
    REQUIRE(t.ui.tap("receipt_qty0"));
    REQUIRE(t.ui.visible("Clear##receipt"));
    REQUIRE(t.ui.tap("Clear##receipt"));
    REQUIRE(t.ui.tap("1##receipt"));
    REQUIRE(t.ui.tap("2##receipt"));
    REQUIRE(t.ui.tap("Done##receipt"));
    CHECK_FALSE(t.ui.visible("Clear##receipt"));
    CHECK(t.ui.probe.text("receipt-line0") == t.clinic.amox + "|AMX-NEW|2028-01-31|12");
    REQUIRE(t.ui.tap("Receive 1 line##receipt"));
    INFO(t.ui.error());
    CHECK(t.clinic.on_hand(t.clinic.amox, "AMX-NEW") == 1200);  // 12 packs of 100
}

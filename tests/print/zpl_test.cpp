// Tests for ZPL generation: one well-formed ^XA..^XZ format per sheet, UTF-8
// (^CI28) with accents passed through, hostile characters in a patient's
// name or a direction escaped with ^FH so they can neither end a field nor
// start a command, copies as ^PQ, the training band as a reversed box.
#include <catch2/catch.hpp>

#include "fake_zpl_printer.h"
#include "zpl.h"

using namespace outpost;
using outpost::test::count_zpl_formats;

namespace {

LabelInput hostile() {
    LabelInput in;
    in.facility = "Centre de Santé ~JA";
    in.patient_name = "^XZ^XA~JR\\_O'Brien ^FS~DGR:X";
    in.item_name = "Paracétamol 500 mg comprimé";
    in.quantity = 20;
    in.unit = "tablet";
    in.directions_text = "Take ^FD TWO ~HS tablets \\& wait_then";
    in.date = "2026-06-15";
    return in;
}

const LabelGeometry kSmall = label_geometry(*find_label_size("62x29mm"), 203);

}  // namespace

TEST_CASE("zpl_field escapes every character a printer would act on", "[print][zpl]") {
    CHECK(zpl_field("plain text 123") == "plain text 123");
    CHECK(zpl_field("a^b~c\\d_e") == "a_5Eb_7Ec_5Cd_5Fe");
    CHECK(zpl_field("tab\there") == "tab_09here");
    CHECK(zpl_field("é ñ ç") == "é ñ ç");  // UTF-8 bytes pass through under ^CI28
}

TEST_CASE("hostile names and directions cannot break the label", "[print][zpl]") {
    const LaidOutLabel laid = lay_out_label(hostile(), label_geometry(*find_label_size("4x2in"), 203), zpl_font_width);
    REQUIRE(laid.sheets.size() == 1);
    const std::string zpl = zpl_label(laid, 1);
    CHECK(count_zpl_formats(zpl) == 1);
    CHECK(zpl.find("^CI28") != std::string::npos);
    // The hostile text is there, escaped, and nowhere raw.
    CHECK(zpl.find("_5EXZ_5EXA_7EJR_5C_5FO'Brien _5EFS_7EDGR:X") != std::string::npos);
    CHECK(zpl.find("~JR") == std::string::npos);
    CHECK(zpl.find("~DG") == std::string::npos);
    CHECK(zpl.find("~HS") == std::string::npos);
    CHECK(zpl.find("Paracétamol") != std::string::npos);
    CHECK(zpl.find("Santé _7EJA") != std::string::npos);
    // Every field that has an escape says so with ^FH.
    size_t fd = 0;
    while ((fd = zpl.find("^FD", fd)) != std::string::npos) {
        CHECK(zpl.compare(fd - 3, 3, "^FH") == 0);
        ++fd;
    }
}

TEST_CASE("one format per sheet, copies as ^PQ, the training band reversed", "[print][zpl]") {
    LabelInput in = hostile();
    in.training = true;
    in.warning = "Shake well; keep in a cool place; do not give to children under 2 without advice";
    in.prescriber = "Dr Okafor";
    in.batches = "P-1 exp 2027-01-31; P-2 exp 2027-06-30";
    const LaidOutLabel laid = lay_out_label(in, kSmall, zpl_font_width);
    REQUIRE(laid.sheets.size() >= 2);
    const std::string zpl = zpl_label(laid, 3);
    CHECK(count_zpl_formats(zpl) == static_cast<int>(laid.sheets.size()));
    size_t pq = 0, n = 0;
    while ((pq = zpl.find("^PQ3\n", pq)) != std::string::npos) ++n, ++pq;
    CHECK(n == laid.sheets.size());
    size_t fr = 0, bands = 0;
    while ((fr = zpl.find("^FR^FH^FDTRAINING", fr)) != std::string::npos) ++bands, ++fr;
    CHECK(bands == laid.sheets.size());
    CHECK(zpl.find("^FO0,0^GB496,") != std::string::npos);
    CHECK(zpl.find("^FDpart 2 of ") != std::string::npos);
}

TEST_CASE("zpl_labels joins the formats of every label of a job", "[print][zpl]") {
    LabelInput a = hostile(), b = hostile();
    b.item_name = "Amoxicillin 250 mg";
    const std::string zpl = zpl_labels({a, b}, label_geometry(*find_label_size("4x2in"), 203), 1);
    CHECK(count_zpl_formats(zpl) == 2);
    CHECK(zpl.find("Amoxicillin") > zpl.find("Paracétamol"));
}

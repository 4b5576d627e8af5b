// Tests for the GS1 scan reader (app/store/gs1.h, gs1_ai.h). Every vector is
// derived here from the rules in docs/barcodes.md: check digits computed by
// hand (weights 3,1,3,1 from the right), both DD=00 cases, leap years, the
// century boundary in 2026, each separator substitute, the missing-separator
// ambiguity, the bracketed form and junk.
#include "gs1.h"

#include <catch2/catch.hpp>
#include <string>

#include "gs1_ai.h"

using outpost::gs1::Options;
using outpost::gs1::parse;
using outpost::gs1::Reading;

namespace {

const std::string GS = "\x1d";
// 0950600013435 -> 0*3+... : sum 78, check (10 - 8) % 10 = 2.
const std::string kGtin = "09506000134352";

Reading read(const std::string& text, const std::string& subs = "",
             const std::string& today = "2026-12-03") {
    Options o;
    o.today = today;
    o.separator_substitutes = subs;
    return parse(text, o);
}

bool mentions(const Reading& r, const std::string& words) {
    for (const std::string& w : r.warnings)
        if (w.find(words) != std::string::npos) return true;
    return false;
}

void require_refused(const Reading& r) {
    REQUIRE_FALSE(r.error.ok());
    REQUIRE_FALSE(r.error.message().empty());
    REQUIRE(r.gtin.empty());
    REQUIRE(r.batch.empty());
    REQUIRE(r.expiry.empty());
    REQUIRE(r.serial.empty());
    REQUIRE(r.other.empty());
}

}  // namespace

TEST_CASE("gs1: check digits computed with weights 3,1,3,1 from the right", "[gs1]") {
    using outpost::gs1::check_digit;
    using outpost::gs1::has_valid_check_digit;
    CHECK(check_digit("0950600013435") == '2');  // sum 78
    CHECK(check_digit("400638133393") == '1');   // EAN-13 4006381333931
    CHECK(check_digit("03600029145") == '2');    // UPC-A 036000291452
    CHECK(check_digit("9638507") == '4');        // EAN-8 96385074
    CHECK(check_digit("00614141123456789") == '0');  // SSCC
    CHECK(has_valid_check_digit(kGtin));
    CHECK_FALSE(has_valid_check_digit("09506000134353"));
    CHECK_FALSE(has_valid_check_digit("0950600013435x"));
}

TEST_CASE("gs1: the dictionary's predefined flags follow GS1's prefix table", "[gs1]") {
    size_t n = 0;
    const outpost::gs1::AiSpec* ais = outpost::gs1::ai_dictionary(&n);
    REQUIRE(n >= 30);
    for (size_t i = 0; i < n; ++i) {
        std::string ai = ais[i].ai;
        if (ai.back() == 'n') ai.back() = '3';
        INFO(ai);
        CHECK(ais[i].predefined == outpost::gs1::is_predefined_prefix(ai));
        CHECK(outpost::gs1::lookup_ai(ai) == &ais[i]);
        if (ais[i].predefined) CHECK(ais[i].min_length == ais[i].max_length);
    }
    for (const char* ai : {"01", "10", "17", "11", "15", "21", "00", "02", "37", "30", "240", "241",
                           "7003", "710", "712", "715", "8004"})
        CHECK(outpost::gs1::lookup_ai(ai) != nullptr);
}

TEST_CASE("gs1: a GS1 DataMatrix scan with GTIN, expiry, batch and serial", "[gs1]") {
    Reading r = read("]d2" "01" + kGtin + "17261231" "10ABC123" + GS + "21XYZ789");
    REQUIRE(r.error.ok());
    CHECK(r.gtin == kGtin);
    CHECK(r.expiry == "2026-12-31");
    CHECK(r.batch == "ABC123");
    CHECK(r.serial == "XYZ789");
    CHECK(r.symbology == "gs1-datamatrix");
    CHECK(r.gs1);
    CHECK(r.other.empty());
    CHECK(r.warnings.empty());
    CHECK_FALSE(r.needs_check);
}

TEST_CASE("gs1: AIM prefixes are recorded as the symbology", "[gs1]") {
    const std::string data = "01" + kGtin + "17261231" "10B1";
    CHECK(read("]C1" + data).symbology == "gs1-128");
    CHECK(read("]Q3" + data).symbology == "gs1-qr");
    CHECK(read("]e0" + data).symbology == "gs1-databar");
    CHECK(read("]C1" + data).batch == "B1");
    CHECK(read(data).symbology == "gs1");
    // Plain DataMatrix / QR carry no GS1 fields: only an EAN/UPC number is usable.
    Reading plain = read("]d1" + data);
    require_refused(plain);
    CHECK(plain.symbology == "datamatrix");
    CHECK(plain.error.message().find("not a GS1 code") != std::string::npos);
    Reading qr = read("]Q1https://example.org/leaflet");
    require_refused(qr);
    CHECK(qr.symbology == "qr");
    Reading ean = read("]d14006381333931");
    REQUIRE(ean.error.ok());
    CHECK(ean.gtin == "04006381333931");
    CHECK(ean.symbology == "datamatrix");
    CHECK_FALSE(ean.gs1);
}

TEST_CASE("gs1: plain EAN-13, UPC-A and EAN-8 are GTINs padded to 14", "[gs1]") {
    Reading e13 = read("4006381333931");
    REQUIRE(e13.error.ok());
    CHECK(e13.gtin == "04006381333931");
    CHECK(e13.symbology == "ean-13");
    Reading upc = read("036000291452");
    REQUIRE(upc.error.ok());
    CHECK(upc.gtin == "00036000291452");
    CHECK(upc.symbology == "upc-a");
    Reading e8 = read("96385074");
    REQUIRE(e8.error.ok());
    CHECK(e8.gtin == "00000096385074");
    CHECK(e8.symbology == "ean-8");
    CHECK(read("]E04006381333931").gtin == "04006381333931");
    Reading bad = read("4006381333932");
    require_refused(bad);
    CHECK(bad.error.message().find("check digit") != std::string::npos);
}

TEST_CASE("gs1: DD=00 is the last day of the month, leap years included", "[gs1]") {
    CHECK(read("01" + kGtin + "17270200").expiry == "2027-02-28");
    CHECK(read("01" + kGtin + "17280200").expiry == "2028-02-29");
    CHECK(read("01" + kGtin + "17261100").expiry == "2026-11-30");
    CHECK(read("01" + kGtin + "17270100").expiry == "2027-01-31");
    CHECK(read("01" + kGtin + "17280229").expiry == "2028-02-29");
    for (const char* bad : {"17270229", "17261131", "17261301", "17260001", "17261232"}) {
        INFO(bad);
        Reading r = read("01" + kGtin + bad);
        require_refused(r);
        CHECK(r.error.message().find("not a real date") != std::string::npos);
    }
}

TEST_CASE("gs1: the century of YYMMDD follows today's year", "[gs1]") {
    // In 2026: d = YY - 26; 76 gives d = 50 (this century), 77 gives 51 (the last).
    CHECK(read("01" + kGtin + "17760101").expiry == "2076-01-01");
    CHECK(read("01" + kGtin + "17770101").expiry == "1977-01-01");
    CHECK(read("01" + kGtin + "17000101").expiry == "2000-01-01");
    CHECK(read("01" + kGtin + "17990101").expiry == "1999-01-01");
    // In 2080: YY 30 gives d = -50 (the next century), 31 gives -49 (this one).
    CHECK(read("01" + kGtin + "17300101", "", "2080-06-01").expiry == "2130-01-01");
    CHECK(read("01" + kGtin + "17310101", "", "2080-06-01").expiry == "2031-01-01");
    // The clock is never read: a bad "today" refuses everything.
    Reading r = read("01" + kGtin + "17300101", "", "today");
    require_refused(r);
    CHECK(r.error.message().find("Today") != std::string::npos);
}

TEST_CASE("gs1: each separator substitute stands for GS", "[gs1]") {
    const std::string before = "01" + kGtin + "10ABC123";
    for (const char* sub : {"~", "|", "^", "#"}) {
        INFO(sub);
        Reading r = read(before + sub + "21XYZ", "~|^#");
        REQUIRE(r.error.ok());
        CHECK(r.batch == "ABC123");
        CHECK(r.serial == "XYZ");
        CHECK_FALSE(r.needs_check);
    }
    Reading gs = read(before + GS + "21XYZ");
    CHECK(gs.batch == "ABC123");
    CHECK(gs.serial == "XYZ");
    // Not configured: '~' is not a batch character, so the code is refused.
    Reading unmapped = read(before + "~21XYZ");
    require_refused(unmapped);
    CHECK(unmapped.error.message().find("'~'") != std::string::npos);
    // A letter or digit cannot stand for GS.
    require_refused(read(before, "A"));
    require_refused(read(before, "7"));
}

TEST_CASE("gs1: whitespace, zero-width characters and a leading GS are removed", "[gs1]") {
    const std::string zwsp = "\xE2\x80\x8B", zwnj = "\xE2\x80\x8C", zwj = "\xE2\x80\x8D",
                      bom = "\xEF\xBB\xBF";
    Reading r = read(bom + " ]d2" + GS + "01 0950600" + zwsp + "0134352" + zwnj + "17" + zwj +
                     "261231\t10ABC123" + GS + GS + "21XYZ789" + GS + "\r\n");
    REQUIRE(r.error.ok());
    CHECK(r.gtin == kGtin);
    CHECK(r.expiry == "2026-12-31");
    CHECK(r.batch == "ABC123");
    CHECK(r.serial == "XYZ789");
    CHECK(r.symbology == "gs1-datamatrix");
}

TEST_CASE("gs1: a batch with no separator that may hold the expiry says check the batch",
          "[gs1]") {
    // Producer put the variable batch before the expiry and dropped the GS.
    Reading r = read("01" + kGtin + "10ABC123" "17261231");
    REQUIRE(r.error.ok());
    CHECK(r.batch == "ABC12317261231");  // GS1's reading, never silently trusted
    CHECK(r.expiry.empty());
    CHECK(r.needs_check);
    CHECK(mentions(r, "check the batch"));
    CHECK(mentions(r, "\"ABC123\""));
    CHECK(mentions(r, "2026-12-31"));
    // A wedge scanner that drops GS merges batch and serial (01 17 10 GS 21).
    Reading s = read("01" + kGtin + "17261231" "10BATCH1" "21SER1");
    REQUIRE(s.error.ok());
    CHECK(s.batch == "BATCH121SER1");
    CHECK(s.needs_check);
    CHECK(mentions(s, "serial \"SER1\""));
    // Nothing in the batch reads as another field: a clean read.
    Reading clean = read("01" + kGtin + "17261231" "10ABCDEF");
    CHECK(clean.batch == "ABCDEF");
    CHECK_FALSE(clean.needs_check);
    CHECK(clean.warnings.empty());
    // The scanner sends separators (there is one earlier): the last field is last.
    Reading sep = read("01" + kGtin + "21XYZ" + GS + "10ABC12317261231");
    CHECK(sep.batch == "ABC12317261231");
    CHECK_FALSE(sep.needs_check);
    // Longer than 20 with no separator: cut at 20, and flagged.
    Reading cut = read("01" + kGtin + "10ABCDEFGHIJKLMNOPQRST" "17261231");
    REQUIRE(cut.error.ok());
    CHECK(cut.batch == "ABCDEFGHIJKLMNOPQRST");
    CHECK(cut.expiry == "2026-12-31");
    CHECK(cut.needs_check);
    CHECK(mentions(cut, "check the batch"));
}

TEST_CASE("gs1: the bracketed human-readable form", "[gs1]") {
    Reading r = read("(01)" + kGtin + "(17)261231(10)ABC123(21)XYZ789");
    REQUIRE(r.error.ok());
    CHECK(r.gtin == kGtin);
    CHECK(r.expiry == "2026-12-31");
    CHECK(r.batch == "ABC123");
    CHECK(r.serial == "XYZ789");
    CHECK(r.symbology == "gs1-text");
    CHECK_FALSE(r.needs_check);
    // Parentheses are batch characters; only "(known AI)" starts a field.
    Reading p = read("(01)" + kGtin + "(10)AB(C)1(17)280200");
    REQUIRE(p.error.ok());
    CHECK(p.batch == "AB(C)1");
    CHECK(p.expiry == "2028-02-29");
    Reading spaced = read(" (01) " + kGtin + " (17) 270200 ");
    CHECK(spaced.expiry == "2027-02-28");
    require_refused(read("(99)ABC"));
    require_refused(read("(01)0950600013435"));   // 13 digits
    require_refused(read("(01)" + kGtin + "(10)"));  // empty batch
    require_refused(read("(10)" + std::string(21, 'A')));
}

TEST_CASE("gs1: values are validated", "[gs1]") {
    Reading digit = read("0109506000134353");
    require_refused(digit);
    CHECK(digit.error.message().find("check digit") != std::string::npos);
    require_refused(read("01" + kGtin + "10AB\xC3\xA9"));  // 'é' is not in set 82
    require_refused(read("01" + kGtin + "10AB CD" + GS + "21" + "\x01"));
    require_refused(read("01" + kGtin + "1726123A"));
    require_refused(read("0109506000"));  // GTIN cut short
    Reading dup = read("01" + kGtin + "10A" + GS + "10B");
    require_refused(dup);
    CHECK(dup.error.message().find("two different") != std::string::npos);
    Reading same = read("01" + kGtin + "10A" + GS + "01" + kGtin);
    REQUIRE(same.error.ok());
    CHECK(same.batch == "A");
    Reading unknown = read("01" + kGtin + "99ABC");
    require_refused(unknown);
    CHECK(unknown.error.message().find("does not know") != std::string::npos);
}

TEST_CASE("gs1: other AIs are kept in order and a batch without a GTIN warns", "[gs1]") {
    Reading r = read("]C1" "00006141411234567890" "02" + kGtin + "3103001250" "7003" "2612311530" +
                     GS + "37" "24" + GS + "10B1");
    REQUIRE(r.error.ok());
    REQUIRE(r.other.size() == 5);
    CHECK(r.other[0].ai == "00");
    CHECK(r.other[0].value == "006141411234567890");
    CHECK(r.other[1].ai == "02");
    CHECK(r.other[2].ai == "3103");
    CHECK(r.other[2].value == "001250");
    CHECK(r.other[3].ai == "7003");
    CHECK(r.other[4].ai == "37");
    CHECK(r.other[4].value == "24");
    CHECK(r.batch == "B1");
    CHECK(r.gtin.empty());
    CHECK(mentions(r, "no GTIN"));
    require_refused(read("7003" "2612312460"));  // 24:60 is not a time
}

TEST_CASE("gs1: junk is refused with words, never a crash", "[gs1]") {
    for (const std::string& junk :
         {std::string(), std::string("   "), std::string("hello"), std::string("]d2"),
          std::string("]d2") + GS, std::string("(((("), std::string("(01)"), std::string("01"),
          std::string("]"), std::string("]zz"), std::string("\xff\xfe\x00", 3),
          std::string("10") + GS, std::string("(0") , std::string(")01(")}) {
        INFO(junk);
        require_refused(read(junk));
    }
    Reading huge = read(std::string(5000, '1'));
    require_refused(huge);
    CHECK(huge.error.message().find("too long") != std::string::npos);
    // 65 different predefined-length AIs: one more than a code may hold.
    std::string many = "00006141411234567890" "01" + kGtin + "02" + kGtin +
                       "11261231" "12261231" "13261231" "15261231" "16261231" "17261231" "2001";
    for (const char* family : {"310", "311", "315", "316", "330"})
        for (char n = '0'; n <= '9'; ++n) many += family + std::string(1, n) + "000001";
    many += "4100614141123452" "4110614141123452" "4120614141123452" "4130614141123452";
    Reading at_limit = read(many);
    REQUIRE(at_limit.error.ok());
    CHECK(at_limit.other.size() + 2 == outpost::gs1::kMaxElements);
    Reading over = read(many + "4140614141123452");
    require_refused(over);
    CHECK(over.error.message().find("more than 64") != std::string::npos);
}

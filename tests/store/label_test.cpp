// Tests for the dispensing label text: WHO content in a fixed order, the
// training line, "part n of m", word wrap (including words longer than a
// line and multibyte characters) and fields holding control characters.
#include "label.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using outpost::format_label;
using outpost::label_text;
using outpost::LabelInput;

namespace {

LabelInput amoxicillin() {
    LabelInput in;
    in.facility = "Nukunonu Health Centre";
    in.patient_name = "Mele Tuala";
    in.item_name = "Amoxicillin 250 mg dispersible tablet";
    in.quantity = 15;
    in.unit = "tablet";
    in.directions_text = "Take ONE tablet THREE times a day for 5 days";
    in.warning = "Complete the course";
    in.date = "2025-03-01";
    in.dispenser = "JB";
    in.batches = "B123 exp 2027-01-31";
    return in;
}

size_t utf8_chars(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

bool valid_utf8_boundaries(const std::string& s) {
    // Starts on a lead byte and ends with a complete sequence.
    if (s.empty()) return true;
    if ((static_cast<unsigned char>(s[0]) & 0xC0) == 0x80) return false;
    size_t i = s.size();
    size_t back = 0;
    while (i > 0 && (static_cast<unsigned char>(s[i - 1]) & 0xC0) == 0x80) --i, ++back;
    if (i == 0) return false;
    unsigned char lead = static_cast<unsigned char>(s[i - 1]);
    size_t need = lead < 0x80 ? 0 : lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
    return back == need;
}

}  // namespace

TEST_CASE("a wide label carries every field in order", "[label]") {
    std::vector<std::string> lines = format_label(amoxicillin(), 80);
    std::vector<std::string> expected = {
        "Amoxicillin 250 mg dispersible tablet",
        "Quantity: 15 tablets",
        "Take ONE tablet THREE times a day for 5 days",
        "Complete the course",
        "Keep out of reach of children",
        "Patient: Mele Tuala",
        "Nukunonu Health Centre",
        "Date: 2025-03-01",
        "Dispensed by: JB",
        "Batch: B123 exp 2027-01-31",
    };
    CHECK(lines == expected);
}

TEST_CASE("prescriber parts and training appear only when given", "[label]") {
    LabelInput in = amoxicillin();
    in.prescriber = "Dr Kofi";
    in.part = 2;
    in.parts = 3;
    in.training = true;
    std::vector<std::string> lines = format_label(in, 80);
    REQUIRE(lines.size() == 13);
    CHECK(lines.front() == "TRAINING - NOT FOR PATIENT USE");
    CHECK(lines[10] == "Prescriber: Dr Kofi");
    CHECK(lines.back() == "Part 2 of 3");

    std::string plain = label_text(amoxicillin(), 80);
    CHECK(plain.find("TRAINING") == std::string::npos);
    CHECK(plain.find("Part ") == std::string::npos);
    CHECK(plain.find("Prescriber") == std::string::npos);
}

TEST_CASE("liquid quantities and single items read naturally", "[label]") {
    LabelInput in = amoxicillin();
    in.quantity = 100;
    in.unit = "mL";
    CHECK(format_label(in, 80)[1] == "Quantity: 100 mL");
    in.quantity = 1;
    in.unit = "bottle";
    CHECK(format_label(in, 80)[1] == "Quantity: 1 bottle");
}

TEST_CASE("empty optional fields are left out the caution never", "[label]") {
    LabelInput in;
    in.item_name = "Paracetamol 500 mg tablet";
    in.quantity = 20;
    in.unit = "tablet";
    std::vector<std::string> lines = format_label(in, 40);
    CHECK(lines == std::vector<std::string>{"Paracetamol 500 mg tablet", "Quantity: 20 tablets",
                                            "Keep out of reach of children"});
}

TEST_CASE("lines wrap at word boundaries within the width", "[label]") {
    LabelInput in = amoxicillin();
    in.training = true;
    for (int width : {12, 20, 32, 40}) {
        std::vector<std::string> lines = format_label(in, width);
        INFO(width);
        for (const std::string& line : lines) {
            CHECK(utf8_chars(line) <= static_cast<size_t>(width));
            CHECK_FALSE(line.empty());
            CHECK(line.front() != ' ');
            CHECK(line.back() != ' ');
        }
    }
    std::vector<std::string> lines = format_label(in, 32);
    CHECK(lines[0] == "TRAINING - NOT FOR PATIENT USE");
    CHECK(lines[1] == "Amoxicillin 250 mg dispersible");
    CHECK(lines[2] == "tablet");
    CHECK(lines[4] == "Take ONE tablet THREE times a");
    CHECK(lines[5] == "day for 5 days");
}

TEST_CASE("a word longer than the line is broken never inside a character", "[label]") {
    LabelInput in;
    in.item_name = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    in.patient_name =
        "\xC5\x8C"
        "kalani-\xE2\x80\x9C\xE6\x9D\x8E\xE6\x98\x8E\xE2\x80\x9D-"
        "\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80";  // Ō, CJK, emoji
    std::vector<std::string> lines = format_label(in, 5);
    REQUIRE(lines.size() >= 6);
    CHECK(lines[0] == "ABCDE");
    CHECK(lines[5] == "Z");
    for (const std::string& line : lines) {
        INFO(line);
        CHECK(utf8_chars(line) <= 5);
        CHECK(valid_utf8_boundaries(line));
    }
    // Nothing was lost: the patient's name is all there, split across lines.
    std::string all;
    for (const std::string& line : lines) all += line;
    CHECK(all.find("\xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80") != std::string::npos);
}

TEST_CASE("control characters in fields do not break lines", "[label]") {
    LabelInput in = amoxicillin();
    in.patient_name = "Mele\nTuala\t\x01";
    std::vector<std::string> lines = format_label(in, 80);
    CHECK(lines[5] == "Patient: Mele Tuala");
    for (const std::string& line : lines)
        for (char c : line) CHECK(static_cast<unsigned char>(c) >= 0x20);
}

TEST_CASE("silly widths and parts do not crash", "[label]") {
    LabelInput in = amoxicillin();
    in.part = 9;
    in.parts = 2;
    for (int width : {-5, 0, 1}) {
        std::vector<std::string> lines = format_label(in, width);
        for (const std::string& line : lines) CHECK(utf8_chars(line) == 1);
    }
    CHECK(format_label(in, 80).back() == "Part 2 of 2");  // clamped, never "9 of 2"
    CHECK(label_text(in, 80).find("\n\n") == std::string::npos);
}

// Found by fuzz_directions: stray UTF-8 continuation bytes counted as zero
// characters, so a field of them never wrapped (a 129-character line at width 83).
TEST_CASE("label lines stay within the width even for invalid UTF-8 fields", "[label][fuzz-regression]") {
    outpost::LabelInput l;
    l.patient_name = "2 1 02 1 2";
    l.item_name = "tx x " + std::string(60, '\xb5');
    l.directions_text = "Take TWO " + l.item_name + "s and ONE " + l.item_name;
    l.quantity = 83;
    for (const auto& line : outpost::format_label(l, 83)) {
        size_t chars = 0;
        for (unsigned char c : line) chars += (c & 0xC0) != 0x80;
        CHECK(chars <= 83);
        CHECK(line.size() <= 83 * 4);
    }
}

TEST_CASE("a label's quantity groups its thousands as the language writes them", "[label][i18n]") {
    LabelInput in;
    in.item_name = "Oral rehydration salts";
    in.quantity = 1000;
    in.unit = "mL";
    CHECK(format_label(in, 80)[1] == "Quantity: 1,000 mL");
    in.lang = outpost::i18n::Lang::fr;
    CHECK(format_label(in, 80)[1] == "Quantité\xC2\xA0: 1\xC2\xA0" "000 mL");
    in.lang = outpost::i18n::Lang::es;
    in.quantity = 12000;
    CHECK(format_label(in, 80)[1] == "Cantidad: 12.000 mL");
    in.quantity = 100;
    CHECK(format_label(in, 80)[1] == "Cantidad: 100 mL");
}

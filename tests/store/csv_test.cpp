// Tests for the shared CSV reader (app/store/csv.h) that central's catalogue
// import, the demo catalogue and the catalogue test all use: RFC 4180 quoting
// (commas, doubled quotes and line breaks inside quotes), CRLF, a last line
// with or without its line end, blank lines, the byte-order mark, the line
// number each record starts on, and each error with its exact message.
#include "csv.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using outpost::check_csv_record;
using outpost::CsvRecord;
using outpost::read_csv;
using outpost::valid_utf8;
using Fields = std::vector<std::string>;

namespace {

// The records of text, which must read without error.
std::vector<CsvRecord> records(const std::string& text) {
    auto r = read_csv(text);
    INFO(text);
    REQUIRE(r.status().ToString() == "ok");
    return r.value();
}

std::vector<Fields> fields_of(const std::string& text) {
    std::vector<Fields> out;
    for (const CsvRecord& r : records(text)) out.push_back(r.fields);
    return out;
}

std::vector<int> lines_of(const std::string& text) {
    std::vector<int> out;
    for (const CsvRecord& r : records(text)) out.push_back(r.line);
    return out;
}

}  // namespace

TEST_CASE("csv plain records keep their fields and line numbers", "[csv]") {
    const auto recs = records("code,name\nAMOX,Amoxicillin\nPARA,Paracetamol\n");
    REQUIRE(recs.size() == 3);
    CHECK(recs[0].fields == Fields{"code", "name"});
    CHECK(recs[1].fields == Fields{"AMOX", "Amoxicillin"});
    CHECK(recs[2].fields == Fields{"PARA", "Paracetamol"});
    CHECK(lines_of("code,name\nAMOX,Amoxicillin\nPARA,Paracetamol\n") == std::vector<int>{1, 2, 3});
}

TEST_CASE("csv empty fields are kept at the start the middle and the end", "[csv]") {
    CHECK(fields_of(",a,,b,\n") == std::vector<Fields>{{"", "a", "", "b", ""}});
    CHECK(fields_of("a,\"\",b\n") == std::vector<Fields>{{"a", "", "b"}});
}

TEST_CASE("csv quoted fields hold commas and doubled quotes", "[csv]") {
    CHECK(fields_of("a,\"b, c\",\"say \"\"hi\"\"\",\n") ==
          std::vector<Fields>{{"a", "b, c", "say \"hi\"", ""}});
    CHECK(fields_of("\"\"\"\"\n") == std::vector<Fields>{{"\""}});
}

TEST_CASE("csv quoted fields hold line breaks and later lines are counted past them", "[csv]") {
    const std::string text = "code,warning\nA,\"Line one\nline two\"\nB,plain\n";
    const auto recs = records(text);
    REQUIRE(recs.size() == 3);
    CHECK(recs[1].fields == Fields{"A", "Line one\nline two"});
    CHECK(recs[1].line == 2);
    CHECK(recs[2].fields == Fields{"B", "plain"});
    CHECK(recs[2].line == 4);  // the record after a two-line field starts on line 4
    // A CRLF inside quotes is part of the field, as written.
    CHECK(fields_of("\"x\r\ny\",z\r\n") == std::vector<Fields>{{"x\r\ny", "z"}});
}

TEST_CASE("csv a quote inside an unquoted field is an ordinary character", "[csv]") {
    CHECK(fields_of("5\" bandage,x\n") == std::vector<Fields>{{"5\" bandage", "x"}});
}

TEST_CASE("csv CRLF line ends read as LF line ends", "[csv]") {
    CHECK(fields_of("a,b\r\nc,d\r\n") == fields_of("a,b\nc,d\n"));
    CHECK(fields_of("a,b\r\nc,d\r\n") == std::vector<Fields>{{"a", "b"}, {"c", "d"}});
    CHECK(lines_of("a,b\r\nc,d\r\n") == std::vector<int>{1, 2});
}

TEST_CASE("csv the last line may end without a line break", "[csv]") {
    CHECK(fields_of("a,b\nc,d") == std::vector<Fields>{{"a", "b"}, {"c", "d"}});
    CHECK(fields_of("a,b\r\nc,d") == std::vector<Fields>{{"a", "b"}, {"c", "d"}});
    CHECK(fields_of("a,\"b\nc\"") == std::vector<Fields>{{"a", "b\nc"}});
    CHECK(fields_of("a,") == std::vector<Fields>{{"a", ""}});
}

TEST_CASE("csv blank lines are skipped but counted", "[csv]") {
    const std::string text = "h1,h2\n\n  \t\r\nx,y\n\n";
    CHECK(fields_of(text) == std::vector<Fields>{{"h1", "h2"}, {"x", "y"}});
    CHECK(lines_of(text) == std::vector<int>{1, 4});
    CHECK(records("").empty());
    CHECK(records("\n\n\r\n").empty());
}

TEST_CASE("csv a byte-order mark is skipped", "[csv]") {
    const std::string bom = "\xEF\xBB\xBF";
    CHECK(fields_of(bom + "code,name\n") == std::vector<Fields>{{"code", "name"}});
    CHECK(records(bom).empty());
}

TEST_CASE("csv fields are returned as written without trimming", "[csv]") {
    CHECK(fields_of(" a , b \n") == std::vector<Fields>{{" a ", " b "}});
}

TEST_CASE("csv an unclosed quote is refused with the line its record starts on", "[csv]") {
    auto r = read_csv("code,name\nX,\"unclosed,1\nY,2\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == outpost::Status::Code::kInvalidArgument);
    CHECK(r.status().message() == "line 2: a quoted field is never closed");

    auto first = read_csv("\"");
    REQUIRE_FALSE(first.ok());
    CHECK(first.status().message() == "line 1: a quoted field is never closed");

    // Lines before it that span two lines move the number on.
    auto later = read_csv("a,\"b\nc\"\n\nd,\"e");
    REQUIRE_FALSE(later.ok());
    CHECK(later.status().message() == "line 4: a quoted field is never closed");
}

TEST_CASE("csv check_csv_record accepts a record that matches the header", "[csv]") {
    const auto recs = records("code,name\nPARA,Parac\xC3\xA9tamol\n");
    CHECK(check_csv_record(recs[1], recs[0].fields.size()).ok());
}

TEST_CASE("csv check_csv_record refuses the wrong number of fields with its line", "[csv]") {
    const auto recs = records("a,b,c\n\nx,y\nx,y,z,w\n");
    outpost::Status fewer = check_csv_record(recs[1], 3);
    CHECK(fewer.code() == outpost::Status::Code::kInvalidArgument);
    CHECK(fewer.message() ==
          "line 3: has 2 fields, the header has 3 (a comma inside a field needs quotes)");
    CHECK(check_csv_record(recs[2], 3).message() ==
          "line 4: has 4 fields, the header has 3 (a comma inside a field needs quotes)");
}

TEST_CASE("csv check_csv_record refuses text that is not UTF-8 with its line", "[csv]") {
    // A spreadsheet's "Paracétamol" saved as Latin-1.
    const auto recs = records("code,name\nPARA,Parac\xE9tamol\n");
    outpost::Status s = check_csv_record(recs[1], 2);
    CHECK(s.code() == outpost::Status::Code::kInvalidArgument);
    CHECK(s.message() == "line 2: has characters that are not UTF-8; save the file as UTF-8 text");
    // The field count is checked first, as central reports it.
    CHECK(check_csv_record(recs[1], 3).message() ==
          "line 2: has 2 fields, the header has 3 (a comma inside a field needs quotes)");
}

TEST_CASE("csv valid_utf8 accepts UTF-8 and refuses broken sequences", "[csv]") {
    CHECK(valid_utf8(""));
    CHECK(valid_utf8("plain ASCII 1t bd"));
    CHECK(valid_utf8("Parac\xC3\xA9tamol"));          // 2 bytes: é
    CHECK(valid_utf8("\xE2\x80\x94 \xC2\xBD"));       // 3 bytes: em dash, 2 bytes: ½
    CHECK(valid_utf8("\xF0\x9F\x92\x8A"));            // 4 bytes: pill emoji
    CHECK(valid_utf8("\xF4\x8F\xBF\xBF"));            // U+10FFFF, the last code point
    CHECK_FALSE(valid_utf8("Parac\xE9tamol"));        // Latin-1
    CHECK_FALSE(valid_utf8("\x80"));                  // continuation byte alone
    CHECK_FALSE(valid_utf8("ab\xC3"));                // cut short at the end
    CHECK_FALSE(valid_utf8("\xE2\x80"));              // cut short at the end
    CHECK_FALSE(valid_utf8("\xC3(x"));                // lead byte without continuation
    CHECK_FALSE(valid_utf8("\xC0\x80"));              // overlong NUL
    CHECK_FALSE(valid_utf8("\xE0\x80\xAF"));          // overlong '/'
    CHECK_FALSE(valid_utf8("\xED\xA0\x80"));          // surrogate U+D800
    CHECK_FALSE(valid_utf8("\xF4\x90\x80\x80"));      // past U+10FFFF
    CHECK_FALSE(valid_utf8("\xF8\x88\x80\x80\x80"));  // 5-byte form
}

// ---- the writer ------------------------------------------------------------------------

TEST_CASE("csv the writer quotes only what needs quotes, RFC 4180", "[csv][write]") {
    using outpost::csv_field;
    CHECK(csv_field("Paracetamol") == "Paracetamol");
    CHECK(csv_field("") == "");
    CHECK(csv_field("Amoxicillin, 250 mg") == "\"Amoxicillin, 250 mg\"");
    CHECK(csv_field("the \"good\" batch") == "\"the \"\"good\"\" batch\"");
    CHECK(csv_field("line one\nline two") == "\"line one\nline two\"");
    CHECK(csv_field("cr\r") == "\"cr\r\"");
    CHECK(csv_field(" padded ") == "\" padded \"");
    CHECK(csv_field("Sérum salé") == "Sérum salé");
}

TEST_CASE("csv the writer starts with a byte-order mark and ends records with CRLF", "[csv][write]") {
    const std::string text = outpost::write_csv({{"a", "b"}, {"1", "2"}});
    CHECK(text == "\xEF\xBB\xBF" "a,b\r\n1,2\r\n");
}

TEST_CASE("csv what the writer writes reads back the same, accents and all", "[csv][write]") {
    const std::vector<Fields> in = {
        {"Code", "Item", "Note"},
        {"SRO", "Sels de réhydratation orale, 1 L", "reçu de l'hôpital \"Sainte-Thérèse\""},
        {"X1", "two\nlines", "ends with a quote\""},
        {"X2", "", "crlf\r\ninside"},
        {"Ω", "Ñandú 🙂", ",leading comma"},
        {"X3", " spaces kept ", "\"quoted start"},
    };
    const std::string text = outpost::write_csv(in);
    CHECK(valid_utf8(text));
    CHECK(fields_of(text) == in);
}

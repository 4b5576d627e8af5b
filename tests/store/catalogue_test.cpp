// Checks the shipped demo catalogue (assets/catalogue.csv): the header the
// loaders expect, eleven fields on every row, unique codes, sane numbers, and
// default directions that expand fully, so a demo label never shows a raw code.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "directions.h"

namespace {

// RFC 4180 fields of one line: commas separate, double quotes enclose, ""
// inside quotes is a quote. The catalogue has no line breaks inside fields.
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return fields;
}

bool whole_number(const std::string& s, long long& out) {
    if (s.empty() || s.size() > 9) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    out = std::stoll(s);
    return true;
}

}  // namespace

TEST_CASE("csv_fields reads quoted fields", "[catalogue]") {
    CHECK(csv_fields("a,\"b, c\",\"say \"\"hi\"\"\",") ==
          std::vector<std::string>{"a", "b, c", "say \"hi\"", ""});
}

TEST_CASE("the demo catalogue is complete and its directions expand", "[catalogue]") {
    std::ifstream file(OUTPOST_ASSETS_DIR "/catalogue.csv");
    REQUIRE(file.good());
    std::string line;
    REQUIRE(std::getline(file, line));
    CHECK(line ==
          "code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,"
          "cold_chain,controlled");

    std::set<std::string> codes;
    int rows = 0, cold_chain = 0, controlled = 0;
    while (std::getline(file, line)) {
        if (line.empty()) continue;
        ++rows;
        std::vector<std::string> f = csv_fields(line);
        INFO(line);
        REQUIRE(f.size() == 11);
        const std::string& code = f[0];
        CHECK(codes.insert(code).second);  // unique
        CHECK(!code.empty());
        CHECK(code.size() <= 10);
        CHECK(!f[1].empty());  // name
        CHECK(!f[4].empty());  // unit
        long long pack = 0, reorder = 0;
        CHECK(whole_number(f[5], pack));
        CHECK(pack > 0);
        CHECK(whole_number(f[8], reorder));
        CHECK((f[9] == "0" || f[9] == "1"));
        CHECK((f[10] == "0" || f[10] == "1"));
        cold_chain += f[9] == "1";
        controlled += f[10] == "1";

        outpost::Directions d = outpost::expand_directions(f[6], f[4]);
        INFO(d.text);
        CHECK(!f[6].empty());
        CHECK(d.unknown.empty());
        CHECK(d.warnings.empty());
        CHECK(!d.text.empty());
    }
    CHECK(rows >= 45);
    CHECK(cold_chain >= 2);  // oxytocin, insulin
    CHECK(controlled >= 2);  // diazepam, morphine
}

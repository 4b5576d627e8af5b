// Checks the shipped demo catalogue (assets/catalogue.csv), read with the
// shared CSV reader (csv.h): the header the loaders expect, eleven UTF-8 fields
// on every row, unique codes, sane numbers, and default directions that expand
// fully, so a demo label never shows a raw code.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "csv.h"
#include "directions.h"

namespace {

bool whole_number(const std::string& s, long long& out) {
    if (s.empty() || s.size() > 9) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    out = std::stoll(s);
    return true;
}

}  // namespace

TEST_CASE("the demo catalogue is complete and its directions expand", "[catalogue]") {
    std::ifstream file(OUTPOST_ASSETS_DIR "/catalogue.csv", std::ios::binary);
    REQUIRE(file.good());
    std::stringstream text;
    text << file.rdbuf();
    outpost::Result<std::vector<outpost::CsvRecord>> read = outpost::read_csv(text.str());
    REQUIRE(read.status().ToString() == "ok");
    const std::vector<outpost::CsvRecord>& records = read.value();
    REQUIRE(!records.empty());
    CHECK(records[0].fields == std::vector<std::string>{"code", "name", "strength", "form", "unit",
                                                        "pack_size", "default_directions",
                                                        "warning", "reorder_level", "cold_chain",
                                                        "controlled"});

    std::set<std::string> codes;
    int rows = 0, cold_chain = 0, controlled = 0;
    for (size_t r = 1; r < records.size(); ++r) {
        ++rows;
        const std::vector<std::string>& f = records[r].fields;
        INFO("line " << records[r].line);
        // Eleven fields, all UTF-8: what central's import and the demo require.
        REQUIRE(outpost::check_csv_record(records[r], 11).ToString() == "ok");
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

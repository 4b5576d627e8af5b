// `outpost gs1 'TEXT'`: the JSON it prints, \x1d for GS, the exit statuses.
// The real executable is run by the CTest test outpost_gs1_command
// (tests/app/CMakeLists.txt); these call the same function in-process.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "gs1_command.h"

namespace {

struct Run {
    int status;
    nlohmann::json json;
    std::string err;
};

Run run(std::vector<std::string> args) {
    args.insert(args.begin(), "gs1");
    std::ostringstream out, err;
    int status = outpost::run_gs1_command(args, out, err);
    Run r{status, nullptr, err.str()};
    if (!out.str().empty() && status != 2) r.json = nlohmann::json::parse(out.str());
    return r;
}

}  // namespace

TEST_CASE("gs1 command: a DataMatrix scan with the escape for GS prints its fields") {
    Run r = run({"--today", "2026-12-03", "]d2010950600013435217280200" "10ABC123\\x1d21XYZ789"});
    REQUIRE(r.status == 0);
    CHECK(r.json["gtin"] == "09506000134352");
    CHECK(r.json["expiry"] == "2028-02-29");
    CHECK(r.json["batch"] == "ABC123");
    CHECK(r.json["serial"] == "XYZ789");
    CHECK(r.json["symbology"] == "gs1-datamatrix");
    CHECK(r.json["needs_check"] == false);
    CHECK(r.json["warnings"].empty());
    CHECK(r.json["error"].is_null());
    CHECK(r.json["other"].empty());
}

TEST_CASE("gs1 command: a refused code exits 1 with the reason in error") {
    Run r = run({"--today", "2026-12-03", "0109506000134353"});
    REQUIRE(r.status == 1);
    CHECK(r.json["gtin"].is_null());
    CHECK(r.json["error"].get<std::string>().find("check digit") != std::string::npos);
}

TEST_CASE("gs1 command: the ambiguous batch is read with its warning, exit 0") {
    Run r = run({"--today", "2026-12-03", "01095060001343521010ABC12317261231"});
    REQUIRE(r.status == 0);
    CHECK(r.json["batch"] == "10ABC12317261231");
    CHECK(r.json["needs_check"] == true);
    REQUIRE(r.json["warnings"].size() == 1);
    CHECK(r.json["warnings"][0].get<std::string>().find("check the batch") == 0);
}

TEST_CASE("gs1 command: --separator, plain EAN-13 and the default today") {
    Run sep = run({"--separator", "~", "--today", "2026-12-03", "(01)09506000134352(10)A"});
    CHECK(sep.status == 0);
    Run tilde = run({"--separator", "~", "--today", "2026-12-03", "010950600013435210A~21S"});
    REQUIRE(tilde.status == 0);
    CHECK(tilde.json["batch"] == "A");
    CHECK(tilde.json["serial"] == "S");
    Run ean = run({"4006381333931"});  // today from the clock: not needed for a GTIN
    REQUIRE(ean.status == 0);
    CHECK(ean.json["gtin"] == "04006381333931");
    CHECK(ean.json["symbology"] == "ean-13");
    CHECK(ean.json["expiry"].is_null());
}

TEST_CASE("gs1 command: bad usage exits 2 with words") {
    CHECK(run({}).status == 2);
    CHECK(run({"a", "b"}).status == 2);
    Run r = run({"--today"});
    CHECK(r.status == 2);
    CHECK(r.err.find("--today needs a value") != std::string::npos);
    CHECK(outpost::expand_gs_escapes("a\\x1db\\x1Dc\\x1") == "a\x1d" "b\x1d" "c\\x1");
}

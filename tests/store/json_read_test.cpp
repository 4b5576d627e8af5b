// Bounded JSON parsing (app/store/json_read.h): nesting is measured on the
// text before a tree is built, so no hostile body can overflow a stack.
#include <catch2/catch.hpp>

#include "json_read.h"
#include "store.h"
#include "test_fixture.h"

using namespace outpost;

namespace {
std::string nested(int n, const std::string& inner = "") {
    return std::string(n, '[') + inner + std::string(n, ']');
}
}  // namespace

TEST_CASE("json nesting depth counts brackets outside strings only", "[store][json]") {
    CHECK(json_nesting_depth("1") == 0);
    CHECK(json_nesting_depth("{}") == 1);
    CHECK(json_nesting_depth(R"({"a":[{"b":[1]}]})") == 4);
    CHECK(json_nesting_depth(R"({"a":"[[[[[[{{{{"})") == 1);
    CHECK(json_nesting_depth(R"({"a":"quote \" then [[[[ and \\"})") == 1);
    CHECK(json_nesting_depth(R"(["\\",[[]]])") == 3);  // an escaped backslash ends before the quote
    // It stops as soon as the limit is passed: a hostile body costs one pass.
    CHECK(json_nesting_depth(nested(100000), 32) == 33);
}

TEST_CASE("parse_json refuses deep nesting before building a tree and parses the rest", "[store][json]") {
    nlohmann::json out;
    std::string problem;
    SECTION("100,000 brackets are refused with the limit in words") {
        CHECK_FALSE(parse_json(nested(100000), &out, &problem));
        CHECK(problem == "is nested deeper than 32 levels");
        CHECK(out.is_null());
    }
    SECTION("exactly the limit parses; one more does not") {
        CHECK(parse_json(nested(kMaxJsonDepth), &out, &problem));
        CHECK(out.is_array());
        CHECK_FALSE(parse_json(nested(kMaxJsonDepth + 1), &out, &problem));
    }
    SECTION("deep objects inside a real message are refused too") {
        std::string deep;
        for (int i = 0; i < 40; ++i) deep += "{\"a\":";
        deep += "1" + std::string(40, '}');
        CHECK_FALSE(parse_json(R"({"changes":[{"payload":)" + deep + "}]}", &out, &problem));
    }
    SECTION("invalid JSON is refused with its own words") {
        CHECK_FALSE(parse_json("{\"a\":", &out, &problem));
        CHECK(problem == "is not valid JSON");
        CHECK_FALSE(parse_json("", &out, &problem));
    }
    SECTION("brackets inside strings do not count") {
        const std::string text = "{\"name\":\"" + std::string(1000, '[') + "\"}";
        REQUIRE(parse_json(text, &out, &problem));
        CHECK(out["name"].get<std::string>().size() == 1000);
    }
}

TEST_CASE("a pulled change nested 100,000 deep is refused and the store is unchanged", "[store][json]") {
    test::Clinic c;
    const auto cursor = c.store->meta("test_cursor");
    Status s = c.store->apply_remote({"{\"patients\":" + nested(100000) + "}"}, "test_cursor", "7");
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message() == "a pulled change is nested deeper than 32 levels; the page was not applied");
    CHECK(c.store->meta("test_cursor") == cursor);  // the cursor did not move
}

TEST_CASE("text_of reads a string field and never throws on anything else", "[store][json]") {
    const nlohmann::json obj = nlohmann::json::parse(
        R"({"name":"Amoxicillin","count":15,"nested":{"name":"x"},"none":null,"list":["a"]})");
    CHECK(text_of(obj, "name") == "Amoxicillin");
    CHECK(text_of(obj, "missing").empty());
    CHECK(text_of(obj, "count").empty());   // a number is not text (json::value would throw)
    CHECK(text_of(obj, "nested").empty());
    CHECK(text_of(obj, "none").empty());
    CHECK(text_of(obj["list"], "name").empty());  // not an object
    CHECK(text_of(nlohmann::json("a string"), "name").empty());
    CHECK(text_of(nlohmann::json(), "name").empty());
}

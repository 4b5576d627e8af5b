// Quantities a person types (issue 17, defects 4 and 8): one parser for every
// screen that refuses what is not a whole number, and plausibility limits in
// the store operations that ask for a confirmation in words that say why,
// above 100 packs on a receipt or 10 times the course or the stock on a
// dispensing. And the shortage warning's unit in the plural.
#include <catch2/catch.hpp>

#include "quantity.h"
#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

TEST_CASE("a typed quantity is digits only and anything else is refused not cut", "[quantity]") {
    CHECK(parse_quantity("12").value() == 12);
    CHECK(parse_quantity(" 7 ").value() == 7);
    CHECK(parse_quantity("0").value() == 0);
    CHECK(parse_quantity("999999999").value() == 999999999);
    auto bad = parse_quantity("-5abc");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.status().message() == "'-5abc' is not a whole number; type digits only");
    CHECK_FALSE(parse_quantity("5abc").ok());
    CHECK_FALSE(parse_quantity("-5").ok());
    CHECK_FALSE(parse_quantity("1.5").ok());
    CHECK_FALSE(parse_quantity("").ok());
    auto big = parse_quantity("12345678901");
    REQUIRE_FALSE(big.ok());
    CHECK(big.status().message() == "12345678901 is too large: at most 9 digits");
}

TEST_CASE("a receipt above 100 of the item's packs needs a confirmation that says why", "[quantity]") {
    Clinic c;  // paracetamol comes in packs of 1000 tablets
    ReceiveInput in;
    in.item_id = c.para;
    in.batch_no = "BIG-1";
    in.expiry = "2030-01-31";
    in.quantity = 9999999;
    auto r = c.store->receive(c.storekeeper, in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kNeedsConfirmation);
    CHECK(r.status().message() ==
          "9999999 tablets is more than 100 packs of 1000 (100000 tablets), more than a delivery "
          "usually holds; check the quantity, and confirm only if that much arrived");
    in.confirm_large = true;
    CHECK(c.store->receive(c.storekeeper, in).ok());
    // An ordinary delivery asks nothing.
    ReceiveInput usual = in;
    usual.confirm_large = false;
    usual.quantity = 50000;
    CHECK(c.store->receive(c.storekeeper, usual).ok());
    // In packs the same rule holds: 101 packs need a yes.
    usual.unit = QuantityUnit::kPacks;
    usual.quantity = 101;
    CHECK(c.store->receive(c.storekeeper, usual).status().code() == Status::Code::kNeedsConfirmation);
}

TEST_CASE("dispensing 10 times the course or the stock needs a confirmation that says why",
          "[quantity]") {
    Clinic c;  // amoxicillin: 500 tablets on hand in A-1
    DispenseLineInput line{c.amox, 999999, "1t bd x5/7", "", std::nullopt};
    auto plan = c.store->plan_line(line);
    REQUIRE(plan.ok());
    CHECK(plan->needs_large_confirmation);
    bool said = false;
    for (const auto& w : plan->warnings)
        said = said || w == "999999 tablets is more than 10 times the course the directions give "
                            "(10 tablets); check the quantity.";
    CHECK(said);
    DispenseInput in;
    in.patient_id = c.patient;
    in.lines.push_back(line);
    in.confirm_short = true;  // a yes to the shortage is not a yes to this
    auto r = c.store->dispense(c.dispenser, in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kNeedsConfirmation);
    CHECK_THAT(r.status().message(), Catch::Contains("10 times the course"));
    in.confirm_large = true;
    CHECK(c.store->dispense(c.dispenser, in).ok());

    // The course itself, and more than it but under 10 times: no question.
    CHECK_FALSE(c.store->plan_line({c.amox, 10, "1t bd x5/7", "", std::nullopt})->needs_large_confirmation);
    CHECK_FALSE(c.store->plan_line({c.amox, 90, "1t bd x5/7", "", std::nullopt})->needs_large_confirmation);
    // Without a course in the directions, the stock on record is the measure.
    Clinic d;
    auto no_course = d.store->plan_line({d.amox, 5001, "", "", std::nullopt});
    REQUIRE(no_course.ok());
    CHECK(no_course->needs_large_confirmation);
    CHECK_FALSE(d.store->plan_line({d.amox, 600, "", "", std::nullopt})->needs_large_confirmation);
}

TEST_CASE("the shortage warning counts in the plural", "[quantity]") {
    Clinic c;
    auto plan = c.store->plan_line({c.amox, 669, "", "", std::nullopt});
    REQUIRE(plan.ok());
    REQUIRE(plan->needs_short_confirmation);
    bool plural = false;
    for (const auto& w : plan->warnings)
        plural = plural || w.find("has 500 tablets on record; taking 669 tablets") != std::string::npos;
    CHECK(plural);
}

// A stocktake through the screens: start, count two lines on the keypad,
// review, finalise, and check the corrections in the store; a blind count
// hides the expected balances; abandoning changes no stock.
#include <catch2/catch.hpp>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

void count_line(Ui& ui, const std::string& batch_id, const std::string& digits) {
    REQUIRE(ui.tap_containing("##sheet-" + batch_id));
    REQUIRE(ui.tap("Clear##count"));
    REQUIRE(ui.keypad("count", digits));
    REQUIRE(ui.tap("Save count##count"));
    INFO(ui.error());
    CHECK(ui.error().empty());
}

}  // namespace

TEST_CASE("stocktake: count two lines finalise corrections applied", "[screens][stocktake]") {
    Clinic clinic;
    Ui ui(clinic);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Stocktake##nav"));
    REQUIRE(ui.type_into("##stocktake_description", "June count"));
    REQUIRE(ui.tap("Start##stocktake"));
    INFO(ui.error());
    REQUIRE(ui.visible("Finalise##stocktake"));
    CHECK(ui.visible_containing("expected 10"));  // not blind: expected shown

    count_line(ui, clinic.amox_early, "8");    // 10 on record: -2
    count_line(ui, clinic.para_batch, "505");  // 500 on record: +5
    REQUIRE(ui.tap("Review variances##stocktake"));
    CHECK(ui.visible_containing("variance -2"));
    CHECK(ui.visible_containing("variance +5"));
    REQUIRE(ui.tap("Finalise##stocktake"));
    ui.frame(2);
    REQUIRE(ui.tap("Finalise now##stocktake"));
    INFO(ui.error());
    CHECK(ui.notice().find("2 corrections") != std::string::npos);

    CHECK(clinic.on_hand(clinic.amox, "AMX-EARLY") == 8);
    CHECK(clinic.on_hand(clinic.para, "PARA-1") == 505);
    CHECK(clinic.on_hand(clinic.amox, "AMX-LATE") == 100);  // not counted: unchanged
    CHECK(clinic.on_hand(clinic.ors, "ORS-1") == 50);
    auto open = clinic.store->stocktakes(true);
    REQUIRE(open.ok());
    CHECK(open->empty());
}

TEST_CASE("a blind stocktake hides expected balances - abandoning changes nothing",
          "[screens][stocktake]") {
    Clinic clinic;
    Ui ui(clinic);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Stocktake##nav"));
    REQUIRE(ui.tap("Blind count##stocktake"));
    REQUIRE(ui.tap("Start##stocktake"));
    REQUIRE(ui.visible("Finalise##stocktake"));
    CHECK(ui.visible_containing("##sheet-" + clinic.amox_early));
    CHECK_FALSE(ui.visible_containing("expected"));
    count_line(ui, clinic.ors_batch, "1");
    REQUIRE(ui.tap("Abandon##stocktake"));
    ui.frame(2);
    REQUIRE(ui.tap("Abandon now##stocktake"));
    CHECK(clinic.on_hand(clinic.ors, "ORS-1") == 50);
    auto open = clinic.store->stocktakes(true);
    REQUIRE(open.ok());
    CHECK(open->empty());
    CHECK(ui.visible("Start##stocktake"));
}

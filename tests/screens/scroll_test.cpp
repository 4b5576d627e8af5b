// Drag-to-scroll: a finger pressed on a row of a long list and moved up
// scrolls the list, and lifting it does not open the row it started on.
#include <catch2/catch.hpp>

#include <cstdio>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

// Forty more items (no stock), so the stock list is far longer than a screen.
void add_items(Clinic& clinic) {
    for (int i = 0; i < 40; ++i) {
        char code[16], name[32];
        std::snprintf(code, sizeof code, "ITM%02d", i);
        std::snprintf(name, sizeof name, "Item %02d", i);
        ItemInput in;
        in.code = code;
        in.name = name;
        in.unit = "tablet";
        REQUIRE(clinic.store->upsert_item(in).ok());
    }
}

}  // namespace

TEST_CASE("dragging the stock list scrolls it and opens nothing", "[screens][scroll]") {
    Clinic clinic;
    add_items(clinic);
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("Stock##nav"));
    REQUIRE(ui.tap("Code##sort"));  // AMX250, ITM00 ... ITM39, ORS, PCM500
    std::string key;
    const WidgetProbe::Rect* row = ui.probe.find_prefix("ITM02   ", &key);
    REQUIRE(row);
    REQUIRE(row->tappable());
    const float row_h = row->height();
    const float before = row->min.y;
    CHECK_FALSE(ui.visible_prefix("ITM20   "));  // far below

    ui.drag(row->centre(), -4 * row_h);

    // Still on the list: the row the finger started on did not open.
    CHECK(ui.visible("##stock_search"));
    CHECK_FALSE(ui.visible("Back to stock##item"));
    const WidgetProbe::Rect* moved = ui.probe.find(key);
    REQUIRE(moved);
    CHECK(moved->min.y < before - 3 * row_h);
    CHECK(moved->min.y > before - 5 * row_h);
    // A tap (no drag) still opens a row.
    REQUIRE(ui.tap_prefix("ITM06   "));
    CHECK(ui.visible("Back to stock##item"));
}

TEST_CASE("dragging the patient results scrolls them and chooses no patient", "[screens][scroll]") {
    Clinic clinic;
    for (int i = 0; i < 30; ++i) {
        PatientInput in;
        in.family_name = "Vaka";
        in.given_name = "Child" + std::to_string(100 + i);
        REQUIRE(clinic.store->register_patient(clinic.dispenser, in).ok());
    }
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    REQUIRE(ui.log_in());
    std::string key;
    // The top row: the finger leaves the list upwards and it keeps following.
    const WidgetProbe::Rect* row = ui.probe.find_prefix("VAKA, Child100", &key);
    REQUIRE(row);
    const float before = row->min.y;
    const float row_h = row->height();
    ui.drag(row->centre(), -3 * row_h);
    CHECK(ui.visible("##patient_search"));               // still finding the patient
    CHECK_FALSE(ui.visible("Confirm dispensing##dispense"));  // nobody chosen
    const WidgetProbe::Rect* moved = ui.probe.find(key);
    REQUIRE(moved);
    CHECK(moved->min.y < before - 2 * row_h);
}

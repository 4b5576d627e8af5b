// Quantities on the keypad (issue 17, defect 4): input stops at the limit
// and says so, a sign or letter typed on a keyboard is named and not taken,
// and a receipt far above a delivery asks first, in the store's words.
#include <catch2/catch.hpp>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

void open_receipt(Ui& ui) {
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("Receive##nav"));
    REQUIRE(ui.type_into("##receive_item_search", "PCM"));
    REQUIRE(ui.tap_prefix("PCM500  "));
    REQUIRE(ui.type_into("##receive_batch", "PARA-9"));
    REQUIRE(ui.tap("receive_expiry"));
    REQUIRE(ui.keypad("receive", "20280131"));
    REQUIRE(ui.tap("Done##receive"));
}

}  // namespace

TEST_CASE("the quantity keypad stops at its limit and names what it refused", "[screens][quantity]") {
    Clinic clinic;
    Ui ui(clinic);
    open_receipt(ui);
    REQUIRE(ui.tap("receive_qty"));
    REQUIRE(ui.keypad("receive", "99999999"));  // 8 digits on a 7-digit keypad
    CHECK(ui.text("keypad-limit") == "At most 7 digits.");
    // Typed on a keyboard: "-5abc" is not 5.
    REQUIRE(ui.tap("Clear##receive"));
    for (char c : std::string("-5abc")) {
        ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(c));
        ui.frame();
    }
    ui.frame(2);
    CHECK(ui.text("keypad-refused") == "Only digits here: \"c\" was not typed.");
}

TEST_CASE("a receipt far above a delivery asks for a yes that says why", "[screens][quantity]") {
    Clinic clinic;
    Ui ui(clinic);
    open_receipt(ui);
    const auto receipts = [&] { return clinic.store->outbox_last_seq(); };
    const int64_t before = receipts();
    REQUIRE(ui.tap("receive_qty"));
    REQUIRE(ui.keypad("receive", "9999999"));
    REQUIRE(ui.tap("Done##receive"));
    REQUIRE(ui.tap("Receive##receive"));
    REQUIRE(ui.visible("Go back and correct it##receive-large"));
    CHECK(receipts() == before);  // nothing written yet
    REQUIRE(ui.tap("Go back and correct it##receive-large"));
    CHECK(receipts() == before);
    REQUIRE(ui.tap("Receive##receive"));
    REQUIRE(ui.tap("Receive this quantity##receive-large"));
    CHECK(clinic.on_hand(clinic.para, "PARA-9") == 9999999);
}

// Issue 17, defect 8: Tab from "Batch number" goes to Expiry and Quantity
// (their keypads take the typed digits), then on to Supplier.
TEST_CASE("Tab goes from batch number to expiry then quantity then supplier", "[screens][receive]") {
    Clinic clinic;
    Ui ui(clinic);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("Receive##nav"));
    REQUIRE(ui.type_into("##receive_item_search", "PCM"));
    REQUIRE(ui.tap_prefix("PCM500  "));
    REQUIRE(ui.type_into("##receive_batch", "PARA-7"));
    ImGuiIO& io = ImGui::GetIO();
    constexpr int kTab = 9;
    io.KeyMap[ImGuiKey_Tab] = kTab;
    const auto press_tab = [&] {
        io.KeysDown[kTab] = true;
        ui.frame();
        io.KeysDown[kTab] = false;
        ui.frame(2);
    };
    const auto type = [&](const std::string& digits) {
        for (char c : digits) {
            io.AddInputCharacter(static_cast<unsigned char>(c));
            ui.frame();
        }
        ui.frame(2);
    };
    press_tab();
    CHECK(ui.visible("Done##receive"));  // the expiry keypad
    type("20280131");
    press_tab();
    type("40");
    press_tab();
    CHECK_FALSE(ui.visible("Done##receive"));
    type("CMS");  // into Supplier
    REQUIRE(ui.tap("Receive##receive"));
    CHECK(clinic.on_hand(clinic.para, "PARA-7") == 40);
    io.KeyMap[ImGuiKey_Tab] = -1;
}

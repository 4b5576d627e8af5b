// Typing names on the patient form (issue 17, defects 2 and 5): an emoji
// (which ImGui 1.86 can only hold as U+FFFD) is left out with a notice
// instead of being saved as a replacement character; a field stops at its
// limit and says so; a refusal from the store goes away once the person
// changes the form.
#include <catch2/catch.hpp>

#include <optional>
#include <string>

#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

// Types code points as GLFW's character callback hands them to the shell.
void type_code_points(Ui& ui, const std::u32string& text) {
    for (char32_t c : text) {
        ImGui::GetIO().AddInputCharacter(static_cast<unsigned int>(c));
        ui.frame();
    }
    ui.frame(2);
}

std::optional<Patient> find_one(Clinic& clinic, const std::string& search) {
    auto page = clinic.store->search_patients(search, 0, 10);
    REQUIRE(page.ok());
    if (page->rows.size() != 1) return std::nullopt;
    return page->rows[0];
}

}  // namespace

TEST_CASE("an emoji typed into a name is left out with a notice and never saved as U+FFFD",
          "[screens][text]") {
    Clinic clinic;
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("New patient##dispense"));
    REQUIRE(ui.tap("##reg_family"));
    type_code_points(ui, U"Adjoa");
    REQUIRE(ui.tap("##reg_given"));
    type_code_points(ui, U"Zoe \U0001F600 Ama");
    CHECK_THAT(ui.text("banner:typing"), Catch::Contains("emoji") && Catch::Contains("left out"));
    REQUIRE(ui.tap("Save patient##register"));
    const auto p = find_one(clinic, "adjoa");
    REQUIRE(p);
    CHECK(p->given_name == "Zoe  Ama");
    CHECK(p->given_name.find("\xEF\xBF\xBD") == std::string::npos);
    // The notice goes with the next tap.
    CHECK(ui.text("banner:typing").empty());
}

TEST_CASE("a name field stops at its limit and says so and a refusal clears once fixed",
          "[screens][text]") {
    Clinic clinic;
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    REQUIRE(ui.log_in());
    REQUIRE(ui.tap("New patient##dispense"));
    REQUIRE(ui.tap("##reg_family"));
    type_code_points(ui, std::u32string(120, U'a'));
    CHECK(ui.text("limit##reg_family") == "At most 100 characters.");
    // Save with no given name: the store's refusal names what is missing.
    REQUIRE(ui.tap("Save patient##register"));
    CHECK_THAT(ui.error(), Catch::Contains("given name"));
    REQUIRE(ui.tap("##reg_given"));
    type_code_points(ui, U"Kofi");
    CHECK(ui.error().empty());  // the person is fixing it: the red message goes
    REQUIRE(ui.tap("Save patient##register"));
    const auto p = find_one(clinic, "kofi");
    REQUIRE(p);
    CHECK(p->family_name == std::string(100, 'a'));
    // The on-screen keyboard stops at the limit too (phone: 40).
    REQUIRE(ui.tap("Edit details##dispense"));
    REQUIRE(ui.tap("##edit_phone"));
    REQUIRE(ui.type_on_keyboard(std::string(45, '1')));
    CHECK(ui.text("limit##edit_phone") == "At most 40 characters.");
    REQUIRE(ui.tap("Save##edit_patient"));
    CHECK(clinic.store->patient(p->id)->phone == std::string(40, '1'));
}

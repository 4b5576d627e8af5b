// A dispensing's labels in the patient's language (issue 13): the directions
// typed as codes are stored in the label language chosen at dispensing, and
// the labels read back (and reprinted) keep that language's captions.
#include <catch2/catch.hpp>

#include "label.h"
#include "test_fixture.h"

using namespace outpost;
using outpost::test::Clinic;

namespace {

std::string dispense_amox(Clinic& c, std::optional<i18n::Lang> lang) {
    DispenseInput in;
    in.patient_id = c.patient;
    in.prescriber = "Dr Okafor";
    in.label_lang = lang;
    DispenseLineInput amox;
    amox.item_id = c.amox;
    amox.quantity = 15;
    amox.directions = "1t tds x5/7";
    in.lines = {amox};
    auto r = c.store->dispense(c.dispenser, in);
    REQUIRE(r.ok());
    return r->prescription_id;
}

}  // namespace

TEST_CASE("a dispensing's labels are in the language chosen at dispensing", "[printing][i18n]") {
    Clinic c;
    const std::string rx = dispense_amox(c, i18n::Lang::pt);
    auto labels = c.store->dispensing_labels(rx);
    REQUIRE(labels.ok());
    REQUIRE(labels->size() == 1);
    const LabelInput& l = (*labels)[0];
    CHECK(l.lang == i18n::Lang::pt);
    CHECK(l.directions_text == "Tomar UM comprimido TRÊS vezes por dia durante 5 dias");
    const std::string text = label_text(l, 40);
    CHECK(text.find("Quantidade: 15 comprimidos") != std::string::npos);
    CHECK(text.find("Manter fora do alcance das crianças") != std::string::npos);
    CHECK(text.find("Prescritor: Dr Okafor") != std::string::npos);
}

TEST_CASE("without a choice the labels are in the device's language", "[printing][i18n]") {
    Clinic c;
    i18n::set_device_lang(i18n::Lang::fr);
    const std::string rx = dispense_amox(c, std::nullopt);
    i18n::set_device_lang(i18n::Lang::en);
    auto labels = c.store->dispensing_labels(rx);
    REQUIRE(labels.ok());
    CHECK((*labels)[0].lang == i18n::Lang::fr);
    CHECK((*labels)[0].directions_text == "Prendre UN comprimé TROIS fois par jour pendant 5 jours");
    // English stays English.
    const std::string en = dispense_amox(c, i18n::Lang::en);
    auto en_labels = c.store->dispensing_labels(en);
    REQUIRE(en_labels.ok());
    CHECK((*en_labels)[0].directions_text == "Take ONE tablet THREE times a day for 5 days");
    CHECK(label_text((*en_labels)[0]).find("Quantity: 15 tablets") != std::string::npos);
}

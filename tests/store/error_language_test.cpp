// Errors a person reads come in the screen language (issue 13): the store's
// refusals of a dispensing or an adjustment, in French and Spanish.
#include <catch2/catch.hpp>

#include "i18n.h"
#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;
using i18n::Lang;

namespace {

struct ScreenLang {
    Lang before = i18n::screen_lang();
    explicit ScreenLang(Lang lang) { i18n::set_screen_lang(lang); }
    ~ScreenLang() { i18n::set_screen_lang(before); }
};

}  // namespace

TEST_CASE("the store's refusals are in the screen language", "[i18n][errors]") {
    Clinic c;
    DispenseInput empty;
    empty.patient_id = c.patient;
    {
        ScreenLang fr(Lang::fr);
        auto r = c.store->dispense(c.dispenser, empty);
        REQUIRE_FALSE(r.ok());
        CHECK(r.status().message() == "ajoutez au moins un médicament à l'ordonnance");
        AdjustInput adj;
        adj.batch_id = c.receive(c.amox, "ADJ-1", 300, 10);
        adj.quantity = 0;
        adj.reason = "damaged";
        Status st = c.store->adjust(c.storekeeper, adj).status();
        CHECK(st.message() == "un ajustement demande une quantité différente de zéro");
    }
    {
        ScreenLang es(Lang::es);
        ReceiveInput in{c.amox, "", "2027-12-31", 10, QuantityUnit::kUnits, "CMS", ""};
        auto r = c.store->receive(c.storekeeper, in);
        REQUIRE_FALSE(r.ok());
        CHECK(r.status().message() == "escriba el número de lote impreso en el envase");
    }
    // English, the source language, and the machine codes stay as they were.
    auto r = c.store->dispense(c.dispenser, empty);
    CHECK(r.status().message() == "add at least one medicine to the prescription");
    CHECK(r.status().code() == Status::Code::kInvalidArgument);
}

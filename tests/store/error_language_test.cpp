// Errors a person reads come in the screen language (issue 13): the store's
// refusals, plausibility questions, stocktake, patient, user and order errors
// and the barcode reader's messages, in French, Spanish and Portuguese.
#include <catch2/catch.hpp>

#include "gs1.h"
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

TEST_CASE("the plausibility questions of Dispense and Receive are in the screen language", "[i18n][errors]") {
    Clinic c;  // amoxicillin: 500 tablets on hand in A-1, 100 a pack
    ScreenLang fr(Lang::fr);
    auto plan = c.store->plan_line({c.amox, 999999, "1t bd x5/7", "", std::nullopt});
    REQUIRE(plan.ok());
    REQUIRE(plan->needs_large_confirmation);
    CHECK_THAT(plan->warnings.back(), Catch::Contains("plus de 10 fois le traitement indiqué par la posologie"));
    CHECK_THAT(plan->warnings.back(), Catch::EndsWith("vérifiez la quantité."));
    auto no_course = c.store->plan_line({c.amox, 5001, "", "", std::nullopt});
    REQUIRE(no_course.ok());
    CHECK_THAT(no_course->warnings.back(), Catch::Contains("plus de 10 fois le stock utilisable enregistré"));
    auto short_plan = c.store->plan_line({c.amox, 669, "", "", std::nullopt});
    REQUIRE(short_plan.ok());
    REQUIRE(short_plan->needs_short_confirmation);
    ReceiveInput big{c.amox, "BIG-1", "2027-12-31", 20000, QuantityUnit::kUnits, "CMS", ""};
    Status st = c.store->receive(c.storekeeper, big).status();
    CHECK(st.code() == Status::Code::kNeedsConfirmation);
    CHECK_THAT(st.message(), Catch::Contains("plus de 100 boîtes de 100"));
    CHECK_THAT(st.message(), Catch::Contains("ne confirmez que si tout cela est arrivé"));
}

TEST_CASE("stocktake, patient, user and order errors are in the screen language", "[i18n][errors]") {
    Clinic c;
    {
        ScreenLang fr(Lang::fr);
        auto id = c.store->start_stocktake(c.storekeeper, "juin", false, {});
        REQUIRE(id.ok());
        CHECK(c.store->finalise_stocktake(c.storekeeper, *id).status().message() ==
              "comptez au moins une ligne avant de clôturer, ou abandonnez l'inventaire");
        CHECK(c.store->enter_count(c.dispenser, *id, "nope", -1).message() ==
              "un comptage ne peut pas être négatif");
        REQUIRE(c.store->abandon_stocktake(c.storekeeper, *id).ok());
        CHECK(c.store->enter_count(c.dispenser, *id, "nope", 1).message() == "cet inventaire est déjà abandonné");
        // A role refusal names both roles in French.
        CHECK(c.store->abandon_stocktake(c.dispenser, *id).message() ==
              "Dina Dispenser a le rôle dispensateur\u00a0; il faut le rôle magasinier ou administrateur");
    }
    {
        ScreenLang es(Lang::es);
        PatientInput p;
        p.family_name = "Quispe";
        p.given_name = std::string(PatientInput::kMaxNameChars + 1, 'a');
        auto r = c.store->register_patient(c.dispenser, p);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.status().message(), Catch::StartsWith("el campo «nombre» tiene como máximo"));
        p.given_name = "Rosa";
        p.birth_year = 1800;
        CHECK_THAT(c.store->register_patient(c.dispenser, p).status().message(),
                   Catch::StartsWith("el año de nacimiento debe estar entre 1900 y 20"));
    }
    {
        ScreenLang pt(Lang::pt);
        // Two wrong PINs: the count of tries left is a plural.
        CHECK(c.store->verify_pin(c.dispenser, "0000").status().message() ==
              "PIN errado. Mais 4 tentativas antes de Dina Dispenser ficar bloqueado.");
        for (int i = 0; i < 3; ++i) c.store->verify_pin(c.dispenser, "0000");
        CHECK(c.store->verify_pin(c.dispenser, "0000").status().message() ==
              "PIN errado. Demasiados PIN errados: Dina Dispenser fica bloqueado durante 5 minutos.");
        CHECK(c.store->verify_pin(c.dispenser, "3333").status().message() ==
              "Demasiados PIN errados. Dina Dispenser fica bloqueado mais 5 minutos.");
    }
}

TEST_CASE("the barcode reader's messages are in the screen language", "[i18n][errors][gs1]") {
    gs1::Options o;
    o.today = "2026-12-03";
    ScreenLang fr(Lang::fr);
    // Batch before expiry with no separator: the reader asks to check the batch.
    gs1::Reading r = gs1::parse("01" "09506000134352" "10ABC123" "17261231", o);
    REQUIRE(r.error.ok());
    REQUIRE(r.needs_check);
    REQUIRE_FALSE(r.warnings.empty());
    CHECK_THAT(r.warnings.front(), Catch::StartsWith("vérifiez le champ «\u00a0lot\u00a0»\u00a0:"));
    CHECK_THAT(r.warnings.front(), Catch::Contains("péremption 2026-12-31"));
    gs1::Reading bad = gs1::parse("01" "09506000134353", o);
    REQUIRE_FALSE(bad.error.ok());
    CHECK_THAT(bad.error.message(), Catch::Contains("la clé de contrôle est fausse"));
    CHECK(gs1::parse("", o).error.message() == "La lecture est vide\u00a0: scannez de nouveau.");
}

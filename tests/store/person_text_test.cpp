// Names and other typed text as the store keeps them (issue 17, defects 2, 3
// and 5): family names in capitals with their accents, searches that find a
// name whatever its accents and case, a refused U+FFFD (what ImGui 1.86 makes
// of an emoji) instead of a silently stored one, and "too long" messages that
// name the field and the limit.
#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstdio>
#include <string>

#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

namespace {

Result<std::string> register_named(Clinic& c, const std::string& family, const std::string& given,
                                   const std::string& village = "Sikasso") {
    PatientInput p;
    p.family_name = family;
    p.given_name = given;
    p.village = village;
    return c.store->register_patient(c.dispenser, p);
}

size_t found(Clinic& c, const std::string& text) {
    auto page = c.store->search_patients(text, 0, 50);
    REQUIRE(page.ok());
    return page->rows.size();
}

}  // namespace

TEST_CASE("family names are shown in capitals with their accents in French Portuguese and Spanish",
          "[patients][text]") {
    Clinic c("", false);
    // (family name as typed, as shown)
    const std::pair<const char*, const char*> names[] = {
        {"Kéita Traoré ñgũgĩ", "KÉITA TRAORÉ ÑGŨGĨ"},   // the name of the report
        {"Lefèvre-Bénédicte", "LEFÈVRE-BÉNÉDICTE"},     // è é
        {"Crêpe à la Façade", "CRÊPE À LA FAÇADE"},      // ê à ç
        {"Côté", "CÔTÉ"},                                // ô
        {"Gonçalves Simões", "GONÇALVES SIMÕES"},        // ç õ
        {"João Irmã", "JOÃO IRMÃ"},                      // ã
        {"Muñoz Güell", "MUÑOZ GÜELL"},                  // ñ ü
        {"Peña y Núñez", "PEÑA Y NÚÑEZ"},
        {"O'Brien", "O'BRIEN"},
        // ß keeps its letter (one code point stays one): "SS" would change
        // how the name is spelt, and Straße and Strasse are different names.
        {"Weißmann", "WEIßMANN"},
        // A combining accent (n + U+0303) stays on its letter.
        {"n\xCC\x83" "dour", "N\xCC\x83" "DOUR"},
    };
    for (const auto& n : names) {
        auto id = register_named(c, n.first, "Awa");
        REQUIRE(id.ok());
        CHECK(c.store->patient(*id)->display_name() == std::string(n.second) + ", Awa");
        CHECK(c.store->patient(*id)->family_name == n.first);  // stored as typed
    }
}

TEST_CASE("a search finds a name whatever its accents and case", "[patients][text]") {
    Clinic c("", false);
    REQUIRE(register_named(c, "KÉITA", "Aminata").ok());
    REQUIRE(register_named(c, "Traoré", "Sékou", "Ségou").ok());
    REQUIRE(register_named(c, "ñgũgĩ", "Wanjirũ").ok());
    REQUIRE(register_named(c, "Gonçalves", "João").ok());
    REQUIRE(register_named(c, "Weißmann", "Jürgen").ok());
    CHECK(found(c, "keita") == 1);
    CHECK(found(c, "Kéita") == 1);
    CHECK(found(c, "KÉITA") == 1);
    CHECK(found(c, "kÉiTa") == 1);
    CHECK(found(c, "traore") == 1);
    CHECK(found(c, "TRAORÉ") == 1);
    CHECK(found(c, "segou") == 1);  // the village
    CHECK(found(c, "ngugi") == 1);
    CHECK(found(c, "ÑGŨGĨ") == 1);
    CHECK(found(c, "goncalves joao") == 1);
    CHECK(found(c, "weissmann") == 1);
    CHECK(found(c, "WEISSMANN") == 1);
    CHECK(found(c, "jurgen") == 1);
    CHECK(found(c, "keitb") == 0);
    // Sorted by family name, case aside.
    auto page = c.store->search_patients("", 0, 50);
    REQUIRE(page.ok());
    REQUIRE(page->rows.size() >= 5);
}

TEST_CASE("the stock card names the patient in capitals with accents", "[patients][text]") {
    Clinic c;
    auto id = register_named(c, "Kéita Traoré", "Awa");
    REQUIRE(id.ok());
    DispenseInput in;
    in.patient_id = *id;
    in.lines.push_back({c.para, 10, "", "", std::nullopt});
    REQUIRE(c.store->dispense(c.dispenser, in).ok());
    auto card = c.store->stock_card(c.para, "", 0, 50);
    REQUIRE(card.ok());
    bool named = false;
    for (const CardRow& r : card->rows) named = named || r.detail == "Dispensed to KÉITA TRAORÉ, Awa";
    CHECK(named);
}

TEST_CASE("a store written with the old ASCII search keys finds accented names after an upgrade",
          "[patients][text]") {
    const std::string path = temp_path("search_keys_upgrade");
    {
        Clinic c(path, false);
        REQUIRE(register_named(c, "Kéita", "Awa").ok());
    }
    {  // as the earlier build stored it: only ASCII lower-cased
        sqlite3* raw = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &raw) == SQLITE_OK);
        REQUIRE(sqlite3_exec(raw,
                             "UPDATE patients SET search='kéita awa sikasso '; "
                             "DELETE FROM meta WHERE key='search_keys'",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(raw);
    }
    OpenOptions o;
    o.path = path;
    o.create = false;
    auto store = Store::Open(o);
    REQUIRE(store.ok());
    CHECK((*store)->search_patients("keita", 0, 10)->rows.size() == 1);
    CHECK((*store)->search_patients("KÉITA", 0, 10)->rows.size() == 1);
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

TEST_CASE("a replacement character (an emoji ImGui could not carry) is refused naming the field",
          "[patients][text]") {
    Clinic c("", false);
    const int64_t before = c.store->search_patients("", 0, 10)->total;
    const std::string fffd = "\xEF\xBF\xBD";
    auto r = register_named(c, "Adjoa", "Zoe " + fffd + " Ama");
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kInvalidArgument);
    CHECK_THAT(r.status().message(), Catch::Contains("given name") && Catch::Contains("emoji"));
    PatientInput p;
    p.family_name = "Mensah";
    p.given_name = "Kofi";
    p.village = "Ho" + fffd;
    CHECK_THAT(c.store->register_patient(c.dispenser, p).status().message(), Catch::Contains("village"));
    p.village = "Ho";
    p.phone = "024 " + fffd;
    CHECK_THAT(c.store->register_patient(c.dispenser, p).status().message(), Catch::Contains("phone"));
    p.phone.clear();
    p.family_name = fffd + "Mensah";
    CHECK_THAT(c.store->register_patient(c.dispenser, p).status().message(), Catch::Contains("family name"));
    // Nothing was saved.
    CHECK(c.store->search_patients("", 0, 10)->total == before);
    // An emoji itself (valid UTF-8 above U+FFFF, e.g. from the command line)
    // is kept as typed: nothing is lost.
    auto kept = register_named(c, "Adjoa", "Zoe \xF0\x9F\x98\x80 Ama");
    REQUIRE(kept.ok());
    CHECK(c.store->patient(*kept)->given_name == "Zoe \xF0\x9F\x98\x80 Ama");
    // User names are checked the same way.
    auto u = c.store->add_user({"Efua " + fffd, Role::kDispenser, "4321"});
    REQUIRE_FALSE(u.ok());
    CHECK_THAT(u.status().message(), Catch::Contains("user name"));
    // And the other texts a person types: supplier, prescriber, note.
    Clinic stock;
    ReceiveInput in;
    in.item_id = stock.para;
    in.batch_no = "B1";
    in.expiry = "2030-01-31";
    in.quantity = 10;
    in.supplier = "CMS " + fffd;
    CHECK_THAT(stock.store->receive(stock.storekeeper, in).status().message(), Catch::Contains("supplier"));
    DispenseInput d;
    d.patient_id = stock.patient;
    d.prescriber = "Dr " + fffd;
    d.lines.push_back({stock.para, 1, "", "", std::nullopt});
    CHECK_THAT(stock.store->dispense(stock.dispenser, d).status().message(), Catch::Contains("prescriber"));
}

TEST_CASE("a field that is too long is named with its limit", "[patients][text]") {
    Clinic c("", false);
    PatientInput p;
    p.family_name = "Banda";
    p.given_name = "Chisomo";
    p.village = std::string(300, 'v');
    auto r = c.store->register_patient(c.dispenser, p);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().message() == "the village is at most 100 characters (it has 300); shorten it");
    p.village = "Mzuzu";
    p.phone = std::string(41, '1');
    CHECK(c.store->register_patient(c.dispenser, p).status().message() ==
          "the phone is at most 40 characters (it has 41); shorten it");
    p.phone.clear();
    // Characters, not bytes: 100 é (200 bytes) fit, 101 do not.
    std::string e100;
    for (int i = 0; i < 100; ++i) e100 += "é";
    p.family_name = e100;
    CHECK(c.store->register_patient(c.dispenser, p).ok());
    p.family_name = e100 + "é";
    CHECK(c.store->register_patient(c.dispenser, p).status().message() ==
          "the family name is at most 100 characters (it has 101); shorten it");
}

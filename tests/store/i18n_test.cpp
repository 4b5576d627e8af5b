// The translation module (app/store/i18n.h) against the catalogues the build
// compiled from assets/locale, and the label's text in each language.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "directions.h"
#include "i18n.h"
#include "label.h"

using namespace outpost;
using i18n::Lang;

namespace {

// Sets an environment variable for one scope.
struct ScopedEnv {
    std::string name;
    std::string old;
    bool had;
    ScopedEnv(const char* n, const char* v) : name(n) {
        const char* o = std::getenv(n);
        had = o != nullptr;
        if (had) old = o;
        if (v)
            ::setenv(n, v, 1);
        else
            ::unsetenv(n);
    }
    ~ScopedEnv() {
        if (had)
            ::setenv(name.c_str(), old.c_str(), 1);
        else
            ::unsetenv(name.c_str());
    }
};

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("language names parse from codes and locale names", "[i18n]") {
    CHECK(i18n::parse("fr") == Lang::fr);
    CHECK(i18n::parse("FR") == Lang::fr);
    CHECK(i18n::parse("fr_FR.UTF-8") == Lang::fr);
    CHECK(i18n::parse("pt_BR") == Lang::pt);
    CHECK(i18n::parse("pt_MZ.UTF-8") == Lang::pt);
    CHECK(i18n::parse("es-419") == Lang::es);
    CHECK(i18n::parse("en_GB.UTF-8") == Lang::en);
    CHECK_FALSE(i18n::parse("C.UTF-8"));
    CHECK_FALSE(i18n::parse("POSIX"));
    CHECK_FALSE(i18n::parse("de_DE"));
    CHECK_FALSE(i18n::parse("fra"));
    CHECK_FALSE(i18n::parse(""));
}

TEST_CASE("the default language comes from LANGUAGE, then LC_ALL, LC_MESSAGES, LANG", "[i18n]") {
    ScopedEnv a("LANGUAGE", nullptr), b("LC_ALL", nullptr), c("LC_MESSAGES", nullptr),
        d("LANG", nullptr);
    CHECK(i18n::from_environment() == Lang::en);
    ::setenv("LANG", "pt_MZ.UTF-8", 1);
    CHECK(i18n::from_environment() == Lang::pt);
    ::setenv("LC_ALL", "es_BO.UTF-8", 1);
    CHECK(i18n::from_environment() == Lang::es);
    ::setenv("LANGUAGE", "de:fr:en", 1);  // the first known one in the list
    CHECK(i18n::from_environment() == Lang::fr);
    ::setenv("LANGUAGE", "", 1);
    ::setenv("LC_ALL", "C", 1);  // the first variable set decides: C is English
    CHECK(i18n::from_environment() == Lang::en);
}

TEST_CASE("catalogues built from assets/locale are found and used", "[i18n]") {
    REQUIRE_FALSE(i18n::catalogue_dir().empty());
    CHECK(std::string(i18n::tr_for(Lang::fr, "Keep out of reach of children")) ==
          "Tenir hors de portée des enfants");
    CHECK(std::string(i18n::tr_for(Lang::pt, "Keep out of reach of children")) ==
          "Manter fora do alcance das crianças");
    CHECK(std::string(i18n::tr_for(Lang::es, "Keep out of reach of children")) ==
          "Mantener fuera del alcance de los niños");
    CHECK(std::string(i18n::tr_for(Lang::en, "Keep out of reach of children")) ==
          "Keep out of reach of children");
    // Alternating languages (screen and label) gives each its own words.
    for (int i = 0; i < 3; ++i) {
        CHECK(std::string(i18n::tr_for(Lang::es, "Batch: {0}")) == "Lote: {0}");
        CHECK(std::string(i18n::tr_for(Lang::fr, "Batch: {0}")) == "Lot\u00a0: {0}");
    }
    // A string with no translation is the English, and the observer hears of it.
    std::vector<std::string> misses;
    i18n::set_miss_observer([&](Lang, const char* id) { misses.push_back(id); });
    CHECK(std::string(i18n::tr_for(Lang::fr, "no such message 2f7c")) == "no such message 2f7c");
    i18n::set_miss_observer(nullptr);
    CHECK(misses == std::vector<std::string>{"no such message 2f7c"});
}

TEST_CASE("plural forms follow each language's rule", "[i18n]") {
    auto n = [](Lang l, unsigned long k) {
        return i18n::format(i18n::trn_for(l, "{0} change waiting", "{0} changes waiting", k),
                            {std::to_string(k)});
    };
    CHECK(n(Lang::en, 1) == "1 change waiting");
    CHECK(n(Lang::en, 0) == "0 changes waiting");
    CHECK(n(Lang::fr, 0) == "0 modification en attente");  // French: 0 is singular
    CHECK(n(Lang::fr, 1) == "1 modification en attente");
    CHECK(n(Lang::fr, 2) == "2 modifications en attente");
    CHECK(n(Lang::pt, 0) == "0 alterações por enviar");
    CHECK(n(Lang::pt, 1) == "1 alteração por enviar");
    CHECK(n(Lang::es, 1) == "1 cambio pendiente");
    CHECK(n(Lang::es, 5000) == "5000 cambios pendientes");
}

TEST_CASE("lookups from several threads at once agree", "[i18n]") {
    std::vector<std::thread> threads;
    std::vector<int> wrong(4, 0);
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([t, &wrong] {
            Lang l = t % 2 ? Lang::fr : Lang::pt;
            const char* want = t % 2 ? "Date\u00a0: {0}" : "Data: {0}";
            for (int i = 0; i < 200; ++i)
                if (std::string(i18n::tr_for(l, "Date: {0}")) != want) ++wrong[t];
        });
    for (auto& th : threads) th.join();
    CHECK(wrong == std::vector<int>(4, 0));
}

TEST_CASE("format fills numbered places in any order", "[i18n]") {
    CHECK(i18n::format("Part {0} of {1}", {"1", "3"}) == "Part 1 of 3");
    CHECK(i18n::format("{1} / {0}", {"a", "b"}) == "b / a");
    CHECK(i18n::format("{2} {x} {", {"a"}) == "{2} {x} {");
}

TEST_CASE("the label's own words are in the label's language", "[i18n][label]") {
    LabelInput in;
    in.facility = "Centre de santé de Kindu";
    in.patient_name = "MBUYI, Grace";
    in.item_name = "Amoxicilline 250 mg comprimé dispersible";
    in.quantity = 15;
    in.unit = "tablet";
    in.directions_text = expand_directions("1t tds x5/7", "tablet", Lang::fr).text;
    in.date = "2026-12-03";
    in.dispenser = "AK";
    in.batches = "B123";
    in.part = 1;
    in.parts = 2;
    in.training = true;

    in.lang = Lang::fr;
    std::string fr = label_text(in, 40);
    CHECK(contains(fr, "FORMATION"));
    CHECK(contains(fr, "Quantité\u00a0: 15 comprimés"));
    CHECK(contains(fr, "Prendre UN comprimé TROIS fois par jour"));
    CHECK(contains(fr, "Tenir hors de portée des enfants"));
    CHECK(contains(fr, "Patient\u00a0: MBUYI, Grace"));
    CHECK(contains(fr, "Délivré par\u00a0: AK"));
    CHECK(contains(fr, "Lot\u00a0: B123"));
    CHECK(contains(fr, "Partie 1 sur 2"));
    CHECK_FALSE(contains(fr, "Quantity"));

    in.lang = Lang::pt;
    in.directions_text = expand_directions("1t tds x5/7", "tablet", Lang::pt).text;
    std::string pt = label_text(in, 40);
    CHECK(contains(pt, "Quantidade: 15 comprimidos"));
    CHECK(contains(pt, "Manter fora do alcance das crianças"));
    CHECK(contains(pt, "Doente: MBUYI, Grace"));
    CHECK(contains(pt, "Parte 1 de 2"));

    in.lang = Lang::es;
    std::string es = label_text(in, 40);
    CHECK(contains(es, "Cantidad: 15 comprimidos"));
    CHECK(contains(es, "Mantener fuera del alcance de los niños"));
    CHECK(contains(es, "Fecha: 2026-12-03"));

    in.lang = Lang::en;
    std::string en = label_text(in, 40);
    CHECK(contains(en, "Quantity: 15 tablets"));
    CHECK(contains(en, "Keep out of reach of children"));
}

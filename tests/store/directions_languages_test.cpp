// Directions in the label's language (issue 13): every sig code of the
// domain facts (shared/domain-facts.md, 4.2) written in French, Portuguese
// and Spanish, with the number agreeing with the noun and the words in the
// order each language puts them.
#include <catch2/catch.hpp>

#include <string>

#include "directions.h"

using outpost::expand_directions;
using outpost::i18n::Lang;

namespace {

std::string fr(const std::string& sig, const std::string& unit = "tablet") {
    return expand_directions(sig, unit, Lang::fr).text;
}
std::string pt(const std::string& sig, const std::string& unit = "tablet") {
    return expand_directions(sig, unit, Lang::pt).text;
}
std::string es(const std::string& sig, const std::string& unit = "tablet") {
    return expand_directions(sig, unit, Lang::es).text;
}

}  // namespace

TEST_CASE("the worked example in each language", "[directions][i18n]") {
    CHECK(fr("1 tab bd x5/7") == "Prendre UN comprimé DEUX fois par jour pendant 5 jours");
    CHECK(pt("1 tab bd x5/7") == "Tomar UM comprimido DUAS vezes por dia durante 5 dias");
    CHECK(es("1 tab bd x5/7") == "Tomar UN comprimido DOS veces al día durante 5 días");
    CHECK(fr("1t bd x5/7 pc") ==
          "Prendre UN comprimé DEUX fois par jour pendant 5 jours après le repas");
    // The numbers for the quantity do not depend on the language.
    auto d = expand_directions("1t bd x5/7 pc", "tablet", Lang::pt);
    CHECK(d.doses_per_day == 2);
    CHECK(d.units_per_dose == 1);
    CHECK(d.days == 5);
}

TEST_CASE("frequencies of the domain facts in each language", "[directions][i18n]") {
    for (const char* code : {"od", "qd", "dly"}) {
        CHECK(fr(std::string("1t ") + code) == "Prendre UN comprimé UNE fois par jour");
        CHECK(pt(std::string("1t ") + code) == "Tomar UM comprimido UMA vez por dia");
        CHECK(es(std::string("1t ") + code) == "Tomar UN comprimido UNA vez al día");
    }
    for (const char* code : {"bd", "bid"}) {
        CHECK(fr(std::string("2t ") + code) == "Prendre DEUX comprimés DEUX fois par jour");
        CHECK(pt(std::string("2t ") + code) == "Tomar DOIS comprimidos DUAS vezes por dia");
        CHECK(es(std::string("2t ") + code) == "Tomar DOS comprimidos DOS veces al día");
    }
    for (const char* code : {"tds", "tid"}) {
        CHECK(fr(std::string("1t ") + code) == "Prendre UN comprimé TROIS fois par jour");
        CHECK(pt(std::string("1t ") + code) == "Tomar UM comprimido TRÊS vezes por dia");
        CHECK(es(std::string("1t ") + code) == "Tomar UN comprimido TRES veces al día");
    }
    for (const char* code : {"qds", "qid"}) {
        CHECK(fr(std::string("1t ") + code) == "Prendre UN comprimé QUATRE fois par jour");
        CHECK(pt(std::string("1t ") + code) == "Tomar UM comprimido QUATRO vezes por dia");
        CHECK(es(std::string("1t ") + code) == "Tomar UN comprimido CUATRO veces al día");
    }
    CHECK(fr("1t q6h") == "Prendre UN comprimé toutes les 6 heures");
    CHECK(pt("1t q8h") == "Tomar UM comprimido de 8 em 8 horas");
    CHECK(es("1t q4h") == "Tomar UN comprimido cada 4 horas");
    CHECK(fr("1t q1h") == "Prendre UN comprimé toutes les heures");
    CHECK(es("1t q1h") == "Tomar UN comprimido cada hora");
    CHECK(pt("1t weekly") == "Tomar UM comprimido UMA vez por semana");
}

TEST_CASE("time of day, when needed, stat and food in each language", "[directions][i18n]") {
    for (const char* code : {"mane", "om"}) {
        CHECK(fr(std::string("1t ") + code) == "Prendre UN comprimé le matin");
        CHECK(pt(std::string("1t ") + code) == "Tomar UM comprimido de manhã");
        CHECK(es(std::string("1t ") + code) == "Tomar UN comprimido por la mañana");
    }
    for (const char* code : {"nocte", "on", "hs"}) {
        CHECK(fr(std::string("1t ") + code) == "Prendre UN comprimé le soir au coucher");
        CHECK(pt(std::string("1t ") + code) == "Tomar UM comprimido à noite");
        CHECK(es(std::string("1t ") + code) == "Tomar UN comprimido por la noche");
    }
    for (const char* code : {"prn", "sos"}) {
        CHECK(fr(std::string("2t ") + code + " max 8") ==
              "Prendre DEUX comprimés si besoin (pas plus de 8 en 24 heures)");
        CHECK(pt(std::string("2t ") + code + " max 4") ==
              "Tomar DOIS comprimidos se necessário (não mais de QUATRO em 24 horas)");
        CHECK(es(std::string("2t ") + code) == "Tomar DOS comprimidos si lo necesita");
    }
    CHECK(fr("2t stat") == "Prendre DEUX comprimés immédiatement (dose unique)");
    CHECK(pt("2t stat") == "Tomar DOIS comprimidos agora (dose única)");
    CHECK(es("2t stat") == "Tomar DOS comprimidos ahora (dosis única)");
    CHECK(fr("1t ac") == "Prendre UN comprimé avant le repas");
    CHECK(fr("1t cc") == "Prendre UN comprimé pendant le repas");
    CHECK(pt("1t pc") == "Tomar UM comprimido depois das refeições");
    CHECK(es("1t ac") == "Tomar UN comprimido antes de las comidas");
    CHECK(es("1t cc") == "Tomar UN comprimido con las comidas");
}

TEST_CASE("routes choose the verb in each language", "[directions][i18n]") {
    CHECK(fr("1t po od") == "Prendre UN comprimé par la bouche UNE fois par jour");
    CHECK(fr("1 supp pr nocte") == "Introduire UN suppositoire dans l'anus (voie rectale) le soir au coucher");
    CHECK(pt("1 pess pv nocte") == "Introduzir UM óvulo na vagina à noite");
    CHECK(es("1t sl stat") == "Colocar UN comprimido debajo de la lengua ahora (dosis única)");
    CHECK(fr("top bd", "tube") == "Appliquer sur la zone à traiter DEUX fois par jour");
    CHECK(pt("top bd", "tube") == "Aplicar na zona afetada DUAS vezes por dia");
    CHECK(es("2 puffs inh qds") == "Inhalar DOS inhalaciones CUATRO veces al día");
    CHECK(fr("1 amp im stat") ==
          "Administrer UNE ampoule en injection dans un muscle immédiatement (dose unique)");
}

TEST_CASE("durations and as directed in each language", "[directions][i18n]") {
    CHECK(fr("1t od x 5d") == "Prendre UN comprimé UNE fois par jour pendant 5 jours");
    CHECK(fr("1t od x1/7") == "Prendre UN comprimé UNE fois par jour pendant 1 jour");
    CHECK(fr("1t od x2/52") == "Prendre UN comprimé UNE fois par jour pendant 2 semaines");
    CHECK(fr("1t od x1/12") == "Prendre UN comprimé UNE fois par jour pendant 1 mois");
    CHECK(pt("1t od x1/12") == "Tomar UM comprimido UMA vez por dia durante 1 mês");
    CHECK(pt("1t od x 3 months") == "Tomar UM comprimido UMA vez por dia durante 3 meses");
    CHECK(es("1t od x1/52") == "Tomar UN comprimido UNA vez al día durante 1 semana");
    for (const char* code : {"mdu", "ud", "ut dict"}) {
        CHECK(fr(code, "tube") == "Appliquer selon les indications du soignant");
        CHECK(pt(code) == "Tomar conforme indicado pelo profissional de saúde");
        CHECK(es(code) == "Tomar según las indicaciones del personal de salud");
    }
}

TEST_CASE("doses agree with the noun's gender and number", "[directions][i18n]") {
    // 1t, 2c, 5ml of the domain facts.
    CHECK(fr("2c bd") == "Prendre DEUX gélules DEUX fois par jour");
    CHECK(fr("1c bd") == "Prendre UNE gélule DEUX fois par jour");
    CHECK(pt("2c bd") == "Tomar DUAS cápsulas DUAS vezes por dia");
    CHECK(pt("1c bd") == "Tomar UMA cápsula DUAS vezes por dia");
    CHECK(es("1c bd") == "Tomar UNA cápsula DOS veces al día");
    CHECK(fr("5ml tds", "bottle") == "Prendre 5 mL TROIS fois par jour");
    CHECK(es("2.5ml tds", "bottle") == "Tomar 2,5 mL TRES veces al día");
    CHECK(fr("10 units od", "vial") == "Administrer 10 unités UNE fois par jour");
    CHECK(fr("1.5 units od", "vial") == "Administrer 1,5 unité UNE fois par jour");
    // Halves: the noun sits between the whole number and the half.
    CHECK(fr("½t od") == "Prendre UN DEMI-comprimé UNE fois par jour");
    CHECK(fr("1½ tabs od") == "Prendre UN comprimé ET DEMI UNE fois par jour");
    CHECK(fr("2½ caps od") == "Prendre DEUX gélules ET DEMIE UNE fois par jour");
    CHECK(pt("1/2t od") == "Tomar MEIO comprimido UMA vez por dia");
    CHECK(pt("½c od") == "Tomar MEIA cápsula UMA vez por dia");
    CHECK(es("1½ tabs od") == "Tomar UN comprimido Y MEDIO UNA vez al día");
    CHECK(es("1½ caps od") == "Tomar UNA cápsula Y MEDIA UNA vez al día");
    // A bare number takes the item's unit, in the language.
    CHECK(fr("2 bd", "capsule") == "Prendre DEUX gélules DEUX fois par jour");
    CHECK(es("2 drops tds") == "Tomar DOS gotas TRES veces al día");
}

TEST_CASE("two clauses are joined in the language", "[directions][i18n]") {
    CHECK(fr("1t mane 2t nocte") == "Prendre UN comprimé le matin et DEUX comprimés le soir au coucher");
    CHECK(pt("1t mane 2t nocte") == "Tomar UM comprimido de manhã e DOIS comprimidos à noite");
    CHECK(es("1t mane 2t nocte") == "Tomar UN comprimido por la mañana y DOS comprimidos por la noche");
    auto d = expand_directions("1t mane 2t nocte", "tablet", Lang::es);
    CHECK(d.units_per_day == 3);
}

TEST_CASE("unknown words are kept as typed in every language", "[directions][i18n]") {
    CHECK(fr("1t bd with milk") == "Prendre UN comprimé DEUX fois par jour with milk");
    CHECK(fr("hello") == "hello");
}

TEST_CASE("label quantities in each language", "[directions][i18n]") {
    using outpost::count_with_unit;
    CHECK(count_with_unit(15, "tablet", Lang::fr) == "15 comprimés");
    CHECK(count_with_unit(1, "tablet", Lang::fr) == "1 comprimé");
    CHECK(count_with_unit(100, "mL", Lang::pt) == "100 mL");
    CHECK(count_with_unit(2.5, "mL", Lang::es) == "2,5 mL");
    CHECK(count_with_unit(20, "capsule", Lang::pt) == "20 cápsulas");
    CHECK(count_with_unit(3, "bottle", Lang::es) == "3 frascos");
    CHECK(count_with_unit(1, "tube", Lang::fr) == "1 tube");
    CHECK(count_with_unit(2, "lozenge", Lang::fr) == "2 lozenge");  // no word: as given
    CHECK(count_with_unit(15, "tablet", Lang::en) == "15 tablets");
}

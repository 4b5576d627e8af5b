// The words of dispensing directions in each label language (see
// directions_languages.h). Written for patients, not word for word: French
// labels say "Prendre ... pendant 5 jours", Portuguese (as written in
// Mozambique and Angola) "Tomar ... durante 5 dias", Spanish "Tomar ...
// durante 5 días". Counts 1-4 stay in capitals as on English labels.
#include "directions_languages.h"

#include <cstring>

namespace outpost::sig {
namespace {

const Noun kNoNouns[] = {{nullptr, nullptr, nullptr, false}};
const Phrase kNoPhrases[] = {{nullptr, nullptr}};

const Language kEnglish{
    i18n::Lang::en, '.', false,
    {"", "ONE", "TWO", "THREE", "FOUR"}, {"", "ONE", "TWO", "THREE", "FOUR"},
    "HALF a {u}", "HALF a {u}", "{n} AND A HALF {u}", "{n} AND A HALF {u}", true,
    "{n} AND A HALF", "every {h} hours", "every hour", "(no more than {n} in 24 hours)",
    "for {n} {p}", "and", kNoNouns, kNoPhrases};

// ---- French ---------------------------------------------------------------

const Noun kFrenchNouns[] = {
    {"tablet", "comprimé", "comprimés", false},
    {"capsule", "gélule", "gélules", true},
    {"mL", "mL", "mL", false},
    {"unit", "unité", "unités", true},
    {"puff", "bouffée", "bouffées", true},
    {"drop", "goutte", "gouttes", true},
    {"sachet", "sachet", "sachets", false},
    {"suppository", "suppositoire", "suppositoires", false},
    {"pessary", "ovule", "ovules", false},
    {"ampoule", "ampoule", "ampoules", true},
    {"vial", "flacon", "flacons", false},
    {"mg", "mg", "mg", false},
    {"microgram", "microgramme", "microgrammes", false},
    {"g", "g", "g", false},
    {"day", "jour", "jours", false},
    {"week", "semaine", "semaines", true},
    {"month", "mois", "mois", false},
    // containers, for label quantities ("3 flacons")
    {"bottle", "flacon", "flacons", false},
    {"tube", "tube", "tubes", false},
    {"pack", "boîte", "boîtes", true},
    {"inhaler", "inhalateur", "inhalateurs", false},
    {"cycle", "plaquette", "plaquettes", true},
    {"bag", "poche", "poches", true},
    {nullptr, nullptr, nullptr, false}};

const Phrase kFrenchPhrases[] = {
    {"ONCE a day", "UNE fois par jour"},
    {"TWICE a day", "DEUX fois par jour"},
    {"THREE times a day", "TROIS fois par jour"},
    {"FOUR times a day", "QUATRE fois par jour"},
    {"ONCE a week", "UNE fois par semaine"},
    {"in the morning", "le matin"},
    {"at night", "le soir au coucher"},
    {"when needed", "si besoin"},
    {"now (single dose)", "immédiatement (dose unique)"},
    {"before food", "avant le repas"},
    {"after food", "après le repas"},
    {"with food", "pendant le repas"},
    {"by mouth", "par la bouche"},
    {"into the back passage (rectum)", "dans l'anus (voie rectale)"},
    {"into the vagina", "dans le vagin"},
    {"under the tongue", "sous la langue"},
    {"to the affected area", "sur la zone à traiter"},
    {"by injection into a muscle", "en injection dans un muscle"},
    {"by injection into a vein", "en injection dans une veine"},
    {"by injection under the skin", "en injection sous la peau"},
    {"as directed", "selon les indications du soignant"},
    {"Take", "Prendre"},
    {"Apply", "Appliquer"},
    {"Insert", "Introduire"},
    {"Inhale", "Inhaler"},
    {"Give", "Administrer"},
    {"Use", "Utiliser"},
    {"Chew", "Mâcher"},
    {"Dissolve", "Dissoudre"},
    {"Instil", "Instiller"},
    {"Place", "Placer"},
    {"Spray", "Pulvériser"},
    {nullptr, nullptr}};

const Language kFrench{
    i18n::Lang::fr, ',', true,
    {"", "UN", "DEUX", "TROIS", "QUATRE"}, {"", "UNE", "DEUX", "TROIS", "QUATRE"},
    "UN DEMI-{u}", "UNE DEMI-{u}", "{n} {u} ET DEMI", "{n} {u} ET DEMIE", false,
    "{n} ET DEMI", "toutes les {h} heures", "toutes les heures",
    "(pas plus de {n} en 24 heures)", "pendant {n} {p}", "et", kFrenchNouns, kFrenchPhrases};

// ---- Portuguese -----------------------------------------------------------

const Noun kPortugueseNouns[] = {
    {"tablet", "comprimido", "comprimidos", false},
    {"capsule", "cápsula", "cápsulas", true},
    {"mL", "mL", "mL", false},
    {"unit", "unidade", "unidades", true},
    {"puff", "inalação", "inalações", true},
    {"drop", "gota", "gotas", true},
    {"sachet", "saqueta", "saquetas", true},
    {"suppository", "supositório", "supositórios", false},
    {"pessary", "óvulo", "óvulos", false},
    {"ampoule", "ampola", "ampolas", true},
    {"vial", "frasco", "frascos", false},
    {"mg", "mg", "mg", false},
    {"microgram", "micrograma", "microgramas", false},
    {"g", "g", "g", false},
    {"day", "dia", "dias", false},
    {"week", "semana", "semanas", true},
    {"month", "mês", "meses", false},
    // containers, for label quantities ("3 flacons")
    {"bottle", "frasco", "frascos", false},
    {"tube", "tubo", "tubos", false},
    {"pack", "embalagem", "embalagens", true},
    {"inhaler", "inalador", "inaladores", false},
    {"cycle", "ciclo", "ciclos", false},
    {"bag", "saco", "sacos", false},
    {nullptr, nullptr, nullptr, false}};

const Phrase kPortuguesePhrases[] = {
    {"ONCE a day", "UMA vez por dia"},
    {"TWICE a day", "DUAS vezes por dia"},
    {"THREE times a day", "TRÊS vezes por dia"},
    {"FOUR times a day", "QUATRO vezes por dia"},
    {"ONCE a week", "UMA vez por semana"},
    {"in the morning", "de manhã"},
    {"at night", "à noite"},
    {"when needed", "se necessário"},
    {"now (single dose)", "agora (dose única)"},
    {"before food", "antes das refeições"},
    {"after food", "depois das refeições"},
    {"with food", "durante as refeições"},
    {"by mouth", "pela boca"},
    {"into the back passage (rectum)", "no ânus (via retal)"},
    {"into the vagina", "na vagina"},
    {"under the tongue", "debaixo da língua"},
    {"to the affected area", "na zona afetada"},
    {"by injection into a muscle", "por injeção no músculo"},
    {"by injection into a vein", "por injeção na veia"},
    {"by injection under the skin", "por injeção debaixo da pele"},
    {"as directed", "conforme indicado pelo profissional de saúde"},
    {"Take", "Tomar"},
    {"Apply", "Aplicar"},
    {"Insert", "Introduzir"},
    {"Inhale", "Inalar"},
    {"Give", "Administrar"},
    {"Use", "Usar"},
    {"Chew", "Mastigar"},
    {"Dissolve", "Dissolver"},
    {"Instil", "Instilar"},
    {"Place", "Colocar"},
    {"Spray", "Pulverizar"},
    {nullptr, nullptr}};

const Language kPortuguese{
    i18n::Lang::pt, ',', false,
    {"", "UM", "DOIS", "TRÊS", "QUATRO"}, {"", "UMA", "DUAS", "TRÊS", "QUATRO"},
    "MEIO {u}", "MEIA {u}", "{n} {u} E MEIO", "{n} {u} E MEIA", false,
    "{n} E MEIO", "de {h} em {h} horas", "de hora em hora",
    "(não mais de {n} em 24 horas)", "durante {n} {p}", "e", kPortugueseNouns,
    kPortuguesePhrases};

// ---- Spanish --------------------------------------------------------------

const Noun kSpanishNouns[] = {
    {"tablet", "comprimido", "comprimidos", false},
    {"capsule", "cápsula", "cápsulas", true},
    {"mL", "mL", "mL", false},
    {"unit", "unidad", "unidades", true},
    {"puff", "inhalación", "inhalaciones", true},
    {"drop", "gota", "gotas", true},
    {"sachet", "sobre", "sobres", false},
    {"suppository", "supositorio", "supositorios", false},
    {"pessary", "óvulo", "óvulos", false},
    {"ampoule", "ampolla", "ampollas", true},
    {"vial", "vial", "viales", false},
    {"mg", "mg", "mg", false},
    {"microgram", "microgramo", "microgramos", false},
    {"g", "g", "g", false},
    {"day", "día", "días", false},
    {"week", "semana", "semanas", true},
    {"month", "mes", "meses", false},
    // containers, for label quantities ("3 flacons")
    {"bottle", "frasco", "frascos", false},
    {"tube", "tubo", "tubos", false},
    {"pack", "caja", "cajas", true},
    {"inhaler", "inhalador", "inhaladores", false},
    {"cycle", "ciclo", "ciclos", false},
    {"bag", "bolsa", "bolsas", true},
    {nullptr, nullptr, nullptr, false}};

const Phrase kSpanishPhrases[] = {
    {"ONCE a day", "UNA vez al día"},
    {"TWICE a day", "DOS veces al día"},
    {"THREE times a day", "TRES veces al día"},
    {"FOUR times a day", "CUATRO veces al día"},
    {"ONCE a week", "UNA vez a la semana"},
    {"in the morning", "por la mañana"},
    {"at night", "por la noche"},
    {"when needed", "si lo necesita"},
    {"now (single dose)", "ahora (dosis única)"},
    {"before food", "antes de las comidas"},
    {"after food", "después de las comidas"},
    {"with food", "con las comidas"},
    {"by mouth", "por la boca"},
    {"into the back passage (rectum)", "por el ano (vía rectal)"},
    {"into the vagina", "en la vagina"},
    {"under the tongue", "debajo de la lengua"},
    {"to the affected area", "en la zona afectada"},
    {"by injection into a muscle", "en inyección en un músculo"},
    {"by injection into a vein", "en inyección en una vena"},
    {"by injection under the skin", "en inyección debajo de la piel"},
    {"as directed", "según las indicaciones del personal de salud"},
    {"Take", "Tomar"},
    {"Apply", "Aplicar"},
    {"Insert", "Introducir"},
    {"Inhale", "Inhalar"},
    {"Give", "Administrar"},
    {"Use", "Usar"},
    {"Chew", "Masticar"},
    {"Dissolve", "Disolver"},
    {"Instil", "Instilar"},
    {"Place", "Colocar"},
    {"Spray", "Pulverizar"},
    {nullptr, nullptr}};

const Language kSpanish{
    i18n::Lang::es, ',', false,
    {"", "UN", "DOS", "TRES", "CUATRO"}, {"", "UNA", "DOS", "TRES", "CUATRO"},
    "MEDIO {u}", "MEDIA {u}", "{n} {u} Y MEDIO", "{n} {u} Y MEDIA", false,
    "{n} Y MEDIO", "cada {h} horas", "cada hora", "(no más de {n} en 24 horas)",
    "durante {n} {p}", "y", kSpanishNouns, kSpanishPhrases};

}  // namespace

const Language& language(i18n::Lang lang) {
    switch (lang) {
        case i18n::Lang::fr: return kFrench;
        case i18n::Lang::pt: return kPortuguese;
        case i18n::Lang::es: return kSpanish;
        case i18n::Lang::en: break;
    }
    return kEnglish;
}

const char* phrase_in(const Language& l, const char* english) {
    for (const Phrase* p = l.phrases; p->english; ++p)
        if (std::strcmp(p->english, english) == 0) return p->words;
    return english;
}

const Noun* noun_in(const Language& l, const std::string& english_singular) {
    for (const Noun* n = l.units; n->english; ++n)
        if (english_singular == n->english) return n;
    return nullptr;
}

std::string fill_pattern(const char* pattern, const std::string& n, const std::string& u,
                         const std::string& p) {
    std::string out;
    for (const char* c = pattern; *c; ++c) {
        if (c[0] == '{' && c[1] && c[2] == '}') {
            const std::string* v = c[1] == 'n' || c[1] == 'h' ? &n : c[1] == 'u' ? &u : c[1] == 'p' ? &p : nullptr;
            if (v) {
                out += *v;
                c += 2;
                continue;
            }
        }
        out += *c;
    }
    return out;
}

}  // namespace outpost::sig

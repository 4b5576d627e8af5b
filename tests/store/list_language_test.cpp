// The list exports (stock, expiring, history, audit) in the language of the
// user exporting them, with local times and the zone named (issue 13);
// English keeps plain digits, ISO dates and the event kinds as identifiers.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>

#include "i18n.h"
#include "list_tables.h"
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

struct InZone {
    std::string old;
    bool had;
    explicit InZone(const char* zone) {
        const char* o = std::getenv("TZ");
        had = o != nullptr;
        if (had) old = o;
        ::setenv("TZ", zone, 1);
        ::tzset();
    }
    ~InZone() {
        if (had) ::setenv("TZ", old.c_str(), 1); else ::unsetenv("TZ");
        ::tzset();
    }
};

const std::vector<std::string>* row_of(const ReportTable& t, const std::string& first) {
    for (const auto& r : t.rows)
        if (!r.empty() && r[0] == first) return &r;
    return nullptr;
}

}  // namespace

TEST_CASE("the stock and expiring exports are in French with local dates and grouped numbers", "[i18n][lists]") {
    InZone nairobi("Africa/Nairobi");  // 2026-06-15 10:00 UTC is 13:00 EAT
    Clinic c;  // paracetamol: 100 in P-EARLY (30 days) and 1000 in P-LATE
    {
        ScreenLang fr(Lang::fr);
        auto stock = stock_list_table(*c.store, StockQuery{});
        REQUIRE(stock.ok());
        CHECK(stock->title == "Stock disponible");
        CHECK(stock->period == "au 15/06/2026 13:00 EAT");
        CHECK(stock->notes.front() == "Affichage\u00a0: tous les articles");
        CHECK(stock->header[4] == "Utilisable");
        const auto* para = row_of(*stock, "PARA500T");
        REQUIRE(para != nullptr);
        CHECK((*para)[3] == "1\u00a0100");
        CHECK((*para)[6] == "15/07/2026");
        auto soon = expiring_table(*c.store, 60);
        REQUIRE(soon.ok());
        CHECK(soon->title == "Stock qui se périme d'ici 60 jours");
        REQUIRE_FALSE(soon->rows.empty());
        CHECK(soon->rows.front()[2] == "15/07/2026");
    }
    // English, the machine-readable form: plain digits and ISO dates; the time is local too.
    auto stock = stock_list_table(*c.store, StockQuery{});
    REQUIRE(stock.ok());
    CHECK(stock->title == "Stock on hand");
    CHECK(stock->period == "as of 2026-06-15 13:00 EAT");
    const auto* para = row_of(*stock, "PARA500T");
    REQUIRE(para != nullptr);
    CHECK((*para)[3] == "1100");
    CHECK((*para)[6] == "2026-07-15");
}

TEST_CASE("the audit and history exports name the zone of their local times", "[i18n][lists]") {
    InZone la_paz("America/La_Paz");  // UTC-4: 10:00 UTC is 06:00
    Clinic c;
    AuditQuery q;
    {
        ScreenLang es(Lang::es);
        auto audit = audit_table(*c.store, q, "todos");
        REQUIRE(audit.ok());
        CHECK(audit->title == "Auditoría: quién hizo qué");
        CHECK(audit->header[0] == "Cuándo (America/La_Paz)");
        CHECK(audit->header[1] == "Usuario");
        REQUIRE_FALSE(audit->rows.empty());
        CHECK(audit->rows.front()[0] == "15/06/2026 06:00");
        CHECK(audit->rows.front()[2] == "entrada");
        CHECK(audit->rows.front()[3] == "+500");
        CHECK(audit->rows.front()[6] == "Recibido");  // the Detail words (card_detail)
    }
    auto audit = audit_table(*c.store, q, "everyone");
    REQUIRE(audit.ok());
    CHECK(audit->header[0] == "When (America/La_Paz)");
    CHECK(audit->rows.front()[0] == "2026-06-15 06:00");
    CHECK(audit->rows.front()[2] == "receipt");
    CHECK(audit->rows.front()[6] == "Received");
    ScreenLang pt(Lang::pt);
    auto patient = c.store->patient(c.patient);
    REQUIRE(patient.ok());
    auto history = history_table(*c.store, *patient);
    REQUIRE(history.ok());
    CHECK_THAT(history->title, Catch::StartsWith("Histórico de dispensas de "));
    CHECK(history->header[0] == "Quando (America/La_Paz)");
    CHECK(history->header[1] == "Dispensado por");
}

// Report tables in the language of the person exporting them (issue 13):
// titles, headers, notes, dates and numbers as French, Portuguese and
// Spanish write them; English stays the plain, machine-readable form.
#include <catch2/catch.hpp>

#include "csv.h"
#include "local_time.h"
#include "reports.h"
#include "worked_example.h"

using namespace outpost;
using namespace outpost::test;
using i18n::Lang;

namespace {

const std::string kNbsp = "\xC2\xA0";

StockStatusReport big_clinic() {
    StockStatusReport r;
    r.range = parse_day_range("2026-06-01", "2026-06-30").value();
    r.amc_months = whole_months_ending_by(r.range.last, 3);
    r.min_mos = 2;
    r.max_mos = 3;
    StockStatusRow row;
    row.code = "AMX250";
    row.name = "Amoxicillin 250 mg";
    row.unit = "tablet";
    row.opening = 12345;
    row.dispensed = 2500;
    row.closing = 9845;
    row.available = 9845;
    row.amc = 2468.25;
    row.months_of_stock = 3.99;
    row.state = StockState::kOverstock;
    r.rows.push_back(row);
    return r;
}

size_t column(const ReportTable& t, const std::string& header) {
    for (size_t i = 0; i < t.header.size(); ++i)
        if (t.header[i] == header) return i;
    FAIL("no column " << header);
    return 0;
}

}  // namespace

TEST_CASE("numbers as the language writes them", "[i18n][numbers]") {
    CHECK(local_decimal(2468.25, 1, Lang::en) == "2,468.2");
    CHECK(local_decimal(2468.25, 1, Lang::fr) == "2" + kNbsp + "468,2");
    CHECK(local_decimal(12468.5, 2, Lang::es) == "12.468,50");
    CHECK(local_decimal(1234.5, 1, Lang::pt) == "1234,5");
    CHECK(local_decimal(-0.04, 1, Lang::fr) == "0,0");
    CHECK(local_decimal(-3.25, 2, Lang::es) == "-3,25");
    CHECK(local_day(20634, Lang::fr) == "30/06/2026");
    CHECK(local_day(20634, Lang::en) == "2026-06-30");
}

TEST_CASE("a report's table in French: words, dates and grouped numbers", "[reports][i18n]") {
    const ReportTable t = to_table(big_clinic(), Lang::fr);
    CHECK(t.title == "État du stock, 01/06/2026 au 30/06/2026");
    CHECK(t.period == "01/06/2026 au 30/06/2026");
    REQUIRE(t.rows.size() == 1);
    const auto& row = t.rows[0];
    CHECK(row[column(t, "Solde d'ouverture")] == "12" + kNbsp + "345");
    CHECK(row[column(t, "Délivré")] == "2" + kNbsp + "500");
    CHECK(row[column(t, "CMM")] == "2" + kNbsp + "468,2");
    CHECK(row[column(t, "Mois de stock")] == "3,99");
    CHECK(row[column(t, "État")] == "surstock");
    CHECK(t.notes[0].find("Jours\xC2\xA0: 01/06/2026 au 30/06/2026 (30 jours") == 0);
    CHECK(t.notes[1].find("CMM\xC2\xA0: Open mSupply (sur 3 mois, 30,4375 jours par mois") == 0);
}

TEST_CASE("a report's table in Spanish and Portuguese", "[reports][i18n]") {
    const ReportTable es = to_table(big_clinic(), Lang::es);
    CHECK(es.title == "Estado de existencias, 01/06/2026 al 30/06/2026");
    CHECK(es.rows[0][column(es, "Saldo inicial")] == "12.345");
    CHECK(es.rows[0][column(es, "Dispensado")] == "2500");  // Spanish groups from 10 000
    const ReportTable pt = to_table(big_clinic(), Lang::pt);
    CHECK(pt.rows[0][column(pt, "Saldo inicial")] == "12" + kNbsp + "345");
    CHECK(pt.rows[0][column(pt, "CMM")] == "2468,2");
}

TEST_CASE("English stays the machine-readable form: plain digits, ISO dates", "[reports][i18n]") {
    const ReportTable t = to_table(big_clinic(), Lang::en);
    CHECK(t.title == "Stock status, 2026-06-01 to 2026-06-30");
    CHECK(t.header[3] == "Opening balance");
    CHECK(t.rows[0][3] == "12345");
    CHECK(t.rows[0][column(t, "AMC")] == "2468.2");
    CHECK(to_csv(t).find("Code,Item,Unit,Opening balance") != std::string::npos);
}

TEST_CASE("run_report follows ReportOptions::lang", "[reports][i18n]") {
    WorkedExample w;
    ReportOptions o;
    o.range = range_of("2026-06-01", "2026-06-30");
    o.lang = Lang::pt;
    auto t = run_report(*w.c.store, "losses", o);
    REQUIRE(t.ok());
    CHECK(t->title == "Validades expiradas e perdas, 01/06/2026 a 30/06/2026");
    CHECK(t->header[4] == "Validade");
    o.lang = Lang::en;
    t = run_report(*w.c.store, "losses", o);
    REQUIRE(t.ok());
    CHECK(t->header[4] == "Expiry");
}

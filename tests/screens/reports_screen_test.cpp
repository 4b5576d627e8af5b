// The Reports screen, headless: a storekeeper opens it from the navigation
// bar, sees last month by default with the AMC method and months named,
// picks another month and another report, and exports CSV and PDF into a
// folder the test provides; the files agree with the store's own report.
// The Export button of the stock list saves every matching item. A
// dispenser is not offered Reports.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "csv.h"
#include "list_tables.h"
#include "reports.h"
#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

struct TempDir {
    std::string dir;
    TempDir() {
        char tmpl[] = "/tmp/outpost_reports_ui_XXXXXX";
        dir = ::mkdtemp(tmpl);
    }
    ~TempDir() { std::system(("rm -rf '" + dir + "'").c_str()); }
};

std::string slurp(const std::string& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// The path in "Saved N rows as PATH".
std::string saved_path(const std::string& notice) {
    const std::string marker = " rows as ";
    const size_t at = notice.find(marker);
    return at == std::string::npos ? std::string() : notice.substr(at + marker.size());
}

std::vector<std::vector<std::string>> csv_rows(const std::string& path) {
    auto records = read_csv(slurp(path));
    REQUIRE(records.ok());
    std::vector<std::vector<std::string>> rows;
    for (const CsvRecord& r : *records) rows.push_back(r.fields);
    return rows;
}

// The clinic's June (the harness receives on 15 June) plus an accented item
// and a dispensing; the clock then moves to 20 July so last month is June.
void june_and_july(Clinic& c) {
    ItemInput it;
    it.code = "SAL09";
    it.name = "Sérum salé";
    it.strength = "0,9 %";
    it.form = "poche";
    it.unit = "poche";
    const std::string sal = c.store->upsert_item(it).value();
    REQUIRE(c.store
                ->receive(c.storekeeper,
                          {sal, "L1", "2028-01-31", 40, QuantityUnit::kUnits, "Dépôt", ""})
                .ok());
    PatientInput p;
    p.family_name = "Gonçalves";
    p.given_name = "João";
    const std::string patient = c.store->register_patient(c.dispenser, p).value();
    DispenseInput in;
    in.patient_id = patient;
    in.lines.push_back({sal, 6, "", "", std::nullopt});
    REQUIRE(c.store->dispense(c.dispenser, in).ok());
    c.clock.set(kStartMs + 35LL * 24 * 3600 * 1000);  // 2026-07-20
}

}  // namespace

TEST_CASE("the Reports screen shows last month and exports CSV and PDF that agree with the store",
          "[screens][reports]") {
    Clinic clinic;
    june_and_july(clinic);
    TempDir folder;
    UiOptions options;
    options.export_folders = [&] { return std::vector<ExportFolder>{{"Test stick", folder.dir}}; };
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Reports##nav"));
    ui.frame(2);
    // Last month by default, with the method and months it used.
    CHECK(ui.text("report:month") == "2026-06");
    CHECK(ui.text("report:title") == "Stock status, 2026-06-01 to 2026-06-30");
    CHECK(ui.text("report:notes").find("AMC: Open mSupply (3-month look-back") !=
          std::string::npos);
    CHECK(ui.text("report:notes").find("from the months 2026-04 to 2026-06") != std::string::npos);
    ReportOptions june;
    june.range = Month{2026, 6}.days();
    auto expected = run_report(*clinic.store, "stock-status", june);
    REQUIRE(expected.ok());
    REQUIRE(expected->rows.size() == 4);
    CHECK(ui.text("report:rows") == "4");
    // The rows on screen are the store's (by name: Amoxicillin first).
    std::string first;
    for (size_t c = 0; c < expected->rows[0].size(); ++c)
        first += (c ? " | " : "") + expected->rows[0][c];
    CHECK(ui.text("report-row0") == first);

    // Another month: May has nothing yet; back to June.
    REQUIRE(ui.tap("< Earlier##month"));
    CHECK(ui.text("report:month") == "2026-05");
    CHECK(ui.text("report:title") == "Stock status, 2026-05-01 to 2026-05-31");
    REQUIRE(ui.tap("Later >##month"));
    REQUIRE(ui.tap("Later >##month"));  // July, the month under way
    CHECK(ui.text("report:month") == "2026-07");
    REQUIRE(ui.tap("< Earlier##month"));
    CHECK(ui.text("report:month") == "2026-06");

    // Another method: OpenLMIS is named.
    REQUIRE(ui.tap("OpenLMIS##amc"));
    CHECK(ui.text("report:notes").find("AMC: OpenLMIS") != std::string::npos);
    REQUIRE(ui.tap("Open mSupply##amc"));

    // Export: CSV, then PDF, into the offered folder.
    REQUIRE(ui.tap("Export##reports"));
    REQUIRE(ui.visible("Test stick (" + folder.dir + ")##export-folder-0"));
    REQUIRE(ui.tap("Save CSV##export"));
    INFO(ui.error());
    const std::string csv = saved_path(ui.notice());
    CHECK(csv == folder.dir + "/Stock-status-2026-06-01-to-2026-06-30.csv");
    auto rows = csv_rows(csv);
    REQUIRE(rows.size() == expected->rows.size() + 1);
    CHECK(rows[0] == expected->header);
    for (size_t i = 0; i < expected->rows.size(); ++i) CHECK(rows[i + 1] == expected->rows[i]);
    bool accents = false;
    for (const auto& r : rows)
        accents = accents || (r.size() > 1 && r[1] == "Sérum salé 0,9 % poche");
    CHECK(accents);
    REQUIRE(ui.tap("Save PDF##export"));
    const std::string pdf = saved_path(ui.notice());
    CHECK(pdf == folder.dir + "/Stock-status-2026-06-01-to-2026-06-30.pdf");
    CHECK(slurp(pdf).rfind("%PDF", 0) == 0);
    if (std::system("command -v pdftotext >/dev/null") == 0) {
        std::string text;
        FILE* p = ::popen(("pdftotext '" + pdf + "' -").c_str(), "r");
        REQUIRE(p != nullptr);
        char buf[4096];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
        ::pclose(p);
        CHECK(text.find("Hilltop Clinic") != std::string::npos);
        CHECK(text.find("Sérum salé") != std::string::npos);
    }
    REQUIRE(ui.tap("Close##export"));
    CHECK_FALSE(ui.visible("Save CSV##export"));

    // The controlled register and the others open from their tiles.
    REQUIRE(ui.tap("Consumption (12 months)##report"));
    CHECK(ui.text("report:title") == "Consumption by month, 2025-07 to 2026-06");
    REQUIRE(ui.tap("Expiries and losses##report"));
    CHECK(ui.text("report:title") == "Expiries and losses, 2026-06-01 to 2026-06-30");
    REQUIRE(ui.tap("Controlled register##report"));
    CHECK(ui.text("report:title") == "Controlled medicines register, 2026-06-01 to 2026-06-30");

    // A date range: it starts as the month chosen.
    REQUIRE(ui.tap("Date range##period"));
    CHECK(ui.visible("##report_from"));
    CHECK(ui.text("report:title") == "Controlled medicines register, 2026-06-01 to 2026-06-30");
}

TEST_CASE("the stock list exports every item as CSV and a missing folder is said in words",
          "[screens][reports][export]") {
    Clinic clinic;
    june_and_july(clinic);
    TempDir folder;
    std::string offered = folder.dir;
    UiOptions options;
    options.export_folders = [&] { return std::vector<ExportFolder>{{"Test stick", offered}}; };
    Ui ui(clinic, ImVec2(1024, 600), options, 18);
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Stock##nav"));
    REQUIRE(ui.tap("Export##stock"));
    REQUIRE(ui.tap("Save CSV##export"));
    INFO(ui.error());
    const std::string csv = saved_path(ui.notice());
    REQUIRE(!csv.empty());
    CHECK(csv.find(folder.dir + "/Stock-on-hand-2026-07-20") == 0);
    auto expected = stock_list_table(*clinic.store, StockQuery{});
    REQUIRE(expected.ok());
    auto rows = csv_rows(csv);
    REQUIRE(rows.size() == expected->rows.size() + 1);
    for (size_t i = 0; i < expected->rows.size(); ++i) CHECK(rows[i + 1] == expected->rows[i]);
    CHECK(rows.size() == 5);  // four items
    REQUIRE(ui.tap("Close##export"));

    // The stick is pulled out between opening the dialog and saving.
    offered = folder.dir + "/gone";
    REQUIRE(ui.tap("Expiring##nav"));
    REQUIRE(ui.tap("Export##expiring"));
    REQUIRE(ui.tap("Save PDF##export"));
    CHECK(ui.error().find(folder.dir + "/gone") != std::string::npos);
    CHECK(ui.error().find("Not saved") == 0);
    REQUIRE(ui.tap("Close##export"));

    REQUIRE(ui.tap("Audit##nav"));
    offered = folder.dir;
    REQUIRE(ui.tap("Export##audit"));
    REQUIRE(ui.tap("Save CSV##export"));
    const std::string audit = saved_path(ui.notice());
    REQUIRE(!audit.empty());
    CHECK(csv_rows(audit).size() == 7);  // header + 5 receipts + 1 dispensing
}

TEST_CASE("a dispenser is not offered Reports", "[screens][reports][roles]") {
    Clinic clinic;
    Ui ui(clinic, ImVec2(1024, 600), UiOptions{}, 18);
    REQUIRE(ui.log_in(kDispenser, kDispenserPin));
    CHECK(ui.visible("Stock##nav"));
    CHECK_FALSE(ui.visible("Reports##nav"));
}

// `outpost report`: each report by name over a real store file, text and CSV
// (parsed back), the default range, and every kind of bad input refused with
// exit 2 and a message that says what to do, without creating a store.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "csv.h"
#include "i18n.h"
#include "report_command.h"
#include "report_days.h"
#include "store.h"

using namespace outpost;

namespace {

struct TempDir {
    std::string dir;
    TempDir() {
        char tmpl[] = "/tmp/outpost_report_XXXXXX";
        dir = mkdtemp(tmpl);
    }
    ~TempDir() { std::system(("rm -rf '" + dir + "'").c_str()); }
    std::string path(const std::string& name) const { return dir + "/" + name; }
};

bool exists(const std::string& p) {
    struct stat st;
    return ::stat(p.c_str(), &st) == 0;
}

std::string slurp(const std::string& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// A standalone store: Sérum salé received (120) and dispensed (20) in June 2026.
void make_store(const std::string& path) {
    FakeClock clock(1780308000000LL);  // 2026-06-01 10:00 UTC
    OpenOptions o;
    o.path = path;
    o.clock = &clock;
    auto store = Store::Open(o);
    REQUIRE(store.ok());
    Store& s = **store;
    REQUIRE(s.init_standalone("TST", "Test clinic", "laptop").ok());
    auto keeper = s.add_user({"Ana Storekeeper", Role::kStorekeeper, "2468"}).value();
    auto disp = s.add_user({"Dina", Role::kDispenser, "1357"}).value();
    ItemInput item;
    item.code = "SAL09";
    item.name = "Sérum salé, 0.9%";
    item.unit = "bag";
    const std::string id = s.upsert_item(item).value();
    REQUIRE(s.receive(keeper, {id, "L1", "2028-01-31", 120, QuantityUnit::kUnits, "", ""}).ok());
    PatientInput p;
    p.family_name = "Mwale";
    p.given_name = "Ruth";
    const std::string patient = s.register_patient(disp, p).value();
    clock.advance(86400000LL * 3);
    DispenseInput in;
    in.patient_id = patient;
    in.lines.push_back({id, 20, "", "", std::nullopt});
    REQUIRE(s.dispense(disp, in).ok());
}

struct Run {
    int code = -1;
    std::string out, err;
};
Run run(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    Run r;
    r.code = run_report_command(args, out, err);
    r.out = out.str();
    r.err = err.str();
    return r;
}

}  // namespace

TEST_CASE("outpost report writes each report as text and as CSV", "[report_command]") {
    TempDir t;
    const std::string db = t.path("clinic.db");
    make_store(db);
    const std::vector<std::string> june = {"--db", db, "--from", "2026-06-01", "--to", "2026-06-30"};
    for (const std::string name : {"stock-status", "consumption", "losses", "stocktakes", "controlled"}) {
        INFO(name);
        std::vector<std::string> args = {"report", name};
        args.insert(args.end(), june.begin(), june.end());
        Run r = run(args);
        CHECK(r.code == 0);
        CHECK(r.err.empty());
        CHECK(!r.out.empty());
    }
    Run text = run({"report", "stock-status", "--db", db, "--from", "2026-06-01", "--to", "2026-06-30"});
    CHECK(text.out.find("Stock status, 2026-06-01 to 2026-06-30") == 0);
    CHECK(text.out.find("AMC: Open mSupply (3-month look-back") != std::string::npos);
    CHECK(text.out.find("Sérum salé, 0.9%") != std::string::npos);

    const std::string csv_path = t.path("june.csv");
    Run csv = run({"report", "stock-status", "--db", db, "--from", "2026-06-01", "--to", "2026-06-30",
                   "--format", "csv", "--out", csv_path, "--amc", "openlmis"});
    REQUIRE(csv.code == 0);
    CHECK(csv.out.find("wrote 1 rows of stock-status") == 0);
    auto back = read_csv(slurp(csv_path));
    REQUIRE(back.ok());
    REQUIRE(back->size() == 2);
    const auto& h = (*back)[0].fields;
    const auto& row = (*back)[1].fields;
    REQUIRE(h.size() == row.size());
    auto col = [&](const std::string& name) {
        for (size_t i = 0; i < h.size(); ++i)
            if (h[i] == name) return row[i];
        FAIL("no column " << name);
        return std::string();
    };
    CHECK(col("Item") == "Sérum salé, 0.9%");
    CHECK(col("Opening balance") == "0");
    CHECK(col("Received") == "120");
    CHECK(col("Dispensed") == "20");
    CHECK(col("Closing balance") == "100");
    CHECK(col("AMC method").find("OpenLMIS") == 0);
    CHECK(col("AMC months") == "2026-04 to 2026-06");
    CHECK_FALSE(exists(csv_path + ".part"));
}

TEST_CASE("outpost report writes a PDF that reads back with its accents", "[report_command]") {
    TempDir t;
    const std::string db = t.path("clinic.db");
    make_store(db);
    const std::string pdf = t.path("june.pdf");
    Run r = run({"report", "stock-status", "--db", db, "--from", "2026-06-01", "--to", "2026-06-30", "--format",
                 "pdf", "--out", pdf});
    INFO(r.err);
    REQUIRE(r.code == 0);
    CHECK(r.out.find("wrote 1 rows of stock-status") == 0);
    CHECK(slurp(pdf).rfind("%PDF", 0) == 0);
    CHECK_FALSE(exists(pdf + ".part"));
    REQUIRE(std::system("command -v pdftotext >/dev/null") == 0);
    std::string text;
    FILE* p = ::popen(("pdftotext '" + pdf + "' -").c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
    ::pclose(p);
    INFO(text);
    CHECK(text.find("Stock status, 2026-06-01 to 2026-06-30") != std::string::npos);
    CHECK(text.find("Test clinic") != std::string::npos);
    CHECK(text.find("Sérum salé") != std::string::npos);
    CHECK(text.find("Page 1 of 1") != std::string::npos);
}

TEST_CASE("outpost report refuses bad input with exit 2 and a clear message", "[report_command]") {
    TempDir t;
    const std::string db = t.path("clinic.db");
    make_store(db);
    struct Case {
        std::vector<std::string> args;
        std::string says;
    };
    const std::vector<Case> cases = {
        {{"report"}, "say which report"},
        {{"report", "--db", db}, "say which report"},
        {{"report", "stock"}, "'stock' is not a report"},
        {{"report", "losses"}, "--db PATH is required"},
        {{"report", "losses", "--db"}, "--db needs a value"},
        {{"report", "losses", "--db", db, "--colour", "red"}, "'--colour' is not an option"},
        {{"report", "losses", "--db", db, "--from", "2026-06-01"}, "give both --from and --to"},
        {{"report", "losses", "--db", db, "--from", "2026-06-31", "--to", "2026-07-01"}, "'2026-06-31' is not a date"},
        {{"report", "losses", "--db", db, "--from", "2026-07-01", "--to", "2026-06-01"}, "before it starts"},
        {{"report", "losses", "--db", db, "--format", "xls"}, "--format is text, csv or pdf"},
        {{"report", "losses", "--db", db, "--format", "pdf"}, "--format pdf needs --out"},
        {{"report", "losses", "--db", db, "--format", "pdf", "--out", t.path("no/such/dir/x.pdf")}, "could not be written"},
        {{"report", "losses", "--db", db, "--amc", "average"}, "--amc is msupply, msupply-adjusted or openlmis"},
        {{"report", "losses", "--db", db, "--min-mos", "two"}, "--min-mos is a number"},
        {{"report", "losses", "--db", db, "--min-mos", "4", "--max-mos", "3"}, "--max-mos must be at least"},
        {{"report", "losses", "--db", db, "--db", db}, "--db is given twice"},
        {{"report", "losses", "--db", db, "--demo"}, "demo"},
        {{"report", "losses", "--db", t.path("missing.db")}, ""},
        {{"report", "losses", "--db", db, "--out", t.path("no/such/dir/x.csv")}, "cannot write"},
    };
    for (const Case& c : cases) {
        std::string joined;
        for (const auto& a : c.args) joined += a + " ";
        INFO(joined);
        Run r = run(c.args);
        CHECK(r.code == 2);
        CHECK(r.err.find(c.says) != std::string::npos);
        CHECK(r.out.empty());
    }
    CHECK_FALSE(exists(t.path("missing.db")));  // never creates a store
}

TEST_CASE("outpost report defaults to the last full month", "[report_command]") {
    TempDir t;
    const std::string db = t.path("clinic.db");
    make_store(db);
    // The store opens on the system clock: the default range is the month
    // before today (either side of the run, should a month end in between).
    const DayRange before = last_full_month(device_day_of_ms(SystemClock().now_ms()));
    Run r = run({"report", "losses", "--db", db});
    const DayRange after = last_full_month(device_day_of_ms(SystemClock().now_ms()));
    REQUIRE(r.code == 0);
    CHECK((r.out.find("Expiries and losses, " + before.text()) == 0 ||
           r.out.find("Expiries and losses, " + after.text()) == 0));
}

TEST_CASE("outpost report --lang fr gives French words and dates and numbers and --lang en stays plain", "[report_command][i18n]") {
    TempDir t;
    const std::string db = t.path("clinic.db");
    make_store(db);
    Run fr = run({"report", "stock-status", "--db", db, "--from", "2026-06-01", "--to", "2026-06-30", "--lang", "fr"});
    REQUIRE(fr.code == 0);
    CHECK(fr.out.find("État du stock, 01/06/2026 au 30/06/2026") == 0);
    CHECK(fr.out.find("Solde d'ouverture") != std::string::npos);
    const std::string csv_path = t.path("juin.csv");
    Run csv = run({"report", "stock-status", "--db", db, "--from", "2026-06-01", "--to", "2026-06-30",
                   "--format", "csv", "--out", csv_path, "--lang", "es"});
    REQUIRE(csv.code == 0);
    CHECK(csv.out.find("escritas en") != std::string::npos);
    auto back = read_csv(slurp(csv_path));
    REQUIRE(back.ok());
    CHECK((*back)[0].fields[1] == "Artículo");
    CHECK(i18n::screen_lang() == i18n::Lang::en);  // the command put the language back
    Run bad = run({"report", "stock-status", "--db", db, "--lang", "xx"});
    CHECK(bad.code == 2);
    CHECK(bad.err.find("--lang is en, fr, pt or es, not 'xx'") != std::string::npos);
    Run en = run({"report", "stock-status", "--db", db, "--from", "2026-06-01", "--to", "2026-06-30", "--lang", "en"});
    CHECK(en.out.find("Stock status, 2026-06-01 to 2026-06-30") == 0);
}

// Reports and lists as files: the report PDF of the worked example (domain
// facts 2.6) reads back with pdftotext with its figures and accents, the
// facility, the period and page numbers, the header row on every page; it
// renders (pdftoppm; the PNG is left in /tmp for a person to look at); the
// export folders (home, USB sticks) and export_table's CSV, which parses
// back with its accents, never overwriting a file and saying why a folder
// cannot be written.
#include "report_pdf.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "csv.h"
#include "export_files.h"
#include "worked_example.h"

using namespace outpost;
using namespace outpost::test;

namespace {

std::string run(const std::string& command) {
    std::string out;
    FILE* p = ::popen(command.c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    ::pclose(p);
    return out;
}

std::string flat(const std::string& s) {
    std::string out;
    for (char c : s) {
        const bool space = c == '\n' || c == ' ' || c == '\f';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    return out;
}

std::string page_text(const std::string& path, int page) {
    return flat(run("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" +
                    path + "' -"));
}

int page_count(const std::string& path, double* width, double* height) {
    const std::string info = run("pdfinfo '" + path + "'");
    const size_t pages = info.find("Pages:"), size = info.find("Page size:");
    if (size != std::string::npos)
        std::sscanf(info.c_str() + size + 10, " %lf x %lf", width, height);
    return pages == std::string::npos ? 0 : std::atoi(info.c_str() + pages + 6);
}

std::string slurp(const std::string& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

struct TempDir {
    std::string dir;
    TempDir() {
        char tmpl[] = "/tmp/outpost_export_XXXXXX";
        dir = ::mkdtemp(tmpl);
    }
    ~TempDir() { std::system(("rm -rf '" + dir + "'").c_str()); }
};

// The worked example plus 60 accented items in stock, so the stock status
// runs over several pages.
void add_items(WorkedExample& w) {
    w.c.clock.set(ms_at("2026-06-02", 10));
    for (int i = 1; i <= 60; ++i) {
        ItemInput it{"SAL" + std::to_string(100 + i),
                     "Sérum salé n°" + std::to_string(i),
                     "0,9 %",
                     "solution pour perfusion",
                     "poche",
                     10,
                     "",
                     "",
                     0};
        const std::string id = w.c.store->upsert_item(it).value();
        ReceiveInput in{
            id, "L" + std::to_string(i), "2028-01-31", 10 * i, QuantityUnit::kUnits, "Dépôt", ""};
        REQUIRE(w.c.store->receive(w.c.storekeeper, in).ok());
    }
    w.c.clock.set(ms_at("2026-07-02", 9));
}

}  // namespace

TEST_CASE("the stock status PDF shows the worked example with accents and a header on every page",
          "[print][report-pdf]") {
    REQUIRE(std::system("command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null") == 0);
    WorkedExample w;
    add_items(w);
    ReportOptions o;
    o.range = range_of("2026-06-01", "2026-06-30");
    o.amc.adjust_for_stock_out = true;
    auto table = run_report(*w.c.store, "stock-status", o);
    REQUIRE(table.ok());
    REQUIRE(table->rows.size() == 61);
    const std::string path = "/tmp/outpost-report-test-" + std::to_string(getpid()) + ".pdf";
    REQUIRE(
        write_report_pdf(*table, {"Centre de santé de Mbalá", "2026-07-02 09:00 UTC"}, path).ok());

    double width = 0, height = 0;
    const int pages = page_count(path, &width, &height);
    CHECK(pages >= 2);
    CHECK(width == Approx(841.89).margin(0.5));  // A4 landscape: twenty columns
    CHECK(height == Approx(595.28).margin(0.5));
    const std::string first = page_text(path, 1);
    INFO(first);
    CHECK(first.find("Stock status, 2026-06-01 to 2026-06-30") != std::string::npos);
    CHECK(first.find("Facility: Centre de santé de Mbalá") != std::string::npos);
    CHECK(first.find("Period: 2026-06-01 to 2026-06-30") != std::string::npos);
    CHECK(first.find("Generated: 2026-07-02 09:00 UTC") != std::string::npos);
    // The method and months, the same on every row, said once above the table.
    CHECK(first.find("AMC method: Open mSupply") != std::string::npos);
    CHECK(first.find("AMC months: 2026-04 to 2026-06") != std::string::npos);
    // Amoxicillin (the worked example): opening 700, dispensed 310, cancelled
    // 10, closing 400, AMC 336.9, months of stock 1.19, suggested 611.
    CHECK(first.find("AMOX250D") != std::string::npos);
    CHECK(first.find("336.9") != std::string::npos);
    CHECK(first.find("1.19") != std::string::npos);
    CHECK(first.find("611") != std::string::npos);
    CHECK(first.find("Sérum salé n°1 ") != std::string::npos);
    CHECK(first.find("Page 1 of " + std::to_string(pages)) != std::string::npos);
    const std::string last = page_text(path, pages);
    INFO(last);
    CHECK(last.find("(continued)") != std::string::npos);
    CHECK(last.find("Closing") != std::string::npos);  // the header row again
    CHECK(last.find("Suggested") != std::string::npos);
    CHECK(last.find("Page " + std::to_string(pages) + " of " + std::to_string(pages)) !=
          std::string::npos);
    const std::string all = flat(run("pdftotext '" + path + "' -"));
    for (int i = 1; i <= 60; ++i)
        CHECK(all.find("Sérum salé n°" + std::to_string(i) + " ") != std::string::npos);

    const std::string png = "/tmp/outpost-report-test-page1";
    REQUIRE(std::system(
                ("pdftoppm -png -r 100 -f 1 -l 1 -singlefile '" + path + "' " + png).c_str()) == 0);
    const std::string image = slurp(png + ".png");
    REQUIRE(image.size() > 20000);  // a page of text, not a blank page
    CHECK(image.substr(1, 3) == "PNG");
    WARN("rendered report, page 1: " << png << ".png");
    std::remove(path.c_str());
}

TEST_CASE("a narrow report prints portrait, an empty one says so", "[print][report-pdf]") {
    WorkedExample w;
    ReportOptions o;
    o.range = range_of("2026-06-01", "2026-06-30");
    auto losses = run_report(*w.c.store, "losses", o);
    REQUIRE(losses.ok());
    REQUIRE(losses->rows.empty());
    const std::string path = "/tmp/outpost-report-empty-" + std::to_string(getpid()) + ".pdf";
    REQUIRE(write_report_pdf(*losses, {"Mbala", "now"}, path).ok());
    double width = 0, height = 0;
    CHECK(page_count(path, &width, &height) == 1);
    CHECK(width == Approx(595.28).margin(0.5));
    const std::string text = page_text(path, 1);
    INFO(text);
    CHECK(text.find("Expiries and losses, 2026-06-01 to 2026-06-30") != std::string::npos);
    CHECK(text.find("No rows in this period.") != std::string::npos);
    CHECK(text.find("not available") != std::string::npos);  // no unit prices: the note says so
    std::remove(path.c_str());
    Status bad = write_report_pdf(*losses, {"Mbala", "now"}, "/nonexistent-dir/r.pdf");
    CHECK(bad.code() == Status::Code::kIoError);
    CHECK(bad.message().find("/nonexistent-dir/r.pdf") != std::string::npos);
}

TEST_CASE("export folders are home and the mounted USB sticks", "[print][export]") {
    TempDir t;
    const std::string home = t.dir + "/home", media = t.dir + "/media",
                      run_media = t.dir + "/run-media";
    for (const std::string& d :
         {home, media, media + "/ana", media + "/ana/KINGSTON", media + "/ana/SANDISK", run_media,
          run_media + "/joe", run_media + "/joe/CLÉ USB"})
        REQUIRE(::mkdir(d.c_str(), 0755) == 0);
    std::ofstream(media + "/ana/not-a-folder.txt") << "x";
    const auto folders = list_export_folders(home, {media, run_media, t.dir + "/missing"});
    REQUIRE(folders.size() == 4);
    CHECK(folders[0].label == "Home folder");
    CHECK(folders[0].path == home);
    CHECK(folders[1].path == media + "/ana/KINGSTON");
    CHECK(folders[1].label == "USB stick KINGSTON");
    CHECK(folders[2].path == media + "/ana/SANDISK");
    CHECK(folders[3].label == "USB stick CLÉ USB");
    CHECK(list_export_folders(t.dir + "/nohome", {}).empty());
}

TEST_CASE("export_table writes CSV that parses back, never overwrites and says why it cannot",
          "[print][export]") {
    TempDir t;
    ReportTable table;
    table.title = "Stock on hand";
    table.period = "as of 2026-06-15 10:00 UTC";
    table.header = {"Code", "Item", "On hand"};
    table.rows = {{"SAL09", "Sérum salé, 0.9% \"poche\"", "100"}, {"PARA", "Paracétamol", "0"}};
    auto first = export_table(table, {"Mbala", "now"}, ExportFormat::kCsv, t.dir,
                              "Stock on hand 2026-06-15");
    REQUIRE(first.ok());
    CHECK(*first == t.dir + "/Stock-on-hand-2026-06-15.csv");
    const std::string bytes = slurp(*first);
    CHECK(bytes.rfind("\xEF\xBB\xBF", 0) == 0);  // the byte-order mark
    auto back = read_csv(bytes);
    REQUIRE(back.ok());
    REQUIRE(back->size() == 3);
    CHECK((*back)[1].fields == table.rows[0]);
    CHECK((*back)[2].fields == table.rows[1]);
    auto second = export_table(table, {"Mbala", "now"}, ExportFormat::kCsv, t.dir,
                               "Stock on hand 2026-06-15");
    REQUIRE(second.ok());
    CHECK(*second == t.dir + "/Stock-on-hand-2026-06-15-2.csv");
    auto pdf = export_table(table, {"Mbala", "now"}, ExportFormat::kPdf, t.dir,
                            "Stock on hand 2026-06-15");
    REQUIRE(pdf.ok());
    CHECK(slurp(*pdf).rfind("%PDF", 0) == 0);
    struct stat st;
    CHECK(::stat((*pdf + ".part").c_str(), &st) != 0);  // no temporary left behind
    auto gone = export_table(table, {"Mbala", "now"}, ExportFormat::kCsv, t.dir + "/STICK", "x");
    REQUIRE_FALSE(gone.ok());
    CHECK(gone.status().message().find(t.dir + "/STICK") != std::string::npos);
    CHECK(gone.status().message().find("USB stick removed") != std::string::npos);
    CHECK(export_file_stem("Stock status, 2026-06-01 to 2026-06-30") ==
          "Stock-status-2026-06-01-to-2026-06-30");
    CHECK(export_file_stem("Historique de GONÇALVES, João") == "Historique-de-GONÇALVES-João");
    CHECK(export_file_stem("///") == "report");
}

// Tests for the label PDF: the file opens and reads back (pdftotext, from
// poppler-utils) with its accents right, one page per sheet at the label's
// size (pdfinfo), it renders (pdftoppm makes a PNG), and a demo label says
// TRAINING. The rendered PNG is left in /tmp for a person to look at
// (its path is printed).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "label_pdf.h"
#include "print_job.h"

using namespace outpost;

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

void require_poppler() {
    if (std::system("command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null && "
                    "command -v pdfinfo >/dev/null") != 0)
        FAIL("pdftotext, pdftoppm and pdfinfo are needed (poppler-utils; tools/setup-debian.sh installs it)");
}

// pdfinfo's "Pages:" and "Page size: W x H pts".
struct PdfInfo {
    int pages = 0;
    double width = 0, height = 0;
};
PdfInfo pdf_info(const std::string& path) {
    const std::string info = run("pdfinfo '" + path + "'");
    PdfInfo i;
    const size_t pages = info.find("Pages:");
    const size_t size = info.find("Page size:");
    if (pages != std::string::npos) i.pages = std::atoi(info.c_str() + pages + 6);
    if (size != std::string::npos) std::sscanf(info.c_str() + size + 10, " %lf x %lf", &i.width, &i.height);
    return i;
}

std::string flat(std::string s) {  // pdftotext's line breaks and spacing do not matter
    std::string out;
    for (char c : s) {
        const bool space = c == '\n' || c == ' ' || c == '\f';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    return out;
}

LabelInput accented() {
    LabelInput in;
    in.facility = "Centre de Santé de Nhamatanda";
    in.patient_name = "GONÇALVES, João";
    in.item_name = "Paracétamol 500 mg comprimé";
    in.quantity = 20;
    in.unit = "tablet";
    in.directions_text = "Prendre DEUX comprimés quatre fois par jour si besoin; niño ü ß";
    in.warning = "Ne pas dépasser 8 comprimés par jour";
    in.date = "2026-06-15";
    in.dispenser = "Inês";
    in.batches = "P-1 exp 2027-01-31";
    return in;
}

}  // namespace

TEST_CASE("the label PDF reads back with its accents, one label-sized page per sheet", "[print][pdf]") {
    require_poppler();
    const std::string path = "/tmp/outpost-label-test-" + std::to_string(getpid()) + ".pdf";
    REQUIRE(write_labels_pdf({accented()}, *find_label_size("4x2in"), 203, path).ok());
    const std::string text = flat(run("pdftotext -layout '" + path + "' -"));
    INFO(text);
    CHECK(text.find("Paracétamol 500 mg comprimé") != std::string::npos);
    CHECK(text.find("GONÇALVES, João") != std::string::npos);
    CHECK(text.find("Santé") != std::string::npos);
    CHECK(text.find("niño ü ß") != std::string::npos);
    CHECK(text.find("Dispensed by: Inês") != std::string::npos);
    CHECK(text.find("TRAINING") == std::string::npos);
    const PdfInfo info = pdf_info(path);
    CHECK(info.pages == 1);
    CHECK(info.width == Approx(288).margin(0.01));  // 4 x 2 inch
    CHECK(info.height == Approx(144).margin(0.01));
    const std::string png = "/tmp/outpost-label-test-4x2in";
    REQUIRE(std::system(("pdftoppm -png -r 203 -singlefile '" + path + "' " + png).c_str()) == 0);
    std::ifstream f(png + ".png", std::ios::binary);
    char sig[8] = {};
    f.read(sig, 8);
    CHECK(std::string(sig + 1, 3) == "PNG");
    WARN("rendered label: " << png << ".png");
    std::remove(path.c_str());
}

TEST_CASE("a demo label PDF says TRAINING on every page of a split label", "[print][pdf]") {
    require_poppler();
    LabelInput in = accented();
    in.training = true;
    in.prescriber = "Dr Okafor";
    const std::string path = "/tmp/outpost-label-test-training-" + std::to_string(getpid()) + ".pdf";
    REQUIRE(write_labels_pdf({in, test_label("Mbala", "2026-06-15", true)}, *find_label_size("50x25mm"), 203, path)
                .ok());
    const PdfInfo info = pdf_info(path);
    CHECK(info.width == Approx(50 / 25.4 * 72).margin(0.01));
    CHECK(info.height == Approx(25 / 25.4 * 72).margin(0.01));
    const int pages = info.pages;
    CHECK(pages >= 3);  // two labels, at least one of them split
    for (int p = 1; p <= pages; ++p) {
        const std::string text = flat(run("pdftotext -f " + std::to_string(p) + " -l " + std::to_string(p) + " '" +
                                          path + "' -"));
        INFO("page " << p << ": " << text);
        CHECK(text.find("TRAINING - NOT FOR PATIENT USE") != std::string::npos);
    }
    const std::string all = flat(run("pdftotext '" + path + "' -"));
    CHECK(all.find("part 1 of ") != std::string::npos);
    CHECK(all.find("_ must print as they are") != std::string::npos);
    const std::string png = "/tmp/outpost-label-test-training";
    REQUIRE(std::system(("pdftoppm -png -r 203 -f 1 -l 1 -singlefile '" + path + "' " + png).c_str()) == 0);
    WARN("rendered training label, page 1: " << png << ".png");
    std::remove(path.c_str());
}

TEST_CASE("a PDF that cannot be written says where and why", "[print][pdf]") {
    Status s = write_labels_pdf({accented()}, *find_label_size("50x25mm"), 203, "/nonexistent-dir/x.pdf");
    CHECK(s.code() == Status::Code::kIoError);
    CHECK(s.message().find("/nonexistent-dir/x.pdf") != std::string::npos);
    CHECK_FALSE(write_labels_pdf({}, *find_label_size("50x25mm"), 203, "/tmp/x.pdf").ok());
}

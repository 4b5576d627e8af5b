// Tests for `outpost label`: ZPL on stdout (one format per label, escaped),
// a PDF file, the device's label size by default and --size over it, and
// the refusals (unknown or cancelled dispensing: 1; bad usage: 2).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "fake_zpl_printer.h"
#include "label_command.h"
#include "test_fixture.h"

using namespace outpost;
using outpost::test::Clinic;
using outpost::test::count_zpl_formats;

namespace {

struct Run {
    int code;
    std::string out, err;
};

Run label(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    std::vector<std::string> all = {"label"};
    all.insert(all.end(), args.begin(), args.end());
    const int code = run_label_command(all, out, err);
    return {code, out.str(), err.str()};
}

std::string dispense_two(Clinic& c) {
    DispenseInput in;
    in.patient_id = c.patient;
    in.prescriber = "Dr ^XZ Okafor";
    DispenseLineInput a{c.amox, 15, "1t tds x5/7", "", std::nullopt};
    DispenseLineInput p{c.para, 20, "2t qds prn", "", std::nullopt};
    in.lines = {a, p};
    auto r = c.store->dispense(c.dispenser, in);
    REQUIRE(r.ok());
    return r->prescription_id;
}

}  // namespace

TEST_CASE("outpost label prints a dispensing's ZPL and writes its PDF", "[print][command]") {
    const std::string path = outpost::test::temp_path("label-command.db");
    std::string rx;
    {
        Clinic c(path);
        rx = dispense_two(c);
        PrinterSettings s;
        s.label_size = "4x2in";
        REQUIRE(c.store->set_printer_settings(s).ok());
    }
    CHECK(is_label_command({"label"}));
    CHECK_FALSE(is_label_command({"verify"}));

    Run zpl = label({"--db", path, "--dispensing", rx});
    INFO(zpl.err);
    REQUIRE(zpl.code == 0);
    CHECK(count_zpl_formats(zpl.out) == 2);  // two lines, each fits a 4x2 inch label
    CHECK(zpl.out.find("^PW812") != std::string::npos);  // the device's label size
    CHECK(zpl.out.find("Dr _5EXZ Okafor") != std::string::npos);
    CHECK(zpl.out.find("KAMARA, Aminata") != std::string::npos);

    Run small = label({"--db", path, "--dispensing", rx, "--zpl", "--size", "50x25mm"});
    REQUIRE(small.code == 0);
    CHECK(small.out.find("^PW400") != std::string::npos);
    CHECK(count_zpl_formats(small.out) > 2);  // split onto parts

    const std::string pdf = path + ".pdf";
    Run written = label({"--db", path, "--dispensing", rx, "--pdf", pdf});
    REQUIRE(written.code == 0);
    CHECK(written.out == "wrote 2 labels to " + pdf + "\n");
    std::ifstream f(pdf, std::ios::binary);
    std::string head(5, '\0');
    f.read(&head[0], 5);
    CHECK(head == "%PDF-");
}

TEST_CASE("outpost label refuses what it cannot print, with a reason", "[print][command]") {
    const std::string path = outpost::test::temp_path("label-command-refuse.db");
    std::string rx;
    {
        Clinic c(path);
        rx = dispense_two(c);
        REQUIRE(c.store->cancel_dispensing(c.dispenser, rx, "wrong patient").ok());
    }
    Run cancelled = label({"--db", path, "--dispensing", rx});
    CHECK(cancelled.code == 1);
    CHECK(cancelled.err.find("cancelled") != std::string::npos);
    CHECK(cancelled.out.empty());
    Run unknown = label({"--db", path, "--dispensing", "nope"});
    CHECK(unknown.code == 1);
    CHECK(unknown.err.find("no dispensing nope") != std::string::npos);
    CHECK(label({"--db", path}).code == 2);
    CHECK(label({"--dispensing", rx}).code == 2);
    CHECK(label({"--db", path, "--dispensing", rx, "--zpl", "--pdf", "x.pdf"}).code == 2);
    CHECK(label({"--db", path, "--dispensing", rx, "--size", "A4"}).code == 2);
    CHECK(label({"--db", path, "--dispensing", rx, "--colour"}).code == 2);
    Run missing = label({"--db", "/tmp/outpost-no-such-store.db", "--dispensing", rx});
    CHECK(missing.code == 1);
}

TEST_CASE("outpost printer shows and changes the printer and sends the test label", "[print][command]") {
    const std::string path = outpost::test::temp_path("printer-command.db");
    { Clinic c(path); }
    auto printer = [&](std::vector<std::string> args) {
        std::ostringstream out, err;
        std::vector<std::string> all = {"printer", "--db", path};
        all.insert(all.end(), args.begin(), args.end());
        const int code = run_label_command(all, out, err);
        return Run{code, out.str(), err.str()};
    };
    CHECK(is_label_command({"printer"}));
    Run shown = printer({});
    REQUIRE(shown.code == 0);
    CHECK(shown.out == "printer: none, labels 50x25mm at 203 dpi, 1 copy\n");

    outpost::test::FakeZplPrinter fake;
    Run set = printer({"--kind", "zpl", "--address", fake.address(), "--size", "62x29mm", "--copies", "2"});
    INFO(set.err);
    REQUIRE(set.code == 0);
    CHECK(set.out == "printer: zpl " + fake.address() + ", labels 62x29mm at 203 dpi, 2 copies\n");
    CHECK(printer({"--kind", "laser"}).code == 2);
    Run refused = printer({"--copies", "50"});
    CHECK(refused.code == 1);
    CHECK(refused.err.find("between 1 and 10") != std::string::npos);

    Run tested = printer({"--test"});
    INFO(tested.err);
    REQUIRE(tested.code == 0);
    CHECK(tested.out.find("test label sent to label printer " + fake.address()) != std::string::npos);
    for (int i = 0; i < 300 && fake.jobs().empty(); ++i) usleep(10000);
    REQUIRE(fake.jobs().size() == 1);
    CHECK(count_zpl_formats(fake.jobs()[0]) >= 1);
    CHECK(fake.jobs()[0].find("^PQ2") != std::string::npos);

    fake.unplug();
    Run dead = printer({"--test"});
    CHECK(dead.code == 1);
    CHECK(dead.err.find("printer not answering") != std::string::npos);
}

// Tests for the printers: ZPL over TCP to a fake printer on a loopback port
// (one well-formed label per print, "printer not answering" when it is
// unplugged, ~HS status read and its 5 s bound), CUPS through a fake `lp`
// (arguments, copies, the PDF it was handed; a clear message when lp is
// missing) and a folder (one PDF per job, a retry replaces it).
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "fake_zpl_printer.h"
#include "print_job.h"
#include "printers.h"

using namespace outpost;
using outpost::test::count_zpl_formats;
using outpost::test::FakeZplPrinter;

namespace {

PrinterSettings zpl_settings(const std::string& address) {
    PrinterSettings s;
    s.kind = PrinterKind::kZpl;
    s.address = address;
    s.label_size = "4x2in";
    return s;
}

PrintRequest one_label() { return {"20260615-job1", {test_label("Mbala Health Centre", "2026-06-15", false)}}; }

std::string temp_dir(const std::string& name) {
    std::string dir = "/tmp/outpost-print-test-" + std::to_string(getpid()) + "-" + name;
    std::string cmd = "rm -rf '" + dir + "' && mkdir -p '" + dir + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
    return dir;
}

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

bool exists(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

TEST_CASE("printer addresses: host or host:port or IPv6 in brackets, port 9100 by default", "[print][printer]") {
    std::string host;
    int port = 0;
    REQUIRE(parse_printer_address("192.168.1.50", &host, &port).ok());
    CHECK(host == "192.168.1.50");
    CHECK(port == 9100);
    REQUIRE(parse_printer_address("zebra.local:6101", &host, &port).ok());
    CHECK(host == "zebra.local");
    CHECK(port == 6101);
    REQUIRE(parse_printer_address("[fe80::1]:9100", &host, &port).ok());
    CHECK(host == "fe80::1");
    CHECK_FALSE(parse_printer_address(":9100", &host, &port).ok());
    CHECK_FALSE(parse_printer_address("10.0.0.5:99999", &host, &port).ok());
    CHECK_FALSE(parse_printer_address("10.0.0.5:abc", &host, &port).ok());
    CHECK(make_printer(PrinterSettings{}).status().message().find("no label printer") != std::string::npos);
}

TEST_CASE("a ZPL print reaches the printer as exactly one well-formed label", "[print][printer][zpl]") {
    FakeZplPrinter fake;
    auto printer = make_printer(zpl_settings(fake.address()));
    REQUIRE(printer.ok());
    REQUIRE((*printer)->print(one_label()).ok());
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (fake.jobs().empty() && std::chrono::steady_clock::now() < deadline) usleep(10000);
    REQUIRE(fake.jobs().size() == 1);
    const std::string zpl = fake.jobs()[0];
    CHECK(count_zpl_formats(zpl) == 1);
    CHECK(zpl.find("Paracétamol") != std::string::npos);
    CHECK(zpl.find("_5E _7E _5C _5F") != std::string::npos);  // the test label's ^ ~ \ _
}

TEST_CASE("an unplugged ZPL printer is 'not answering', quickly", "[print][printer][zpl]") {
    FakeZplPrinter fake;
    fake.unplug();
    auto printer = make_printer(zpl_settings(fake.address()));
    REQUIRE(printer.ok());
    const auto start = std::chrono::steady_clock::now();
    Status s = (*printer)->print(one_label());
    CHECK(s.code() == Status::Code::kUnavailable);
    CHECK(s.message().rfind("printer not answering: check it is on", 0) == 0);
    CHECK((*printer)->check().message().rfind("printer not answering", 0) == 0);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
    CHECK(fake.jobs().empty());
}

TEST_CASE("the ZPL status query: ready or paper out or paused or head open or a printer that never answers", "[print][printer][zpl]") {
    FakeZplPrinter fake;
    auto printer = make_printer(zpl_settings(fake.address()));
    REQUIRE(printer.ok());
    CHECK((*printer)->check().ok());
    fake.set_status("paper out");
    Status out = (*printer)->check();
    CHECK(out.code() == Status::Code::kUnavailable);
    CHECK(out.message().find("paper out") != std::string::npos);
    fake.set_status("paused");
    CHECK((*printer)->check().message() == "the label printer is not ready: paused (press its pause button)");
    fake.set_status("head open");
    CHECK((*printer)->check().message() == "the label printer is not ready: head open (close it)");
    fake.set_status("silent");
    PrinterOptions quick;
    quick.status_timeout_ms = 400;
    auto impatient = make_printer(zpl_settings(fake.address()), quick);
    const auto start = std::chrono::steady_clock::now();
    Status silent = (*impatient)->check();
    const auto took = std::chrono::steady_clock::now() - start;
    CHECK(silent.message().rfind("printer not answering", 0) == 0);
    CHECK(took >= std::chrono::milliseconds(350));
    CHECK(took < std::chrono::seconds(2));
    CHECK(PrinterOptions{}.status_timeout_ms == 5000);  // what the test button waits
    CHECK(fake.jobs().empty());  // asking the status prints nothing
}

TEST_CASE("CUPS: the PDF goes to lp -d QUEUE with the copies and a missing lp says so", "[print][printer][cups]") {
    const std::string dir = temp_dir("cups");
    // A stand-in for lp: records its arguments and keeps the file it was given.
    const std::string lp = dir + "/lp";
    {
        std::ofstream f(lp);
        f << "#!/bin/sh\nprintf '%s\\n' \"$@\" > '" << dir << "/args'\n"
          << "for a; do last=$a; done\ncp \"$last\" '" << dir << "/handed.pdf'\n";
    }
    REQUIRE(::chmod(lp.c_str(), 0755) == 0);
    PrinterSettings s;
    s.kind = PrinterKind::kCups;
    s.address = "front-desk";
    s.copies = 2;
    PrinterOptions o;
    o.lp_program = lp;
    auto printer = make_printer(s, o);
    REQUIRE(printer.ok());
    CHECK((*printer)->check().ok());
    REQUIRE((*printer)->print(one_label()).ok());
    const std::string args = read_file(dir + "/args");
    CHECK(args.rfind("-d\nfront-desk\n-n\n2\n-t\nOutpost 20260615-job1\n--\n", 0) == 0);
    CHECK(read_file(dir + "/handed.pdf").rfind("%PDF-", 0) == 0);

    // lp that refuses: its words come back.
    {
        std::ofstream f(lp);
        f << "#!/bin/sh\necho 'lp: The printer or class does not exist.' >&2\nexit 1\n";
    }
    Status refused = (*printer)->print(one_label());
    CHECK(refused.code() == Status::Code::kUnavailable);
    CHECK(refused.message().find("does not exist") != std::string::npos);

    o.lp_program = "outpost-no-such-lp";
    auto missing = make_printer(s, o);
    Status m = (*missing)->print(one_label());
    CHECK(m.message().find("is not installed") != std::string::npos);
    CHECK(m.message().find("cups-client") != std::string::npos);
    CHECK((*missing)->check().message().find("is not installed") != std::string::npos);
}

TEST_CASE("folder: one PDF per job, a retry replaces it, a missing folder says so", "[print][printer][folder]") {
    const std::string dir = temp_dir("folder");
    PrinterSettings s;
    s.kind = PrinterKind::kFolder;
    s.address = dir;
    auto printer = make_printer(s);
    REQUIRE(printer.ok());
    REQUIRE((*printer)->print(one_label()).ok());
    REQUIRE((*printer)->print(one_label()).ok());  // the same job again
    const std::string pdf = dir + "/outpost-labels-20260615-job1.pdf";
    CHECK(read_file(pdf).rfind("%PDF-", 0) == 0);
    CHECK_FALSE(exists(pdf + ".part"));
    REQUIRE(std::system(("test $(ls '" + dir + "' | wc -l) -eq 1").c_str()) == 0);

    s.address = dir + "/unplugged-usb";
    auto gone = make_printer(s);
    Status g = (*gone)->print(one_label());
    CHECK(g.code() == Status::Code::kUnavailable);
    CHECK(g.message().find("plug the USB stick in") != std::string::npos);
}

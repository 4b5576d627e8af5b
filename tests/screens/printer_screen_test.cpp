// The Printer settings screen and the print status on every screen, with a
// started print queue (its own connection on the same store file) and the
// fake ZPL printer from tests/print on a loopback port: an administrator
// sets the printer through the screen, the test button says "ready" and the
// test label arrives; bad input saves nothing; an unplugged printer shows on
// the status line of another screen, and after plugging it back in and
// Retry the printer got each label exactly once. CUPS queues and folders are
// offered from PrinterDiscovery (a stand-in lpstat).
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>

#include "fake_zpl_printer.h"
#include "print_queue.h"
#include "printer_discovery.h"
#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;
using outpost::test::count_zpl_formats;
using outpost::test::FakeZplPrinter;

namespace {

constexpr const char* kAdmin = "Ada Admin";
constexpr const char* kAdminPin = "9999";

std::string temp_file(const std::string& name) {
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("outpost-printer-screen-" + std::to_string(::getpid()) + "-" + name))
                                 .string();
    std::filesystem::remove_all(path);
    std::filesystem::remove(path + "-wal");
    std::filesystem::remove(path + "-shm");
    return path;
}

// Draws frames until done() or 5 s (the queue's thread works meanwhile).
bool frames_until(Ui& ui, const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        ui.frame();
        usleep(5000);
    }
    return true;
}

std::string dispense(Clinic& clinic, const std::string& family) {
    PatientInput p;
    p.family_name = family;
    p.given_name = "Ana";
    const std::string patient = clinic.store->register_patient(clinic.dispenser, p).value();
    DispenseInput rx;
    rx.patient_id = patient;
    DispenseLineInput line;
    line.item_id = clinic.para;
    line.quantity = 20;
    line.directions = "2t qds prn";
    rx.lines.push_back(line);
    auto done = clinic.store->dispense(clinic.dispenser, rx);
    REQUIRE(done.ok());
    return done->prescription_id;
}

PrintQueue::Options queue_options(const std::string& path) {
    PrintQueue::Options o;
    o.store.path = path;
    o.retry_after_ms = 60000;  // only Retry tries again within the test
    return o;
}

void add_admin(Clinic& clinic) { REQUIRE(clinic.store->add_user({kAdmin, Role::kAdmin, kAdminPin}).ok()); }

}  // namespace

TEST_CASE("printer screen: set the ZPL printer then test then unplug then retry and each label printed once", "[screens][print][printer]") {
    const std::string path = temp_file("zpl.db");
    Clinic clinic(true, path);
    add_admin(clinic);
    FakeZplPrinter fake;
    PrintQueue queue(queue_options(path));
    queue.start();
    UiOptions options;
    options.print_queue = &queue;
    Ui ui(clinic, ImVec2(1366, 768), options);
    REQUIRE(ui.log_in(kAdmin, kAdminPin));
    REQUIRE(ui.tap("Printer##nav"));
    CHECK(ui.visible("None##printer_kind"));  // the default: no printer
    CHECK(ui.text("status:print").empty());   // quiet: nothing is wrong

    // Bad input: a clear message, nothing saved.
    REQUIRE(ui.tap("Label printer (ZPL, network)##printer_kind"));
    REQUIRE(ui.tap("Save##printer"));
    CHECK(ui.error() == "Not saved: Enter the label printer's network address, e.g. 192.168.1.50.");
    REQUIRE(ui.type_into("##printer_address", "127.0.0.1:99999"));
    REQUIRE(ui.tap("Save and print test label##printer"));
    CHECK(ui.error() == "Not saved: The printer's port must be between 1 and 65535.");
    CHECK(clinic.store->printer_settings()->kind == PrinterKind::kNone);
    CHECK(fake.jobs().empty());

    // The fake printer's address, the large stock, two copies; then the test.
    REQUIRE(ui.tap("##printer_address"));
    for (size_t i = 0; i < std::string("127.0.0.1:99999").size(); ++i) REQUIRE(ui.tap("Back##kbd"));
    REQUIRE(ui.type_into("##printer_address", fake.address()));
    REQUIRE(ui.tap("4 x 2 inch##printer_size-4x2in"));
    REQUIRE(ui.tap("2##printer_copies"));
    REQUIRE(ui.tap("Save and print test label##printer"));
    CHECK(ui.notice() == "Printer settings saved. The next label prints with them.");
    REQUIRE(frames_until(ui, [&] { return ui.text("printer:test").rfind("ready", 0) == 0; }));
    CHECK(ui.text("printer:test") == "ready: the test label went to label printer " + fake.address());
    auto saved = clinic.store->printer_settings();
    CHECK(saved->kind == PrinterKind::kZpl);
    CHECK(saved->address == fake.address());
    CHECK(saved->label_size == "4x2in");
    CHECK(saved->copies == 2);
    REQUIRE(fake.jobs().size() == 1);
    CHECK(fake.jobs()[0].find("TEST LABEL") != std::string::npos);
    CHECK(fake.jobs()[0].find("^PQ2") != std::string::npos);  // the copies from the screen

    // A dispensing prints.
    const std::string first = dispense(clinic, "Fifita");
    REQUIRE(queue.print_dispensing(*clinic.store, first).ok());
    REQUIRE(frames_until(ui, [&] { return fake.jobs().size() == 2; }));

    // Unplugged: the next one fails, and the status line of another screen says so.
    fake.unplug();
    const std::string second = dispense(clinic, "Vaka");
    REQUIRE(queue.print_dispensing(*clinic.store, second).ok());
    REQUIRE(ui.tap("Stock##nav"));
    REQUIRE(frames_until(ui, [&] { return !ui.text("status:print").empty() && ui.visible("Retry##status_print"); }));
    CHECK(ui.text("status:print") == "printer not answering: check it is on - 1 label job waiting");
    REQUIRE(ui.tap("Dispense##nav"));
    CHECK(ui.text("status:print") == "printer not answering: check it is on - 1 label job waiting");

    // Plugged back in, Retry: printed once, and the line goes quiet.
    fake.plug_in();
    REQUIRE(ui.tap("Retry##status_print"));
    REQUIRE(frames_until(ui, [&] { return fake.jobs().size() == 3 && ui.text("status:print").empty(); }));
    ui.frame(10);
    usleep(100 * 1000);
    ui.frame(2);
    const auto jobs = fake.jobs();
    REQUIRE(jobs.size() == 3);  // test label, first, second: nothing twice
    CHECK(jobs[1].find("FIFITA, Ana") != std::string::npos);
    CHECK(jobs[2].find("VAKA, Ana") != std::string::npos);
    CHECK(jobs[2].find("FIFITA") == std::string::npos);
    for (const std::string& j : jobs) CHECK(count_zpl_formats(j) == 1);
    CHECK(clinic.store->unprinted_print_jobs()->empty());
    CHECK_FALSE(ui.visible("Retry##status_print"));
    queue.stop();
}

TEST_CASE("printer screen: testing... while the printer is asked and only admins see it", "[screens][print][printer]") {
    Clinic clinic;
    add_admin(clinic);
    PrinterSettings folder;
    folder.kind = PrinterKind::kFolder;
    folder.address = "/media/usb";
    REQUIRE(clinic.store->set_printer_settings(folder).ok());
    PrintQueue queue(PrintQueue::Options{});  // never started: the test stays pending
    UiOptions options;
    options.print_queue = &queue;
    {
        Ui ui(clinic, ImVec2(1366, 768), options);
        REQUIRE(ui.log_in());  // a dispenser
        CHECK_FALSE(ui.visible("Printer##nav"));
    }
    Ui ui(clinic, ImVec2(1366, 768), options);
    REQUIRE(ui.log_in(kAdmin, kAdminPin));
    REQUIRE(ui.tap("Printer##nav"));
    REQUIRE(ui.tap("Save and print test label##printer"));
    ui.frame(2);
    CHECK(ui.text("printer:test").rfind("testing...", 0) == 0);
    CHECK(queue.status().testing);
    CHECK(clinic.store->printer_settings()->address == "/media/usb");  // what was loaded, saved again
}

TEST_CASE("printer screen: CUPS queues and folders offered and chosen with a tap", "[screens][print][printer]") {
    const std::string dir = temp_file("discovery");
    std::filesystem::create_directories(dir + "/home");
    const std::string lpstat = dir + "/lpstat";
    std::ofstream(lpstat) << "#!/bin/sh\necho front-desk\necho Zebra_ZD421\n";
    ::chmod(lpstat.c_str(), 0755);
    std::ofstream(dir + "/mounts") << "/dev/sdb1 /media/kiosk/LABELS vfat rw 0 0\n";
    DiscoveryOptions d;
    d.lpstat_program = lpstat;
    d.home = dir + "/home";
    d.mounts_file = dir + "/mounts";
    PrinterDiscovery discovery(d);

    Clinic clinic;
    add_admin(clinic);
    UiOptions options;
    options.printer_discovery = &discovery;
    Ui ui(clinic, ImVec2(1366, 768), options);
    REQUIRE(ui.log_in(kAdmin, kAdminPin));
    REQUIRE(ui.tap("Printer##nav"));
    REQUIRE(ui.tap("Any printer (CUPS)##printer_kind"));
    REQUIRE(frames_until(ui, [&] { return ui.visible("Zebra_ZD421##printer_queue-Zebra_ZD421"); }));
    REQUIRE(ui.tap("Zebra_ZD421##printer_queue-Zebra_ZD421"));
    REQUIRE(ui.tap("62 x 29 mm##printer_size-62x29mm"));
    REQUIRE(ui.tap("Save##printer"));
    CHECK(ui.error().empty());
    auto saved = clinic.store->printer_settings();
    CHECK(saved->kind == PrinterKind::kCups);
    CHECK(saved->address == "Zebra_ZD421");
    CHECK(saved->label_size == "62x29mm");

    REQUIRE(ui.tap("Save PDF to a folder or USB stick##printer_kind"));
    REQUIRE(ui.visible("/media/kiosk/LABELS##printer_folder-/media/kiosk/LABELS"));
    REQUIRE(ui.visible(dir + "/home##printer_folder-" + dir + "/home"));
    REQUIRE(ui.tap("/media/kiosk/LABELS##printer_folder-/media/kiosk/LABELS"));
    REQUIRE(ui.tap("Save##printer"));
    CHECK(clinic.store->printer_settings()->kind == PrinterKind::kFolder);
    CHECK(clinic.store->printer_settings()->address == "/media/kiosk/LABELS");
    // A relative folder is refused, and the saved one stays.
    REQUIRE(ui.tap("##printer_folder"));
    for (size_t i = 0; i < std::string("/media/kiosk/LABELS").size(); ++i) REQUIRE(ui.tap("Back##kbd"));
    REQUIRE(ui.type_into("##printer_folder", "labels"));
    REQUIRE(ui.tap("Save##printer"));
    CHECK(ui.error() == "Not saved: Write the folder as a full path starting with /, for example /media/usb.");
    CHECK(clinic.store->printer_settings()->address == "/media/kiosk/LABELS");
    std::filesystem::remove_all(dir);
}

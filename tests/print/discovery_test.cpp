// Tests for what the Printer settings screen offers: CUPS queues from
// `lpstat -e` (a stand-in lpstat script; a missing one, a slow one), the
// folders (home, USB sticks from a mounts table with escaped spaces), and
// PrinterDiscovery looking on its own thread.
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "printer_discovery.h"
#include "test_fixture.h"

using namespace outpost;

namespace {

std::string script(const std::string& name, const std::string& body) {
    const std::string dir = outpost::test::temp_path("discovery-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/lpstat";
    std::ofstream(path) << "#!/bin/sh\n" << body;
    ::chmod(path.c_str(), 0755);
    return path;
}

}  // namespace

TEST_CASE("lpstat -e output becomes the queue names and odd lines are skipped", "[print][discovery]") {
    CHECK(parse_lpstat_queues("front-desk\nZebra_ZD421\r\n\n-bad\nwith space\na/b\n") ==
          std::vector<std::string>{"front-desk", "Zebra_ZD421"});
    CHECK(parse_lpstat_queues("").empty());
}

TEST_CASE("USB sticks are the mount points under /media and /run/media", "[print][discovery]") {
    const std::string mounts =
        "/dev/sda1 / ext4 rw 0 0\n"
        "/dev/sdb1 /media/kiosk/LABELS vfat rw 0 0\n"
        "/dev/sdc1 /run/media/kiosk/MY\\040STICK vfat rw 0 0\n"
        "tmpfs /media tmpfs rw 0 0\n"
        "/dev/sdd1 /mediafiles ext4 rw 0 0\n";
    CHECK(mounted_folders(mounts, {"/media", "/run/media"}) ==
          std::vector<std::string>{"/media/kiosk/LABELS", "/run/media/kiosk/MY STICK"});
}

TEST_CASE("discovery lists CUPS queues and home and sticks and says why when CUPS has none", "[print][discovery]") {
    const std::string home = outpost::test::temp_path("discovery-home");
    std::filesystem::create_directories(home);
    const std::string mounts = outpost::test::temp_path("discovery-mounts");
    std::ofstream(mounts) << "/dev/sdb1 /media/kiosk/LABELS vfat rw 0 0\n";
    DiscoveryOptions o;
    o.home = home;
    o.mounts_file = mounts;
    o.lpstat_program = script("two", "[ \"$1\" = -e ] || exit 2\necho front-desk\necho Zebra_ZD421\n");
    PrinterChoices c = discover_printer_choices(o);
    CHECK(c.cups_queues == std::vector<std::string>{"front-desk", "Zebra_ZD421"});
    CHECK(c.cups_note.empty());
    CHECK(c.folders == std::vector<std::string>{home, "/media/kiosk/LABELS"});

    o.lpstat_program = script("none", "echo 'lpstat: No destinations added.' >&2\nexit 1\n");
    c = discover_printer_choices(o);
    CHECK(c.cups_queues.empty());
    CHECK(c.cups_note == "CUPS did not list its printers: lpstat: No destinations added.");

    o.lpstat_program = outpost::test::temp_path("discovery-no-such-lpstat");
    c = discover_printer_choices(o);
    CHECK(c.cups_note.find("CUPS is not installed on this device") == 0);

    o.lpstat_program = script("slow", "sleep 5\necho late\n");
    o.lpstat_timeout_ms = 300;
    const auto start = std::chrono::steady_clock::now();
    c = discover_printer_choices(o);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(3));
    CHECK(c.cups_queues.empty());
    CHECK(c.cups_note.find("did not list its printers within") != std::string::npos);
}

TEST_CASE("PrinterDiscovery looks on its own thread and returns at once", "[print][discovery]") {
    DiscoveryOptions o;
    o.home = "/nonexistent-home";
    o.mounts_file = "/nonexistent-mounts";
    o.lpstat_program = script("thread", "sleep 0.3\necho front-desk\n");
    PrinterDiscovery d(o);
    std::atomic<int> changes{0};
    d.on_change = [&] { ++changes; };
    const auto start = std::chrono::steady_clock::now();
    d.refresh();
    d.refresh();  // one look at a time
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(200));
    CHECK(d.snapshot().looking);
    while (d.snapshot().looking) usleep(5000);
    CHECK(d.snapshot().looked);
    CHECK(d.snapshot().choices.cups_queues == std::vector<std::string>{"front-desk"});
    CHECK(d.snapshot().choices.folders.empty());
    CHECK(changes == 1);
}

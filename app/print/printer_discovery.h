// What the Printer settings screen offers to choose from: the CUPS queues
// this device knows (`lpstat -e`, a child process with a timeout) and the
// folders a label PDF can be saved to (the home folder and every USB stick
// mounted under /media or /run/media, read from the mount table). The
// screens never run a process: PrinterDiscovery looks on its own thread and
// the screen reads its snapshot each frame (UiOptions::printer_discovery).
//
// Thread safety: discover_printer_choices() is a plain blocking function;
// every PrinterDiscovery method may be called from any thread.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace outpost {

struct PrinterChoices {
    std::vector<std::string> cups_queues;  // as `lpstat -e` lists them, in its order
    std::string cups_note;                 // why there is none ("" when some were found)
    std::vector<std::string> folders;      // home first, then the mounted sticks
};

struct DiscoveryOptions {
    std::string lpstat_program = "lpstat";  // looked up in PATH
    int lpstat_timeout_ms = 5000;
    std::string home;                        // "" : $HOME
    std::string mounts_file = "/proc/self/mounts";
    std::vector<std::string> media_roots = {"/media", "/run/media"};
};

// `lpstat -e` output: one queue name a line; blank lines and names a CUPS
// queue cannot have (spaces, '/', a leading '-') are skipped.
std::vector<std::string> parse_lpstat_queues(const std::string& out);
// Mount points under one of the roots (not the roots themselves), from a
// mounts table in /proc/self/mounts format (octal escapes such as \040 for
// a space undone).
std::vector<std::string> mounted_folders(const std::string& mounts_text, const std::vector<std::string>& roots);
// Runs lpstat and reads the mount table; returns within lpstat_timeout_ms.
PrinterChoices discover_printer_choices(const DiscoveryOptions& options);

class PrinterDiscovery {
public:
    struct Snapshot {
        bool looking = false;  // a look is running
        bool looked = false;   // at least one look finished
        PrinterChoices choices;
    };

    explicit PrinterDiscovery(DiscoveryOptions options = {});
    ~PrinterDiscovery();  // waits for a running look (bounded by lpstat's timeout)
    PrinterDiscovery(const PrinterDiscovery&) = delete;
    PrinterDiscovery& operator=(const PrinterDiscovery&) = delete;

    // Starts a look on a worker thread unless one is running; returns at once.
    void refresh();
    Snapshot snapshot() const;
    // Called on the worker when a look finished (the app wakes its frame loop).
    std::function<void()> on_change;

private:
    DiscoveryOptions options_;
    mutable std::mutex mu_;
    Snapshot snapshot_;
    std::thread worker_;
};

}  // namespace outpost

// The printer choices for the settings screen (see printer_discovery.h).
#include "printer_discovery.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>

#include "child_process.h"

namespace outpost {

namespace {

bool is_directory(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

// "\040" -> " " (the kernel escapes space, tab, newline and backslash).
std::string unescape_mount_path(const std::string& s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] >= '0' && s[i + 1] <= '3' &&
            s[i + 2] >= '0' && s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
            out += static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
            i += 3;
        } else {
            out += s[i];
        }
    }
    return out;
}

}  // namespace

std::vector<std::string> parse_lpstat_queues(const std::string& out) {
    std::vector<std::string> queues;
    std::istringstream in(out);
    std::string line;
    while (std::getline(in, line)) {
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) line.pop_back();
        if (line.empty() || line[0] == '-' || line.find_first_of(" \t/") != std::string::npos) continue;
        queues.push_back(line);
    }
    return queues;
}

std::vector<std::string> mounted_folders(const std::string& mounts_text, const std::vector<std::string>& roots) {
    std::vector<std::string> found;
    std::istringstream in(mounts_text);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string device, mount_point;
        if (!(fields >> device >> mount_point)) continue;
        const std::string path = unescape_mount_path(mount_point);
        for (const std::string& root : roots) {
            if (path.size() > root.size() + 1 && path.compare(0, root.size(), root) == 0 && path[root.size()] == '/') {
                bool seen = false;
                for (const std::string& f : found) seen = seen || f == path;
                if (!seen) found.push_back(path);
                break;
            }
        }
    }
    return found;
}

PrinterChoices discover_printer_choices(const DiscoveryOptions& options) {
    PrinterChoices choices;
    if (!in_path(options.lpstat_program)) {
        choices.cups_note = "CUPS is not installed on this device (no lpstat): install cups-client, or type the "
                            "queue's name";
    } else {
        const ChildResult r = run_child({options.lpstat_program, "-e"}, options.lpstat_timeout_ms, true);
        if (!r.started) {
            choices.cups_note = "lpstat could not be started: " + std::string(std::strerror(r.start_errno));
        } else if (r.timed_out) {
            choices.cups_note = "CUPS did not list its printers within " +
                                std::to_string(options.lpstat_timeout_ms / 1000) + " s: is cupsd running?";
        } else {
            choices.cups_queues = parse_lpstat_queues(r.out);
            if (choices.cups_queues.empty())
                choices.cups_note = r.exit_code != 0 && !r.err.empty()
                                        ? "CUPS did not list its printers: " + r.err
                                        : "CUPS knows no printer on this device: add one in CUPS first";
        }
    }
    std::string home = options.home;
    if (home.empty()) {
        const char* h = std::getenv("HOME");
        home = h ? h : "";
    }
    if (!home.empty() && is_directory(home)) choices.folders.push_back(home);
    std::ifstream mounts(options.mounts_file);
    if (mounts) {
        std::stringstream text;
        text << mounts.rdbuf();
        for (const std::string& f : mounted_folders(text.str(), options.media_roots))
            if (f != home) choices.folders.push_back(f);
    }
    return choices;
}

PrinterDiscovery::PrinterDiscovery(DiscoveryOptions options) : options_(std::move(options)) {}

PrinterDiscovery::~PrinterDiscovery() {
    if (worker_.joinable()) worker_.join();
}

void PrinterDiscovery::refresh() {
    std::lock_guard<std::mutex> lock(mu_);
    if (snapshot_.looking) return;
    if (worker_.joinable()) worker_.join();  // the last look is over: this returns at once
    snapshot_.looking = true;
    worker_ = std::thread([this] {
        PrinterChoices choices = discover_printer_choices(options_);
        {
            std::lock_guard<std::mutex> done(mu_);
            snapshot_.choices = std::move(choices);
            snapshot_.looking = false;
            snapshot_.looked = true;
        }
        if (on_change) on_change();
    });
}

PrinterDiscovery::Snapshot PrinterDiscovery::snapshot() const {
    std::lock_guard<std::mutex> lock(mu_);
    return snapshot_;
}

}  // namespace outpost

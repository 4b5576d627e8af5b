// Running a helper program (lp, lpstat) as a child process, bounded in time:
// posix_spawnp (no shell: every argument is one argv entry), stdin on
// /dev/null, stderr and optionally stdout captured, killed after its
// timeout. Internal to outpost_print (printer_cups.cpp, printer_discovery.cpp).
#pragma once

#include <string>
#include <vector>

namespace outpost {

struct ChildResult {
    bool started = false;
    int start_errno = 0;   // why it could not start (ENOENT: not installed)
    bool timed_out = false;
    int exit_code = -1;
    std::string out;  // stdout (first 64 KiB) when asked for; else empty
    std::string err;  // stderr (first 4 KiB), trailing newlines trimmed
};

// Runs args[0] (looked up in PATH). capture_stdout false: stdout goes to
// /dev/null. Returns within timeout_ms (plus the kill and wait).
ChildResult run_child(const std::vector<std::string>& args, int timeout_ms, bool capture_stdout = false);

// Is program (a name looked up in PATH, or a path) there and executable?
bool in_path(const std::string& program);

}  // namespace outpost

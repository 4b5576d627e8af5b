// Starting the project's own executables from tools and tests (outpost-central
// serve, fault_proxy, kill_harness's child device): fork and exec with the
// child's stdout on a pipe, so its first line ("listening on HOST:PORT") can
// be read, and its stderr appended to a log file a person can read after a
// failure. POSIX only; no Outpost code.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace outpost {

struct ChildProcess {
    pid_t pid = -1;  // -1: it did not start
    int out = -1;    // read end of the child's stdout; -1 once closed
};

// Starts argv[0] (a path, not searched in PATH) with argv. stderr is appended
// to log_path (left as the parent's when the file cannot be opened). Returns
// pid -1 when no pipe or process could be made; an exec failure shows as the
// child exiting with 127.
ChildProcess start_child(const std::vector<std::string>& argv, const std::string& log_path);

// Reads fd (a child's stdout) up to the next newline, which is dropped.
// Blocks; "" when the other end closed first.
std::string read_line(int fd);

// The port at the end of "listening on HOST:PORT"; 0 when the line is not one.
int listening_port(const std::string& first_line);

}  // namespace outpost

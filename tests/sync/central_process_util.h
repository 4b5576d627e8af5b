// Helpers for tests that run the real outpost-central: a temp directory, the
// admin CLI, a server process on a free loopback port (extra serve flags
// allowed), and raw sockets for clients that misbehave on purpose.
// Header-only; used by security_test.cpp, https_test.cpp and
// central_process_test.cpp.
#pragma once

#include <catch2/catch.hpp>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "child_process.h"

namespace outpost::process_test {

inline std::string temp_dir(const std::string& name) {
    const std::string dir = "/tmp/outpost-" + name + "-" + std::to_string(getpid());
    REQUIRE(std::system(("rm -rf " + dir + " && mkdir -p " + dir).c_str()) == 0);
    return dir;
}

// Runs a shell command; returns its stdout (trailing newline removed) and
// fails the test when it exits non-zero.
inline std::string shell(const std::string& cmd) {
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    const int rc = pclose(p);
    INFO(cmd << " -> " << out);
    REQUIRE(rc == 0);
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

// outpost-central serve on 127.0.0.1, any free port; stderr to log.
struct CentralServer {
    pid_t pid = -1;
    int port = 0;
    CentralServer(const std::string& db, const std::string& log, const std::vector<std::string>& extra = {}) {
        std::vector<std::string> argv = {OUTPOST_CENTRAL_BIN, "serve", "--db", db, "--listen", "127.0.0.1:0"};
        argv.insert(argv.end(), extra.begin(), extra.end());
        ChildProcess c = start_child(argv, log);
        REQUIRE(c.pid >= 0);
        pid = c.pid;
        const std::string line = read_line(c.out);
        close(c.out);
        INFO("central said: " << line);
        REQUIRE(line.rfind("listening on 127.0.0.1:", 0) == 0);
        port = listening_port(line);
    }
    // SIGTERM, then its exit status (0: it stopped cleanly); -1 when it
    // did not exit normally.
    int stop() {
        kill(pid, SIGTERM);
        int status = 0;
        waitpid(pid, &status, 0);
        pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    ~CentralServer() {
        if (pid > 0) {
            kill(pid, SIGKILL);
            waitpid(pid, nullptr, 0);
        }
    }
};

// A connected TCP socket to 127.0.0.1:port, or -1.
inline int connect_to(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

inline bool send_all(int fd, const std::string& data) {
    size_t sent = 0;
    while (sent < data.size()) {
        ssize_t n = send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<size_t>(n);
    }
    return true;
}

// Reads until the server closes the connection (or timeout_s passes).
inline std::string read_until_closed(int fd, int timeout_s) {
    timeval tv{timeout_s, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string out;
    char buf[4096];
    ssize_t n;
    while ((n = recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
    return out;
}

}  // namespace outpost::process_test

// Helpers for tests that run the real outpost-central: a temp directory, the
// admin CLI, a server process on a free loopback port (extra serve flags
// allowed), and raw sockets for clients that misbehave on purpose.
// Header-only; used by security_test.cpp and https_test.cpp.
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
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            dup2(fds[1], 1);
            if (FILE* err = std::fopen(log.c_str(), "a")) dup2(fileno(err), 2);
            close(fds[0]);
            close(fds[1]);
            std::vector<std::string> argv = {OUTPOST_CENTRAL_BIN, "serve", "--db", db, "--listen", "127.0.0.1:0"};
            argv.insert(argv.end(), extra.begin(), extra.end());
            std::vector<char*> args;
            for (auto& a : argv) args.push_back(&a[0]);
            args.push_back(nullptr);
            execv(args[0], args.data());
            _exit(127);
        }
        close(fds[1]);
        std::string line;
        char ch;
        while (read(fds[0], &ch, 1) == 1 && ch != '\n') line += ch;
        close(fds[0]);
        INFO("central said: " << line);
        REQUIRE(line.rfind("listening on 127.0.0.1:", 0) == 0);
        port = std::atoi(line.c_str() + std::string("listening on 127.0.0.1:").size());
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

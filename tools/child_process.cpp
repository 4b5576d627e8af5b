// start_child and friends: see child_process.h.
#include "child_process.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>

namespace outpost {

ChildProcess start_child(const std::vector<std::string>& argv, const std::string& log_path) {
    int fds[2];
    if (argv.empty() || pipe(fds) != 0) return {};
    const pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return {};
    }
    if (pid == 0) {
        dup2(fds[1], 1);
        if (FILE* err = std::fopen(log_path.c_str(), "a")) dup2(fileno(err), 2);
        close(fds[0]);
        close(fds[1]);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(fds[1]);
    return {pid, fds[0]};
}

std::string read_line(int fd) {
    std::string line;
    char c;
    while (fd >= 0 && read(fd, &c, 1) == 1 && c != '\n') line += c;
    return line;
}

int listening_port(const std::string& first_line) {
    if (first_line.rfind("listening on ", 0) != 0) return 0;
    const size_t colon = first_line.rfind(':');
    return colon == std::string::npos ? 0 : std::atoi(first_line.c_str() + colon + 1);
}

}  // namespace outpost

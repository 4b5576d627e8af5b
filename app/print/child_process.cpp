// Child processes for the printers (see child_process.h).
#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>

extern char** environ;

namespace outpost {

ChildResult run_child(const std::vector<std::string>& args, int timeout_ms, bool capture_stdout) {
    ChildResult out;
    int err_pipe[2];
    if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
        out.start_errno = errno;
        return out;
    }
    int out_pipe[2] = {-1, -1};
    if (capture_stdout && ::pipe2(out_pipe, O_CLOEXEC) != 0) {
        out.start_errno = errno;
        ::close(err_pipe[0]);
        ::close(err_pipe[1]);
        return out;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    if (capture_stdout)
        posix_spawn_file_actions_adddup2(&actions, out_pipe[1], 1);
    else
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], 2);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(err_pipe[1]);
    if (capture_stdout) ::close(out_pipe[1]);
    if (rc != 0) {
        ::close(err_pipe[0]);
        if (capture_stdout) ::close(out_pipe[0]);
        out.start_errno = rc;
        return out;
    }
    out.started = true;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    // [0] stderr, [1] stdout; fd -1 once it reached end of file (poll skips it).
    pollfd fds[2] = {{err_pipe[0], POLLIN, 0}, {capture_stdout ? out_pipe[0] : -1, POLLIN, 0}};
    std::string* sinks[2] = {&out.err, &out.out};
    const size_t caps[2] = {4096, 65536};
    while (fds[0].fd >= 0 || fds[1].fd >= 0) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                                std::chrono::steady_clock::now())
                              .count();
        if (left <= 0) {
            out.timed_out = true;
            break;
        }
        const int r = ::poll(fds, 2, static_cast<int>(left));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) continue;
        for (int k = 0; k < 2; ++k) {
            if (fds[k].fd < 0 || fds[k].revents == 0) continue;
            char buf[4096];
            const ssize_t n = ::read(fds[k].fd, buf, sizeof buf);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                ::close(fds[k].fd);
                fds[k].fd = -1;
            } else if (sinks[k]->size() < caps[k]) {
                sinks[k]->append(buf, static_cast<size_t>(n));
            }
        }
    }
    for (pollfd& p : fds)
        if (p.fd >= 0) ::close(p.fd);
    if (out.timed_out) ::kill(pid, SIGKILL);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!out.timed_out) out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    while (!out.err.empty() && (out.err.back() == '\n' || out.err.back() == ' ')) out.err.pop_back();
    return out;
}

bool in_path(const std::string& program) {
    if (program.find('/') != std::string::npos) return ::access(program.c_str(), X_OK) == 0;
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/bin:/bin";
    size_t i = 0;
    while (i <= dirs.size()) {
        size_t j = dirs.find(':', i);
        if (j == std::string::npos) j = dirs.size();
        const std::string dir = j > i ? dirs.substr(i, j - i) : ".";
        if (::access((dir + "/" + program).c_str(), X_OK) == 0) return true;
        i = j + 1;
    }
    return false;
}

}  // namespace outpost

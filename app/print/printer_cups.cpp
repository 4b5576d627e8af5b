// Any printer CUPS knows (see printers.h): the job's labels as a PDF in a
// private temporary file, handed to `lp -d QUEUE -n COPIES -- FILE` as a
// child process (posix_spawnp, no shell: the queue name is one argument and
// cannot start with '-'). lp spools the file and exits; its stderr is kept
// for the message. When lp is not installed the message says so and what
// to install.
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include "label_pdf.h"
#include "printers.h"

extern char** environ;

namespace outpost {
namespace {

struct ChildResult {
    bool started = false;
    int start_errno = 0;
    bool timed_out = false;
    int exit_code = -1;
    std::string err;  // what it wrote on stderr (first 4 KiB)
};

// Runs argv[0] (looked up in PATH) with stdin and stdout on /dev/null and
// stderr captured; kills it after timeout_ms.
ChildResult run_child(const std::vector<std::string>& args, int timeout_ms) {
    ChildResult out;
    int pipe_fd[2];
    if (::pipe2(pipe_fd, O_CLOEXEC) != 0) {
        out.start_errno = errno;
        return out;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, pipe_fd[1], 2);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(pipe_fd[1]);
    if (rc != 0) {
        ::close(pipe_fd[0]);
        out.start_errno = rc;
        return out;
    }
    out.started = true;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    bool open = true;
    while (open) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline -
                                                                                std::chrono::steady_clock::now())
                              .count();
        if (left <= 0) {
            out.timed_out = true;
            break;
        }
        pollfd p{pipe_fd[0], POLLIN, 0};
        const int r = ::poll(&p, 1, static_cast<int>(left));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) continue;
        char buf[512];
        const ssize_t n = ::read(pipe_fd[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) open = false;
        else if (out.err.size() < 4096) out.err.append(buf, static_cast<size_t>(n));
    }
    ::close(pipe_fd[0]);
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

class CupsPrinter : public LabelPrinter {
public:
    CupsPrinter(const PrinterSettings& s, const PrinterOptions& o) : settings_(s), options_(o) {}

    std::string where() const override { return "CUPS queue " + settings_.address; }

    Status print(const PrintRequest& job) override {
        const LabelSize* size = find_label_size(settings_.label_size);
        if (!size) return Status::InvalidArgument("unknown label size " + settings_.label_size);
        const char* tmp = std::getenv("TMPDIR");
        std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/outpost-label-XXXXXX.pdf";
        const int fd = ::mkstemps(path.data(), 4);
        if (fd < 0)
            return Status::IoError("no temporary file for the label PDF (" + std::string(std::strerror(errno)) + ")");
        ::close(fd);
        Status s = write_labels_pdf(job.labels, *size, settings_.dpi, path);
        if (s.ok()) s = hand_to_lp(path, job.name);
        ::unlink(path.c_str());
        return s;
    }

    Status check() override {
        // Whether the queue prints is CUPS's to say (the test label shows
        // it); here: is there an lp to hand labels to.
        if (!in_path(options_.lp_program)) return missing_lp(ENOENT);
        return Status::Ok();
    }

private:
    Status missing_lp(int err) const {
        if (err == ENOENT)
            return Status::Unavailable("`" + options_.lp_program +
                                       "` is not installed on this device, so CUPS cannot print: install the "
                                       "cups-client package, or choose a ZPL printer or a folder");
        return Status::Unavailable("`" + options_.lp_program + "` could not be started: " + std::strerror(err));
    }

    Status hand_to_lp(const std::string& path, const std::string& title) {
        ChildResult r = run_child({options_.lp_program, "-d", settings_.address, "-n", std::to_string(settings_.copies),
                                   "-t", "Outpost " + title, "--", path},
                                  options_.lp_timeout_ms);
        if (!r.started) return missing_lp(r.start_errno);
        if (r.timed_out)
            return Status::Unavailable("printer not answering: CUPS (lp) did not take the labels within " +
                                       std::to_string(options_.lp_timeout_ms / 1000) + " s");
        if (r.exit_code != 0)
            return Status::Unavailable("CUPS refused the labels for queue " + settings_.address + ": " +
                                       (r.err.empty() ? "lp exited with " + std::to_string(r.exit_code) : r.err));
        return Status::Ok();
    }

    PrinterSettings settings_;
    PrinterOptions options_;
};

}  // namespace

std::unique_ptr<LabelPrinter> make_cups_printer(const PrinterSettings& settings, const PrinterOptions& options) {
    return std::make_unique<CupsPrinter>(settings, options);
}

}  // namespace outpost

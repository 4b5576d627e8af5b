// Any printer CUPS knows (see printers.h): the job's labels as a PDF in a
// private temporary file, handed to `lp -d QUEUE -n COPIES -- FILE` as a
// child process (posix_spawnp, no shell: the queue name is one argument and
// cannot start with '-'). lp spools the file and exits; its stderr is kept
// for the message. When lp is not installed the message says so and what
// to install.
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "child_process.h"
#include "label_pdf.h"
#include "printers.h"

namespace outpost {
namespace {

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

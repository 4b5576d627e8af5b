// A folder as a printer (see printers.h): each job becomes one PDF,
// "outpost-labels-<job name>.pdf", written beside as ".part" and renamed, so
// whoever opens the folder (or pulls the USB stick) never sees half a file,
// and a retry of the same job replaces its file instead of adding one.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "label_pdf.h"
#include "printers.h"

namespace outpost {
namespace {

class FolderPrinter : public LabelPrinter {
public:
    explicit FolderPrinter(const PrinterSettings& s) : settings_(s) {}

    std::string where() const override { return "folder " + settings_.address; }

    Status print(const PrintRequest& job) override {
        Status s = check();
        if (!s.ok()) return s;
        const LabelSize* size = find_label_size(settings_.label_size);
        if (!size) return Status::InvalidArgument("unknown label size " + settings_.label_size);
        const std::string path = settings_.address + "/outpost-labels-" + job.name + ".pdf";
        const std::string part = path + ".part";
        s = write_labels_pdf(job.labels, *size, settings_.dpi, part);
        if (!s.ok()) {
            std::remove(part.c_str());
            return Status::Unavailable(s.message());
        }
        if (std::rename(part.c_str(), path.c_str()) != 0) {
            const std::string why = std::strerror(errno);
            std::remove(part.c_str());
            return Status::Unavailable("the label PDF could not be saved as " + path + ": " + why);
        }
        return Status::Ok();
    }

    Status check() override {
        struct stat st {};
        if (::stat(settings_.address.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
            return Status::Unavailable("the label folder " + settings_.address +
                                       " is not there: plug the USB stick in, or choose another folder");
        if (::access(settings_.address.c_str(), W_OK) != 0)
            return Status::Unavailable("the label folder " + settings_.address + " cannot be written to");
        return Status::Ok();
    }

private:
    PrinterSettings settings_;
};

}  // namespace

std::unique_ptr<LabelPrinter> make_folder_printer(const PrinterSettings& settings) {
    return std::make_unique<FolderPrinter>(settings);
}

}  // namespace outpost

// Export folders and files (see export_files.h).
#include "export_files.h"

#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "i18n.h"

namespace outpost {

namespace fs = std::filesystem;

namespace {

bool is_dir(const std::string& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

// Flushes a written file to the device, so that a USB stick pulled out
// after "Saved" still holds it. Errors: IoError with the system's reason.
Status sync_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0)
        return Status::IoError("cannot reopen " + path + " to flush it: " + std::strerror(errno));
    const int rc = ::fsync(fd);
    const std::string why = rc != 0 ? std::strerror(errno) : "";
    ::close(fd);
    if (rc != 0) return Status::IoError("writing " + path + " to the disk failed: " + why);
    return Status::Ok();
}

bool exists(const std::string& p) {
    struct stat st;
    return ::lstat(p.c_str(), &st) == 0;
}

}  // namespace

std::vector<ExportFolder> list_export_folders(const std::string& home,
                                              const std::vector<std::string>& media_roots) {
    std::vector<ExportFolder> out;
    if (!home.empty() && is_dir(home)) out.push_back({i18n::tr("Home folder"), home});
    std::vector<ExportFolder> sticks;
    for (const std::string& root : media_roots) {
        std::error_code ec;
        if (!is_dir(root)) continue;
        for (const auto& user : fs::directory_iterator(root, ec)) {
            std::error_code e2;
            if (!user.is_directory(e2)) continue;
            for (const auto& mount : fs::directory_iterator(user.path(), e2)) {
                std::error_code e3;
                if (!mount.is_directory(e3)) continue;
                sticks.push_back(
                    {i18n::format(i18n::tr("USB stick {0}"), {mount.path().filename().string()}),
                     mount.path().string()});
            }
        }
    }
    std::sort(sticks.begin(), sticks.end(),
              [](const ExportFolder& a, const ExportFolder& b) { return a.path < b.path; });
    out.insert(out.end(), sticks.begin(), sticks.end());
    return out;
}

std::vector<ExportFolder> list_export_folders() {
    std::string home;
    if (const char* h = std::getenv("HOME")) home = h;
    if (home.empty())
        if (const passwd* pw = ::getpwuid(::getuid())) home = pw->pw_dir ? pw->pw_dir : "";
    return list_export_folders(home, {"/media", "/run/media"});
}

std::string export_file_stem(const std::string& title) {
    std::string out;
    for (unsigned char c : title) {
        const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '_' || c == '-' || c >= 0x80;
        if (keep) {
            out += static_cast<char>(c);
        } else if (!out.empty() && out.back() != '-') {
            out += '-';
        }
    }
    while (!out.empty() && out.back() == '-') out.pop_back();
    if (out.size() > 80) {
        out.resize(80);
        while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80)
            out.pop_back();
        if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
    }
    return out.empty() ? "report" : out;
}

Status write_file_atomically(const std::string& path, const std::string& text) {
    const std::string tmp = path + ".part";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        if (!f)
            return Status::IoError("cannot write " + path + ": " + std::strerror(errno) +
                                   " (check that the folder exists and may be written)");
        f << text;
        f.flush();
        if (!f) {
            std::remove(tmp.c_str());
            return Status::IoError("writing " + path + " failed (is the disk or USB stick full?)");
        }
    }
    Status synced = sync_file(tmp);
    if (!synced.ok()) {
        std::remove(tmp.c_str());
        return synced;
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::remove(tmp.c_str());
        return Status::IoError("cannot replace " + path + ": " + why);
    }
    return Status::Ok();
}

Result<std::string> export_table(const ReportTable& t, const ReportPdfInfo& info,
                                 ExportFormat format, const std::string& folder,
                                 const std::string& stem) {
    if (!is_dir(folder))
        return Status::IoError("cannot save to " + folder +
                               ": the folder is not there (was the USB stick removed?)");
    const std::string ext = format == ExportFormat::kCsv ? ".csv" : ".pdf";
    const std::string base = (fs::path(folder) / export_file_stem(stem)).string();
    std::string path = base + ext;
    for (int n = 2; exists(path); ++n) {
        if (n > 999)
            return Status::IoError("cannot save to " + folder + ": too many files named " + base +
                                   "-N" + ext);
        path = base + "-" + std::to_string(n) + ext;
    }
    if (format == ExportFormat::kCsv) {
        Status st = write_file_atomically(path, to_csv(t));
        if (!st.ok()) return st;
        return path;
    }
    const std::string tmp = path + ".part";
    Status st = write_report_pdf(t, info, tmp);
    if (st.ok()) st = sync_file(tmp);
    if (!st.ok()) {
        std::remove(tmp.c_str());
        return Status::IoError("cannot save " + path + ": " + st.message());
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::remove(tmp.c_str());
        return Status::IoError("cannot save " + path + ": " + why);
    }
    return path;
}

}  // namespace outpost

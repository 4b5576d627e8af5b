// Saving a report or list (reports.h ReportTable) as a file for a person to
// take away: the folders offered (home, and every mounted USB stick) and
// the writing of the CSV (csv.h: UTF-8 with a byte-order mark, RFC 4180) or
// the PDF (report_pdf.h). The screens call these; they never write files.
//
// Thread safety: no shared state; the folder listing reads the file system
// at each call.
#pragma once

#include <string>
#include <vector>

#include "report_pdf.h"
#include "reports.h"
#include "status.h"

namespace outpost {

struct ExportFolder {
    std::string label;  // "Home folder", "USB stick KINGSTON"
    std::string path;   // absolute folder path
};

// Home ($HOME, else the password database's), then each directory two
// levels under each media root (udisks mounts sticks at /media/USER/LABEL
// or /run/media/USER/LABEL), sorted by path. Missing roots are skipped.
std::vector<ExportFolder> list_export_folders(const std::string& home,
                                              const std::vector<std::string>& media_roots);
// The same with this machine's home and /media, /run/media.
std::vector<ExportFolder> list_export_folders();

enum class ExportFormat { kCsv, kPdf };

// A file name from a title: letters, digits, '-' and '_' kept (UTF-8
// letters too), anything else one '-'; at most 80 bytes.
std::string export_file_stem(const std::string& title);

// Writes the table into folder as stem.csv or stem.pdf; when that file
// exists, as stem-2.csv, stem-3.csv ... (nothing is overwritten). The file
// is written under a temporary name and renamed into place, so a failed
// write (a full stick, a stick pulled out) never leaves half a file under
// the real name; it is flushed to the device (fsync) before the rename, so
// a stick pulled out after the message still holds it. Returns the full
// path written. Errors: IoError in words
// naming the folder or file ("cannot write to /media/x/STICK: ...").
Result<std::string> export_table(const ReportTable& t, const ReportPdfInfo& info,
                                 ExportFormat format, const std::string& folder,
                                 const std::string& stem);

// Writes text to path through path + ".part", flushed (fsync) and renamed
// into place.
Status write_file_atomically(const std::string& path, const std::string& text);

}  // namespace outpost

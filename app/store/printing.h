// What the store keeps for printing labels on this device: the printer
// settings (a device setting in `meta`, never synced: each kiosk has its own
// printer) and the print queue's jobs (the LOCAL table print_jobs, so a crash
// or a dead printer loses no label). The printing itself (layout, ZPL, PDF,
// transports, the queue's thread) is app/print; these are only the plain
// values it reads and writes through Store operations (see store.h,
// "printing").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace outpost {

// A label stock the app can lay out for. Sizes are the printable area.
struct LabelSize {
    const char* name;   // setting value and what the admin screen shows: "50x25mm"
    double width_mm;    // across the printer's head
    double height_mm;   // along the feed
};
// 50x25mm, 62x29mm, 4x2in (101.6x50.8mm), in that order; the first is the default.
const std::vector<LabelSize>& label_sizes();
const LabelSize* find_label_size(const std::string& name);  // null when unknown

enum class PrinterKind {
    kNone,    // no printer: labels are shown on screen only (the default)
    kZpl,     // a Zebra-compatible label printer, ZPL over raw TCP (port 9100)
    kCups,    // any printer CUPS knows: a PDF handed to `lp -d QUEUE`
    kFolder,  // a PDF per job saved to a folder (or a USB stick)
};
const char* printer_kind_name(PrinterKind k);  // "none", "zpl", "cups", "folder"
bool parse_printer_kind(const std::string& s, PrinterKind* out);

struct PrinterSettings {
    PrinterKind kind = PrinterKind::kNone;
    // zpl: "host" or "host:port" (port 9100 when absent); cups: the queue
    // name given to `lp -d`; folder: the directory the PDFs go to.
    std::string address;
    std::string label_size = "50x25mm";  // one of label_sizes()
    int dpi = 203;                       // printer resolution: 203, 300 or 600
    int copies = 1;                      // of each label, 1..10
};
// Ok, or what to correct ("enter the printer's address", ...).
std::string printer_settings_problem(const PrinterSettings& s);  // "" when fine

// One print job: the labels of one dispensing (or a test label), kept until
// the printer took them.
struct PrintJob {
    int64_t id = 0;
    std::string description;  // "Labels for BANDA, Ruth (2)": for the status line
    std::string payload;      // the labels, as app/print encodes them (JSON)
    int64_t created_ms = 0;
    int64_t attempts = 0;     // failed tries so far
    std::string last_error;   // the last failure, in words
    std::optional<int64_t> printed_ms;
};

}  // namespace outpost

// The printers a clinic has, behind one small interface so the print queue
// and the tests can use a fake: a ZPL label printer over raw TCP (port
// 9100), any printer CUPS knows (a PDF handed to `lp -d QUEUE`, a child
// process), or a folder that receives one PDF per job (a USB stick).
//
// Thread safety: a LabelPrinter is used by one thread at a time (the print
// queue's). Every call returns within its timeouts; none is unbounded.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "label.h"
#include "printing.h"
#include "status.h"

namespace outpost {

// One job as a printer receives it.
struct PrintRequest {
    // Unique to the job and stable across its retries ("20260615-job12"):
    // a folder printer names its file with it, so a retry replaces the file
    // rather than adding a second copy.
    std::string name;
    std::vector<LabelInput> labels;  // at least one
};

class LabelPrinter {
public:
    virtual ~LabelPrinter() = default;
    // Sends every label of the job (each in the settings' number of copies).
    // Ok: the printer, lp or the folder took all of it; the queue then marks
    // the job printed and never sends it again. Unavailable: nothing could
    // be sent (no answer, refused); the message says what to check, starting
    // "printer not answering" when the printer did not answer at all.
    virtual Status print(const PrintRequest& job) = 0;
    // For "print test label": is the printer there and ready? A ZPL printer
    // is asked ~HS (5 s); paper out, head open, paused come back as
    // Unavailable with that in words.
    virtual Status check() = 0;
    // "label printer 192.168.1.50:9100", "CUPS queue front-desk", "folder /media/usb".
    virtual std::string where() const = 0;
};

// Timeouts and programs; defaults are what the app uses.
struct PrinterOptions {
    int connect_timeout_ms = 3000;  // ZPL: TCP connect
    int send_timeout_ms = 10000;    // ZPL: each send() of the job
    int status_timeout_ms = 5000;   // ZPL: the whole ~HS exchange
    std::string lp_program = "lp";  // CUPS: looked up in PATH
    int lp_timeout_ms = 30000;      // CUPS: lp must have spooled the job by then
};

// The printer the settings describe. InvalidArgument for kNone ("no printer
// is set") or for settings printer_settings_problem() refuses.
Result<std::unique_ptr<LabelPrinter>> make_printer(const PrinterSettings& settings,
                                                   const PrinterOptions& options = {});

// Each kind on its own (make_printer picks one); the settings' address,
// label size, resolution and copies are used.
std::unique_ptr<LabelPrinter> make_zpl_printer(const PrinterSettings& settings, const PrinterOptions& options);
std::unique_ptr<LabelPrinter> make_cups_printer(const PrinterSettings& settings, const PrinterOptions& options);
std::unique_ptr<LabelPrinter> make_folder_printer(const PrinterSettings& settings);

// Splits "host" or "host:port" ("[v6]:port" too); port 9100 when absent.
// InvalidArgument for an empty host or a port outside 1..65535.
Status parse_printer_address(const std::string& address, std::string* host, int* port);

}  // namespace outpost

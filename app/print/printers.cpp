// make_printer and the printer address (see printers.h); each kind is in its
// own file: printer_zpl.cpp, printer_cups.cpp, printer_folder.cpp.
#include "printers.h"

namespace outpost {

Status parse_printer_address(const std::string& address, std::string* host, int* port) {
    std::string h = address, p;
    if (!address.empty() && address[0] == '[') {
        const size_t close = address.find(']');
        if (close == std::string::npos) return Status::InvalidArgument("the printer address has '[' without ']'");
        h = address.substr(1, close - 1);
        if (close + 1 < address.size()) {
            if (address[close + 1] != ':') return Status::InvalidArgument("write the printer address as [v6]:port");
            p = address.substr(close + 2);
        }
    } else if (address.find(':') != std::string::npos && address.find(':') == address.rfind(':')) {
        h = address.substr(0, address.find(':'));
        p = address.substr(address.find(':') + 1);
    }
    if (h.empty()) return Status::InvalidArgument("enter the label printer's network address, e.g. 192.168.1.50");
    int n = 9100;
    if (!p.empty() || address.back() == ':') {
        if (p.empty() || p.size() > 5 || p.find_first_not_of("0123456789") != std::string::npos)
            return Status::InvalidArgument("the printer's port \"" + p + "\" is not a number (it is usually 9100)");
        n = std::stoi(p);
        if (n < 1 || n > 65535) return Status::InvalidArgument("the printer's port must be between 1 and 65535");
    }
    *host = h;
    *port = n;
    return Status::Ok();
}

Result<std::unique_ptr<LabelPrinter>> make_printer(const PrinterSettings& settings, const PrinterOptions& options) {
    const std::string problem = printer_settings_problem(settings);
    if (!problem.empty()) return Status::InvalidArgument(problem);
    switch (settings.kind) {
        case PrinterKind::kZpl: {
            std::string host;
            int port = 0;
            Status s = parse_printer_address(settings.address, &host, &port);
            if (!s.ok()) return s;
            return make_zpl_printer(settings, options);
        }
        case PrinterKind::kCups: return make_cups_printer(settings, options);
        case PrinterKind::kFolder: return make_folder_printer(settings);
        case PrinterKind::kNone: break;
    }
    return Status::InvalidArgument("no label printer is set on this device: an administrator sets one in Printer settings");
}

}  // namespace outpost

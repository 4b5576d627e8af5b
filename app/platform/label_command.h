// `outpost label --db PATH --dispensing ID [--zpl | --pdf FILE] [--size S] [--dpi N] [--demo]`:
// a dispensing's labels as the printer receives them, for operators and
// tests. --zpl (the default) prints the ZPL to stdout; --pdf FILE writes
// the PDF. The label size and resolution default to this device's printer
// settings. Nothing is queued or sent to a printer. Needs no window.
// `outpost printer --db PATH [--kind K] [--address A] [--size S] [--dpi N] [--copies N] [--test] [--demo]`:
// shows this device's printer settings, changes the ones given (validated
// by the store), and with --test asks the printer whether it is ready and
// prints the test label, waiting for the answer (the app's button uses the
// print queue instead).
// Exit status: 0 written, 1 refused (unknown or cancelled dispensing, a
// file that cannot be written), 2 bad usage.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace outpost {

bool is_label_command(const std::vector<std::string>& args);
int run_label_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
std::string label_usage_text();

}  // namespace outpost

// `outpost label --db PATH --dispensing ID [--zpl | --pdf FILE] [--size S] [--dpi N] [--demo]`:
// a dispensing's labels as the printer receives them, for operators and
// tests. --zpl (the default) prints the ZPL to stdout; --pdf FILE writes
// the PDF. The label size and resolution default to this device's printer
// settings. Nothing is queued or sent to a printer. Needs no window.
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

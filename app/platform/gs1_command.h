// `outpost gs1 [--today YYYY-MM-DD] [--separator CHARS] 'TEXT'`: reads one
// barcode scan as the app would (app/store/gs1.h) and prints its fields as one
// JSON object, for operators checking a scanner's set-up and for tests. Needs
// no store and no window, so it also runs on a headless build.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace outpost {

bool is_gs1_command(const std::vector<std::string>& args);

// Prints {"gtin", "expiry", "batch", "serial", "other", "symbology",
// "needs_check", "warnings", "error"} on one line to out; absent fields are
// null, "error" is null when the code was read. In TEXT the four characters
// \x1d (or \x1D) stand for GS. --today defaults to the system clock's UTC
// date; --separator lists characters the scanner sends in place of GS.
// Returns the exit status: 0 read, 1 refused (the JSON says why), 2 bad usage
// (message and usage on err).
int run_gs1_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

std::string gs1_usage_text();

// TEXT with every "\x1d" / "\x1D" replaced by the GS character (0x1D).
std::string expand_gs_escapes(const std::string& text);

}  // namespace outpost

// `outpost scanner --db PATH [--gs-char CHARS | --clear]`: shows or changes
// this device's scanner setting, the characters its keyboard-wedge scanner
// sends for the GS1 separator besides Ctrl+] and F8 (Store::scanner_separators,
// docs/barcodes.md). The running app picks a change up at its next frame.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace outpost {

bool is_scanner_command(const std::vector<std::string>& args);
// Prints the setting ("separator characters: ~" or "... none (Ctrl+] and F8
// only)"), after changing it when asked. Returns 0, 1 when the store refuses
// (the message says why) or 2 for bad usage.
int run_scanner_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
std::string scanner_usage_text();

}  // namespace outpost

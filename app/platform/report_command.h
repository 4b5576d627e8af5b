// `outpost report NAME --db PATH [options]`: a month-end report for
// operators and scripts, printed as a table or exported as CSV. NAME is one
// of stock-status, consumption, losses, stocktakes, controlled (reports.h;
// columns and formulas in docs/reports.md).
//
//   --from YYYY-MM-DD --to YYYY-MM-DD   device days, both included (default:
//                                       the last full calendar month)
//   --amc msupply|msupply-adjusted|openlmis   AMC method (default msupply)
//   --min-mos N --max-mos N             months of stock thresholds (2 and 3)
//   --format text|csv|pdf               text (default) prints a table; csv
//                                       writes RFC 4180 UTF-8 with a BOM;
//                                       pdf is not built yet (exit 2)
//   --out FILE                          write there instead of stdout
//   --demo                              the store is a demo (training) store
//
// Never creates or changes the store. Exit status: 0 written, 2 bad usage,
// a store that cannot be opened, or a file that cannot be written (the
// message says which and what to do).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace outpost {

bool is_report_command(const std::vector<std::string>& args);
int run_report_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
std::string report_usage_text();

}  // namespace outpost

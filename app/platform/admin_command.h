// Operator subcommands of the outpost executable, for an administrator at a
// keyboard (kiosk users never need them):
//   outpost setup --db PATH --site-code C --site-name N [--device-name D] --admin NAME --pin PIN
//   outpost user add --db PATH --name N --role dispenser|storekeeper|admin --pin PIN
//   outpost user disable --db PATH --name N
//   outpost user list --db PATH
//   outpost audit --db PATH [--user NAME] [--kind K] [--limit N]
// `setup` makes a fresh store a standalone site with its first admin (a site
// that syncs is set up by registering with central instead). Exit status: 0
// done, 1 refused (the message says why), 2 bad usage.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace outpost {

// True when args[0] names an admin subcommand handled here.
bool is_admin_command(const std::vector<std::string>& args);
// REQUIRES: is_admin_command(args).
int run_admin_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
std::string admin_usage_text();

}  // namespace outpost

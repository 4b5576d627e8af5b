// Operator subcommands that talk to outpost-central:
//   outpost register --db PATH --central URL --code CODE [--device-name N] [--ca FILE]
//       set this (empty) store up as a new device of a site and pull the
//       whole site: the same command restores a site onto new hardware.
//       Interrupted? Run `outpost sync` (or start the app) to resume.
//   outpost sync --db PATH [--ca FILE]
//       one push and pull now; prints what moved and the sync state.
//   outpost sync --db PATH --peer HOST:PORT
//       one exchange with another device of the site instead (peer_command.h).
// Exit status: 0 done, 1 refused or failed (the message says why), 2 bad usage.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace outpost {

bool is_sync_command(const std::vector<std::string>& args);
int run_sync_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
std::string sync_usage_text();

}  // namespace outpost

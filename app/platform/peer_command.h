// Operator subcommands for peer sync between devices of one site (issue 15):
//   outpost peer serve --db PATH --listen HOST:PORT
//       answer the site's other devices on the clinic's network until
//       stopped (SIGINT/SIGTERM); prints "listening on HOST:PORT".
//   outpost sync --db PATH --peer HOST:PORT
//       one exchange with the device there: take what it holds that this
//       store lacks, give it what it lacks; prints what moved.
//   outpost peer add|forget --db PATH --address HOST:PORT
//   outpost peer list --db PATH
//       the store's peer address book (Store::add_peer_address...), which
//       the app's peer service asks in the background; add and forget print
//       the book afterwards. A refused address exits 2 with the reason.
// Both need the site key a version 3 central gave at registration or pull.
// Exit status: 0 done, 1 refused or failed (the message says why), 2 bad usage.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace outpost {

bool is_peer_command(const std::vector<std::string>& args);
int run_peer_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);
// `outpost sync --db PATH --peer HOST:PORT` (sync_command.cpp hands it over).
int run_peer_sync(const std::string& db, const std::string& peer, std::ostream& out,
                  std::ostream& err);
std::string peer_usage_text();

}  // namespace outpost

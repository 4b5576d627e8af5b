// `outpost-central admin add|list|remove|reset-password`: the dashboard's
// administrator accounts (sync/central/web/admin_accounts.h). Passwords are
// read from the terminal (not echoed, asked twice) or, when stdin is not a
// terminal, as its first line; never from the command line.
#pragma once

#include <map>
#include <string>

#include "central_core.h"

namespace outpost {

// opt: the parsed options (name, role, sites). Returns the exit status.
int run_admin_command(CentralCore& core, const std::string& command, std::map<std::string, std::string>& opt);

}  // namespace outpost

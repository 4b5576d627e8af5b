// The operator commands of central's copy: `site region`, `rebuild`,
// `verify` (central_main.cpp hands them here). Exit status as the CLI's.
#pragma once

#include <map>
#include <string>

#include "central_core.h"

namespace outpost {

int projection_command(CentralCore& core, const std::string& command, std::map<std::string, std::string>& opt);

}  // namespace outpost

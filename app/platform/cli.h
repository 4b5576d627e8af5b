// The outpost command line: `outpost [options]` runs the app, `outpost verify
// --db PATH` checks stock on hand against the ledger. Parsing is pure (no
// window, no store) so tests cover every option and every kind of bad input.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kiosk_config.h"

namespace outpost {

struct CommandLine {
    enum class Action { kRun, kVerify, kHelp, kVersion, kError };
    Action action = Action::kRun;
    KioskConfig config;
    std::string error;  // for kError: what was wrong, in plain words
};

// Looks up an environment variable; returns null when unset. Tests pass a fake.
using EnvLookup = std::function<const char*(const char*)>;

// Parses argv[1..]. Never exits or prints; a bad argument gives kError with a
// message naming the argument. An empty db path is filled from the environment
// (see default_db_path).
CommandLine parse_command_line(const std::vector<std::string>& args, const EnvLookup& env);
CommandLine parse_command_line(int argc, char** argv);

// $XDG_DATA_HOME/outpost/outpost.db, else $HOME/.local/share/outpost/outpost.db,
// else "outpost.db" in the current directory.
std::string default_db_path(const EnvLookup& env);

// The --help text (also printed after a bad argument).
std::string usage_text();

}  // namespace outpost

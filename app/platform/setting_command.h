// The shape shared by the device-setting subcommands (`outpost scanner`,
// `outpost clock`): `--db PATH [--demo] [--<value> VALUE | --clear]`, and the
// store they open. One parser and one opener, so the two commands refuse
// the same mistakes in the same words.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "store.h"

namespace outpost {

struct SettingArgs {
    std::string db, value;
    bool demo = false, set = false, clear = false;
};

// Reads args[1..]; value_flag is "--tz" or "--gs-char", command "outpost clock".
// On a mistake returns false with *why in the screen language (the caller
// prints it with its usage text). Checking the value itself is the caller's.
bool parse_setting_args(const std::vector<std::string>& args, const std::string& value_flag,
                        const std::string& command, SettingArgs* out, std::string* why);

// Opens the existing store the arguments name; on failure writes
// "<command>: <message>" to err and returns null.
std::unique_ptr<Store> open_setting_store(const SettingArgs& a, const std::string& command, std::ostream& err);

}  // namespace outpost

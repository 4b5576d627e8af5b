// The one way Outpost turns text from outside the process (a request body, a
// server's answer, a pulled change, a peer's message) into a JSON tree.
//
// Why: nlohmann::json parses without recursion, but copying, comparing,
// dumping and walking a tree all recurse, so a body of 100,000 '[' builds a
// tree that later overflows the stack of whichever thread touches it (issue
// 17: one push killed outpost-central). Nesting is therefore checked on the
// raw text, before any tree exists. Pure functions, safe from any thread.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace outpost {

// Deepest nesting of objects and arrays any Outpost message needs is 7
// (a packed push: body > changes > change > packed > table > rows > row); 32 leaves
// room for future fields and is far below what overflows a 1 MiB stack.
// Documented in docs/protocol.md.
constexpr int kMaxJsonDepth = 32;

// Deepest nesting of '[' and '{' outside strings in text, stopping as soon as
// it passes limit (so a hostile body costs one pass and no memory). Escapes
// inside strings are honoured. Text that is not JSON still gets a number;
// the parser refuses it afterwards.
int json_nesting_depth(std::string_view text, int limit = kMaxJsonDepth);

// Parses text into *out when it is JSON nested at most max_depth deep.
// Returns false and sets *problem to plain words otherwise:
//   "is nested deeper than 32 levels"   (no tree was built)
//   "is not valid JSON"
// Never throws. REQUIRES: out and problem not null.
bool parse_json(std::string_view text, nlohmann::json* out, std::string* problem,
                int max_depth = kMaxJsonDepth);

// The string at obj[key], or "" when obj is not an object, has no such key or
// holds something other than a string there. For reading fields of a parsed
// tree that came from outside: json::value and get<std::string> throw on a
// non-string, and a throw in the sync thread ends the process (found by
// fuzz_sync_client). Never throws; pure, safe from any thread.
std::string text_of(const nlohmann::json& obj, const char* key);

}  // namespace outpost

// The one reading of a quantity a person typed (keypad text on every screen,
// command-line arguments): digits only, at most 9 of them. A sign, a letter
// or a decimal point is refused with a message, never dropped, so "-5abc"
// does not become 5. Pure function, safe from any thread.
#pragma once

#include <cstdint>
#include <string>

#include "status.h"

namespace outpost {

constexpr int kMaxQuantityDigits = 9;

// Surrounding spaces aside, `text` must be 1 to 9 digits; returns its value
// (0 included: the operations say "more than zero"). InvalidArgument
// otherwise: "'-5abc' is not a whole number; type digits only", "enter the
// quantity" (empty), "12345678901 is too large: at most 9 digits".
Result<int64_t> parse_quantity(const std::string& text);

}  // namespace outpost

// Text a person typed, as the store keeps it: Unicode case mapping for names
// shown in capitals, the search key every LIKE search compares, and the one
// check each operation runs on a text field before saving it. ICU (Debian's
// libicu, icu-uc) does the Unicode work, so "Kéita Traoré ñgũgĩ" becomes
// "KÉITA TRAORÉ ÑGŨGĨ" and "keita" finds "KÉITA". Pure functions, no I/O,
// safe from any thread.
#pragma once

#include <cstddef>
#include <string>

#include "status.h"

namespace outpost {

// The family name as shown in capitals: each code point's Unicode upper case
// (é -> É, ñ -> Ñ, ã -> Ã, a combining accent stays on its letter). One code
// point stays one code point, so "ß" stays "ß" (ICU's full mapping would give
// "SS", which changes the name's spelling; German passports print ß in
// capitals too). REQUIRES: valid UTF-8 (what check_person_text lets through);
// invalid bytes come back as they were.
std::string upper_case_name(const std::string& utf8);

// "FAMILY, Given" (or "FAMILY" when there is no given name): how a patient is
// named on every screen, label and report.
std::string patient_display_name(const std::string& family_name, const std::string& given_name);

// The search key of a text: accents removed (canonical decomposition, then
// every non-spacing mark dropped) and Unicode case folding (so "ß" and "ss"
// match). Stored in the `search` columns and applied to the typed query by
// like_pattern, so "keita", "KÉITA" and "Kéita" all find "Kéita".
std::string search_key(const std::string& text);

// The number of characters (code points) of valid UTF-8.
size_t utf8_length(const std::string& utf8);

// The check every store operation runs on a text a person typed before it
// saves it: `field` names it in the clinic's words ("family name", "village").
// InvalidArgument, naming the field, when the text is not valid UTF-8, holds
// U+FFFD (the replacement character a keyboard layer left where it could not
// carry a character, e.g. an emoji), a control character, or more than
// max_chars characters (the message says the limit and how many there are).
// The caller trims first; Ok otherwise.
Status check_person_text(const std::string& field, const std::string& text, size_t max_chars);

}  // namespace outpost

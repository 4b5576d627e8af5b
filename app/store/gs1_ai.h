// The GS1 Application Identifier (AI) dictionary the parser knows: for each AI
// its content (digits or GS1 character set 82), its length, whether it is
// "predefined length" (needs no separator after it), and the checks its value
// must pass (check digit, YYMMDD date). Also the small pieces every GS1 reader
// needs: the mod-10 check digit and the YYMMDD century rule. Pure functions,
// no I/O, safe from any thread. Source: docs/barcodes.md, which follows the
// GS1 General Specifications as summarised for the team.
#pragma once

#include <string>

namespace outpost::gs1 {

enum class Content { kDigits, kCharset82 };
enum class Check { kNone, kCheckDigit, kDate, kDateTime };

struct AiSpec {
    const char* ai;       // "01"; for the 31nn-36nn family the first 3 digits + 'n'
    const char* title;    // plain words: "GTIN", "batch", "expiry date" (English; tr() it to show it)
    Content content;
    int min_length;       // of the value, not counting the AI
    int max_length;
    bool predefined;      // predefined length: no separator needed after it
    Check check;
};

// The AI at the start of `digits` (2-4 characters, longest match), or nullptr
// when the text does not start with an AI this dictionary knows. `ai_out`
// receives the AI as it appears ("3103" for the 310n family).
const AiSpec* find_ai(const std::string& text, size_t pos, std::string* ai_out);
// Every entry of the dictionary (for tests and documentation); `count` gets its size.
const AiSpec* ai_dictionary(size_t* count);
// The entry for an AI written in full ("01", "3103"); nullptr when unknown.
const AiSpec* lookup_ai(const std::string& ai);

// True when the first two digits are one of GS1's predefined-length prefixes
// (00-04, 11-20, 31-36, 41). The dictionary's `predefined` flags agree with it
// (tests/store/gs1_test.cpp checks every entry).
bool is_predefined_prefix(const std::string& ai);

// The mod-10 check digit for `digits` (the data digits, without the check):
// weights 3,1,3,1... from the rightmost. REQUIRES: only '0'-'9'.
char check_digit(const std::string& digits);
// True when the last digit of `digits` (all '0'-'9', at least 2) is its check digit.
bool has_valid_check_digit(const std::string& digits);

// GS1 character set 82 (the characters allowed in batch, serial and other
// alphanumeric AIs): A-Z a-z 0-9 and ! " % & ' ( ) * + , - . / : ; < = > ? _
bool in_charset82(char c);

// "YYMMDD" -> "YYYY-MM-DD", with DD = 00 meaning the last day of that month
// when `allow_day_zero`. The century is chosen relative to `current_year`
// (GS1's rule: YY - current_year%100 >= 51 is the previous century, <= -50
// the next, otherwise this one). Returns "" when the text is not a real date.
std::string decode_yymmdd(const std::string& yymmdd, int current_year, bool allow_day_zero);

}  // namespace outpost::gs1

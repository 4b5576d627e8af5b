// The AI dictionary and GS1's small rules (check digit, character set 82,
// YYMMDD dates with the century rule). See gs1_ai.h.
#include "gs1_ai.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>

#include "clock.h"
#include "i18n.h"

namespace outpost::gs1 {

namespace {

constexpr Content N = Content::kDigits;
constexpr Content X = Content::kCharset82;

// The AIs that matter on medicines and their cartons (docs/barcodes.md).
// An entry ending in 'n' stands for ten 4-digit AIs whose last digit is the
// decimal position (3100-3109 net weight in kg, and so on).
const AiSpec kAis[] = {
    {"00", N_("SSCC (shipping container)"), N, 18, 18, true, Check::kCheckDigit},
    {"01", N_("GTIN"), N, 14, 14, true, Check::kCheckDigit},
    {"02", N_("GTIN of contents"), N, 14, 14, true, Check::kCheckDigit},
    {"10", N_("batch"), X, 1, 20, false, Check::kNone},
    {"11", N_("production date"), N, 6, 6, true, Check::kDate},
    {"12", N_("due date"), N, 6, 6, true, Check::kDate},
    {"13", N_("packaging date"), N, 6, 6, true, Check::kDate},
    {"15", N_("best before"), N, 6, 6, true, Check::kDate},
    {"16", N_("sell by"), N, 6, 6, true, Check::kDate},
    {"17", N_("expiry"), N, 6, 6, true, Check::kDate},
    {"20", N_("variant"), N, 2, 2, true, Check::kNone},
    {"21", N_("serial"), X, 1, 20, false, Check::kNone},
    {"240", N_("additional product id"), X, 1, 30, false, Check::kNone},
    {"241", N_("customer part number"), X, 1, 30, false, Check::kNone},
    {"30", N_("count"), N, 1, 8, false, Check::kNone},
    {"310n", N_("net weight (kg)"), N, 6, 6, true, Check::kNone},
    {"311n", N_("length (m)"), N, 6, 6, true, Check::kNone},
    {"315n", N_("net volume (l)"), N, 6, 6, true, Check::kNone},
    {"316n", N_("net volume (m3)"), N, 6, 6, true, Check::kNone},
    {"330n", N_("gross weight (kg)"), N, 6, 6, true, Check::kNone},
    {"37", N_("count of units contained"), N, 1, 8, false, Check::kNone},
    {"410", N_("ship to (GLN)"), N, 13, 13, true, Check::kCheckDigit},
    {"411", N_("bill to (GLN)"), N, 13, 13, true, Check::kCheckDigit},
    {"412", N_("purchased from (GLN)"), N, 13, 13, true, Check::kCheckDigit},
    {"413", N_("ship for (GLN)"), N, 13, 13, true, Check::kCheckDigit},
    {"414", N_("location (GLN)"), N, 13, 13, true, Check::kCheckDigit},
    {"7003", N_("expiry date and time"), N, 10, 10, false, Check::kDateTime},
    {"710", N_("reimbursement number (Germany)"), X, 1, 20, false, Check::kNone},
    {"711", N_("reimbursement number (France)"), X, 1, 20, false, Check::kNone},
    {"712", N_("reimbursement number (Spain)"), X, 1, 20, false, Check::kNone},
    {"713", N_("reimbursement number (Brazil)"), X, 1, 20, false, Check::kNone},
    {"714", N_("reimbursement number (Portugal)"), X, 1, 20, false, Check::kNone},
    {"715", N_("reimbursement number (United States)"), X, 1, 20, false, Check::kNone},
    {"8004", N_("asset id (GIAI)"), X, 1, 30, false, Check::kNone},
};

bool digit(char c) {
    return c >= '0' && c <= '9';
}

// Does `ai` (written in full) match the entry's pattern?
bool matches(const AiSpec& spec, const std::string& ai) {
    size_t n = std::strlen(spec.ai);
    if (ai.size() != n) return false;
    for (size_t i = 0; i < n; ++i) {
        if (spec.ai[i] == 'n' ? !digit(ai[i]) : spec.ai[i] != ai[i]) return false;
    }
    return true;
}

bool all_digits(const std::string& s, size_t from, size_t n) {
    if (from + n > s.size()) return false;
    for (size_t i = from; i < from + n; ++i)
        if (!digit(s[i])) return false;
    return true;
}

}  // namespace

const AiSpec* ai_dictionary(size_t* count) {
    *count = std::size(kAis);
    return kAis;
}

const AiSpec* lookup_ai(const std::string& ai) {
    for (const AiSpec& spec : kAis)
        if (matches(spec, ai)) return &spec;
    return nullptr;
}

const AiSpec* find_ai(const std::string& text, size_t pos, std::string* ai_out) {
    // GS1 AIs are prefix-free, so the first length that matches is the only one.
    for (size_t n = 2; n <= 4; ++n) {
        if (!all_digits(text, pos, n)) return nullptr;
        std::string ai = text.substr(pos, n);
        if (const AiSpec* spec = lookup_ai(ai)) {
            if (ai_out) *ai_out = ai;
            return spec;
        }
    }
    return nullptr;
}

bool is_predefined_prefix(const std::string& ai) {
    if (ai.size() < 2 || !digit(ai[0]) || !digit(ai[1])) return false;
    int p = (ai[0] - '0') * 10 + (ai[1] - '0');
    return p <= 4 || (p >= 11 && p <= 20) || (p >= 31 && p <= 36) || p == 41;
}

char check_digit(const std::string& digits) {
    int sum = 0;
    int weight = 3;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        sum += (*it - '0') * weight;
        weight = 4 - weight;  // 3, 1, 3, 1 ...
    }
    return static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool has_valid_check_digit(const std::string& digits) {
    if (digits.size() < 2 || !all_digits(digits, 0, digits.size())) return false;
    return check_digit(digits.substr(0, digits.size() - 1)) == digits.back();
}

bool in_charset82(char c) {
    if (digit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) return true;
    return c != '\0' && std::strchr("!\"%&'()*+,-./:;<=>?_", c) != nullptr;
}

std::string decode_yymmdd(const std::string& t, int current_year, bool allow_day_zero) {
    if (t.size() != 6 || !all_digits(t, 0, 6)) return "";
    int yy = std::atoi(t.substr(0, 2).c_str());
    int mm = std::atoi(t.substr(2, 2).c_str());
    int dd = std::atoi(t.substr(4, 2).c_str());
    if (mm < 1 || mm > 12) return "";
    int century = current_year - current_year % 100;
    int d = yy - current_year % 100;
    if (d >= 51) century -= 100;
    if (d <= -50) century += 100;
    int year = century + yy;
    char buf[16];
    int64_t days = 0;
    if (dd == 0) {
        if (!allow_day_zero) return "";
        // The month's last day: the first of 31, 30, 29, 28 that is a real date.
        for (int last = 31; last >= 28; --last) {
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, mm, last);
            if (parse_date(buf, &days)) return buf;
        }
        return "";
    }
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, mm, dd);
    return parse_date(buf, &days) ? std::string(buf) : std::string();
}

}  // namespace outpost::gs1

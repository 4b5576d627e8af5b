// libFuzzer target: the GS1 scan reader reads whatever a scanner, a camera
// library or a person typing sends. Any input must give a reading or a
// refusal with words, never a crash, and a reading must hold only valid
// fields (a GTIN with its check digit, a real expiry date, set-82 batches).
#include <cstddef>
#include <cstdint>
#include <string>

#include "clock.h"
#include "gs1.h"
#include "gs1_ai.h"

namespace {

bool batch_like(const std::string& s) {
    if (s.size() > 20) return false;
    for (char c : s)
        if (!outpost::gs1::in_charset82(c)) return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string in(reinterpret_cast<const char*>(data), size);
    outpost::gs1::Options o;
    // The first byte picks today's year (1950-2205) and whether '~' and '|'
    // stand for GS, so the century rule and substitutes are explored too.
    unsigned first = size ? data[0] : 0;
    o.today = std::to_string(1950 + first) + "-06-15";
    if (first & 1) o.separator_substitutes = "~|";
    outpost::gs1::Reading r = outpost::gs1::parse(size ? in.substr(1) : in, o);
    if (!r.error.ok()) {
        if (r.error.message().empty()) __builtin_trap();
        if (!r.gtin.empty() || !r.batch.empty() || !r.expiry.empty() || !r.serial.empty() ||
            !r.other.empty())
            __builtin_trap();
        return 0;
    }
    if (!r.gtin.empty() && (r.gtin.size() != 14 || !outpost::gs1::has_valid_check_digit(r.gtin)))
        __builtin_trap();
    int64_t days = 0;
    if (!r.expiry.empty() && !outpost::parse_date(r.expiry, &days)) __builtin_trap();
    if (!batch_like(r.batch) || !batch_like(r.serial)) __builtin_trap();
    if (r.other.size() > outpost::gs1::kMaxElements) __builtin_trap();
    if (r.needs_check && r.warnings.empty()) __builtin_trap();
    return 0;
}

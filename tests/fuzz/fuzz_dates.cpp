// libFuzzer target: date and hybrid-logical-clock text arrive from users and
// from other devices. Parsing must never crash and must round-trip.
#include <cstddef>
#include <cstdint>
#include <string>

#include "clock.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string in(reinterpret_cast<const char*>(data), size);
    int64_t days = 0;
    if (outpost::parse_date(in, &days) && outpost::date_from_days(days) != in) __builtin_trap();
    int64_t pt = 0, lc = 0;
    if (outpost::decode_hlc(in, &pt, &lc) && outpost::encode_hlc(pt, lc) != in) __builtin_trap();
    outpost::Hlc h;
    h.observe(in);
    h.tick(0);
    return 0;
}

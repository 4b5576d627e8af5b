// libFuzzer target: central's catalogue import (CentralCore::
// import_catalogue_csv) with arbitrary text. All or nothing: a refused import
// must leave the item count as it was, an accepted one must add at most as
// many items as the text has lines, and central must never fail internally.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "central_core.h"

using namespace outpost;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static FakeClock clock(1781517600000LL);
    static std::unique_ptr<CentralCore> core = [] {
        auto c = CentralCore::Open(":memory:", &clock, false);
        if (!c.ok()) __builtin_trap();
        return std::move(c).value();
    }();
    std::string text(reinterpret_cast<const char*>(data), size);
    const int64_t before = core->db().query_i64("SELECT COUNT(*) FROM items").value_or(-1);
    const int64_t feed_before = core->feed_head();
    auto n = core->import_catalogue_csv(text);
    const int64_t after = core->db().query_i64("SELECT COUNT(*) FROM items").value_or(-1);
    if (!n.ok()) {
        if (after != before || core->feed_head() != feed_before) __builtin_trap();  // not all-or-nothing
    } else {
        int64_t lines = 1;
        for (char c : text) lines += c == '\n' || c == '\r';
        if (*n < 0 || *n > lines || after - before > *n) __builtin_trap();
    }
    return 0;
}

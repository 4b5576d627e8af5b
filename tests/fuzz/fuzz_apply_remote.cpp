// libFuzzer target: the device side of a pull. A page of changes from the
// network goes through Store::apply_remote; whatever it holds, the store must
// either apply it or refuse it as a whole, and stock on hand must still equal
// the ledger afterwards.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "store.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static outpost::FakeClock clock(1781517600000LL);
    auto s = outpost::Store::Open({":memory:", true, &clock, false});
    if (!s.ok()) __builtin_trap();
    outpost::Identity id{"site-A", "A", "Clinic A", "device-1", "kiosk", false};
    if (!(*s)->init_registered(id).ok()) __builtin_trap();
    std::string text(reinterpret_cast<const char*>(data), size);
    // Several changes per page, split on a newline.
    std::vector<std::string> page;
    size_t start = 0;
    for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
        page.push_back(text.substr(start, nl - start));
    page.push_back(text.substr(start));
    (*s)->apply_remote(page, "pull_cursor", "1");
    auto v = (*s)->verify();
    if (!v.ok() || !v->ok()) __builtin_trap();
    return 0;
}

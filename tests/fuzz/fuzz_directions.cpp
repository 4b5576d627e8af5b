// libFuzzer target: the directions (sig code) parser and the label formatter
// read text typed by people. Any input must give a result, never a crash.
#include <cstddef>
#include <cstdint>
#include <string>

#include "directions.h"
#include "label.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string in(reinterpret_cast<const char*>(data), size);
    size_t cut = in.find('\x1f');
    std::string unit = cut == std::string::npos ? "tablet" : in.substr(cut + 1);
    auto d = outpost::expand_directions(in.substr(0, cut), unit);
    outpost::LabelInput l;
    l.patient_name = in;
    l.item_name = unit;
    l.directions_text = d.text;
    l.quantity = static_cast<long long>(size);
    l.parts = static_cast<int>(size % 5) + 1;
    l.part = static_cast<int>(size % 7);
    const int width = static_cast<int>(size % 90);
    auto lines = outpost::format_label(l, width);
    for (const auto& line : lines) {
        size_t chars = 0;  // characters, counted as UTF-8 lead bytes
        for (unsigned char c : line) chars += (c & 0xC0) != 0x80;
        if (chars > static_cast<size_t>(width < 1 ? 1 : width)) __builtin_trap();
        if (line.size() > 4 * chars) __builtin_trap();  // every character is valid UTF-8
    }
    return 0;
}

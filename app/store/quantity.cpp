// parse_quantity (see quantity.h).
#include "quantity.h"

namespace outpost {

Result<int64_t> parse_quantity(const std::string& text) {
    size_t b = 0, e = text.size();
    while (b < e && text[b] == ' ') ++b;
    while (e > b && text[e - 1] == ' ') --e;
    const std::string t = text.substr(b, e - b);
    if (t.empty()) return Status::InvalidArgument("enter the quantity");
    for (char c : t)
        if (c < '0' || c > '9')
            return Status::InvalidArgument("'" + t + "' is not a whole number; type digits only");
    if (t.size() > static_cast<size_t>(kMaxQuantityDigits))
        return Status::InvalidArgument(t + " is too large: at most " + std::to_string(kMaxQuantityDigits) +
                                       " digits");
    return static_cast<int64_t>(std::stoll(t));
}

}  // namespace outpost

// Bounded JSON parsing (see json_read.h): a single pass over the text counts
// nesting outside strings before nlohmann builds anything.
#include "json_read.h"

namespace outpost {

int json_nesting_depth(std::string_view text, int limit) {
    int depth = 0, deepest = 0;
    bool in_string = false, escaped = false;
    for (const char c : text) {
        if (in_string) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') in_string = false;
            continue;
        }
        switch (c) {
            case '"': in_string = true; break;
            case '[':
            case '{':
                if (++depth > deepest) {
                    deepest = depth;
                    if (deepest > limit) return deepest;
                }
                break;
            case ']':
            case '}':
                if (depth > 0) --depth;
                break;
            default: break;
        }
    }
    return deepest;
}

bool parse_json(std::string_view text, nlohmann::json* out, std::string* problem, int max_depth) {
    if (json_nesting_depth(text, max_depth) > max_depth) {
        *problem = "is nested deeper than " + std::to_string(max_depth) + " levels";
        return false;
    }
    nlohmann::json parsed = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (parsed.is_discarded()) {
        *problem = "is not valid JSON";
        return false;
    }
    *out = std::move(parsed);
    return true;
}

std::string text_of(const nlohmann::json& obj, const char* key) {
    if (!obj.is_object()) return std::string();
    auto it = obj.find(key);
    return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace outpost

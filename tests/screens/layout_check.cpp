// The layout checks (see layout_check.h).
#include "layout_check.h"

#include <algorithm>
#include <sstream>

namespace outpost::screens_test {
namespace {

std::string box(ImVec2 a, ImVec2 b) {
    std::ostringstream o;
    o << "[" << a.x << "," << a.y << " - " << b.x << "," << b.y << "]";
    return o.str();
}

// Overlap by more than a pixel both ways.
bool overlap(ImVec2 a0, ImVec2 a1, ImVec2 b0, ImVec2 b1) {
    const float slack = 1.0f;
    return a0.x < b1.x - slack && b0.x < a1.x - slack && a0.y < b1.y - slack && b0.y < a1.y - slack;
}

// Whether a text has anything a reader sees (ImGui draws " " for nothing).
bool blank(const std::string& t) { return t.find_first_not_of(" ") == std::string::npos; }

}  // namespace

std::vector<std::string> layout_problems(const Ui& ui) {
    std::vector<std::string> out;
    const float em = ImGui::GetFontSize();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    for (const auto& [key, r] : ui.probe.all()) {
        // The text keyboard's keys are 2.45 em (text_keyboard.cpp says why).
        const bool key_of_keyboard = key.size() > 5 && key.compare(key.size() - 5, 5, "##kbd") == 0;
        if (r.height() < (key_of_keyboard ? 2.45f : 2.7f) * em - 0.5f)
            out.push_back("touch target too low (" + std::to_string(r.height()) + " px): " + key);
        if (r.max.x > display.x + 0.5f || r.min.x < -0.5f)
            out.push_back("touch target off the window: " + key + " " + box(r.min, r.max));
    }
    const auto& probe = ui.probe.all();
    for (auto a = probe.begin(); a != probe.end(); ++a) {
        if (!a->second.tappable()) continue;
        for (auto b = std::next(a); b != probe.end(); ++b) {
            if (!b->second.tappable()) continue;
            const bool same_window = a->second.clip_min.x == b->second.clip_min.x &&
                                     a->second.clip_min.y == b->second.clip_min.y &&
                                     a->second.clip_max.x == b->second.clip_max.x &&
                                     a->second.clip_max.y == b->second.clip_max.y;
            if (same_window && overlap(a->second.min, a->second.max, b->second.min, b->second.max))
                out.push_back("touch targets overlap: " + a->first + " and " + b->first);
        }
    }
    const std::vector<DrawnText>& texts = ui.texts();
    // What a reader sees of a text: its box inside its clip rectangle.
    auto seen_min = [](const DrawnText& t) {
        return ImVec2(std::max(t.min.x, t.clip_min.x), std::max(t.min.y, t.clip_min.y));
    };
    auto seen_max = [](const DrawnText& t) {
        return ImVec2(std::min(t.max.x, t.clip_max.x), std::min(t.max.y, t.clip_max.y));
    };
    for (size_t i = 0; i < texts.size(); ++i) {
        const DrawnText& t = texts[i];
        if (!t.visible() || blank(t.text)) continue;
        if (t.cut_sideways() && !t.scrolls_sideways) {
            out.push_back("text cut without an ellipsis: \"" + t.text + "\" " + box(t.min, t.max) +
                          " in " + box(t.clip_min, t.clip_max));
            continue;
        }
        if (seen_min(t).x < -0.5f || seen_max(t).x > display.x + 0.5f)
            out.push_back("text off the window: \"" + t.text + "\" " + box(t.min, t.max));
        for (size_t j = i + 1; j < texts.size(); ++j) {
            const DrawnText& u = texts[j];
            if (u.list != t.list || !u.visible() || blank(u.text)) continue;
            if (overlap(seen_min(t), seen_max(t), seen_min(u), seen_max(u)))
                out.push_back("texts overlap: \"" + t.text + "\" " + box(t.min, t.max) + " and \"" +
                              u.text + "\" " + box(u.min, u.max));
        }
    }
    return out;
}

}  // namespace outpost::screens_test

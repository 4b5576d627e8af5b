// See wedge_scanner.h.
#include "wedge_scanner.h"

#include <imgui.h>

namespace outpost::screens_test {

WedgeScanner::WedgeScanner(Ui& ui, const std::string& substitutes) : ui_(ui) {
    ScanSettings settings;
    settings.separator_substitutes = substitutes;
    queue.enable_scanning(settings, &clock_);
}

int WedgeScanner::scan(const std::string& text, const std::string& gs_as) {
    int gap = 1;
    const auto next_key = [&] {
        clock_.advance(gap);
        gap = gap % 5 + 1;  // 1, 2, 3, 4, 5 ms, again
    };
    for (char c : text) {
        if (c == '\x1d' && gs_as == "ctrl") {
            queue.push(InputEvent::key(keycode::kLeftControl, true));
            queue.push(InputEvent::key(keycode::kRightBracket, true));
            queue.push(InputEvent::key(keycode::kRightBracket, false));
            queue.push(InputEvent::key(keycode::kLeftControl, false));
        } else if (c == '\x1d' && gs_as == "f8") {
            queue.push(InputEvent::key(keycode::kF8, true));
            queue.push(InputEvent::key(keycode::kF8, false));
        } else {
            const char shown = c == '\x1d' ? gs_as[0] : c;
            const bool upper = shown >= 'A' && shown <= 'Z';
            const int code = shown >= 'a' && shown <= 'z' ? shown - 32 : shown;
            if (upper) queue.push(InputEvent::key(keycode::kLeftShift, true));
            queue.push(InputEvent::key(code, true));
            queue.push(InputEvent::character_typed(static_cast<unsigned char>(shown)));
            queue.push(InputEvent::key(code, false));
            if (upper) queue.push(InputEvent::key(keycode::kLeftShift, false));
        }
        next_key();
    }
    queue.push(InputEvent::key(keycode::kEnter, true));
    queue.push(InputEvent::key(keycode::kEnter, false));
    int scans = 0;
    for (int i = 0; i < 200 && !queue.empty(); ++i) {
        clock_.advance(16);
        FrameInput f = queue.take_frame();
        for (uint32_t ch : f.characters) {
            ImGui::GetIO().AddInputCharacter(ch);
            ++characters_typed;
        }
        if (f.scan) {
            ui_.root->scan(*f.scan);
            ++scans;
        }
        ui_.frame();
    }
    ui_.frame(3);  // what the scan did settles (the shell draws a few frames after input)
    return scans;
}

}  // namespace outpost::screens_test

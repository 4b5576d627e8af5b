// A keyboard-wedge barcode scanner on the shell's real input queue
// (app/platform/input_queue.h) in front of the headless UI: each character
// is pushed as key down, character, key up, 1 to 5 ms apart on a fake clock,
// the separator as Ctrl+] (or F8, or a substitute character), then Enter.
// Frames then run 16 ms apart as the shell runs them: each frame's scan goes
// to UiRoot::scan and its typed characters to ImGui, until the queue is empty.
#pragma once

#include <string>

#include "clock.h"
#include "input_queue.h"
#include "ui_harness.h"

namespace outpost::screens_test {

class WedgeScanner {
public:
    // substitutes: the device's scanner setting (ScanSettings::separator_substitutes).
    explicit WedgeScanner(Ui& ui, const std::string& substitutes = "");
    // Scans text ('\x1d' for GS) and runs the frames. gs_as: "ctrl", "f8" or
    // the substitute character the scanner sends for GS. Returns how many
    // scans the queue handed over (1 for a scan it recognised).
    int scan(const std::string& text, const std::string& gs_as = "ctrl");
    // Characters the queue let through as typing during scans (should stay 0).
    int characters_typed = 0;
    InputQueue queue;

private:
    Ui& ui_;
    FakeClock clock_{0};
};

}  // namespace outpost::screens_test

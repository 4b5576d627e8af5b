// Hands the input queue's per-frame state to ImGui 1.86 (which has no input
// queue of its own). The GLFW backend's input handling is not used at all:
// its NewFrame re-reads live mouse buttons and would undo the queue's
// one-transition-per-frame rule.
#pragma once

#include "input_queue.h"

struct ImGuiIO;

namespace outpost {

// Maps ImGuiKey_* to GLFW key codes (Tab, arrows, Page Up/Down, Home, End,
// Insert, Delete, Backspace, Space, Enter, Escape, keypad Enter, A C V X Y Z).
void install_key_map(ImGuiIO& io);

// Copies one frame's input into io: mouse position (or "no pointer"),
// buttons, wheel, keys, modifiers and typed characters.
// REQUIRES: called before ImGui::NewFrame().
void feed_frame_input(const FrameInput& in, ImGuiIO& io);

}  // namespace outpost

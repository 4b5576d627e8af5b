// FrameInput -> ImGuiIO (see imgui_input.h).
#include "imgui_input.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include <cfloat>

namespace outpost {

void install_key_map(ImGuiIO& io) {
    io.KeyMap[ImGuiKey_Tab] = GLFW_KEY_TAB;
    io.KeyMap[ImGuiKey_LeftArrow] = GLFW_KEY_LEFT;
    io.KeyMap[ImGuiKey_RightArrow] = GLFW_KEY_RIGHT;
    io.KeyMap[ImGuiKey_UpArrow] = GLFW_KEY_UP;
    io.KeyMap[ImGuiKey_DownArrow] = GLFW_KEY_DOWN;
    io.KeyMap[ImGuiKey_PageUp] = GLFW_KEY_PAGE_UP;
    io.KeyMap[ImGuiKey_PageDown] = GLFW_KEY_PAGE_DOWN;
    io.KeyMap[ImGuiKey_Home] = GLFW_KEY_HOME;
    io.KeyMap[ImGuiKey_End] = GLFW_KEY_END;
    io.KeyMap[ImGuiKey_Insert] = GLFW_KEY_INSERT;
    io.KeyMap[ImGuiKey_Delete] = GLFW_KEY_DELETE;
    io.KeyMap[ImGuiKey_Backspace] = GLFW_KEY_BACKSPACE;
    io.KeyMap[ImGuiKey_Space] = GLFW_KEY_SPACE;
    io.KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;
    io.KeyMap[ImGuiKey_Escape] = GLFW_KEY_ESCAPE;
    io.KeyMap[ImGuiKey_KeyPadEnter] = GLFW_KEY_KP_ENTER;
    io.KeyMap[ImGuiKey_A] = GLFW_KEY_A;
    io.KeyMap[ImGuiKey_C] = GLFW_KEY_C;
    io.KeyMap[ImGuiKey_V] = GLFW_KEY_V;
    io.KeyMap[ImGuiKey_X] = GLFW_KEY_X;
    io.KeyMap[ImGuiKey_Y] = GLFW_KEY_Y;
    io.KeyMap[ImGuiKey_Z] = GLFW_KEY_Z;
}

void feed_frame_input(const FrameInput& in, ImGuiIO& io) {
    io.MousePos = in.pointer_present ? ImVec2(in.mouse_x, in.mouse_y) : ImVec2(-FLT_MAX, -FLT_MAX);
    for (int b = 0; b < kMouseButtons; ++b) io.MouseDown[b] = in.mouse_down[b];
    io.MouseWheel = in.wheel_y;
    io.MouseWheelH = in.wheel_x;
    for (int k = 0; k < keycode::kCount; ++k) io.KeysDown[k] = in.keys_down[k];
    io.KeyCtrl = in.ctrl;
    io.KeyShift = in.shift;
    io.KeyAlt = in.alt;
    io.KeySuper = in.super;
    for (uint32_t c : in.characters) io.AddInputCharacter(c);
}

}  // namespace outpost

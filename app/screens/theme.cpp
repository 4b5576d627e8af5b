// The high-contrast theme (see theme.h). Colours were chosen against the
// background #F4F4F0: text #121212 (about 17:1), control borders #4D4D4D
// (about 7.9:1), so outlines stay visible on washed-out laptop panels and in
// sunlight.
#include "theme.h"

namespace outpost {

void apply_theme(float em) {
    ImGuiStyle& st = ImGui::GetStyle();
    // From ImGui's defaults (designed for its 13 px font) scaled to this
    // font, so sizes set nowhere below still follow the em; then ours.
    st = ImGuiStyle();
    ImGui::StyleColorsLight(&st);
    st.ScaleAllSizes(em / 13.0f);

    st.WindowPadding = ImVec2(0.6f * em, 0.5f * em);
    st.FramePadding = ImVec2(0.6f * em, 0.45f * em);
    st.ItemSpacing = ImVec2(0.5f * em, 0.45f * em);
    st.ItemInnerSpacing = ImVec2(0.4f * em, 0.3f * em);
    st.ScrollbarSize = 1.4f * em;  // thick enough for a finger
    st.GrabMinSize = 1.4f * em;
    st.IndentSpacing = 1.2f * em;
    st.FrameRounding = 0.2f * em;
    st.ScrollbarRounding = 0.2f * em;
    st.WindowRounding = 0.0f;
    st.FrameBorderSize = 1.0f;
    st.WindowBorderSize = 1.0f;
    st.PopupBorderSize = 1.0f;
    st.ChildBorderSize = 1.0f;
    st.TouchExtraPadding = ImVec2(0.1f * em, 0.1f * em);
    st.CellPadding = ImVec2(0.4f * em, 0.2f * em);

    ImVec4* c = st.Colors;
    const ImVec4 bg(0.957f, 0.957f, 0.941f, 1.0f);
    const ImVec4 border(0.30f, 0.30f, 0.30f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(0.07f, 0.07f, 0.07f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.38f, 0.38f, 0.38f, 1.0f);
    c[ImGuiCol_WindowBg] = bg;
    c[ImGuiCol_ChildBg] = colour::screen();
    c[ImGuiCol_PopupBg] = colour::screen();
    c[ImGuiCol_Border] = border;
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.93f, 0.96f, 1.0f, 1.0f);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.86f, 0.92f, 1.0f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.88f, 0.89f, 0.91f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.80f, 0.86f, 0.96f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.62f, 0.74f, 0.94f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.78f, 0.86f, 0.98f, 1.0f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.80f, 0.86f, 0.96f, 1.0f);
    c[ImGuiCol_HeaderActive] = ImVec4(0.62f, 0.74f, 0.94f, 1.0f);
    c[ImGuiCol_CheckMark] = ImVec4(0.05f, 0.20f, 0.60f, 1.0f);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0.90f, 0.90f, 0.88f, 1.0f);
    c[ImGuiCol_ScrollbarGrab] = ImVec4(0.45f, 0.45f, 0.45f, 1.0f);
    c[ImGuiCol_ScrollbarGrabHovered] = ImVec4(0.35f, 0.35f, 0.35f, 1.0f);
    c[ImGuiCol_ScrollbarGrabActive] = ImVec4(0.25f, 0.25f, 0.25f, 1.0f);
    c[ImGuiCol_Separator] = border;
    c[ImGuiCol_ModalWindowDimBg] = ImVec4(0.1f, 0.1f, 0.1f, 0.45f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.86f, 0.87f, 0.89f, 1.0f);
    c[ImGuiCol_TableBorderStrong] = border;
    c[ImGuiCol_TableBorderLight] = ImVec4(0.55f, 0.55f, 0.55f, 1.0f);
    c[ImGuiCol_TableRowBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.95f, 0.95f, 0.97f, 1.0f);
}

}  // namespace outpost

// TEMPORARY stand-in for the screens library (app/screens), compiled only
// while the outpost_screens target does not exist yet, so the shell can be
// built, run and screenshot-tested on its own. It draws one placeholder
// window. Delete this file once outpost_screens builds.
#include <imgui.h>

#include <ctime>

#include "ui_root.h"

namespace outpost {

struct UiRoot::State {
    Store* store = nullptr;
    UiOptions options;
    bool exit_requested = false;
    char search[64] = "";
    int taps = 0;
};

UiRoot::UiRoot(Store& store, UiOptions options) : state_(new State) {
    state_->store = &store;
    state_->options = std::move(options);
    ImGui::StyleColorsLight();
}

UiRoot::~UiRoot() = default;

void UiRoot::draw(double seconds_since_input) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("Outpost", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings);
    if (io.Fonts->Fonts.Size > 1) ImGui::PushFont(io.Fonts->Fonts[1]);
    ImGui::TextUnformatted(state_->store->identity().site_name.c_str());
    if (io.Fonts->Fonts.Size > 1) ImGui::PopFont();
    ImGui::TextWrapped("The screens are being built. This placeholder shows that the shell runs: "
                       "window, fonts (é ç ã ñ ° µ ½ ≤ ≥ ✓), input and redraws.");
    char clock[32];
    std::time_t t = std::time(nullptr);
    std::strftime(clock, sizeof clock, "%H:%M", std::localtime(&t));
    ImGui::Text("Time %s, %.0f s since input", clock, seconds_since_input);
    ImGui::InputText("Search", state_->search, sizeof state_->search);
    if (ImGui::Button("Tap me", ImVec2(8 * ImGui::GetFontSize(), 3 * ImGui::GetFontSize())))
        ++state_->taps;
    ImGui::SameLine();
    ImGui::Text("tapped %d times", state_->taps);
    if (state_->options.demo) ImGui::TextColored(ImVec4(0.6f, 0.1f, 0.5f, 1), "DEMO");
    ImGui::End();
}

bool UiRoot::wants_frames() const { return false; }
void UiRoot::request_exit() { state_->exit_requested = true; }
bool UiRoot::exit_approved() const { return state_->exit_requested; }

}  // namespace outpost

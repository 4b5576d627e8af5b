// The trainer's panel (demo mode only; the "Training" nav entry; the DEMO
// banner is not a target: at 1.6 em it is below the touch size). The demo
// scenarios (UiOptions::demo_scenarios) as big tiles with a line on what each
// one shows; one tap calls UiOptions::reset_demo(i), which the app carries out
// between frames, keeping the demo as it was for "Undo the reset"
// (draw_demo_undo, also on the login screen). A "Simulate offline" switch
// (UiOptions::simulate_offline, hidden when null) cuts the link to the
// in-process demo central, with the sync state shown beside it so a trainer
// can show changes waiting and then flowing, and a line on what the
// simulated second device has done (UiOptions::demo_peer_status).
#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <string>

#include "i18n.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

// What each scenario is for, keyed by its title (app/demo/scenarios.cpp,
// scenario_title). A title not listed here shows without a description.
// The titles are marked here for translation and shown through tr().
struct ScenarioDescription {
    const char* title;
    const char* description;
};
const ScenarioDescription kScenarioDescriptions[] = {
    {N_("Standard demo clinic"),
     N_("A small clinic with 90 days of history, some stock expired or expiring: the everyday "
        "work.")},
    {N_("Expiring stock"),
     N_("Several well-stocked batches expire within six weeks: earliest expiry first and the "
        "Expiring list.")},
    {N_("Stock-out"),
     N_("Artemether + lumefantrine has run out: what dispensing and the stock list say, then "
        "receiving a delivery.")},
    {N_("Stocktake with a discrepancy"),
     N_("An open stocktake whose counts differ from the record: review the variance and "
        "finalise.")},
    {N_("Two devices dispensed the last box offline"),
     N_("Two devices dispensed the last stock while one was offline: a balance below zero, "
        "flagged for a count.")},
};

const char* scenario_description(const std::string& title) {
    for (const ScenarioDescription& e : kScenarioDescriptions)
        if (title == e.title) return i18n::tr(e.description);
    return "";
}

// A tile's layout: the title in bold over its description, both wrapped to
// the tile's width.
struct TileText {
    ImFont* bold;
    float bold_px, pad, wrap;
    float title_height(const std::string& title) const {
        return bold->CalcTextSizeA(bold_px, FLT_MAX, wrap, title.c_str()).y;
    }
    float height(const std::string& title) const {
        const float description =
            ImGui::GetFont()
                ->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, wrap, scenario_description(title))
                .y;
        return pad + title_height(i18n::tr(title.c_str())) + 0.3f * em() + description + pad;
    }
};

TileText tile_text(float tile_width) {
    push_bold_font();
    TileText t{ImGui::GetFont(), ImGui::GetFontSize(), 0.6f * em(), 0};
    pop_font();
    t.wrap = tile_width - 2 * t.pad;
    return t;
}

// One scenario tile; the whole tile is the touch target. Returns true on a
// tap (not a drag).
bool scenario_tile(State& s, int index, const std::string& title, ImVec2 size,
                   const TileText& text) {
    const std::string id = "##scenario-" + std::to_string(index);
    const char* shown = i18n::tr(title.c_str());  // the English title stays the key
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::Button(id.c_str(), size);
    record_item(s, shown + id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddText(text.bold, text.bold_px, ImVec2(p.x + text.pad, p.y + text.pad),
                ImGui::GetColorU32(colour::text()), shown, nullptr, text.wrap);
    const char* description = scenario_description(title);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(),
                ImVec2(p.x + text.pad, p.y + text.pad + text.title_height(shown) + 0.3f * em()),
                ImGui::GetColorU32(colour::muted()), description, nullptr, text.wrap);
    if (s.probe && *description) s.probe->note("scenario:" + title, description);
    return pressed && !s.dragging;
}

void draw_offline_switch(State& s) {
    TrainingState& t = s.training;
    push_bold_font();
    ImGui::TextUnformatted(i18n::tr("Simulate offline"));
    pop_font();
    ImGui::TextWrapped(
        "%s", i18n::tr("Cut the link to the demo central to show work going on offline and "
                       "the changes waiting; link it again to watch them sync. In the demo "
                       "a minute stands for a day: the sync state turns amber after a "
                       "minute without a sync and red after three."));
    bool changed = false;
    const char* online = i18n::tr("Online##simulate");
    const char* offline = i18n::tr("Offline##simulate");
    const float w = std::max({8.0f * em(), button_width(online), button_width(offline)});
    if (toggle_button(s, online, !t.offline, w) && t.offline) t.offline = false, changed = true;
    ImGui::SameLine();
    if (toggle_button(s, offline, t.offline, w) && !t.offline) t.offline = true, changed = true;
    if (changed) {
        s.options.simulate_offline(t.offline);
        s.frames_wanted = 3;
    }
    // The sync state with the last try's error, in the health colour.
    const SyncLine line = sync_line(s);
    ImGui::PushStyleColor(ImGuiCol_Text, health_colour(line.health));
    ImGui::TextWrapped("%s", line.shown.c_str());
    ImGui::PopStyleColor();
    if (s.probe) {
        s.probe->note("training:sync", line.text);
        if (line.health != SyncHealth::kNotSetUp) s.probe->note("training:health", health_word(line.health));
    }
    if (s.options.demo_peer_status) {
        // The other device of the demo clinic, dispensing now and then.
        const std::string peer = s.options.demo_peer_status();
        ImGui::PushStyleColor(ImGuiCol_Text, colour::muted());
        ImGui::TextWrapped("%s", peer.c_str());
        ImGui::PopStyleColor();
        if (s.probe) s.probe->note("training:peer", peer);
    }
}

}  // namespace

void draw_training_screen(State& s) {
    if (!s.options.demo) {
        ImGui::TextUnformatted(i18n::tr("Training tools are only in demo mode (outpost --demo)."));
        return;
    }
    heading(i18n::tr("Training"));
    const auto& titles = s.options.demo_scenarios;
    const bool can_reset = static_cast<bool>(s.options.reset_demo) && !titles.empty();
    begin_touch_list(s, "##training", ImVec2(0, 0), false);
    // The switch first: a trainer flips it often, and it must show without
    // scrolling at 1024x600; resets are rarer.
    if (s.options.simulate_offline) {
        draw_offline_switch(s);
        ImGui::Spacing();
        ImGui::Separator();
    }
    if (can_reset) {
        ImGui::TextWrapped(
            "%s", i18n::tr("Start again from a prepared situation: one tap resets the demo "
                           "(Undo brings it back). Dates are relative to today; the "
                           "training users and their PINs stay the same."));
        draw_demo_undo(s, "training");
        const float spacing = ImGui::GetStyle().ItemSpacing.x;
        const float avail = ImGui::GetContentRegionAvail().x;
        const int per_row = std::max(1, std::min(3, static_cast<int>((avail + spacing) /
                                                                     (16.0f * em() + spacing))));
        ImVec2 tile((avail - spacing * static_cast<float>(per_row - 1)) /
                        static_cast<float>(per_row),
                    touch_height());
        // Every tile as tall as the fullest one, so the rows line up.
        const TileText text = tile_text(tile.x);
        for (const std::string& title : titles) tile.y = std::max(tile.y, text.height(title));
        for (size_t i = 0; i < titles.size(); ++i) {
            if (i % static_cast<size_t>(per_row) != 0) ImGui::SameLine();
            // One tap resets; "Undo the reset" brings the demo back.
            if (scenario_tile(s, static_cast<int>(i), titles[i], tile, text) && s.options.reset_demo)
                s.options.reset_demo(static_cast<int>(i));
        }
    } else {
        ImGui::TextWrapped("%s", i18n::tr("This demo cannot be reset from here."));
    }
    end_touch_list(s);
}

void draw_demo_undo(State& s, const char* where) {
    if (!s.options.demo || s.options.demo_reset_to.empty() || !s.options.undo_demo_reset) return;
    const std::string said = i18n::format(
        i18n::tr("The demo was reset to {0}. Undo brings back the demo as it was just before."),
        {i18n::tr(s.options.demo_reset_to.c_str())});
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted());
    ImGui::TextWrapped("%s", said.c_str());
    ImGui::PopStyleColor();
    const std::string label = std::string(i18n::tr("Undo the reset")) + "##" + where;
    if (ImGui::Button(label.c_str(), ImVec2(button_width(label.c_str()), touch_height())))
        s.options.undo_demo_reset();
    record_item(s, label);
    if (s.probe) s.probe->note(std::string("undo:") + where, said);
}

}  // namespace outpost

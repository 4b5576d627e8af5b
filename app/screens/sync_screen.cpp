// Sync details: what the status line sums up, in full. From the sync
// client's snapshot (UiOptions::sync): the central server, the last
// successful sync ("4 min ago" and the date), the last and next attempt,
// changes waiting, changes central refused, the last error in plain words
// and, while restoring, a progress bar. A big "Sync now" asks the client to
// run at once. Below, the changes central refused, each said in words
// ("Dispensing for BANDA, Ruth: Amoxicillin 250 mg x 15") with central's
// reason (Store::refused_changes; they never block the changes behind them). The
// health line turns amber after a day without a successful sync and red
// after three (sync_health).
#include <imgui.h>

#include <string>
#include <vector>

#include "scan_screens.h"
#include "local_time.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

// "in 3 min", "now" for a time still to come.
std::string time_until(int64_t ms) {
    if (ms <= 0) return "now";
    const int64_t minutes = (ms + 59999) / 60000;
    if (minutes < 60) return "in " + std::to_string(minutes) + " min";
    const int64_t hours = minutes / 60;
    return "in " + std::to_string(hours) + (hours == 1 ? " hour" : " hours");
}

// "4 min ago (2026-06-15 09:56 UTC)"; "never" for 0.
std::string when_past(int64_t at_ms, int64_t now_ms) {
    if (at_ms <= 0) return "never";
    return time_ago(now_ms - at_ms) + " (" + local_datetime_zone(at_ms) + ")";
}

const char* health_sentence(SyncHealth h) {
    switch (h) {
        case SyncHealth::kHealthy: return "Sync is healthy.";
        case SyncHealth::kAmber:
            return "No successful sync for more than a day. Work goes on; check the link to "
                   "central when you can.";
        case SyncHealth::kRed:
            return "No successful sync for more than three days (or never). Changes made here "
                   "are not backed up on central: check the link or call your administrator.";
        case SyncHealth::kNotSetUp: break;
    }
    return "Sync is not set up on this device.";
}

// One "Caption: value" line of the facts table.
void fact(State& s, const char* caption, const std::string& value, const char* key,
          const ImVec4* colour = nullptr) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(colour::muted(), "%s", caption);
    ImGui::TableNextColumn();
    if (colour) {
        ImGui::PushStyleColor(ImGuiCol_Text, *colour);
        ImGui::TextWrapped("%s", value.c_str());
        ImGui::PopStyleColor();
    } else {
        ImGui::TextWrapped("%s", value.c_str());
    }
    if (s.probe) s.probe->note(key, value);
}

void draw_restore_progress(const SyncSnapshot& snap) {
    const float fraction =
        snap.restore_total > 0
            ? static_cast<float>(snap.restore_done) / static_cast<float>(snap.restore_total)
            : 0.0f;
    const std::string text = std::to_string(snap.restore_done) +
                             (snap.restore_total > 0 ? " of " + std::to_string(snap.restore_total)
                                                     : std::string()) +
                             " changes restored";
    ImGui::ProgressBar(fraction, ImVec2(-1.0f, 1.6f * em()), text.c_str());
}

void draw_quarantined(State& s) {
    SyncScreenState& st = s.sync;
    refresh(s, st.quarantined, "quarantined", [&] { return s.store.refused_changes(); });
    if (!st.quarantined.error.empty()) text_coloured(colour::error(), st.quarantined.error);
    const auto& changes = st.quarantined.value;
    push_bold_font();
    if (changes.empty()) {
        ImGui::TextUnformatted("Central has refused no change from this device.");
        pop_font();
        return;
    }
    ImGui::Text("Changes central refused (%d)", static_cast<int>(changes.size()));
    pop_font();
    ImGui::TextWrapped(
        "They stay on this device and do not hold up the others. An administrator can look at "
        "them on central.");
    // Two lines for what the change was, one for central's reason.
    const float row_h = 3.0f * ImGui::GetTextLineHeightWithSpacing() + 0.3f * em();
    begin_touch_list(s, "##quarantined", ImVec2(0, 0));
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(changes.size()), row_h);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const RefusedChange& c = changes[static_cast<size_t>(i)];
            const float y0 = ImGui::GetCursorPosY();
            const float width = ImGui::GetContentRegionAvail().x;
            const std::string what = fit_lines(c.what, width, 2);
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextUnformatted(what.c_str());
            ImGui::PopTextWrapPos();
            record_item(s, "quarantined:" + std::to_string(c.seq));  // where the row is, for tests
            const std::string reason = fit_lines(
                "Refused: " + (c.reason.empty() ? std::string("no reason given") : c.reason),
                width - em(), 1);
            ImGui::Indent(em());
            ImGui::TextColored(colour::error(), "%s", reason.c_str());
            ImGui::Unindent(em());
            if (s.probe) s.probe->note("quarantined:" + std::to_string(c.seq), what + " - " + reason);
            ImGui::SetCursorPosY(y0 + row_h);
        }
    }
    end_touch_list(s);
}

}  // namespace

void draw_sync_screen(State& s) {
    SyncScreenState& st = s.sync;
    show_banner(s, st.banner);
    heading("Sync with central");
    if (s.options.sync_now) {
        ImGui::SameLine(0, 2.0f * em());
        if (big_button(s, "Sync now##sync", 10.0f * em())) {
            s.options.sync_now();
            st.banner.set_notice("Sync asked to run now. The status line shows when it is done.");
        }
    }
    if (!s.options.sync) {
        ImGui::TextWrapped("%s", health_sentence(SyncHealth::kNotSetUp));
        if (s.probe) s.probe->note("sync:sentence", health_sentence(SyncHealth::kNotSetUp));
        draw_quarantined(s);
        return;
    }
    const SyncSnapshot snap = s.options.sync->read();
    const int64_t now = s.store.now_ms();
    const SyncHealth health = sync_health(snap, now);
    const ImVec4 hc = health_colour(health);
    push_bold_font();
    ImGui::PushStyleColor(ImGuiCol_Text, hc);
    ImGui::TextWrapped("%s", health_sentence(health));
    ImGui::PopStyleColor();
    pop_font();
    if (s.probe) s.probe->note("sync:sentence", health_sentence(health));
    if (snap.restoring) draw_restore_progress(snap);

    if (ImGui::BeginTable("##sync_facts", 2, ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("caption", ImGuiTableColumnFlags_WidthFixed, 13.0f * em());
        ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
        fact(s, "Central server", snap.server.empty() ? "(not known yet)" : snap.server,
             "sync:server");
        fact(s, "Last successful sync", when_past(snap.last_success_ms, now), "sync:last_success",
             &hc);
        fact(s, "Last attempt",
             snap.running ? "running now" : when_past(snap.last_attempt_ms, now),
             "sync:last_attempt");
        if (snap.next_attempt_ms > 0 && !snap.running)
            fact(s, "Next attempt",
                 time_until(snap.next_attempt_ms - now) + " (" + local_datetime_zone(snap.next_attempt_ms) +
                     ")",
                 "sync:next_attempt");
        fact(s, "Changes waiting",
             snap.changes_waiting == 0 ? "none, everything is on central"
                                       : std::to_string(snap.changes_waiting) + " to send",
             "sync:waiting");
        const ImVec4 refused = snap.quarantined > 0 ? colour::error() : colour::text();
        fact(s, "Refused by central", std::to_string(snap.quarantined), "sync:quarantined",
             &refused);
        if (!snap.last_error.empty()) {
            const ImVec4 red = colour::error();
            fact(s, "Last error", snap.last_error, "sync:error", &red);
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    draw_scanner_settings(s);  // scanner_settings.cpp, admins only
    draw_clock_settings(s);    // clock_settings.cpp, admins only
    draw_quarantined(s);
}

}  // namespace outpost

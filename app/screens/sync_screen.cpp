// Sync details: what the status line sums up, in full. From the sync
// client's snapshot (UiOptions::sync): the central server, the last
// successful sync ("4 min ago" and the date), the last and next attempt,
// changes waiting, changes central refused, the last error in plain words
// and, while restoring, a progress bar. A big "Sync now" asks the client to
// run at once. Below, the changes central refused, each said in words
// ("Dispensing for BANDA, Ruth: Amoxicillin 250 mg x 15") with central's
// reason (Store::refused_changes; they never block the changes behind them). The
// health line turns amber after a day without a successful sync and red
// after three (sync_health). With the devices of this clinic (UiOptions::
// peers), their section follows central's facts (sync_peers.cpp) and the
// whole screen below the heading scrolls by dragging.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "i18n.h"
#include "local_time.h"
#include "scan_screens.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

// "in 3 min", "now" for a time still to come.
std::string time_until(int64_t ms) {
    if (ms <= 0) return i18n::tr("now");
    const int64_t minutes = (ms + 59999) / 60000;
    if (minutes < 60) return i18n::format(i18n::tr("in {0} min"), {std::to_string(minutes)});
    const int64_t hours = minutes / 60;
    return i18n::format(i18n::trn("in {0} hour", "in {0} hours", static_cast<unsigned long>(hours)),
                        {std::to_string(hours)});
}

// "4 min ago (2026-06-15 09:56 UTC)"; "never" for 0.
std::string when_past(int64_t at_ms, int64_t now_ms) {
    if (at_ms <= 0) return i18n::tr("never");
    return i18n::format(i18n::tr("{0} ({1})"),
                        {time_ago(now_ms - at_ms), local_datetime_zone(at_ms)});
}

const char* health_sentence(SyncHealth h) {
    switch (h) {
        case SyncHealth::kHealthy:
            return i18n::tr("Sync is healthy.");
        case SyncHealth::kAmber:
            return i18n::tr(
                "No successful sync for more than a day. Work goes on; check the link to "
                "central when you can.");
        case SyncHealth::kRed:
            return i18n::tr(
                "No successful sync for more than three days (or never). Changes made here "
                "are not backed up on central: check the link or call your administrator.");
        case SyncHealth::kNotSetUp: break;
    }
    return i18n::tr("Sync is not set up on this device.");
}

// One "Caption: value" line of the facts table.
void fact(State& s, const char* caption, const std::string& value, const char* key,
          const ImVec4* colour = nullptr) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    // Wrapped: a caption in French or Portuguese can be longer than its column.
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted());
    ImGui::TextWrapped("%s", caption);
    ImGui::PopStyleColor();
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
    const std::string text =
        snap.restore_total > 0
            ? i18n::format(i18n::trn("{0} of {1} change restored", "{0} of {1} changes restored",
                                     static_cast<unsigned long>(snap.restore_total)),
                           {std::to_string(snap.restore_done), std::to_string(snap.restore_total)})
            : i18n::format(i18n::trn("{0} change restored", "{0} changes restored",
                                     static_cast<unsigned long>(snap.restore_done)),
                           {std::to_string(snap.restore_done)});
    ImGui::ProgressBar(fraction, ImVec2(-1.0f, 1.6f * em()), text.c_str());
}

// own_list: the rows scroll in a list of their own below the rest (the
// screen as before); false: they are part of the screen's scrolling form.
void draw_quarantined(State& s, bool own_list) {
    SyncScreenState& st = s.sync;
    refresh(s, st.quarantined, "quarantined", [&] { return s.store.refused_changes(); });
    if (!st.quarantined.error.empty()) text_coloured(colour::error(), st.quarantined.error);
    const auto& changes = st.quarantined.value;
    push_bold_font();
    if (changes.empty()) {
        ImGui::TextUnformatted(i18n::tr("Central has refused no change from this device."));
        pop_font();
        return;
    }
    ImGui::TextUnformatted(
        i18n::format(i18n::tr("Changes central refused ({0})"), {std::to_string(changes.size())})
            .c_str());
    pop_font();
    ImGui::TextWrapped("%s", i18n::tr("They stay on this device and do not hold up the others. An "
                                      "administrator can look at them on central."));
    // Two lines for what the change was, one for central's reason.
    const float row_h = 3.0f * ImGui::GetTextLineHeightWithSpacing() + 0.3f * em();
    if (own_list) begin_touch_list(s, "##quarantined", ImVec2(0, 0));
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
                i18n::format(
                    i18n::tr("Refused: {0}"),
                    {c.reason.empty() ? std::string(i18n::tr("no reason given")) : c.reason}),
                width - em(), 1);
            ImGui::Indent(em());
            ImGui::TextColored(colour::error(), "%s", reason.c_str());
            ImGui::Unindent(em());
            if (s.probe) s.probe->note("quarantined:" + std::to_string(c.seq), what + " - " + reason);
            ImGui::SetCursorPosY(y0 + row_h);
        }
    }
    if (own_list) end_touch_list(s);
}

}  // namespace

void draw_sync_screen(State& s) {
    SyncScreenState& st = s.sync;
    show_banner(s, st.banner);
    heading(i18n::tr("Sync with central"));
    if (s.options.sync_now) {
        ImGui::SameLine(0, 2.0f * em());
        if (big_button(s, i18n::tr("Sync now##sync"),
                       std::max(10.0f * em(), button_width(i18n::tr("Sync now##sync"))))) {
            s.options.sync_now();
            st.banner.set_notice(
                i18n::tr("Sync asked to run now. The status line shows when it is done."));
        }
    }
    // With the devices here the screen is longer than 600 px: all of it
    // below the heading scrolls by dragging, the refused changes included.
    const bool form = s.options.peers != nullptr;
    if (form) begin_touch_list(s, "##sync_form", ImVec2(0, 0), false);
    if (!s.options.sync) {
        ImGui::TextWrapped("%s", health_sentence(SyncHealth::kNotSetUp));
        if (s.probe) s.probe->note("sync:sentence", health_sentence(SyncHealth::kNotSetUp));
        draw_sync_peers(s);
        draw_quarantined(s, !form);
        if (form) end_touch_list(s);
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
        fact(s, i18n::tr("Central server"),
             snap.server.empty() ? i18n::tr("(not known yet)") : snap.server, "sync:server");
        fact(s, i18n::tr("Last successful sync"), when_past(snap.last_success_ms, now),
             "sync:last_success", &hc);
        fact(s, i18n::tr("Last attempt"),
             snap.running ? i18n::tr("running now") : when_past(snap.last_attempt_ms, now),
             "sync:last_attempt");
        if (snap.next_attempt_ms > 0 && !snap.running)
            fact(s, i18n::tr("Next attempt"),
                 i18n::format(i18n::tr("{0} ({1})"), {time_until(snap.next_attempt_ms - now),
                                                      local_datetime_zone(snap.next_attempt_ms)}),
                 "sync:next_attempt");
        fact(s, i18n::tr("Changes waiting"),
             snap.changes_waiting == 0
                 ? i18n::tr("none, everything is on central")
                 : i18n::format(i18n::tr("{0} to send"), {std::to_string(snap.changes_waiting)}),
             "sync:waiting");
        const ImVec4 refused = snap.quarantined > 0 ? colour::error() : colour::text();
        fact(s, i18n::tr("Refused by central"), std::to_string(snap.quarantined),
             "sync:quarantined", &refused);
        if (!snap.last_error.empty()) {
            const ImVec4 red = colour::error();
            fact(s, i18n::tr("Last error"), snap.last_error, "sync:error", &red);
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    draw_sync_peers(s);        // sync_peers.cpp, when the app syncs with the devices here
    draw_scanner_settings(s);  // scanner_settings.cpp, admins only
    draw_clock_settings(s);    // clock_settings.cpp, admins only
    draw_quarantined(s, !form);
    if (form) end_touch_list(s);
}

}  // namespace outpost

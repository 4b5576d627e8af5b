// The status line shown on every screen (who is logged in, the site, the date
// and time, the sync state) and the navigation bar. Sync state comes from the
// sync client's thread-safe snapshot; the UI never waits on the network.
#include <imgui.h>

#include <string>

#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace outpost {

namespace {

std::string time_ago(int64_t ms) {
    const int64_t minutes = ms / 60000;
    if (minutes < 1) return "just now";
    if (minutes < 60) return std::to_string(minutes) + " min ago";
    const int64_t hours = minutes / 60;
    if (hours < 48) return std::to_string(hours) + (hours == 1 ? " hour ago" : " hours ago");
    return std::to_string(hours / 24) + " days ago";
}

// "Synced 4 min ago", "37 changes waiting", ...; colour by health.
void draw_sync_state(State& s) {
    if (!s.options.sync) {
        ImGui::TextColored(colour::muted(), "Sync not set up");
        if (s.probe) s.probe->note("sync", "Sync not set up");
        return;
    }
    const SyncSnapshot snap = s.options.sync->read();
    const int64_t now = s.store.now_ms();
    const SyncHealth health = sync_health(snap, now);
    if (health == SyncHealth::kNotSetUp) {
        ImGui::TextColored(colour::muted(), "Sync not set up");
        if (s.probe) s.probe->note("sync", "Sync not set up");
        return;
    }
    std::string text;
    if (snap.restoring) {
        text = "Restoring: " + std::to_string(snap.restore_done) +
               (snap.restore_total > 0 ? " of " + std::to_string(snap.restore_total) : "") +
               " changes";
    } else if (snap.running) {
        text = "Syncing...";
    } else if (snap.changes_waiting > 0) {
        text = std::to_string(snap.changes_waiting) +
               (snap.changes_waiting == 1 ? " change waiting" : " changes waiting");
    } else if (snap.last_success_ms > 0) {
        text = "Synced " + time_ago(now - snap.last_success_ms);
    } else {
        text = "Never synced";
    }
    if (snap.changes_waiting > 0 && snap.last_success_ms > 0 && !snap.running)
        text += " (last sync " + time_ago(now - snap.last_success_ms) + ")";
    if (snap.quarantined > 0)
        text += ", " + std::to_string(snap.quarantined) + " refused by central";
    const ImVec4 c = health == SyncHealth::kRed     ? colour::error()
                     : health == SyncHealth::kAmber ? colour::amber()
                                                    : colour::good();
    ImGui::TextColored(c, "%s", text.c_str());
    if (s.probe) {
        s.probe->note("sync", text);
        s.probe->note("sync:health", health == SyncHealth::kRed     ? "red"
                                     : health == SyncHealth::kAmber ? "amber"
                                                                    : "healthy");
    }
    if (!snap.last_error.empty() && health != SyncHealth::kHealthy) {
        ImGui::SameLine();
        ImGui::TextColored(c, "- %s", snap.last_error.c_str());
    }
}

}  // namespace

void draw_status_bar(State& s) {
    push_bold_font();
    if (s.user) {
        ImGui::Text("%s (%s)", s.user->name.c_str(), role_name(s.user->role));
    } else {
        ImGui::TextUnformatted("Not logged in");
    }
    pop_font();
    ImGui::SameLine(0, 1.5f * em());
    const std::string& site = s.store.identity().site_name;
    ImGui::TextUnformatted(site.empty() ? "(no site set up)" : site.c_str());
    ImGui::SameLine(0, 1.5f * em());
    ImGui::Text("%s UTC", datetime_of(s.store.now_ms()).c_str());
    ImGui::SameLine(0, 1.5f * em());
    draw_sync_state(s);
}

void draw_nav_bar(State& s) {
    struct Entry {
        const char* label;
        Screen screen;
    };
    const Entry entries[] = {
        {"Dispense##nav", Screen::kDispense}, {"Stock##nav", Screen::kStock},
        {"Receive##nav", Screen::kReceive},   {"Stocktake##nav", Screen::kStocktake},
        {"Expiring##nav", Screen::kExpiring}, {"Audit##nav", Screen::kAudit},
    };
    // Item, adjust and history belong to the screen they were opened from.
    Screen family = s.screen;
    if (family == Screen::kItem || family == Screen::kAdjust) family = Screen::kStock;
    if (family == Screen::kHistory) family = Screen::kDispense;
    bool first = true;
    for (const Entry& e : entries) {
        if (e.screen == Screen::kAudit && !may_see_audit(s)) continue;
        if (!first) ImGui::SameLine();
        first = false;
        if (toggle_button(s, e.label, family == e.screen)) go_to(s, e.screen);
    }
    if (s.options.sync_now) {
        ImGui::SameLine(0, 1.5f * em());
        if (big_button(s, "Sync now##nav")) s.options.sync_now();
    }
    ImGui::SameLine(0, 1.5f * em());
    if (big_button(s, "Log out##nav")) log_out(s, "Logged out.");
}

}  // namespace outpost

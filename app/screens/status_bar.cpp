// The status line shown on every screen (who is logged in, the site, the date
// and time, the sync state) and the navigation bar. Sync state comes from the
// sync client's thread-safe snapshot; the UI never waits on the network. A
// tap on the sync state (or the Sync entry) opens the sync details, where the
// big Sync now button lives.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "print_queue.h"
#include "i18n.h"
#include "local_time.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace outpost {

std::string time_ago(int64_t ms) {
    const int64_t minutes = ms / 60000;
    if (minutes < 1) return i18n::tr("just now");
    if (minutes < 60) return i18n::format(i18n::tr("{0} min ago"), {std::to_string(minutes)});
    const int64_t hours = minutes / 60;
    if (hours < 48)
        return i18n::format(i18n::trn("{0} hour ago", "{0} hours ago", static_cast<unsigned long>(hours)),
                            {std::to_string(hours)});
    return i18n::format(i18n::trn("{0} day ago", "{0} days ago", static_cast<unsigned long>(hours / 24)),
                        {std::to_string(hours / 24)});
}

ImVec4 health_colour(SyncHealth h) {
    switch (h) {
        case SyncHealth::kRed: return colour::error();
        case SyncHealth::kAmber: return colour::amber();
        case SyncHealth::kHealthy: return colour::good();
        case SyncHealth::kNotSetUp: break;
    }
    return colour::muted();
}

namespace {

// Central's part after the devices here: "central 3 days ago, 37 changes
// waiting"; lower case, as it follows a semicolon.
std::string central_part(const SyncSnapshot& snap, SyncHealth health, int64_t now) {
    std::string text;
    if (health == SyncHealth::kNotSetUp) return i18n::tr("sync with central not set up");
    if (snap.running) {
        text = i18n::tr("syncing with central...");
    } else if (snap.last_success_ms > 0) {
        // TRANSLATORS: {0} is how long ago ("3 days ago", "just now").
        text = i18n::format(i18n::tr("central {0}"), {time_ago(now - snap.last_success_ms)});
    } else {
        text = i18n::tr("never synced with central");
    }
    if (snap.changes_waiting > 0)
        text += ", " + i18n::format(i18n::trn("{0} change waiting", "{0} changes waiting",
                                              static_cast<unsigned long>(snap.changes_waiting)),
                                    {std::to_string(snap.changes_waiting)});
    return text;
}

}  // namespace

SyncLine sync_line(State& s) {
    SyncLine line;
    const int64_t now = s.store.now_ms();
    // The devices here come first when there are any: whether the stock on
    // screen includes their work is the news of a clinic cut off from
    // central. A restore is news of its own (no peer exchange runs then).
    PeerSummary peers;
    if (s.options.peers) peers = peer_summary(s.options.peers->read(), now);
    SyncSnapshot snap;
    if (s.options.sync) {
        snap = s.options.sync->read();
        line.health = sync_health(snap, now);
    }
    if (!peers.text.empty() && !snap.restoring) {
        line.peers = peers.text;
        line.peers_health = peers.health;
        std::string central = central_part(snap, line.health, now);
        if (snap.quarantined > 0)
            central += i18n::format(i18n::tr(", {0} refused by central"), {std::to_string(snap.quarantined)});
        // TRANSLATORS: the devices here ({0}), then central ({1}), on the
        // status line: "Up to date with 2 devices here; central 3 days ago".
        const std::string joined = i18n::format(i18n::tr("{0}; {1}"), {line.peers, central});
        const std::string prefix = i18n::format(i18n::tr("{0}; {1}"), {line.peers, ""});
        line.peers_bytes = joined.compare(0, prefix.size(), prefix) == 0 ? prefix.size() : 0;
        line.text = line.shown = joined;
        if (line.health != SyncHealth::kNotSetUp && !snap.last_error.empty())
            line.shown += " - " + snap.last_error;
        return line;
    }
    if (!s.options.sync) {
        line.text = line.shown = i18n::tr("Sync not set up");
        return line;
    }
    // A device being set up (or restored) is not configured yet, but its
    // restore is news worth the status line.
    if (line.health == SyncHealth::kNotSetUp && !snap.restoring) {
        line.text = line.shown = i18n::tr("Sync not set up");
        return line;
    }
    std::string& text = line.text;
    if (snap.restoring) {
        text = snap.restore_total > 0
                   ? i18n::format(i18n::tr("Restoring: {0} of {1} changes"),
                                  {std::to_string(snap.restore_done), std::to_string(snap.restore_total)})
                   : i18n::format(i18n::tr("Restoring: {0} changes"), {std::to_string(snap.restore_done)});
    } else if (snap.running) {
        text = i18n::tr("Syncing...");
    } else if (snap.changes_waiting > 0) {
        text = i18n::format(i18n::trn("{0} change waiting", "{0} changes waiting",
                                      static_cast<unsigned long>(snap.changes_waiting)),
                            {std::to_string(snap.changes_waiting)});
    } else if (snap.last_success_ms > 0) {
        text = i18n::format(i18n::tr("Synced {0}"), {time_ago(now - snap.last_success_ms)});
    } else {
        text = i18n::tr("Never synced");
    }
    if (snap.changes_waiting > 0 && snap.last_success_ms > 0 && !snap.running)
        text += i18n::format(i18n::tr(" (last sync {0})"), {time_ago(now - snap.last_success_ms)});
    if (snap.quarantined > 0)
        text += i18n::format(i18n::tr(", {0} refused by central"), {std::to_string(snap.quarantined)});
    line.shown = text;
    if (line.health != SyncHealth::kNotSetUp && !snap.last_error.empty()) line.shown += " - " + snap.last_error;
    return line;
}

const char* health_word(SyncHealth h) {
    return h == SyncHealth::kRed     ? "red"
           : h == SyncHealth::kAmber ? "amber"
           : h == SyncHealth::kHealthy ? "healthy"
                                       : "not set up";
}

namespace {

// Once someone is logged in on a device with sync (with central or with the
// devices here), the sync state is a touch-sized button opening the sync
// details. It makes the status line 2.7 em tall, so without sync (nothing to
// open) the line stays one text high.
bool sync_state_is_button(const State& s) { return s.user && (s.options.sync || s.options.peers); }

// "Synced 4 min ago", "37 changes waiting", ...; colour by health. With
// devices here, two colours: their part ("Up to date with 2 devices here; ")
// in theirs, central's part in central's, so a clinic cut off from central
// sees green for what the devices here share and still amber or red for how
// old central's copy is.
void draw_sync_state(State& s) {
    const SyncLine line = sync_line(s);
    const ImVec4 c = health_colour(line.health);
    const ImVec4 pc = health_colour(line.peers_health);
    if (s.probe) {
        s.probe->note("sync", line.text);
        if (line.health != SyncHealth::kNotSetUp) s.probe->note("sync:health", health_word(line.health));
        if (!line.peers.empty()) {
            s.probe->note("sync:peers", line.peers);
            s.probe->note("sync:peers:health", health_word(line.peers_health));
        }
    }
    // A long state (an error, French) ends in "..." at the window's edge;
    // the sync details show it whole.
    const float pad = sync_state_is_button(s) ? 2 * ImGui::GetStyle().FramePadding.x : 0.0f;
    const float room = std::max(ImGui::GetContentRegionAvail().x, 4.0f * em()) - pad;
    const bool fits = ImGui::CalcTextSize(line.shown.c_str()).x <= room;
    const std::string shown = fits ? line.shown : fit_lines(line.shown, room, 1);
    // The devices' part, then central's (all of it central's without peers).
    const size_t split = std::min(line.peers_bytes, shown.size());
    std::string first = shown.substr(0, split), rest = shown.substr(split);
    // Too long for one line beside the clock (1024 px, French): as a button
    // (2.7 em tall) it has room for two lines, the devices' part over
    // central's, so neither is cut to "..." while the other shows whole.
    const bool two_lines = sync_state_is_button(s) && !fits && line.peers_bytes > 0 &&
                           line.peers_bytes <= line.shown.size();
    if (two_lines) {
        first = fit_lines(line.peers, room, 1);
        rest = fit_lines(line.shown.substr(line.peers_bytes), room, 1);
    }
    if (!sync_state_is_button(s)) {
        if (!first.empty()) {
            ImGui::TextColored(pc, "%s", first.c_str());
            if (!rest.empty()) ImGui::SameLine(0, 0);
        }
        if (!rest.empty()) ImGui::TextColored(c, "%s", rest.c_str());
        return;
    }
    // Frameless, as tall as any touch target; the words are drawn over it.
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    const float words = two_lines ? std::max(ImGui::CalcTextSize(first.c_str()).x, ImGui::CalcTextSize(rest.c_str()).x)
                                  : ImGui::CalcTextSize(shown.c_str()).x;
    const float width = std::min(words + pad, std::max(ImGui::GetContentRegionAvail().x, 4.0f * em()));
    if (ImGui::Button("###sync-status", ImVec2(std::max(width, 4.0f * em()), touch_height())))
        go_to(s, Screen::kSync);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    record_item(s, "sync##status");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float line_h = ImGui::GetTextLineHeight();
    const ImVec2 corner = ImGui::GetItemRectMin();
    if (two_lines) {
        const float y = corner.y + (touch_height() - 2 * line_h) / 2;
        dl->AddText(ImVec2(corner.x + pad / 2, y), ImGui::GetColorU32(pc), first.c_str());
        dl->AddText(ImVec2(corner.x + pad / 2, y + line_h), ImGui::GetColorU32(c), rest.c_str());
        return;
    }
    ImVec2 at(corner.x + pad / 2, corner.y + (touch_height() - line_h) / 2);
    if (!first.empty()) {
        dl->AddText(at, ImGui::GetColorU32(pc), first.c_str());
        at.x += ImGui::CalcTextSize(first.c_str()).x;
    }
    if (!rest.empty()) dl->AddText(at, ImGui::GetColorU32(c), rest.c_str());
}

}  // namespace

void draw_status_bar(State& s) {
    // Logged in, the sync state is a touch-sized button: the texts before it
    // sit on its centre line.
    const float top = ImGui::GetCursorPosY();
    const bool button = sync_state_is_button(s);
    if (button) ImGui::SetCursorPosY(top + (touch_height() - ImGui::GetTextLineHeight()) / 2);
    push_bold_font();
    if (s.user) {
        ImGui::Text("%s (%s)", s.user->name.c_str(), i18n::tr(role_name(s.user->role)));
    } else {
        ImGui::TextUnformatted(i18n::tr("Not logged in"));
    }
    pop_font();
    ImGui::SameLine(0, 1.5f * em());
    const std::string& site = s.store.identity().site_name;
    ImGui::TextUnformatted(site.empty() ? i18n::tr("(no site set up)") : site.c_str());
    ImGui::SameLine(0, 1.5f * em());
    // The clinic's clock: the device's time zone, named after the time.
    const std::string clock = local_datetime_zone(s.store.now_ms());
    ImGui::TextUnformatted(clock.c_str());
    if (s.probe) s.probe->note("clock", clock);
    ImGui::SameLine(0, 1.5f * em());
    if (button) ImGui::SetCursorPosY(top);
    draw_sync_state(s);
}

void draw_print_trouble(State& s) {
    if (!s.options.print_queue) return;
    const PrintQueueStatus st = s.options.print_queue->status();
    const bool failed = st.state == PrintQueueStatus::State::kFailed;
    const bool no_printer = st.state == PrintQueueStatus::State::kNoPrinter;
    const bool printing = st.state == PrintQueueStatus::State::kPrinting;
    if (!failed && !no_printer && !printing) return;  // quiet when all is well
    std::string line = st.line;
    const std::string n = std::to_string(st.waiting);
    const unsigned long count = static_cast<unsigned long>(st.waiting);
    if (printing && st.waiting > 1)
        line = i18n::format(i18n::trn("{0} ({1} label job waiting)", "{0} ({1} label jobs waiting)", count), {line, n});
    if (failed && st.waiting > 0)
        line = i18n::format(i18n::trn("{0} - {1} label job waiting", "{0} - {1} label jobs waiting", count), {line, n});
    if (s.probe) s.probe->note("status:print", line);
    const float top = ImGui::GetCursorPosY();
    if (st.can_retry) ImGui::SetCursorPosY(top + (touch_height() - ImGui::GetTextLineHeight()) / 2);
    // A long message is cut at the window's edge here; the dispense screen
    // and the Printer settings show it whole.
    const char* retry = i18n::tr("Retry##status_print");
    const float room = ImGui::GetContentRegionAvail().x - (st.can_retry ? button_width(retry) + em() : 0.0f);
    text_coloured(failed || no_printer ? colour::error() : colour::muted(), fit_lines(line, room, 1));
    if (st.can_retry) {
        ImGui::SameLine();
        ImGui::SetCursorPosY(top);
        if (big_button(s, retry)) s.options.print_queue->retry();
    }
    s.frames_wanted = std::max(s.frames_wanted, printing ? 1 : 0);
}

namespace {

// SameLine when a widget of width w (after spacing, default when 0) still
// ends inside the window; otherwise the widget starts the next row.
void same_line_if_fits(float w, float spacing) {
    const float gap = spacing > 0 ? spacing : ImGui::GetStyle().ItemSpacing.x;
    // The window's own edge (the bar may use its right padding, as before).
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowSize().x;
    if (ImGui::GetItemRectMax().x + gap + w <= right) ImGui::SameLine(0, spacing > 0 ? spacing : -1.0f);
}

}  // namespace

void draw_nav_bar(State& s) {
    struct Entry {
        const char* label;
        Screen screen;
    };
    const Entry entries[] = {
        {i18n::tr("Dispense##nav"), Screen::kDispense}, {i18n::tr("Stock##nav"), Screen::kStock},
        {i18n::tr("Receive##nav"), Screen::kReceive},   {i18n::tr("Stocktake##nav"), Screen::kStocktake},
        {i18n::tr("Expiring##nav"), Screen::kExpiring}, {i18n::tr("Reports##nav"), Screen::kReports},
        {i18n::tr("Orders##nav"), Screen::kRequisition}, {i18n::tr("Audit##nav"), Screen::kAudit},
        {i18n::tr("Sync##nav"), Screen::kSync},         {i18n::tr("Training##nav"), Screen::kTraining},
        {i18n::tr("Printer##nav"), Screen::kPrinter},
    };
    // Item, adjust and history belong to the screen they were opened from.
    Screen family = s.screen;
    if (family == Screen::kItem || family == Screen::kAdjust) family = Screen::kStock;
    if (family == Screen::kHistory) family = Screen::kDispense;
    bool first = true;
    for (const Entry& e : entries) {
        if (e.screen == Screen::kAudit && !may_see_audit(s)) continue;
        if (e.screen == Screen::kReports && !may_manage_stock(s)) continue;
        if (e.screen == Screen::kRequisition && !may_manage_stock(s)) continue;
        // The sync details (with their big Sync now) once sync is set up;
        // the trainer's panel in demo mode only.
        if (e.screen == Screen::kSync && !s.options.sync && !s.options.sync_now && !s.options.peers)
            continue;
        if (e.screen == Screen::kTraining && !s.options.demo) continue;
        if (e.screen == Screen::kPrinter && !is_admin(s)) continue;
        // An admin in demo mode has eleven entries, and French runs longer:
        // a button that would pass the window's edge starts a second row,
        // so none (and never Log out) is cut off at 1024x600.
        if (!first) same_line_if_fits(button_width(e.label), 0.0f);
        first = false;
        if (toggle_button(s, e.label, family == e.screen)) go_to(s, e.screen);
    }
    same_line_if_fits(button_width(i18n::tr("Log out##nav")), 1.5f * em());
    if (big_button(s, i18n::tr("Log out##nav"))) log_out(s, i18n::tr("Logged out."));
}

}  // namespace outpost

// The device's time zone, a small section of the Sync screen shown to
// administrators (Store::time_zone_setting). Saving applies the zone at once
// (local_time.h), unless `outpost --tz` chose one for this run; report days
// and every time on screen follow it. `outpost clock --tz` sets it too.
#include <imgui.h>

#include "local_time.h"
#include "scan_screens.h"
#include "widgets.h"

namespace outpost {

namespace {

using i18n::format;
using i18n::tr;

void save_zone(State& s, ClockSettingsState& c) {
    ++s.queries;
    Status st = s.store.set_time_zone_setting(c.zone);
    if (!st.ok()) {
        c.banner.set_error(st.message());
        return;
    }
    st = use_time_zone_setting(c.zone);
    if (!st.ok()) {
        c.banner.set_error(st.message());
    } else if (time_zone_source() == ZoneSource::kCommandLine) {
        c.banner.set_notice(
            tr("Saved. Outpost was started with --tz, which wins until the next start."));
    } else if (c.zone.empty()) {
        c.banner.set_notice(
            format(tr("Saved: the device follows the system's zone ({0})."), {device_time_zone()}));
    } else {
        c.banner.set_notice(format(tr("Saved: the clock now shows {0} time."), {c.zone}));
    }
}

}  // namespace

void draw_clock_settings(State& s) {
    if (!s.user || s.user->role != Role::kAdmin) return;
    ClockSettingsState& c = s.sync.clock;
    if (!c.loaded) {
        ++s.queries;
        auto now = s.store.time_zone_setting();
        c.loaded = true;
        if (now.ok()) {
            c.zone = *now;
        } else {
            c.banner.set_error(now.status().message());
        }
    }
    ImGui::Separator();
    push_bold_font();
    ImGui::TextUnformatted(tr("Time zone (this device)"));
    pop_font();
    show_banner(s, c.banner);
    ImGui::TextWrapped("%s",
                       format(tr("In use: {0}. Enter the clinic's zone (such as Africa/Nairobi), "
                                 "or leave it empty to follow the system's."),
                              {device_time_zone()})
                           .c_str());
    text_field(s, nullptr, "##clock_zone", &c.zone, "Africa/Nairobi", 14 * em(), 64);
    ImGui::SameLine();
    if (big_button(s, tr("Save time zone##clock"))) save_zone(s, c);
}

}  // namespace outpost

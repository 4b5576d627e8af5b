// Sync set-up: shown instead of the login while a real store has no
// identity. A person types the central server's address and the
// registration code an administrator gave them (on-screen keyboard) and taps
// "Set up this device (or restore it)": UiOptions::start_registration runs
// registration and the restore of the site's data on the app's background
// thread, which reports through the SyncStatusBoard (restoring,
// restore_done / restore_total, last_error). The screen shows a progress bar
// while restoring and the error in plain words on failure, keeping what was
// typed. Once the store has an identity, UiRoot shows the login instead.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "i18n.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

bool starts_with(const std::string& text, const char* prefix) {
    return text.rfind(prefix, 0) == 0;
}

// Checks what was typed before bothering central; "" when it looks right.
std::string input_problem(const std::string& url, const std::string& code) {
    if (url.empty()) return i18n::tr("Type the address of your central server first.");
    if (!starts_with(url, "https://") && !starts_with(url, "http://"))
        return i18n::tr(
            "The central address starts with https://, for example "
            "https://central.example:8443");
    if (code.empty()) return i18n::tr("Type the registration code your administrator gave you.");
    return "";
}

void draw_progress(State& s, const SyncSnapshot& snap) {
    const float fraction =
        snap.restore_total > 0
            ? static_cast<float>(snap.restore_done) / static_cast<float>(snap.restore_total)
            : 0.0f;
    const std::string text =
        snap.restore_total > 0
            ? i18n::format(i18n::tr("Restoring: {0} of {1} changes"),
                           {std::to_string(snap.restore_done), std::to_string(snap.restore_total)})
            : i18n::format(
                  i18n::trn("Restoring: {0} change so far", "Restoring: {0} changes so far",
                            static_cast<unsigned long>(snap.restore_done)),
                  {std::to_string(snap.restore_done)});
    ImGui::ProgressBar(fraction, ImVec2(-1.0f, 1.6f * em()), text.c_str());
    if (s.probe) s.probe->note("setup:progress", text);
}

}  // namespace

void draw_setup_screen(State& s) {
    SetupState& st = s.setup;
    const SyncSnapshot snap = s.options.sync ? s.options.sync->read() : SyncSnapshot{};
    // The app publishes restoring with no error as it starts (UiOptions::
    // start_registration), so an error here belongs to the latest attempt.
    const bool failed = st.submitted && !snap.restoring && !snap.last_error.empty();
    const bool busy = st.submitted && !failed;

    show_banner(s, st.banner);
    // The form drags to scroll, so a field under the text keyboard comes into view.
    begin_touch_list(s, "##setup_form", ImVec2(0, 0), false);
    heading(i18n::tr("Set up this device"));
    ImGui::TextWrapped("%s",
                       i18n::tr("This device is not set up yet. Enter the address of your central "
                                "server and the registration code your administrator gave you. A "
                                "device replacing a lost or broken one is set up the same way: its "
                                "site's data comes back from central."));
    const float field_w = std::min(32.0f * em(), ImGui::GetContentRegionAvail().x);
    text_field(s, i18n::tr("Central address"), "##setup_url", &st.central_url,
               "https://central.example:8443", field_w);
    text_field(s, i18n::tr("Registration code"), "##setup_code", &st.code,
               i18n::tr("From your administrator"), field_w);
    ImGui::Spacing();

    const bool can_start = static_cast<bool>(s.options.start_registration);
    if (big_button(s, i18n::tr("Set up this device (or restore it)##setup"), 0,
                   can_start && !busy)) {
        const std::string url = trimmed(st.central_url), code = trimmed(st.code);
        const std::string problem = input_problem(url, code);
        if (!problem.empty()) {
            st.banner.set_error(problem);
        } else {
            st.banner.clear();
            st.submitted = true;
            hide_text_keyboard(s);
            s.options.start_registration(url, code);
        }
        s.frames_wanted = 3;
    }
    if (!can_start) {
        const char* why = i18n::tr(
            "Sync cannot be set up from this screen. An administrator runs: outpost register "
            "(see the README).");
        ImGui::TextColored(colour::muted(), "%s", why);
    }

    if (snap.restoring) {
        draw_progress(s, snap);
    } else if (failed) {
        std::string why = snap.last_error;
        if (why.empty() || why.back() != '.') why += '.';
        const std::string text = i18n::format(
            i18n::tr("Set-up did not finish: {0} Check the address and the code, then try again."),
            {why});
        text_coloured(colour::error(), text);
        if (s.probe) s.probe->note("setup:error", text);
    } else if (busy) {
        ImGui::TextUnformatted(i18n::tr("Contacting central..."));
        if (s.probe) s.probe->note("setup:progress", i18n::tr("Contacting central..."));
    }
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::TextWrapped("%s",
                       i18n::tr("No central? An administrator can set up a standalone site with "
                                "`outpost setup` (see the README)."));
    end_touch_list(s);
}

}  // namespace outpost

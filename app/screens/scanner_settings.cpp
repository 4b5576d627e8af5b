// The device's barcode-scanner setting, a small section of the Sync screen
// shown to administrators: the characters this kiosk's scanner sends for the
// GS1 separator besides Ctrl+] and F8 (Store::scanner_separators). The
// shell's input queue picks a saved change up at its next frame
// (app/platform/scanner_setting.h). `outpost scanner` sets it too.
#include <imgui.h>

#include "i18n.h"
#include "scan_screens.h"
#include "widgets.h"

namespace outpost {

void draw_scanner_settings(State& s) {
    if (!s.user || s.user->role != Role::kAdmin) return;
    ScannerSettingsState& c = s.sync.scanner;
    if (!c.loaded) {
        ++s.queries;
        auto now = s.store.scanner_separators();
        c.loaded = true;
        if (now.ok()) {
            c.chars = *now;
        } else {
            c.banner.set_error(now.status().message());
        }
    }
    ImGui::Separator();
    push_bold_font();
    ImGui::TextUnformatted(i18n::tr("Barcode scanner (this device)"));
    pop_font();
    show_banner(s, c.banner);
    ImGui::TextWrapped(
        "%s",
        i18n::tr("Ctrl+] and F8 from the scanner always count as the GS1 separator. If the "
                 "scanner is set to send another character for it (such as ~), enter it here."));
    text_field(s, nullptr, "##scanner_chars", &c.chars, i18n::tr("e.g. ~"), 8 * em(), 8);
    ImGui::SameLine();
    if (big_button(s, i18n::tr("Save scanner setting##scanner"))) {
        ++s.queries;
        Status st = s.store.set_scanner_separators(c.chars);
        if (st.ok()) {
            c.banner.set_notice(
                c.chars.empty()
                    ? std::string(i18n::tr("Saved: only Ctrl+] and F8 count as the separator."))
                    : i18n::format(i18n::tr("Saved: {0} now counts as the separator."), {c.chars}));
        } else {
            c.banner.set_error(st.message());
        }
    }
}

}  // namespace outpost

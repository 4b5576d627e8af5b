// The export dialog shared by the Reports screen and the lists (stock,
// expiring, history, audit): the person picks a folder (home or a USB
// stick) and saves the table as CSV or PDF. The folders and the files are
// export_files.h's business (app/print); this file only draws.
#include <imgui.h>

#include "local_time.h"

#include "clock.h"
#include "i18n.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

std::vector<ExportFolder> folders_now(State& s) {
    return s.options.export_folders ? s.options.export_folders() : list_export_folders();
}

void save(State& s, const std::function<Result<ReportTable>()>& make_table, ExportFormat format) {
    ExportDialogState& d = s.export_dialog;
    if (d.folder >= d.folders.size()) {
        d.banner.set_error(i18n::tr("Choose a folder to save to first."));
        return;
    }
    Result<ReportTable> t = make_table();
    ++s.queries;
    if (!t.ok()) {
        d.banner.set_error(
            i18n::format(i18n::tr("Nothing was saved: {0}"), {t.status().message()}));
        return;
    }
    // Lists are "as of" now: their file name carries today's date.
    std::string stem = t->title;
    // (The list's period is the translated "as of {0}": match its words.)
    const std::string as_of = i18n::tr("as of {0}");
    const std::string as_of_words = as_of.substr(0, as_of.find("{0}"));
    if (!as_of_words.empty() && t->period.rfind(as_of_words, 0) == 0) stem += " " + s.store.today();
    const ReportPdfInfo info{s.store.identity().site_name, local_datetime_zone(s.store.now_ms()), i18n::screen_lang()};
    Result<std::string> path = export_table(*t, info, format, d.folders[d.folder].path, stem);
    if (path.ok()) {
        d.banner.set_notice(i18n::format(i18n::trn("Saved {0} row as {1}", "Saved {0} rows as {1}",
                                                   static_cast<unsigned long>(t->rows.size())),
                                         {std::to_string(t->rows.size()), *path}));
    } else {
        d.banner.set_error(i18n::format(i18n::tr("Not saved: {0}"), {path.status().message()}));
    }
}

}  // namespace

void export_control(State& s, const char* id,
                    const std::function<Result<ReportTable>()>& make_table, bool enabled) {
    ExportDialogState& d = s.export_dialog;
    const std::string button = std::string(i18n::tr("Export")) + "##" + id;
    if (big_button(s, button.c_str(), 0, enabled)) {
        d = ExportDialogState{};
        d.open_for = id;
        d.folders = folders_now(s);
        s.frames_wanted = 3;
    }
    if (d.open_for != id) return;
    const char* popup = "Export##dialog";
    if (!ImGui::IsPopupOpen(popup)) ImGui::OpenPopup(popup);
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(display.x / 2, display.y / 2), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(40.0f * em(), display.x * 0.95f), 0));
    if (!ImGui::BeginPopupModal(popup, nullptr,
                                ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings))
        return;
    push_bold_font();
    ImGui::TextUnformatted(i18n::tr("Save as a file"));
    pop_font();
    if (d.folders.empty()) {
        text_coloured(colour::error(),
                      i18n::tr("No folder to save to: there is no home folder and no USB stick."));
    } else {
        ImGui::TextUnformatted(i18n::tr("Save to:"));
        for (size_t i = 0; i < d.folders.size(); ++i) {
            const std::string label = d.folders[i].label + " (" + d.folders[i].path +
                                      ")##export-folder-" + std::to_string(i);
            if (toggle_button(s, label.c_str(), d.folder == i, ImGui::GetContentRegionAvail().x))
                d.folder = i;
        }
    }
    if (big_button(s, i18n::tr("Look again for USB sticks##export"))) {
        const std::string chosen = d.folder < d.folders.size() ? d.folders[d.folder].path : "";
        d.folders = folders_now(s);
        d.folder = 0;
        for (size_t i = 0; i < d.folders.size(); ++i)
            if (d.folders[i].path == chosen) d.folder = i;
        d.banner.clear();
    }
    ImGui::Spacing();
    const bool can = !d.folders.empty();
    if (big_button(s, i18n::tr("Save CSV##export"), 0, can))
        save(s, make_table, ExportFormat::kCsv);
    ImGui::SameLine();
    if (big_button(s, i18n::tr("Save PDF##export"), 0, can))
        save(s, make_table, ExportFormat::kPdf);
    ImGui::SameLine();
    const bool close = big_button(s, i18n::tr("Close##export"));
    show_banner(s, d.banner);
    if (close) {
        d.open_for.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace outpost

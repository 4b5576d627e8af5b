// A patient's dispensing history, newest first, a page at a time; and
// cancelling a dispensing with a reason (Store::cancel_dispensing writes
// reversal events, so the stock goes back on the record); reprinting a
// dispensing's labels when the app has a print queue.
#include <imgui.h>

#include "list_tables.h"
#include "i18n.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

constexpr int64_t kPageSize = 10;  // prescriptions per page; each takes several lines

void draw_prescription(State& s, const HistoryRow& row) {
    HistoryState& h = s.history;
    ImGui::PushID(row.prescription_id.c_str());
    push_bold_font();
    const std::string who =
        row.prescriber.empty()
            ? i18n::format(i18n::tr("{0}  dispensed by {1}"), {row.when, row.dispenser})
            : i18n::format(i18n::tr("{0}  dispensed by {1}, prescribed by {2}"),
                           {row.when, row.dispenser, row.prescriber});
    ImGui::TextUnformatted(who.c_str());
    pop_font();
    for (const HistoryLine& l : row.lines) {
        ImGui::BulletText("%s: %lld", l.item_name.c_str(), static_cast<long long>(l.quantity));
        ImGui::Indent(2 * em());
        if (!l.directions_text.empty()) ImGui::TextWrapped("%s", l.directions_text.c_str());
        if (!l.batches.empty()) text_coloured(colour::muted(), i18n::format(i18n::tr("Batch {0}"), {l.batches}));
        ImGui::Unindent(2 * em());
    }
    if (row.cancelled) {
        text_coloured(colour::error(), "CANCELLED: " + row.cancel_reason);
    } else if (h.cancel_id == row.prescription_id) {
        text_field(s, i18n::tr("Why is this dispensing cancelled?"), "##cancel_reason", &h.cancel_reason,
                   "e.g. patient returned the medicine", 24 * em());
        const bool has_reason = !h.cancel_reason.empty();
        if (big_button(s, i18n::tr("Cancel this dispensing##confirm"), 0, has_reason)) {
            Status st = s.store.cancel_dispensing(s.user->id, row.prescription_id, h.cancel_reason);
            if (st.ok()) {
                h.banner.set_notice(i18n::tr("Dispensing cancelled. The stock is back on the record."));
                h.cancel_id.clear();
                h.cancel_reason.clear();
            } else {
                h.banner.set_error(st.message());
            }
        }
        ImGui::SameLine();
        if (big_button(s, i18n::tr("Keep it##cancel"))) h.cancel_id.clear();
    } else {
        const std::string label = std::string(i18n::tr("Cancel dispensing")) + "##" + row.prescription_id;
        if (big_button(s, label.c_str())) {
            h.cancel_id = row.prescription_id;
            h.cancel_reason.clear();
        }
        if (s.options.print_queue) {
            ImGui::SameLine();
            const std::string reprint = std::string(i18n::tr("Reprint labels")) + "##reprint-" + row.prescription_id;
            if (big_button(s, reprint.c_str())) print_dispensing_labels(s, row.prescription_id, h.banner);
        }
    }
    ImGui::Separator();
    ImGui::PopID();
}

}  // namespace

void draw_history_screen(State& s) {
    HistoryState& h = s.history;
    if (!s.dispense.patient) {
        go_to(s, Screen::kDispense);
        return;
    }
    const Patient& p = *s.dispense.patient;
    show_banner(s, h.banner);
    const std::string title = i18n::format(i18n::tr("History of {0}"), {p.display_name()});
    heading(title.c_str());
    if (big_button(s, i18n::tr("Back to dispensing##history"))) {
        go_to(s, Screen::kDispense);
        return;
    }
    const int64_t offset = h.rows.loaded ? h.rows.page.offset : 0;
    const auto fetch = [&](int64_t off) {
        return refresh_page(
            s, h.rows, p.id, off, kPageSize,
            [&](int64_t o, int64_t limit) { return s.store.patient_history(p.id, o, limit); }, 0);
    };
    fetch(offset);
    const int64_t total = h.rows.page.total;
    ImGui::SameLine();
    if (big_button(s, i18n::tr("Newer##history"), 0, offset > 0))
        fetch(std::max<int64_t>(0, offset - kPageSize));
    ImGui::SameLine();
    if (big_button(s, i18n::tr("Older##history"), 0, offset + kPageSize < total)) fetch(offset + kPageSize);
    ImGui::SameLine();
    export_control(s, "history", [&] { return history_table(s.store, p); }, total > 0);
    ImGui::SameLine();
    if (total > 0) {
        const std::string shown = i18n::format(
            i18n::tr("{0}-{1} of {2}"),
            {std::to_string(h.rows.page.offset + 1),
             std::to_string(h.rows.page.offset + static_cast<int64_t>(h.rows.page.rows.size())),
             std::to_string(total)});
        ImGui::TextUnformatted(shown.c_str());
    }
    if (!h.rows.error.empty()) text_coloured(colour::error(), h.rows.error);
    if (s.options.print_queue) draw_print_status(s, "history");
    begin_touch_list(s, "##history", ImVec2(0, 0));
    if (total == 0 && h.rows.error.empty()) ImGui::TextUnformatted(i18n::tr("Nothing dispensed yet."));
    // At most kPageSize rows: the page is the clip.
    for (const HistoryRow& row : h.rows.page.rows) draw_prescription(s, row);
    end_touch_list(s);
}

}  // namespace outpost

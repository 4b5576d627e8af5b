// Expiring stock: batches that expire within the chosen window (or already
// have), earliest first, so they are used or set aside in time. Six weeks is
// the default warning window (Open mSupply's). Tapping a batch opens its item.
#include <imgui.h>

#include <string>

#include "list_tables.h"
#include "i18n.h"
#include "local_time.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

std::string expiring_row_label(const ExpiringRow& r) {
    using i18n::format;
    using i18n::trn;
    const unsigned long days = static_cast<unsigned long>(r.days < 0 ? -r.days : r.days);
    const std::string n = std::to_string(days);
    std::string when = r.days < 0    ? format(trn("EXPIRED {0} day ago", "EXPIRED {0} days ago", days), {n})
                       : r.days == 0 ? std::string(i18n::tr("expires today"))
                                     : format(trn("in {0} day", "in {0} days", days), {n});
    return format(i18n::tr("{0}   batch {1}   {2} ({3})   {4} on hand"),
                  {r.item_name, r.batch_no, local_day(r.expiry), when, std::to_string(r.on_hand)}) +
           "##expiring-" + r.batch_id;
}

}  // namespace

void draw_expiring_screen(State& s) {
    ExpiringState& e = s.expiring;
    heading(i18n::tr("Expiring stock"));
    struct Window {
        const char* label;
        int days;
    };
    const Window windows[] = {{i18n::tr("Expired##days"), 0},
                              {i18n::tr("30 days##days"), 30},
                              {i18n::tr("6 weeks##days"), 42},
                              {i18n::tr("3 months##days"), 91},
                              {i18n::tr("6 months##days"), 182}};
    bool first = true;
    for (const Window& w : windows) {
        if (!first) flow_next(button_width(w.label));
        first = false;
        if (toggle_button(s, w.label, e.days == w.days)) e.days = w.days;
    }
    ImGui::SameLine(0, 1.5f * em());
    export_control(s, "expiring", [&] { return expiring_table(s.store, e.days); });
    if (e.rows.loaded && e.rows.page.total == 0 && e.rows.error.empty())
        ImGui::TextUnformatted(i18n::tr("Nothing expires in this window."));
    paged_list(
        s, "##expiring_list", e.rows, s.store.today() + "|" + std::to_string(e.days), ImVec2(0, 0),
        [&](int64_t offset, int64_t limit) { return s.store.expiring(e.days, offset, limit); },
        [&](int64_t, const ExpiringRow* r) {
            if (!r) {
                ImGui::Dummy(ImVec2(0, touch_height()));
                return;
            }
            if (r->days < 0) ImGui::PushStyleColor(ImGuiCol_Text, colour::error());
            const bool tapped = row_button(s, expiring_row_label(*r).c_str());
            if (r->days < 0) ImGui::PopStyleColor();
            if (tapped) open_item(s, r->item_id);
        });
}

}  // namespace outpost

// Adjust stock: choose the batch, a signed quantity (the +/- toggle; most
// adjustments remove stock: damaged, expired, lost), a reason code (required)
// and a note. One ledger event; a mistake is corrected by another adjustment,
// never by editing.
#include <imgui.h>

#include <string>

#include "i18n.h"
#include "local_time.h"
#include "directions.h"
#include "reason_labels.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

void open_adjust(State& s, const std::string& item_id, const std::string& batch_id) {
    s.adjust = AdjustState{};
    s.adjust.item_id = item_id;
    s.adjust.batch_id = batch_id;
    go_to(s, Screen::kAdjust);
}

namespace {

void save_adjustment(State& s) {
    AdjustState& a = s.adjust;
    AdjustInput in;
    in.batch_id = a.batch_id;
    const int64_t units = keypad_number(a.quantity);
    in.quantity = a.decrease ? -units : units;
    in.reason = a.reason;
    in.note = a.note;
    auto r = s.store.adjust(s.user->id, in);
    if (!r.ok()) {
        a.banner.set_error(r.status().message());  // the form keeps its input
        return;
    }
    std::string label = a.reason;
    for (const ReasonCode& c : a.reasons.value)
        if (c.code == a.reason) label = reason_label(c.code, c.label);
    a.banner.set_notice(i18n::format(a.decrease ? i18n::tr("Saved: removed {0} ({1}).")
                                                : i18n::tr("Saved: added {0} ({1})."),
                                     {count_with_unit(static_cast<double>(units), a.detail.value.item.unit,
                                                      i18n::screen_lang()),
                                      label}));
    a.quantity.clear();
    a.note.clear();
    a.reason.clear();
    a.keypad_open = false;
}

}  // namespace

void draw_adjust_screen(State& s) {
    AdjustState& a = s.adjust;
    if (text_keyboard_just_opened(s)) a.keypad_open = false;
    show_banner(s, a.banner);
    refresh(s, a.detail, a.item_id, [&] { return s.store.item_detail(a.item_id); });
    refresh(s, a.reasons, "reasons",
            [&] { return Result<std::vector<ReasonCode>>(s.store.reason_codes()); });
    if (big_button(s, i18n::tr("Back to item##adjust"))) {
        open_item(s, a.item_id);
        return;
    }
    ImGui::SameLine();
    const std::string title = i18n::format(i18n::tr("Adjust {0}"), {a.detail.value.item.display_name()});
    heading(title.c_str());
    if (!a.detail.error.empty()) text_coloured(colour::error(), a.detail.error);

    const float side = keypad_width() + ImGui::GetStyle().ItemSpacing.x;
    ImGui::BeginGroup();
    // The form scrolls on small screens; Save stays in reach below it.
    begin_touch_list(s, "##adjust_form",
                      ImVec2(a.keypad_open ? -side : 0,
                             -touch_height() - ImGui::GetStyle().ItemSpacing.y), false);
    ImGui::TextUnformatted(i18n::tr("Batch"));
    bool first = true;
    for (const BatchRow& b : a.detail.value.batches) {
        const std::string label =
            i18n::format(i18n::tr("{0} exp {1} ({2})"), {b.batch_no, local_day(b.expiry), std::to_string(b.on_hand)}) +
            "##adj-" + b.id;
        if (!first) flow_next(button_width(label.c_str()));
        first = false;
        if (toggle_button(s, label.c_str(), a.batch_id == b.id)) a.batch_id = b.id;
    }

    ImGui::TextUnformatted(i18n::tr("Quantity"));
    if (toggle_button(s, i18n::tr("Remove stock##adjust"), a.decrease)) a.decrease = true, a.reason.clear();
    ImGui::SameLine();
    if (toggle_button(s, i18n::tr("Add stock##adjust"), !a.decrease)) a.decrease = false, a.reason.clear();
    ImGui::SameLine();
    const std::string shown = a.quantity.empty() ? std::string(i18n::tr("Units")) : (a.decrease ? "-" : "+") + a.quantity;
    if (number_field(s, nullptr, "adjust_qty", shown, a.keypad_open)) a.keypad_open = !a.keypad_open;

    ImGui::TextUnformatted(i18n::tr("Reason (required)"));
    first = true;
    for (const ReasonCode& c : a.reasons.value) {
        if (c.direction != 0 && (c.direction < 0) != a.decrease) continue;
        // Stored in English; shown translated by its code (reason_labels.h).
        const std::string label = reason_label(c.code, c.label) + "##reason-" + c.code;
        if (!first) flow_next(button_width(label.c_str()));
        first = false;
        if (toggle_button(s, label.c_str(), a.reason == c.code)) a.reason = c.code;
    }
    text_field(s, i18n::tr("Note"), "##adjust_note", &a.note, i18n::tr("What happened (optional)"));
    end_touch_list(s);
    const bool ready = !a.batch_id.empty() && !a.quantity.empty() && !a.reason.empty();
    if (big_button(s, i18n::tr("Save adjustment##adjust"), 0, ready)) save_adjustment(s);
    if (!ready) {
        ImGui::SameLine();
        text_coloured(colour::muted(), i18n::tr("Choose a batch, a quantity and a reason."));
    }
    ImGui::EndGroup();
    if (a.keypad_open) {
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::TextUnformatted(i18n::tr("Units"));
        if (keypad(s, "adjust", &a.quantity, 7, i18n::tr("Done"))) a.keypad_open = false;
        ImGui::EndGroup();
    }
}

}  // namespace outpost

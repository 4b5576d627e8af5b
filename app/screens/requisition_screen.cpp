// Orders (storekeepers and administrators): the site's requisitions with the
// status the clinic sees (draft, sent, answered, partly received, received);
// "New requisition" makes a draft with every item's suggested quantity and
// its working in one line (AMC and its months, min/max months, on hand, on
// order). A draft line's quantity is changed on the keypad, with a reason
// when it changes a lot (orders.h); Send ships the draft to central.
// Everything goes through the store's requisition functions: no SQL here.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "directions.h"
#include "i18n.h"
#include "local_time.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

// The status as the clinic reads it (requisition_status_name stays the
// English key the tests and the probe use).
const char* status_words(RequisitionStatus st) {
    switch (st) {
        case RequisitionStatus::kDraft:
            return i18n::tr("draft");
        case RequisitionStatus::kSent:
            return i18n::tr("sent");
        case RequisitionStatus::kAnswered:
            return i18n::tr("answered");
        case RequisitionStatus::kPartlyReceived:
            return i18n::tr("partly received");
        case RequisitionStatus::kReceived:
            return i18n::tr("received");
    }
    return "?";
}

std::string info_label(const RequisitionInfo& r) {
    const std::string when =
        r.sent.empty()
            ? i18n::format(i18n::tr("started {0} by {1}"), {local_day(r.created), r.user_name})
            : i18n::format(i18n::tr("sent {0} by {1}"), {local_day(r.sent), r.user_name});
    const std::string lines =
        i18n::format(i18n::trn("{0} of {1} line ordered", "{0} of {1} lines ordered",
                               static_cast<unsigned long>(r.lines)),
                     {std::to_string(r.ordered_lines), std::to_string(r.lines)});
    return std::string(status_words(r.status)) + "   " + when + "   " + lines + "##req-" + r.id;
}

void draw_list(State& s) {
    RequisitionScreenState& q = s.requisition;
    refresh(s, q.list, "list", [&] { return requisitions(s.store); });
    if (big_button(s, i18n::tr("New requisition##req"))) {
        auto id = create_requisition(s.store, s.user->id);
        if (!id.ok()) {
            q.banner.set_error(id.status().message());
        } else {
            q.requisition_id = *id;
            q.banner.set_notice(
                i18n::tr("A draft with the suggested quantities: check each line, then send it."));
            s.frames_wanted = 3;
            return;
        }
    }
    if (!q.list.error.empty()) text_coloured(colour::error(), q.list.error);
    if (q.list.value.empty()) {
        ImGui::TextWrapped(
            "%s", i18n::tr("No requisitions yet. A new one suggests what to order from the last "
                           "months' use."));
        return;
    }
    begin_touch_list(s, "##req_list", ImVec2(0, 0));
    for (const auto& r : q.list.value)
        if (row_button(s, info_label(r).c_str())) {
            q.requisition_id = r.id;
            q.editing_line.clear();
            s.frames_wanted = 3;
        }
    end_touch_list(s);
}

void save_line(State& s, const RequisitionLine& l) {
    RequisitionScreenState& q = s.requisition;
    Status st = set_requisition_quantity(s.store, s.user->id, l.id, keypad_number(q.quantity), q.reason);
    if (!st.ok()) {
        q.banner.set_error(st.message());
        return;
    }
    q.banner.set_notice(i18n::format(
        i18n::tr("{0}: {1} ordered."),
        {l.name, count_with_unit(static_cast<double>(keypad_number(q.quantity)), l.unit, i18n::screen_lang())}));
    q.editing_line.clear();
}

void draw_line(State& s, const RequisitionLine& l, bool draft) {
    RequisitionScreenState& q = s.requisition;
    push_bold_font();
    ImGui::TextWrapped("%s  %s", l.code.c_str(), l.name.c_str());
    pop_font();
    text_coloured(colour::muted(), l.working);
    record_item(s, "working-" + l.id);
    std::string order = i18n::format(i18n::tr("Order: {0} (suggested {1})"),
                                     {count_with_unit(static_cast<double>(l.quantity), l.unit, i18n::screen_lang()),
                                      count_with_unit(static_cast<double>(l.suggested), l.unit, i18n::screen_lang())});
    if (!l.reason.empty()) order += i18n::format(i18n::tr("; reason: {0}"), {l.reason});
    ImGui::TextWrapped("%s", order.c_str());
    if (draft && big_button(s, (std::string(i18n::tr("Change")) + "##req-" + l.id).c_str())) {
        q.editing_line = l.id;
        q.quantity = std::to_string(l.quantity);
        q.reason = l.reason;
        q.banner.clear();  // the last notice was about something else; the room goes to the keypad
        s.frames_wanted = 3;
    }
}

// One line's quantity on the keypad, and its reason; instead of the list
// while it is open, so the keypad and Save stay in reach.
void draw_edit(State& s, const RequisitionLine& l) {
    RequisitionScreenState& q = s.requisition;
    const int64_t typed = keypad_number(q.quantity);
    const bool needs_reason = requisition_change_needs_reason(l.suggested, typed, l.pack_size);
    // Two columns from the top: the line and its fields on the left, the
    // keypad on the right, so both fit under two rows of navigation at
    // 1024x600 in the longer languages.
    const float left_w =
        std::max(12 * em(), ImGui::GetContentRegionAvail().x - keypad_width() - em());
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + left_w);
    push_bold_font();
    ImGui::TextWrapped("%s  %s", l.code.c_str(), l.name.c_str());
    pop_font();
    text_coloured(colour::muted(), l.working);
    ImGui::PopTextWrapPos();
    number_field(s, i18n::tr("Quantity (units)"), "req_qty", q.quantity.empty() ? "0" : q.quantity,
                 true, 8 * em());
    ImGui::SameLine();
    const int64_t packs = (typed + l.pack_size - 1) / l.pack_size;
    ImGui::TextUnformatted(i18n::format(i18n::trn("= {0} pack of {1}", "= {0} packs of {1}",
                                                  static_cast<unsigned long>(packs)),
                                        {std::to_string(packs), std::to_string(l.pack_size)})
                               .c_str());
    text_field(s,
               needs_reason ? i18n::tr("Reason (needed: far from the suggestion)")
                            : i18n::tr("Reason (optional)"),
               "##req_reason", &q.reason, i18n::tr("Campaign, outbreak, expiring stock..."),
               std::min(24 * em(), left_w), 200);
    if (big_button(s, i18n::tr("Save##req-line"), 0, !needs_reason || !q.reason.empty()))
        save_line(s, l);
    ImGui::SameLine();
    if (big_button(s, i18n::tr("Cancel##req-line"))) q.editing_line.clear();
    ImGui::EndGroup();
    ImGui::SameLine(left_w + em());
    ImGui::BeginGroup();
    if (keypad(s, "req", &q.quantity, 10, i18n::tr("Done")) && (!needs_reason || !q.reason.empty()))
        save_line(s, l);
    ImGui::EndGroup();
}

void draw_open(State& s) {
    RequisitionScreenState& q = s.requisition;
    refresh(s, q.open, q.requisition_id, [&] { return requisition(s.store, q.requisition_id); });
    if (big_button(s, i18n::tr("Back to the list##req"))) {
        q.requisition_id.clear();
        q.editing_line.clear();
        return;
    }
    if (!q.open.error.empty()) {
        text_coloured(colour::error(), q.open.error);
        return;
    }
    const Requisition& r = q.open.value;
    const bool draft = r.info.status == RequisitionStatus::kDraft;
    const bool editing = draft && !q.editing_line.empty();
    // One row: Back, the status on the buttons' centre line, Send and Discard.
    ImGui::SameLine();
    const float top = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(top + (touch_height() - ImGui::GetTextLineHeight()) / 2);
    ImGui::TextUnformatted(
        i18n::format(i18n::tr("Status: {0}"), {status_words(r.info.status)}).c_str());
    record_item(s, std::string("status:") + requisition_status_name(r.info.status));
    if (draft && !editing) {
        if (flow_next(button_width(i18n::tr("Send to central##req")) + 1.5f * em()))
            ImGui::SetCursorPosY(top), ImGui::SetCursorPosX(ImGui::GetCursorPosX() + 1.5f * em());
        if (big_button(s, i18n::tr("Send to central##req"))) {
            Status st = send_requisition(s.store, s.user->id, r.info.id);
            if (st.ok())
                q.banner.set_notice(i18n::tr(
                    "Sent. Central sees it at the next sync and answers with a shipment."));
            else q.banner.set_error(st.message());
            q.editing_line.clear();
        }
        flow_next(button_width(i18n::tr("Discard draft##req")));
        if (big_button(s, i18n::tr("Discard draft##req"))) {
            Status st = discard_requisition(s.store, s.user->id, r.info.id);
            if (st.ok()) {
                q.banner.set_notice(i18n::tr("Draft discarded."));
                q.requisition_id.clear();
                return;
            }
            q.banner.set_error(st.message());
        }
    }
    if (!editing)
        text_coloured(colour::muted(),
                      i18n::format(i18n::tr("Suggested quantities: {0}."), {r.info.amc_method}));
    if (!q.editing_line.empty())
        for (const auto& l : r.lines)
            if (l.id == q.editing_line && draft) {
                draw_edit(s, l);
                return;
            }
    begin_touch_list(s, "##req_lines", ImVec2(0, 0));
    for (const auto& l : r.lines) {
        ImGui::PushID(l.id.c_str());
        draw_line(s, l, draft);
        ImGui::PopID();
        ImGui::Separator();
    }
    end_touch_list(s);
}

}  // namespace

void draw_requisition_screen(State& s) {
    RequisitionScreenState& q = s.requisition;
    show_banner(s, q.banner);
    // An open requisition has "Back to the list" instead: the room goes to
    // the line and the keypad.
    if (q.requisition_id.empty()) heading(i18n::tr("Orders to central"));
    if (!may_manage_stock(s)) {
        ImGui::TextWrapped("%s",
                           i18n::tr("Requisitions are made by a storekeeper or an administrator."));
        return;
    }
    if (q.requisition_id.empty()) draw_list(s);
    else draw_open(s);
}

}  // namespace outpost

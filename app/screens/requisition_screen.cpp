// Orders (storekeepers and administrators): the site's requisitions with the
// status the clinic sees (draft, sent, answered, partly received, received);
// "New requisition" makes a draft with every item's suggested quantity and
// its working in one line (AMC and its months, min/max months, on hand, on
// order). A draft line's quantity is changed on the keypad, with a reason
// when it changes a lot (orders.h); Send ships the draft to central.
// Everything goes through the store's requisition functions: no SQL here.
#include <imgui.h>

#include <string>

#include "directions.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

std::string info_label(const RequisitionInfo& r) {
    std::string when = r.sent.empty() ? "started " + r.created : "sent " + r.sent;
    return std::string(requisition_status_name(r.status)) + "   " + when + " by " + r.user_name + "   " +
           std::to_string(r.ordered_lines) + " of " + std::to_string(r.lines) + " lines ordered##req-" + r.id;
}

void draw_list(State& s) {
    RequisitionScreenState& q = s.requisition;
    refresh(s, q.list, "list", [&] { return requisitions(s.store); });
    if (big_button(s, "New requisition##req")) {
        auto id = create_requisition(s.store, s.user->id);
        if (!id.ok()) {
            q.banner.set_error(id.status().message());
        } else {
            q.requisition_id = *id;
            q.banner.set_notice("A draft with the suggested quantities: check each line, then send it.");
            s.frames_wanted = 3;
            return;
        }
    }
    if (!q.list.error.empty()) text_coloured(colour::error(), q.list.error);
    if (q.list.value.empty()) {
        ImGui::TextWrapped("No requisitions yet. A new one suggests what to order from the last months' use.");
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
    q.banner.set_notice(l.name + ": " + count_with_unit(static_cast<double>(keypad_number(q.quantity)), l.unit) +
                        " ordered.");
    q.editing_line.clear();
}

void draw_line(State& s, const RequisitionLine& l, bool draft) {
    RequisitionScreenState& q = s.requisition;
    push_bold_font();
    ImGui::TextWrapped("%s  %s", l.code.c_str(), l.name.c_str());
    pop_font();
    text_coloured(colour::muted(), l.working);
    record_item(s, "working-" + l.id);
    ImGui::Text("Order: %s (suggested %s)%s%s", count_with_unit(static_cast<double>(l.quantity), l.unit).c_str(),
                count_with_unit(static_cast<double>(l.suggested), l.unit).c_str(), l.reason.empty() ? "" : "; reason: ",
                l.reason.c_str());
    if (draft && big_button(s, ("Change##req-" + l.id).c_str())) {
        q.editing_line = l.id;
        q.quantity = std::to_string(l.quantity);
        q.reason = l.reason;
        s.frames_wanted = 3;
    }
}

// One line's quantity on the keypad, and its reason; instead of the list
// while it is open, so the keypad and Save stay in reach.
void draw_edit(State& s, const RequisitionLine& l) {
    RequisitionScreenState& q = s.requisition;
    push_bold_font();
    ImGui::TextWrapped("%s  %s", l.code.c_str(), l.name.c_str());
    pop_font();
    text_coloured(colour::muted(), l.working);
    const int64_t typed = keypad_number(q.quantity);
    const bool needs_reason = requisition_change_needs_reason(l.suggested, typed, l.pack_size);
    ImGui::BeginGroup();
    number_field(s, "Quantity (units)", "req_qty", q.quantity.empty() ? "0" : q.quantity, true, 8 * em());
    ImGui::SameLine();
    ImGui::Text("= %lld packs of %lld", static_cast<long long>((typed + l.pack_size - 1) / l.pack_size),
                static_cast<long long>(l.pack_size));
    text_field(s, needs_reason ? "Reason (needed: far from the suggestion)" : "Reason (optional)", "##req_reason",
               &q.reason, "Campaign, outbreak, expiring stock...", 24 * em(), 200);
    if (big_button(s, "Save##req-line", 0, !needs_reason || !q.reason.empty())) save_line(s, l);
    ImGui::SameLine();
    if (big_button(s, "Cancel##req-line")) q.editing_line.clear();
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    if (keypad(s, "req", &q.quantity, 10, "Done") && (!needs_reason || !q.reason.empty())) save_line(s, l);
    ImGui::EndGroup();
}

void draw_open(State& s) {
    RequisitionScreenState& q = s.requisition;
    refresh(s, q.open, q.requisition_id, [&] { return requisition(s.store, q.requisition_id); });
    if (big_button(s, "Back to the list##req")) {
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
    ImGui::SameLine();
    ImGui::Text("Status: %s", requisition_status_name(r.info.status));
    record_item(s, std::string("status:") + requisition_status_name(r.info.status));
    text_coloured(colour::muted(), "Suggested quantities: " + r.info.amc_method + ".");
    if (draft) {
        if (big_button(s, "Send to central##req")) {
            Status st = send_requisition(s.store, s.user->id, r.info.id);
            if (st.ok()) q.banner.set_notice("Sent. Central sees it at the next sync and answers with a shipment.");
            else q.banner.set_error(st.message());
            q.editing_line.clear();
        }
        ImGui::SameLine();
        if (big_button(s, "Discard draft##req")) {
            Status st = discard_requisition(s.store, s.user->id, r.info.id);
            if (st.ok()) {
                q.banner.set_notice("Draft discarded.");
                q.requisition_id.clear();
                return;
            }
            q.banner.set_error(st.message());
        }
    }
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
    heading("Orders to central");
    if (!may_manage_stock(s)) {
        ImGui::TextWrapped("Requisitions are made by a storekeeper or an administrator.");
        return;
    }
    if (q.requisition_id.empty()) draw_list(s);
    else draw_open(s);
}

}  // namespace outpost

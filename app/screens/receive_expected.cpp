// Shipments expected from central, at the top of the Receive screen: each
// line (item, batch, expiry, units shipped) is received in one tap as
// shipped, or with "Different quantity" (the keypad and a reason), or every
// line at once with "Receive all". The store makes each line's receipt the
// same event on every device (orders.h), so a line another device of
// the site received already is refused with who received it.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "directions.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

void receive_lines(State& s, const std::vector<ShipmentReceipt>& lines, const std::string& what) {
    ExpectedShipmentsState& e = s.expected;
    auto r = receive_shipment_lines(s.store, s.user->id, lines);
    if (!r.ok()) {
        e.banner.set_error(r.status().message());
        return;
    }
    e.banner.set_notice("Received " + what + ".");
    e.difference_line.clear();
    e.quantity.clear();
    e.reason.clear();
    s.frames_wanted = 3;
}

std::string line_text(const ShipmentLineView& l) {
    return l.item_name + ", batch " + l.batch_no + ", expiry " + l.expiry + ": " +
           count_with_unit(static_cast<double>(l.shipped), l.unit) + " (" + l.reference + ")";
}

}  // namespace

void draw_expected_shipments(State& s) {
    ExpectedShipmentsState& e = s.expected;
    refresh(s, e.lines, "expected", [&] { return expected_shipment_lines(s.store); });
    show_banner(s, e.banner);
    if (!e.lines.error.empty()) text_coloured(colour::error(), e.lines.error);
    if (e.lines.value.empty()) return;
    push_bold_font();
    ImGui::Text("Expected from central: %zu %s", e.lines.value.size(), e.lines.value.size() == 1 ? "line" : "lines");
    pop_font();
    ImGui::SameLine();
    if (big_button(s, "Receive all as shipped##expected")) {
        std::vector<ShipmentReceipt> all;
        for (const auto& l : e.lines.value) all.push_back({l.id, std::nullopt, ""});
        receive_lines(s, all, std::to_string(all.size()) + " shipment lines as shipped");
        return;
    }
    const float height = std::min(6.0f, static_cast<float>(e.lines.value.size()) + 0.5f) * (touch_height() + em());
    begin_touch_list(s, "##expected_lines", ImVec2(0, e.difference_line.empty() ? height : 0));
    for (const auto& l : e.lines.value) {
        ImGui::PushID(l.id.c_str());
        ImGui::TextWrapped("%s", line_text(l).c_str());
        if (e.difference_line == l.id) {
            if (number_field(s, "Received", ("expected_qty-" + l.id).c_str(),
                             e.quantity.empty() ? "Units" : e.quantity, true, 8 * em())) {
            }
            ImGui::SameLine();
            ImGui::TextUnformatted(units_word(l.unit).c_str());
            text_field(s, "Why it differs", ("##expected_reason-" + l.id).c_str(), &e.reason,
                       "Damaged, missing, counted more...", 0, 200);
            if (keypad(s, "expected", &e.quantity, 10, "Done")) {
            }
            const bool ready = !e.quantity.empty() && !e.reason.empty();
            if (big_button(s, ("Save received##expected-" + l.id).c_str(), 0, ready))
                receive_lines(s, {{l.id, keypad_number(e.quantity), e.reason}},
                              count_with_unit(static_cast<double>(keypad_number(e.quantity)), l.unit) + " of " +
                                  l.item_name + " batch " + l.batch_no);
            ImGui::SameLine();
            if (big_button(s, ("Cancel##expected-" + l.id).c_str())) e.difference_line.clear();
        } else {
            if (big_button(s, ("Receive##expected-" + l.id).c_str()))
                receive_lines(s, {{l.id, std::nullopt, ""}},
                              count_with_unit(static_cast<double>(l.shipped), l.unit) + " of " + l.item_name +
                                  " batch " + l.batch_no);
            ImGui::SameLine();
            if (big_button(s, ("Different quantity##expected-" + l.id).c_str())) {
                e.difference_line = l.id;
                e.quantity = std::to_string(l.shipped);
                e.reason.clear();
            }
        }
        ImGui::PopID();
        ImGui::Separator();
    }
    end_touch_list(s);
    ImGui::Spacing();
}

}  // namespace outpost

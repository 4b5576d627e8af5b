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
#include "i18n.h"
#include "local_time.h"
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
    e.banner.set_notice(i18n::format(i18n::tr("Received {0}."), {what}));
    e.difference_line.clear();
    e.quantity.clear();
    e.reason.clear();
    s.frames_wanted = 3;
}

std::string line_text(const ShipmentLineView& l) {
    return i18n::format(
        i18n::tr("{0}, batch {1}, expiry {2}: {3} ({4})"),
        {l.item_name, l.batch_no, local_day(l.expiry),
         count_with_unit(static_cast<double>(l.shipped), l.unit, i18n::screen_lang()),
         l.reference});
}

// "20 tablets of Paracetamol batch P1", what a receipt took.
std::string received_words(int64_t units, const ShipmentLineView& l) {
    return i18n::format(i18n::tr("{0} of {1} batch {2}"),
                        {count_with_unit(static_cast<double>(units), l.unit, i18n::screen_lang()),
                         l.item_name, l.batch_no});
}

}  // namespace

void draw_expected_shipments(State& s) {
    ExpectedShipmentsState& e = s.expected;
    refresh(s, e.lines, "expected", [&] { return expected_shipment_lines(s.store); });
    show_banner(s, e.banner);
    if (!e.lines.error.empty()) text_coloured(colour::error(), e.lines.error);
    if (e.lines.value.empty()) return;
    push_bold_font();
    const size_t n = e.lines.value.size();
    ImGui::TextUnformatted(i18n::format(i18n::trn("Expected from central: {0} line",
                                                  "Expected from central: {0} lines", n),
                                        {std::to_string(n)})
                               .c_str());
    pop_font();
    ImGui::SameLine();
    if (big_button(s, i18n::tr("Receive all as shipped##expected"))) {
        std::vector<ShipmentReceipt> all;
        for (const auto& l : e.lines.value) all.push_back({l.id, std::nullopt, ""});
        receive_lines(s, all,
                      i18n::format(i18n::trn("{0} shipment line as shipped",
                                             "{0} shipment lines as shipped", all.size()),
                                   {std::to_string(all.size())}));
        return;
    }
    const float height = std::min(6.0f, static_cast<float>(e.lines.value.size()) + 0.5f) * (touch_height() + em());
    begin_touch_list(s, "##expected_lines", ImVec2(0, e.difference_line.empty() ? height : 0));
    for (const auto& l : e.lines.value) {
        ImGui::PushID(l.id.c_str());
        ImGui::TextWrapped("%s", line_text(l).c_str());
        if (e.difference_line == l.id) {
            // The keypad beside the fields, not under them: under them it
            // was below the screen's edge at 1024x600.
            const float side = keypad_width() + ImGui::GetStyle().ItemSpacing.x;
            ImGui::BeginGroup();
            if (number_field(s, i18n::tr("Received##caption"), ("expected_qty-" + l.id).c_str(),
                             e.quantity.empty() ? i18n::tr("Units") : e.quantity, true, 8 * em())) {
            }
            ImGui::SameLine();
            ImGui::TextUnformatted(units_word(l.unit).c_str());
            text_field(s, i18n::tr("Why it differs"), ("##expected_reason-" + l.id).c_str(),
                       &e.reason, i18n::tr("Damaged, missing, counted more..."),
                       std::max(12 * em(), ImGui::GetContentRegionAvail().x - side), 200);
            const bool ready = !e.quantity.empty() && !e.reason.empty();
            if (big_button(s, (i18n::tr("Save received##expected-") + l.id).c_str(), 0, ready))
                receive_lines(s, {{l.id, keypad_number(e.quantity), e.reason}},
                              received_words(keypad_number(e.quantity), l));
            ImGui::SameLine();
            if (big_button(s, (i18n::tr("Cancel##expected-") + l.id).c_str()))
                e.difference_line.clear();
            ImGui::EndGroup();
            ImGui::SameLine();
            if (keypad(s, "expected", &e.quantity, 10, i18n::tr("Done"))) {
            }
        } else {
            if (big_button(s, (i18n::tr("Receive##expected-") + l.id).c_str()))
                receive_lines(s, {{l.id, std::nullopt, ""}}, received_words(l.shipped, l));
            ImGui::SameLine();
            if (big_button(s, (i18n::tr("Different quantity##expected-") + l.id).c_str())) {
                ImGui::SetScrollHereY(0.0f);  // the opened line (and its keypad) in view
                e.difference_line = l.id;
                e.quantity = std::to_string(l.shipped);
                e.reason.clear();
            }
        }
        ImGui::PopID();
        ImGui::Separator();
    }
    end_touch_list(s);
    // An open line's list fills the screen: a gap after it would scroll it.
    if (e.difference_line.empty()) ImGui::Spacing();
}

}  // namespace outpost

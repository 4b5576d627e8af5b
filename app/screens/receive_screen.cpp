// Receive stock: the item (type-ahead by code or name), batch number, expiry
// (typed on the keypad as YYYYMMDD, shown as a date), quantity in units or in
// packs (the pack size is shown), supplier and reference. On success the
// screen says exactly what was received; on failure the store's message shows
// and every field keeps its input.
#include <imgui.h>
#include <imgui_internal.h>  // NavMoveRequestCancel: a Tab the keypad took

#include <string>

#include "directions.h"
#include "i18n.h"
#include "local_time.h"
#include "scan_screens.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

using Field = ReceiveState::Field;

// "20270131" -> "2027-01-31" when it is a real date, else "".
std::string expiry_date(const std::string& digits) {
    if (digits.size() != 8) return "";
    const std::string date = digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" + digits.substr(6, 2);
    int64_t days = 0;
    return parse_date(date, &days) ? date : "";
}

void save_receipt(State& s, bool confirmed) {
    ReceiveState& r = s.receive;
    ReceiveInput in;
    in.item_id = r.item->id;
    in.batch_no = r.batch_no;
    in.expiry = expiry_date(r.expiry);
    in.quantity = keypad_number(r.quantity);
    in.unit = r.in_packs ? QuantityUnit::kPacks : QuantityUnit::kUnits;
    in.supplier = r.supplier;
    in.reference = r.reference;
    in.confirm_large = confirmed;
    auto res = s.store.receive(s.user->id, in);
    if (res.status().code() == Status::Code::kNeedsConfirmation && !confirmed) {
        r.confirm_large = res.status().message();  // asked in a dialog
        return;
    }
    if (!res.ok()) {
        r.banner.set_error(res.status().message());
        return;
    }
    const std::string units =
        count_with_unit(static_cast<double>(res->units), r.item->unit, i18n::screen_lang());
    const std::vector<std::string> args = {units, r.item->display_name(), in.batch_no,
                                           local_day(in.expiry)};
    r.banner.set_notice(i18n::format(
        res->new_batch ? i18n::tr("Received {0} of {1}, batch {2}, expiry {3} (new batch).")
                       : i18n::tr("Received {0} of {1}, batch {2}, expiry {3}."),
        args));
    r.batch_no.clear();
    r.expiry.clear();
    r.quantity.clear();
    r.keypad_for = Field::kNone;
}

void draw_item_choice(State& s) {
    ReceiveState& r = s.receive;
    text_field(s, i18n::tr("Item##caption"), "##receive_item_search", &r.item_search,
               i18n::tr("Code or name"));
    if (!r.lines.empty()) {
        ImGui::SameLine();
        if (big_button(s, i18n::tr("Back to the receipt##receive"))) r.choosing_by_hand = false;
    }
    if (r.item_search.empty()) {
        text_coloured(colour::muted(), i18n::tr("Or scan the pack's barcode."));
        return;
    }
    refresh(s, r.items, r.item_search, [&] { return s.store.search_items(r.item_search, 20); });
    if (!r.items.error.empty()) text_coloured(colour::error(), r.items.error);
    if (r.items.value.empty())
        ImGui::TextWrapped(i18n::tr("No item matches \"%s\"."), r.item_search.c_str());
    begin_touch_list(s, "##receive_items", ImVec2(0, 0));
    for (const Item& item : r.items.value) {
        const std::string label = item.code + "  " + item.display_name() + "##receive-item-" + item.id;
        if (row_button(s, label.c_str())) {
            r.item = item;
            r.item_search.clear();
            r.choosing_by_hand = false;
            s.frames_wanted = 3;
            break;
        }
    }
    end_touch_list(s);
}

// A quantity above what a delivery usually holds: the store's words, and a
// yes (for the form, or for the first waiting line of "Receive all").
void draw_large_question(State& s) {
    ReceiveState& r = s.receive;
    bool asking = !r.confirm_large.empty();
    if (!asking) return;
    // The store's words start with the quantity ("9999999 mL is more than ...").
    const Answer a =
        confirm_dialog(s, "Check the quantity##receive", &asking, r.confirm_large + ".",
                       i18n::tr("Receive this quantity##receive-large"),
                       i18n::tr("Go back and correct it##receive-large"));
    const bool for_lines = r.confirm_for_lines;
    if (a != Answer::kNone || !asking) r.confirm_large.clear(), r.confirm_for_lines = false;
    if (a == Answer::kYes) for_lines ? receive_lines(s, true) : save_receipt(s, true);
}

void draw_form(State& s);

}  // namespace

void draw_receive_screen(State& s) {
    ReceiveState& r = s.receive;
    if (text_keyboard_just_opened(s)) r.keypad_for = Field::kNone, r.line_keypad = -1;
    if (s.scan) receive_scan(s, *s.scan);  // receive_scan.cpp
    s.scan.reset();
    show_banner(s, r.banner);
    draw_receive_check(s);
    draw_large_question(s);
    if (draw_link_panel(s, [&](const std::string& text) { receive_scan(s, text); })) return;
    heading(i18n::tr("Receive stock"));
    if (r.item) {
        draw_form(s);
    } else if (!r.lines.empty() && !r.choosing_by_hand) {
        draw_receipt_lines(s);
    } else {
        draw_expected_shipments(s);
        // While a shipment line's quantity is being corrected, its fields
        // and keypad take the screen; the item search comes back after.
        if (s.expected.difference_line.empty()) draw_item_choice(s);
    }
}

namespace {

void draw_form(State& s) {
    ReceiveState& r = s.receive;
    const float side = keypad_width() + ImGui::GetStyle().ItemSpacing.x;
    const bool keypad_open = r.keypad_for != Field::kNone;
    ImGui::BeginGroup();
    // The form scrolls on small screens; Receive stays in reach below it.
    begin_touch_list(s, "##receive_form",
                      ImVec2(keypad_open ? -side : 0,
                             -touch_height() - ImGui::GetStyle().ItemSpacing.y), false);
    push_bold_font();
    ImGui::TextWrapped("%s", r.item->display_name().c_str());
    pop_font();
    ImGui::SameLine();
    if (big_button(s, i18n::tr("Change item##receive"))) {
        r.item.reset();
        r.keypad_for = Field::kNone;
        end_touch_list(s);
        ImGui::EndGroup();
        return;
    }
    // Tab goes Batch number -> Expiry -> Quantity (their keypads) -> Supplier.
    bool tab_from_batch = false;
    text_field(s, i18n::tr("Batch number"), "##receive_batch", &r.batch_no,
               i18n::tr("As printed on the pack"), 0, 0, &tab_from_batch);
    const bool tab_in_keypad = r.keypad_for != Field::kNone && !ImGui::IsAnyItemActive() &&
                               ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Tab), false);
    bool focus_supplier = false;
    if (tab_from_batch || tab_in_keypad) s.frames_wanted = 3;
    // The keypad took this Tab: ImGui must not also move to a text field.
    if (tab_in_keypad) ImGui::NavMoveRequestCancel();
    if (tab_from_batch) {
        r.keypad_for = Field::kExpiry;
    } else if (tab_in_keypad) {
        focus_supplier = r.keypad_for == Field::kQuantity;
        r.keypad_for = r.keypad_for == Field::kExpiry ? Field::kQuantity : Field::kNone;
    }
    const std::string date = expiry_date(r.expiry);
    // TRANSLATORS: the digits of the expiry, typed year first (YYYY year, MM month, DD day).
    const std::string expiry_shown = r.expiry.empty() ? i18n::tr("YYYYMMDD") : r.expiry;
    if (number_field(s, i18n::tr("Expiry (year month day)"), "receive_expiry", expiry_shown,
                     r.keypad_for == Field::kExpiry, 9 * em()))
        r.keypad_for = r.keypad_for == Field::kExpiry ? Field::kNone : Field::kExpiry;
    ImGui::SameLine();
    if (!date.empty()) {
        ImGui::TextUnformatted(local_day(date).c_str());
    } else if (r.expiry.size() == 8) {
        ImGui::TextColored(colour::error(), "%s", i18n::tr("Not a real date"));
    } else {
        ImGui::TextColored(colour::muted(), "%s", i18n::tr("8 digits, e.g. 20280131"));
    }

    const std::string pack = pack_label(r.item->pack_size) + "##receive";
    const std::string units = units_label(r.item->unit) + "##receive";
    if (number_field(s, i18n::tr("Quantity"), "receive_qty",
                     r.quantity.empty() ? i18n::tr("Quantity") : r.quantity,
                     r.keypad_for == Field::kQuantity))
        r.keypad_for = r.keypad_for == Field::kQuantity ? Field::kNone : Field::kQuantity;
    ImGui::SameLine();
    if (toggle_button(s, units.c_str(), !r.in_packs)) r.in_packs = false;
    ImGui::SameLine();
    if (toggle_button(s, pack.c_str(), r.in_packs)) r.in_packs = true;
    if (r.in_packs && !r.quantity.empty()) {
        ImGui::SameLine();
        const double total = static_cast<double>(keypad_number(r.quantity) * r.item->pack_size);
        ImGui::Text("= %s", count_with_unit(total, r.item->unit, i18n::screen_lang()).c_str());
    }

    if (focus_supplier) ImGui::SetKeyboardFocusHere();
    text_field_pair(s, i18n::tr("Supplier"), "##receive_supplier", &r.supplier,
                    i18n::tr("Reference"), "##receive_reference", &r.reference, "",
                    i18n::tr("Delivery note"));
    if (!r.lines.empty())
        text_coloured(
            colour::muted(),
            i18n::format(i18n::trn("{0} scanned line waits on the receipt; this batch joins it.",
                                   "{0} scanned lines wait on the receipt; this batch joins them.",
                                   r.lines.size()),
                         {std::to_string(r.lines.size())}));
    end_touch_list(s);
    const bool ready = !r.batch_no.empty() && !date.empty() && !r.quantity.empty();
    if (r.lines.empty()) {
        if (big_button(s, i18n::tr("Receive##receive"), 0, ready)) save_receipt(s, false);
    } else if (big_button(s, i18n::tr("Add to the receipt##receive"), 0, ready)) {
        add_form_to_receipt(s, date);  // scanned lines wait: this joins them
    }
    if (!ready) {
        ImGui::SameLine();
        text_coloured(colour::muted(),
                      i18n::tr("Enter the batch, a real expiry date and the quantity."));
    }
    ImGui::EndGroup();

    if (keypad_open) {
        ImGui::SameLine();
        ImGui::BeginGroup();
        const bool expiry = r.keypad_for == Field::kExpiry;
        ImGui::TextUnformatted(expiry ? i18n::tr("Expiry: YYYYMMDD") : i18n::tr("Quantity"));
        if (keypad(s, "receive", expiry ? &r.expiry : &r.quantity, expiry ? 8 : 7,
                   i18n::tr("Done")))
            r.keypad_for = Field::kNone;
        ImGui::EndGroup();
    }
}

}  // namespace

}  // namespace outpost

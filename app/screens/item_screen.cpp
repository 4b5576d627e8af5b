// Item detail: the item's batches (earliest expiry first) with their balance
// and state, hold / release a batch, go to an adjustment, and the stock card:
// every ledger event with the running balance, newest first, clipped and
// paged.
#include <imgui.h>

#include <cstdio>
#include <string>

#include "i18n.h"
#include "local_time.h"
#include "list_tables.h"
#include "directions.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

void open_item(State& s, const std::string& item_id) {
    s.item = ItemState{};
    s.item.item_id = item_id;
    go_to(s, Screen::kItem);
}

namespace {

void draw_batches(State& s, const ItemDetail& d) {
    ItemState& it = s.item;
    if (d.batches.empty()) {
        ImGui::TextUnformatted(i18n::tr("No batches yet: receive stock to create one."));
        return;
    }
    // Up to four batches show whole; more scroll inside the table.
    const float line = touch_height() + ImGui::GetStyle().CellPadding.y * 2;
    const bool scroll = d.batches.size() > 4;
    ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg;
    if (scroll) flags |= ImGuiTableFlags_ScrollY;
    // Holding and adjusting are for storekeepers and admins: a dispenser
    // sees the batches without the buttons the store would refuse.
    const bool manage = may_manage_stock(s);
    if (!ImGui::BeginTable("##batches", manage ? 5 : 4, flags, ImVec2(0, scroll ? 4.6f * line : 0)))
        return;
    // Text sits mid-row, level with the buttons' labels.
    const auto cell_text = [](const std::string& text, const ImVec4& c) {
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() +
                             (touch_height() - ImGui::GetTextLineHeight()) / 2);
        ImGui::PushStyleColor(ImGuiCol_Text, c);
        ImGui::TextUnformatted(text.c_str());
        ImGui::PopStyleColor();
    };
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(i18n::tr("Batch"));
    ImGui::TableSetupColumn(i18n::tr("Expiry"));
    ImGui::TableSetupColumn(i18n::tr("On hand"));
    ImGui::TableSetupColumn(i18n::tr("State"));
    if (manage) ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, 15 * em());
    ImGui::TableHeadersRow();
    for (const BatchRow& b : d.batches) {
        ImGui::TableNextRow(0, touch_height());
        ImGui::TableNextColumn();
        cell_text(b.batch_no, colour::text());
        ImGui::TableNextColumn();
        cell_text(local_day(b.expiry), colour::text());
        ImGui::TableNextColumn();
        cell_text(std::to_string(b.on_hand), colour::text());
        ImGui::TableNextColumn();
        std::string state;
        auto add = [&](const char* words) { state += (state.empty() ? "" : " ") + std::string(words); };
        if (b.expired) add(i18n::tr("EXPIRED"));
        if (b.on_hold) add(i18n::tr("ON HOLD"));
        if (b.needs_count) add(i18n::tr("COUNT NEEDED"));
        if (state.empty()) state = b.days_to_expiry <= 42 ? i18n::tr("expires soon") : i18n::tr("ok##batch_state");
        if (const size_t cut = state.find("##"); cut != std::string::npos) state.resize(cut);
        cell_text(state, b.expired || b.needs_count ? colour::error()
                         : b.on_hold              ? colour::amber()
                                                  : colour::text());
        if (!manage) continue;
        ImGui::TableNextColumn();
        const std::string hold = std::string(b.on_hold ? i18n::tr("Release") : i18n::tr("Hold")) + "##hold-" + b.id;
        if (big_button(s, hold.c_str(), 6 * em())) it.confirm_hold_batch = b.id;
        ImGui::SameLine();
        const std::string adjust = std::string(i18n::tr("Adjust")) + "##adjust-" + b.id;
        if (big_button(s, adjust.c_str(), 6 * em())) open_adjust(s, d.item.id, b.id);
    }
    ImGui::EndTable();
    if (!manage)
        text_coloured(colour::muted(),
                      i18n::tr("Holding a batch or adjusting stock needs a storekeeper or an administrator."));
}

void draw_card_row(const CardRow* r) {
    if (!r) {
        ImGui::TextUnformatted("...");
        return;
    }
    char qty[64];
    std::snprintf(qty, sizeof qty, "%+lld", static_cast<long long>(r->quantity));
    const float e = em();
    const float x = ImGui::GetCursorPosX();
    ImGui::TextUnformatted(r->when.c_str());
    ImGui::SameLine(x + 9 * e);
    ImGui::TextUnformatted(event_kind_words(r->kind).c_str());
    ImGui::SameLine(x + 16 * e);
    ImGui::TextUnformatted(r->batch_no.c_str());
    ImGui::SameLine(x + 22 * e);
    ImGui::TextUnformatted(qty);
    ImGui::SameLine(x + 26 * e);
    ImGui::Text("= %lld", static_cast<long long>(r->balance));
    ImGui::SameLine(x + 31 * e);
    ImGui::Text("%s  %s", r->user_name.c_str(), r->detail.c_str());
}

}  // namespace

void draw_item_screen(State& s) {
    ItemState& it = s.item;
    show_banner(s, it.banner);
    refresh(s, it.detail, it.item_id, [&] { return s.store.item_detail(it.item_id); });
    if (big_button(s, i18n::tr("Back to stock##item"))) {
        go_to(s, Screen::kStock);
        return;
    }
    if (!it.detail.error.empty()) {
        text_coloured(colour::error(), it.detail.error);
        return;
    }
    const ItemDetail& d = it.detail.value;
    ImGui::SameLine();
    heading(d.item.display_name().c_str());
    ImGui::Text(i18n::tr("Code %s   On hand %s   Usable %lld   Pack %lld   Used per month %.0f"),
                d.item.code.c_str(),
                count_with_unit(static_cast<double>(d.on_hand), d.item.unit, i18n::screen_lang()).c_str(),
                static_cast<long long>(d.available), static_cast<long long>(d.item.pack_size),
                d.amc);
    draw_batches(s, d);

    ImGui::TextUnformatted(i18n::tr("Stock card (newest first)"));
    paged_list(
        s, "##stock_card", it.card, it.item_id, ImVec2(0, 0),
        [&](int64_t offset, int64_t limit) {
            return s.store.stock_card(it.item_id, "", offset, limit);
        },
        [&](int64_t, const CardRow* r) { draw_card_row(r); },
        ImGui::GetTextLineHeightWithSpacing());

    bool open = !it.confirm_hold_batch.empty();
    bool hold = true;
    std::string batch_no;
    for (const BatchRow& b : d.batches) {
        if (b.id == it.confirm_hold_batch) hold = !b.on_hold, batch_no = b.batch_no;
    }
    const std::string question =
        hold ? i18n::format(i18n::tr("Put batch {0} on hold? It will not be dispensed until released."), {batch_no})
             : i18n::format(i18n::tr("Release batch {0} so it can be dispensed again?"), {batch_no});
    const Answer a = confirm_dialog(s, i18n::tr("Hold batch##item"), &open, question,
                                    hold ? i18n::tr("Put on hold##item") : i18n::tr("Release##item"));
    if (a == Answer::kYes) {
        Status st = s.store.set_batch_on_hold(s.user->id, it.confirm_hold_batch, hold);
        if (st.ok()) {
            it.banner.set_notice(hold ? i18n::format(i18n::tr("Batch {0} is on hold."), {batch_no})
                                      : i18n::format(i18n::tr("Batch {0} can be dispensed again."), {batch_no}));
        } else {
            it.banner.set_error(st.message());
        }
    }
    if (!open) it.confirm_hold_batch.clear();
}

}  // namespace outpost

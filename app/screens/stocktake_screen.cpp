// Stocktake: start a count (optionally blind: expected balances hidden while
// counting), count each batch on the keypad, review the variances, then
// finalise (the store writes one correction per counted line, relative to
// the balance at the frontier the count started from) or abandon.
#include <imgui.h>
#include <imgui_internal.h>  // SetNextWindowScroll: a scanned line scrolls into view

#include <string>

#include "scan_screens.h"
#include "i18n.h"
#include "local_time.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

// The store's status of a stocktake ("open", "finalised") in words.
std::string status_words(const std::string& status) {
    std::string w = status == "open"        ? i18n::tr("open##stocktake-status")
                    : status == "finalised" ? i18n::tr("finalised##stocktake-status")
                                            : status;
    return w.substr(0, w.find("##"));
}


void open_sheet(State& s, const std::string& id) {
    StocktakeState& t = s.stocktake;
    const std::string keep = t.banner.text;
    const bool keep_error = t.banner.error;
    t = StocktakeState{};
    t.stocktake_id = id;
    t.banner.text = keep;
    t.banner.error = keep_error;
    s.frames_wanted = 3;
}

void draw_list(State& s) {
    StocktakeState& t = s.stocktake;
    heading(i18n::tr("Stocktake"));
    refresh(s, t.list, "all", [&] { return s.store.stocktakes(false); });
    if (!t.list.error.empty()) text_coloured(colour::error(), t.list.error);

    if (may_manage_stock(s)) {
        ImGui::TextUnformatted(i18n::tr("Start a new count of every batch in stock"));
        text_field(s, nullptr, "##stocktake_description", &t.description,
                   i18n::tr("Description, e.g. March count"), 20 * em());
        ImGui::SameLine();
        if (toggle_button(s, i18n::tr("Blind count##stocktake"), t.blind)) t.blind = !t.blind;
        ImGui::SameLine();
        if (big_button(s, i18n::tr("Start##stocktake"))) {
            auto r = s.store.start_stocktake(s.user->id, t.description, t.blind);
            if (r.ok()) {
                t.banner.set_notice(i18n::tr("Stocktake started. Tap a line to count it."));
                open_sheet(s, r.value());
                return;
            }
            t.banner.set_error(r.status().message());
        }
    } else {
        text_coloured(colour::muted(),
                      i18n::tr("Starting or finalising a stocktake needs a storekeeper or an "
                               "administrator. You can count the lines of an open one below."));
    }
    ImGui::Separator();
    begin_touch_list(s, "##stocktakes", ImVec2(0, 0));
    // Open and recent counts; the store returns a short list, so no clipper.
    for (const StocktakeInfo& info : t.list.value) {
        const std::string label =
            info.started + "   " +
            (info.description.empty() ? std::string(i18n::tr("(no description)")) : info.description) +
            "   " + status_words(info.status) + "   " +
            i18n::format(i18n::tr("{0} of {1} counted"),
                         {std::to_string(info.counted), std::to_string(info.lines)}) +
            (info.blind ? "   " + std::string(i18n::tr("blind##stocktake-row")).substr(0, std::string(i18n::tr("blind##stocktake-row")).find("##")) : std::string()) +
            "##stocktake-" + info.id;
        if (row_button(s, label.c_str())) {
            const std::string id = info.id;  // open_sheet replaces the list
            t.banner.clear();
            open_sheet(s, id);
            break;
        }
    }
    end_touch_list(s);
}

std::string sheet_row_label(const SheetRow& r, bool show_expected, bool review) {
    using i18n::format;
    using i18n::tr;
    std::string label = r.item_name + "   " + r.batch_no + "   " + format(tr("exp {0}"), {local_day(r.expiry)});
    if (show_expected) label += "   " + format(tr("expected {0}"), {std::to_string(r.expected)});
    label += "   " + (r.counted ? format(tr("counted {0}"), {std::to_string(*r.counted)})
                                : std::string(tr("not counted")));
    if (review && r.counted) {
        const int64_t v = *r.counted - r.expected;
        label += "   " + format(tr("variance {0}"), {std::string(v > 0 ? "+" : "") + std::to_string(v)});
    }
    return label + "##sheet-" + r.batch_id;
}

void save_count(State& s) {
    StocktakeState& t = s.stocktake;
    if (t.count.empty()) {
        t.banner.set_error(i18n::tr("Enter the number counted, or 0 when there is none."));
        return;
    }
    const int64_t counted = keypad_number(t.count);
    Status st = s.store.enter_count(s.user->id, t.stocktake_id, t.counting_batch, counted);
    if (!st.ok()) {
        t.banner.set_error(st.message());
        return;
    }
    t.banner.clear();
    t.counting_batch.clear();
    t.count.clear();
}

void draw_sheet(State& s) {
    StocktakeState& t = s.stocktake;
    refresh(s, t.info, t.stocktake_id, [&] { return s.store.stocktake(t.stocktake_id); });
    const StocktakeInfo& info = t.info.value;
    const bool open = info.status == "open";
    const bool counting = open && !t.review && !t.counting_batch.empty();
    const float side = keypad_width() + ImGui::GetStyle().ItemSpacing.x;
    // While counting, the keypad takes the right side from the top, so it
    // fits whole on a 600 px screen.
    ImGui::BeginChild("##sheet_main", ImVec2(counting ? -side : 0, 0), false);
    if (big_button(s, i18n::tr("All stocktakes##stocktake"))) {
        t = StocktakeState{};
        ImGui::EndChild();
        return;
    }
    ImGui::SameLine();
    const std::string title =
        i18n::format(i18n::tr("Stocktake: {0}"), {info.description.empty() ? info.started : info.description});
    heading(title.c_str());
    if (!t.info.error.empty()) text_coloured(colour::error(), t.info.error);
    const std::string progress =
        i18n::format(i18n::tr("{0} of {1} lines counted"),
                     {std::to_string(info.counted), std::to_string(info.lines)}) +
        (info.blind ? std::string("   ") + i18n::tr("blind count") : std::string()) + "   " +
        status_words(info.status);
    ImGui::TextUnformatted(progress.c_str());
    if (open) {
        if (toggle_button(s, i18n::tr("Count##stocktake_mode"), !t.review)) t.review = false;
        ImGui::SameLine();
        if (toggle_button(s, i18n::tr("Review variances##stocktake"), t.review)) {
            t.review = true;
            t.counting_batch.clear();
        }
        if (may_manage_stock(s)) {
            ImGui::SameLine(0, 2 * em());
            if (big_button(s, i18n::tr("Finalise##stocktake"))) t.confirm_finalise = true;
            ImGui::SameLine();
            if (big_button(s, i18n::tr("Abandon##stocktake"))) t.confirm_abandon = true;
        } else {
            ImGui::SameLine(0, 2 * em());
            // Level with the buttons' labels.
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() +
                                 (touch_height() - ImGui::GetTextLineHeight()) / 2);
            text_coloured(colour::muted(), "A storekeeper finalises.");
        }
    }

    // Blind counts hide the expected balance until the review.
    const bool show_expected = !info.blind || t.review || !open;
    // A scanned line: the list starts scrolled to it (stocktake_scan.cpp).
    if (t.scroll_to_index >= 0) {
        ImGui::SetNextWindowScroll(ImVec2(0, static_cast<float>(t.scroll_to_index) * row_height()));
        t.scroll_to_index = -1;
    }
    paged_list(
        s, "##sheet", t.sheet, t.stocktake_id, ImVec2(0, 0),
        [&](int64_t offset, int64_t limit) {
            return s.store.stocktake_sheet(t.stocktake_id, offset, limit);
        },
        [&](int64_t, const SheetRow* r) {
            if (!r) {
                ImGui::Dummy(ImVec2(0, touch_height()));
                return;
            }
            const std::string label = sheet_row_label(*r, show_expected, t.review || !open);
            if (row_button(s, label.c_str(), r->batch_id == t.counting_batch) && open && !t.review) {
                t.counting_batch = r->batch_id;
                t.count = r->counted ? std::to_string(*r->counted) : "";
            }
        });
    ImGui::EndChild();
    if (counting) {
        ImGui::SameLine();
        ImGui::BeginGroup();
        std::string what;
        for (const SheetRow& r : t.sheet.page.rows)
            if (r.batch_id == t.counting_batch) what = r.batch_no;
        ImGui::Text(i18n::tr("Count of batch %s"), what.c_str());
        number_field(s, nullptr, "count", t.count, true, keypad_width());
        if (keypad(s, "count", &t.count, 7, i18n::tr("Save count"))) save_count(s);
        ImGui::EndGroup();
    }

    const std::string finalise_q =
        i18n::tr("Finalise this stocktake? Each counted line writes a correction for its variance. "
                 "Lines not counted are left as they are.");
    if (confirm_dialog(s, i18n::tr("Finalise stocktake##stocktake"), &t.confirm_finalise, finalise_q,
                       i18n::tr("Finalise now##stocktake")) == Answer::kYes) {
        auto r = s.store.finalise_stocktake(s.user->id, t.stocktake_id);
        if (r.ok()) {
            t.banner.set_notice(i18n::format(
                i18n::tr("Stocktake finalised: {0} corrections, net change {1} units, {2} lines not counted."),
                {std::to_string(r->corrections), std::to_string(r->net_change), std::to_string(r->uncounted)}));
            t.review = true;
        } else {
            t.banner.set_error(r.status().message());
        }
    }
    if (confirm_dialog(s, i18n::tr("Abandon stocktake##stocktake"), &t.confirm_abandon,
                       i18n::tr("Abandon this stocktake? The counts are kept on record but change no stock."),
                       i18n::tr("Abandon now##stocktake")) == Answer::kYes) {
        Status st = s.store.abandon_stocktake(s.user->id, t.stocktake_id);
        if (st.ok()) {
            t = StocktakeState{};
            t.banner.set_notice(i18n::tr("Stocktake abandoned. No stock was changed."));
        } else {
            t.banner.set_error(st.message());
        }
    }
}

}  // namespace

void draw_stocktake_screen(State& s) {
    if (s.scan) stocktake_scan(s, *s.scan);  // stocktake_scan.cpp
    s.scan.reset();
    show_banner(s, s.stocktake.banner);
    if (s.stocktake.stocktake_id.empty()) {
        draw_list(s);
    } else {
        draw_sheet(s);
    }
}

}  // namespace outpost

// Stock on hand: every item with its balance, searchable by code or name,
// sortable, and filtered to what needs attention (low, expiring, expired,
// flagged for a count). A long catalogue is clipped and fetched a page at a
// time. Tapping an item, or scanning its barcode, opens its detail
// (item_screen.cpp).
#include <imgui.h>

#include <string>

#include "i18n.h"
#include "directions.h"
#include "list_tables.h"
#include "scan_screens.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

std::string stock_row_label(const StockRow& r) {
    std::string label = r.item.code + "   " + r.item.display_name() + "   " +
                        count_with_unit(static_cast<double>(r.on_hand), r.item.unit, i18n::screen_lang());
    if (r.available != r.on_hand) label += " (" + std::to_string(r.available) + " usable)";
    if (!r.nearest_expiry.empty()) label += "   next expiry " + r.nearest_expiry;
    if (r.low) label += "   LOW";
    if (r.has_expired) label += "   EXPIRED STOCK";
    if (r.flagged) label += "   COUNT NEEDED";
    return label + "##stock-" + r.item.id;
}

// Expiry and "expiring" are relative to today: a new day re-queries.
std::string query_key(State& s, const StockQuery& q) {
    return s.store.today() + "|" + q.search + "|" + std::to_string(static_cast<int>(q.filter)) + "|" +
           std::to_string(static_cast<int>(q.sort)) + "|" + std::to_string(q.expiring_days) + "|" +
           (q.include_zero ? "z" : "");
}

// True when the scan opened the item.
bool stock_scan(State& s, const std::string& text) {
    StockScreenState& st = s.stock;
    ScannedCode code = read_scan(s, text);
    if (code.item) {
        st.banner.clear();
        open_item(s, code.item->id);
        return true;
    }
    if (code.unlinked && may_link_barcodes(s)) {
        st.banner.set_notice(unlinked_words(s, code.reading.gtin));
        start_link(s, code, text);
    } else {
        st.banner.set_error(code.unlinked ? unlinked_words(s, code.reading.gtin) : code.problem);
    }
    return false;
}

}  // namespace

void draw_stock_screen(State& s) {
    StockScreenState& st = s.stock;
    StockQuery& q = st.query;
    // A scanned pack opens its item; a code the app cannot use says why, and
    // an unknown GTIN is linked by a storekeeper or admin (scan_link.cpp).
    if (s.scan) {
        const std::string text = *s.scan;
        s.scan.reset();
        if (stock_scan(s, text)) return;
    }
    if (draw_link_panel(s, [&](const std::string& text) { stock_scan(s, text); })) return;
    heading(i18n::tr("Stock on hand"));
    show_banner(s, st.banner);
    // Export (every matching item, as CSV or PDF) shares the search's line.
    const float export_w = button_width(i18n::tr("Export")) + ImGui::GetStyle().ItemSpacing.x;
    text_field(s, nullptr, "##stock_search", &q.search, i18n::tr("Search by code or name"),
               ImGui::GetContentRegionAvail().x - export_w);
    ImGui::SameLine();
    export_control(s, "stock", [&] { return stock_list_table(s.store, q); });

    struct FilterChoice {
        const char* label;
        StockFilter filter;
    };
    const FilterChoice filters[] = {
        {i18n::tr("All##filter"), StockFilter::kAll},
        {i18n::tr("Low##filter"), StockFilter::kLow},
        {i18n::tr("Expiring##filter"), StockFilter::kExpiring},
        {i18n::tr("Expired##filter"), StockFilter::kExpired},
        {i18n::tr("Needs count##filter"), StockFilter::kNegativeOrFlagged},
    };
    bool first = true;
    for (const FilterChoice& f : filters) {
        if (!first) flow_next(button_width(f.label));
        first = false;
        if (toggle_button(s, f.label, q.filter == f.filter)) q.filter = f.filter;
    }
    struct SortChoice {
        const char* label;
        StockSort sort;
    };
    const SortChoice sorts[] = {
        {i18n::tr("Name##sort"), StockSort::kName},
        {i18n::tr("Code##sort"), StockSort::kCode},
        {i18n::tr("Least stock##sort"), StockSort::kOnHandAsc},
        {i18n::tr("Most stock##sort"), StockSort::kOnHandDesc},
        {i18n::tr("Nearest expiry##sort"), StockSort::kNearestExpiry},
    };
    ImGui::SameLine(0, 1.5f * em());
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(i18n::tr("Sort:"));
    for (const SortChoice& c : sorts) {
        flow_next(button_width(c.label));
        if (toggle_button(s, c.label, q.sort == c.sort)) q.sort = c.sort;
    }

    if (st.rows.loaded && st.rows.page.total > 0)
        ImGui::TextUnformatted(
            i18n::format(i18n::trn("{0} item", "{0} items", static_cast<unsigned long>(st.rows.page.total)),
                         {std::to_string(st.rows.page.total)})
                .c_str());
    if (st.rows.loaded && st.rows.page.total == 0 && st.rows.error.empty())
        ImGui::TextUnformatted(i18n::tr("No items match."));
    paged_list(
        s, "##stock_list", st.rows, query_key(s, q), ImVec2(0, 0),
        [&](int64_t offset, int64_t limit) {
            StockQuery page_query = q;
            page_query.offset = offset;
            page_query.limit = limit;
            return s.store.stock_on_hand(page_query);
        },
        [&](int64_t, const StockRow* r) {
            if (!r) {
                ImGui::Dummy(ImVec2(0, touch_height()));
                return;
            }
            if (row_button(s, stock_row_label(*r).c_str())) open_item(s, r->item.id);
        });
}

}  // namespace outpost

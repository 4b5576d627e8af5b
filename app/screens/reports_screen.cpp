// Reports: the month-end reports for the storekeeper and the administrator
// (stock status, consumption by month, expiries and losses, stocktake
// variances, the controlled-medicines register) for a month (last month by
// default) or a date range, as a table that scrolls both ways with its
// header row and first columns kept in view; the notes say which AMC method
// and months were used. The figures come from the store's report functions
// (reports.h run_report), never from SQL here; Export saves the same table
// as CSV or PDF (export_dialog.cpp).
#include <imgui.h>
#include <imgui_internal.h>  // the table's inner window, for drag-to-scroll

#include <algorithm>
#include <string>
#include <vector>

#include "i18n.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

// Shown through tr(); the report tables' own words (title, notes, column
// headers) come from the store's report code in the screen language.
const char* const kReportLabels[] = {
    N_("Stock status##report"), N_("Consumption (12 months)##report"),
    N_("Expiries and losses##report"), N_("Stocktake variances##report"),
    N_("Controlled register##report")};
// The two methods' names are kept as they are in every language.
const char* const kAmcLabels[] = {N_("Open mSupply##amc"), N_("Adjusted for stock-outs##amc"),
                                  N_("OpenLMIS##amc")};
const char* const kAmcNames[] = {"msupply", "msupply-adjusted", "openlmis"};

const char* const kMonthNames[] = {N_("January"),   N_("February"), N_("March"),    N_("April"),
                                   N_("May"),       N_("June"),     N_("July"),     N_("August"),
                                   N_("September"), N_("October"),  N_("November"), N_("December")};

std::string month_words(const Month& m) {
    // TRANSLATORS: a month on the Reports screen: "June 2026" ({0} the month, {1} the year).
    // The ## part only tells this pattern apart; it is not shown.
    std::string pattern = i18n::tr("{0} {1}##month-year");
    pattern.erase(std::min(pattern.find("##"), pattern.size()));
    return i18n::format(pattern, {i18n::tr(kMonthNames[m.month - 1]), std::to_string(m.year)});
}

// The range asked for, or why there is none (a date that cannot be read).
Result<DayRange> chosen_range(const ReportsState& r) {
    if (!r.range) return r.month.days();
    return parse_day_range(r.from, r.to);
}

// "12", "-3", "+40", "336.9", "-": a column of these is right-aligned.
bool is_figure(const std::string& s) {
    if (s.empty() || s == "-") return true;
    size_t i = (s[0] == '+' || s[0] == '-') ? 1 : 0;
    if (i == s.size()) return false;
    for (; i < s.size(); ++i)
        if ((s[i] < '0' || s[i] > '9') && s[i] != '.') return false;
    return true;
}

// Drag-to-scroll inside the table (its own scrolling window), both ways.
void drag_table(State& s) {
    ImGuiIO& io = ImGui::GetIO();
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    const ImVec2 start = io.MouseClickedPos[0];
    const bool inside =
        start.x >= w->Pos.x && start.x < w->Pos.x + w->Size.x - ImGui::GetStyle().ScrollbarSize &&
        start.y >= w->Pos.y && start.y < w->Pos.y + w->Size.y - ImGui::GetStyle().ScrollbarSize;
    const bool starts = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
                        ImGui::IsMouseDragging(0, 0.5f * em());
    if (inside && ImGui::IsMouseDown(0) && (s.dragging || starts)) {
        if (!s.dragging) ImGui::ClearActiveID();
        s.dragging = true;
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        ImGui::SetScrollX(ImGui::GetScrollX() - io.MouseDelta.x);
    }
}

void draw_table(State& s, const ReportTable& t) {
    const int columns =
        static_cast<int>(std::min<size_t>(t.header.size(), 64));  // ImGui's limit is 64
    if (columns == 0) return;
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("##report_table", columns, flags, ImVec2(0, 0))) return;
    // Code and item (or the first column) stay in view while scrolling right.
    ImGui::TableSetupScrollFreeze(t.header.size() > 6 ? 2 : 1, 1);
    const float max_width = 18 * em();
    std::vector<bool> right(static_cast<size_t>(columns), true);
    for (int c = 0; c < columns; ++c) {
        float w = ImGui::CalcTextSize(t.header[c].c_str()).x;
        for (const auto& row : t.rows) {
            if (static_cast<size_t>(c) >= row.size()) continue;
            w = std::max(w, ImGui::CalcTextSize(row[c].c_str()).x);
            right[c] = right[c] && is_figure(row[c]);
        }
        ImGui::TableSetupColumn(t.header[c].c_str(), ImGuiTableColumnFlags_WidthFixed,
                                std::min(w, max_width));
    }
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(t.rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const auto& row = t.rows[static_cast<size_t>(i)];
            ImGui::TableNextRow();
            std::string joined;
            for (int c = 0; c < columns; ++c) {
                ImGui::TableSetColumnIndex(c);
                const std::string& cell =
                    static_cast<size_t>(c) < row.size() ? row[c] : std::string();
                // Figures right-aligned, as on paper.
                if (right[c]) {
                    const float gap =
                        ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(cell.c_str()).x;
                    if (gap > 0) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + gap);
                }
                ImGui::TextUnformatted(cell.c_str());
                if (s.probe) joined += (c ? " | " : "") + cell;
            }
            if (s.probe) s.probe->note("report-row" + std::to_string(i), joined);
        }
    }
    drag_table(s);
    ImGui::EndTable();
}

void draw_period(State& s, ReportsState& r) {
    if (toggle_button(s, i18n::tr("Month##period"), !r.range)) r.range = false;
    ImGui::SameLine();
    if (toggle_button(s, i18n::tr("Date range##period"), r.range)) {
        if (!r.range && r.from.empty()) {
            const DayRange m = r.month.days();
            r.from = date_from_days(m.first);
            r.to = date_from_days(m.last);
        }
        r.range = true;
    }
    ImGui::SameLine(0, 1.5f * em());
    if (!r.range) {
        if (big_button(s, i18n::tr("< Earlier##month"))) r.month = r.month.previous();
        ImGui::SameLine();
        const std::string words = month_words(r.month);
        push_bold_font();
        const float top = ImGui::GetCursorPosY();  // the buttons' line; the month on its centre
        ImGui::SetCursorPosY(top + (touch_height() - ImGui::GetTextLineHeight()) / 2);
        ImGui::TextUnformatted(words.c_str());
        pop_font();
        if (s.probe) s.probe->note("report:month", r.month.text());
        ImGui::SameLine();
        ImGui::SetCursorPosY(top);
        const Month latest = month_of_day(device_day_of_ms(s.store.now_ms()));
        if (big_button(s, i18n::tr("Later >##month"), 0, r.month != latest))
            r.month = r.month.next();
    } else {
        // The dates are typed as the store reads them (ISO), in every language.
        // No length limit: a whole date is at the limit, and its "at most"
        // notice broke the row; a date that cannot be read says so above.
        text_field(s, nullptr, "##report_from", &r.from, i18n::tr("from YYYY-MM-DD"), 10 * em());
        ImGui::SameLine();
        text_field(s, nullptr, "##report_to", &r.to, i18n::tr("to YYYY-MM-DD"), 10 * em());
    }
}

}  // namespace

void draw_reports_screen(State& s) {
    ReportsState& r = s.reports;
    if (!may_manage_stock(s)) {
        text_coloured(colour::muted(),
                      i18n::tr("Reports are for storekeepers and administrators."));
        return;
    }
    if (!r.month_set) {
        r.month = month_of_day(last_full_month(device_day_of_ms(s.store.now_ms())).first);
        r.month_set = true;
    }
    const auto& names = report_names();
    for (size_t i = 0; i < names.size() && i < 5; ++i) {
        const char* label = i18n::tr(kReportLabels[i]);
        if (i) flow_next(button_width(label));
        if (toggle_button(s, label, r.report == i)) r.report = i;
    }
    // The table saved is the one on screen (the dialog is modal: nothing
    // changes the choice between showing it and saving it).
    flow_next(button_width(i18n::tr("Export")));
    const bool ready = r.table.loaded && r.table.error.empty();
    export_control(
        s, "reports",
        [&r]() -> Result<ReportTable> {
            if (!r.table.loaded || !r.table.error.empty())
                return Status::InvalidArgument(i18n::tr("the report could not be made"));
            return r.table.value;
        },
        ready);
    draw_period(s, r);
    const bool uses_amc = r.report <= 1;  // stock status and consumption
    if (uses_amc) {
        for (int i = 0; i < 3; ++i) {
            const char* label = i18n::tr(kAmcLabels[i]);
            flow_next(button_width(label));
            if (toggle_button(s, label, r.amc == i)) r.amc = i;
        }
    }

    const Result<DayRange> range = chosen_range(r);
    ReportTable* table = nullptr;
    if (!range.ok()) {
        r.banner.set_error(range.status().message());
    } else {
        r.banner.clear();
        const std::string name = names[r.report];
        const std::string key = name + "|" + range->text() + "|" + kAmcNames[r.amc] + "|" +
                                i18n::code(i18n::screen_lang());
        refresh(s, r.table, key, [&]() -> Result<ReportTable> {
            ReportOptions o;
            o.range = *range;
            parse_amc_method(kAmcNames[r.amc], &o.amc);
            o.lang = i18n::screen_lang();  // titles, headers, dates and numbers as the user reads them
            return run_report(s.store, name, o);
        });
        if (!r.table.error.empty())
            r.banner.set_error(r.table.error);
        else
            table = &r.table.value;
    }
    show_banner(s, r.banner);
    if (!table) return;

    push_bold_font();
    ImGui::TextUnformatted(table->title.c_str());
    pop_font();
    std::string notes;
    // The stock-status notes repeat the days of the title; the rest is news.
    // The table is in the screen language, so its days note starts with the
    // translated pattern's words before {0} ("Days: ", "Jours : ").
    const std::string days_pattern = i18n::tr("Days: {0} ({1} days, {2})");
    const std::string days_prefix = days_pattern.substr(0, days_pattern.find("{0}"));
    for (const std::string& n : table->notes) {
        if (!days_prefix.empty() && n.rfind(days_prefix, 0) == 0) continue;
        notes += (notes.empty() ? "" : "\n") + n;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted());
    ImGui::TextWrapped("%s", notes.c_str());
    ImGui::PopStyleColor();
    if (s.probe) {
        s.probe->note("report:title", table->title);
        s.probe->note("report:notes", notes);
        s.probe->note("report:rows", std::to_string(table->rows.size()));
    }
    if (table->rows.empty()) {
        ImGui::TextUnformatted(i18n::tr("Nothing in this period."));
        return;
    }
    draw_table(s, *table);
}

}  // namespace outpost

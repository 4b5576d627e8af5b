// See web_table.h.
#include "web_table.h"

#include <cmath>
#include <cstdio>

namespace outpost {
namespace web {

using dashboard::Cell;
using dashboard::Column;
using dashboard::Table;

std::string cell_text(const Cell& c) {
    if (std::holds_alternative<int64_t>(c)) return std::to_string(std::get<int64_t>(c));
    if (std::holds_alternative<double>(c)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.2f", std::get<double>(c));
        return buf;
    }
    if (std::holds_alternative<std::string>(c)) return std::get<std::string>(c);
    return "";
}

namespace {

std::string utc_text(int64_t ms) {
    time_t t = static_cast<time_t>(ms / 1000);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
    return buf;
}

std::string time_html(int64_t ms) {
    if (ms <= 0) return "never";
    return "<time data-ms=\"" + std::to_string(ms) + "\">" + utc_text(ms) + "</time>";
}

std::string cell_html(const Column& col, const Cell& c) {
    if (col.kind == Column::Kind::kTimeMs) {
        int64_t ms = 0;
        if (std::holds_alternative<int64_t>(c)) ms = std::get<int64_t>(c);
        if (std::holds_alternative<double>(c)) ms = static_cast<int64_t>(std::get<double>(c));
        return time_html(ms);
    }
    if (col.key == "device_id" && std::holds_alternative<std::string>(c) && std::get<std::string>(c).size() > 8) {
        const std::string& id = std::get<std::string>(c);  // long ids shortened; the whole in the tooltip
        return "<span title=\"" + escape(id) + "\">" + escape(id.substr(id.size() - 8)) + "</span>";
    }
    if (col.key == "health" || col.key == "state" || col.key == "status") {
        const std::string v = cell_text(c);
        // The kiosk's words for sync health (status_bar.cpp health_word).
        const std::string shown = col.key == "state" ? dashboard::state_title(v)
                                  : col.key == "health" && v == "ok" ? "healthy"
                                  : col.key == "health" && v == "never" ? "never synced"
                                                                         : v;
        return "<span class=\"tag tag-" + escape(v) + "\">" + escape(shown) + "</span>";
    }
    return escape(cell_text(c));
}

bool numeric(const Column& col) {
    return col.kind == Column::Kind::kInteger || col.kind == Column::Kind::kNumber;
}

}  // namespace

std::string table_html(const Table& t, const Params& params, LinkFn link) {
    const std::string sort = param(params, "sort");
    const bool desc = param(params, "desc") == "1";
    std::string h = "<div class=\"scroll\"><table><thead><tr>";
    for (const auto& col : t.columns) {
        const bool sorted = sort == col.key;
        const std::string q = query_with(params, {{"sort", col.key}, {"desc", sorted && !desc ? "1" : ""}, {"page", ""}});
        h += "<th" + std::string(numeric(col) ? " class=\"num\"" : "") + " title=\"" + escape(col.formula) +
             "\"><a href=\"" + escape(q) + "\">" + escape(col.title) + (sorted ? (desc ? " &#9660;" : " &#9650;") : "") +
             "</a></th>";
    }
    h += "</tr></thead><tbody>";
    for (const auto& row : t.rows) {
        h += "<tr>";
        for (size_t i = 0; i < t.columns.size() && i < row.size(); ++i) {
            const Column& col = t.columns[i];
            std::string inner = cell_html(col, row[i]);
            const std::string to = link ? link(t, row, col.key) : "";
            if (!to.empty() && !inner.empty()) inner = "<a href=\"" + escape(to) + "\">" + inner + "</a>";
            h += std::string("<td") + (numeric(col) ? " class=\"num\"" : "") + " data-label=\"" + escape(col.title) +
                 "\">" + inner + "</td>";
        }
        h += "</tr>";
    }
    if (t.rows.empty())
        h += "<tr><td colspan=\"" + std::to_string(t.columns.size()) + "\">No rows match these filters.</td></tr>";
    return h + "</tbody></table></div>";
}

std::string pager_html(const Table& t, const Params& params) {
    const int64_t size = t.page_size > 0 ? t.page_size : static_cast<int64_t>(t.rows.size());
    const int64_t first = t.rows.empty() ? 0 : (t.page - 1) * size + 1;
    const int64_t last = first == 0 ? 0 : first + static_cast<int64_t>(t.rows.size()) - 1;
    std::string h = "<p class=\"pager\">Rows <span class=\"rows-shown\">" + std::to_string(first) + "-" +
                    std::to_string(last) + "</span> of <span class=\"total-rows\">" + std::to_string(t.total_rows) +
                    "</span>";
    if (t.page > 1)
        h += " <a href=\"" + escape(query_with(params, {{"page", std::to_string(t.page - 1)}})) + "\">previous</a>";
    if (last < t.total_rows)
        h += " <a href=\"" + escape(query_with(params, {{"page", std::to_string(t.page + 1)}})) + "\">next</a>";
    return h + "</p>";
}

std::string as_of_html(const Table& t) {
    std::string h = "<details class=\"as-of\" open><summary>Data as of (your time zone: <span class=\"tz\">UTC</span>)"
                    "</summary><ul>";
    for (const auto& s : t.data_as_of_ms)
        h += "<li data-site=\"" + escape(s.first) + "\"><b>" + escape(s.first) + "</b> " + time_html(s.second) + "</li>";
    if (t.data_as_of_ms.empty()) h += "<li>no site in this view</li>";
    return h + "</ul></details>";
}

std::string downloads_html(const std::string& page_name, const Params& params) {
    const std::string q = query_with(params, {{"page", ""}, {"page_size", ""}});
    return "<p class=\"downloads\"><a class=\"button\" href=\"/csv/" + page_name + escape(q) +
           "\" download>Download CSV</a> <a href=\"/api/" + page_name + escape(q) + "\">JSON</a></p>";
}

}  // namespace web
}  // namespace outpost

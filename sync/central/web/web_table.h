// A dashboard::Table as HTML: sortable headers whose tooltip is the column's
// exact formula, cells by kind (times as <time> for the viewer's zone),
// drill-down links, paging, the per-site "data as of" line and the CSV/JSON
// links carrying the page's own filters.
#pragma once

#include <string>

#include "dashboard_data.h"
#include "web_html.h"

namespace outpost {
namespace web {

// Where a cell links to, given its row: "" for no link.
using LinkFn = std::string (*)(const dashboard::Table& t, const std::vector<dashboard::Cell>& row,
                               const std::string& column_key);

std::string cell_text(const dashboard::Cell& c);  // as in the CSV
std::string table_html(const dashboard::Table& t, const Params& params, LinkFn link);
std::string pager_html(const dashboard::Table& t, const Params& params);
std::string as_of_html(const dashboard::Table& t);
// "Download CSV" and "JSON" links to /csv/<page> and /api/<page>.
std::string downloads_html(const std::string& page_name, const Params& params);

}  // namespace web
}  // namespace outpost

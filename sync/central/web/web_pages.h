// The dashboard's pages: each one a dashboard:: query (sync/central/dashboard)
// shown as an HTML table, and the same query's Table as JSON (/api/) or CSV
// (/csv/, every row). The viewer's Scope is applied by the query itself.
#pragma once

#include <string>

#include "admin_accounts.h"
#include "central_core.h"
#include "web_app.h"
#include "web_html.h"

namespace outpost {
namespace web {

enum class Format { kHtml, kJson, kCsv };

// page: "sites", "stock", "item", "site", "card", "expiring", "trend",
// "requisitions".
// 404 for another name.
WebResponse serve_page(CentralCore& core, const Session& session, const std::string& page_name, Format format,
                       const Params& params, int64_t now_ms);

}  // namespace web
}  // namespace outpost

// The dashboard's pages (see web_pages.h). Each page runs its dashboard::
// query once with the request's filters and the viewer's scope; its tiles
// are the same query with one more filter (state=...), so a tile's count and
// its drill-down list can never disagree.
#include "web_pages.h"

#include <cstdlib>

#include "dashboard_data.h"
#include "web_table.h"

namespace outpost {
namespace web {

namespace {

using dashboard::Filter;
using dashboard::Scope;
using dashboard::Table;

Scope scope_of(const Session& s) {
    if (s.admin.role == AdminRole::kAdministrator || s.admin.sites.empty()) return Scope::all_sites();
    return Scope::only(s.admin.sites);
}

int int_param(const Params& p, const std::string& key, int fallback, int lo, int hi) {
    const std::string v = param(p, key);
    if (v.empty() || v.size() > 6 || v.find_first_not_of("0123456789") != std::string::npos) return fallback;
    const int n = std::atoi(v.c_str());
    return n < lo ? lo : n > hi ? hi : n;
}

Filter filter_of(const Params& p, Format format) {
    Filter f;
    f.item_code = param(p, "item");
    f.site_code = param(p, "site");
    f.region = param(p, "region");
    f.state = param(p, "state");
    f.sort = param(p, "sort");
    f.descending = param(p, "desc") == "1";
    f.page = int_param(p, "page", 1, 1, 1000000);
    f.page_size = int_param(p, "page_size", 50, 1, 500);
    if (format == Format::kCsv) f.page = 1, f.page_size = 0;  // a download holds every row
    f.expiring_within_days = int_param(p, "within", 42, 1, 3650);
    f.month_from = param(p, "from");
    f.month_to = param(p, "to");
    return f;
}

WebResponse error_page(const Status& s) {
    WebResponse r;
    r.status = s.code() == Status::Code::kNotFound ? 404 : s.code() == Status::Code::kInvalidArgument ? 400 : 500;
    r.content_type = "text/plain; charset=utf-8";
    r.body = s.message();
    return r;
}

std::string link_cells(const Table& t, const std::vector<dashboard::Cell>& row, const std::string& key) {
    auto cell = [&](const char* k) {
        const int i = t.column(k);
        return i < 0 || i >= static_cast<int>(row.size()) ? std::string() : cell_text(row[i]);
    };
    if (key == "site_code" || key == "site_name") return "/site?site=" + url_encode(cell("site_code"));
    if (key == "item_code" || key == "item_name") {
        const std::string site = cell("site_code"), item = cell("item_code");
        if (!site.empty()) return "/card?site=" + url_encode(site) + "&item=" + url_encode(item);
        return "/item?item=" + url_encode(item);
    }
    return "";
}

std::string hidden_fields(const Params& p, std::initializer_list<const char*> keys) {
    std::string h;
    for (const char* k : keys)
        if (!param(p, k).empty())
            h += "<input type=\"hidden\" name=\"" + std::string(k) + "\" value=\"" + escape(param(p, k)) + "\">";
    return h;
}

// The filter form: one GET form whose fields are the page's own parameters.
std::string filter_form(const Params& p, const std::vector<std::string>& regions, bool item, bool site, bool region,
                        const std::vector<std::pair<std::string, std::string>>& states,
                        std::initializer_list<const char*> keep) {
    std::string h = "<form method=\"get\" class=\"filters\">" + hidden_fields(p, keep);
    if (item)
        h += "<label>Item code <input name=\"item\" value=\"" + escape(param(p, "item")) + "\" size=\"10\"></label>";
    if (site)
        h += "<label>Site code <input name=\"site\" value=\"" + escape(param(p, "site")) + "\" size=\"8\"></label>";
    if (region) {
        h += "<label>Region <select name=\"region\"><option value=\"\">all</option>";
        for (const auto& r : regions)
            h += "<option" + std::string(param(p, "region") == r ? " selected" : "") + ">" + escape(r) + "</option>";
        h += "</select></label>";
    }
    if (!states.empty()) {
        h += "<label>State <select name=\"state\"><option value=\"\">all</option>";
        for (const auto& s : states)
            h += "<option value=\"" + s.first + "\"" + (param(p, "state") == s.first ? " selected" : "") + ">" +
                 escape(s.second) + "</option>";
        h += "</select></label>";
    }
    return h + "<button type=\"submit\">Apply</button> <a href=\"?\">clear</a></form>";
}

struct Tile {
    std::string key, title, formula;
};

// Counts of the same query with state=key added; each links to that list.
template <typename Query>
std::string tiles_html(const std::vector<Tile>& tiles, const Filter& base, const Params& p, Query&& query) {
    std::string h = "<div class=\"tiles\">";
    for (const Tile& t : tiles) {
        Filter f = base;
        f.state = t.key;
        f.page = 1;
        f.page_size = 1;
        auto r = query(f);
        const std::string n = r.ok() ? std::to_string(r->total_rows) : "?";
        h += "<a class=\"tile tag-" + t.key + "\" data-state=\"" + t.key + "\" href=\"" +
             escape(query_with(p, {{"state", t.key}, {"page", ""}})) + "\" title=\"" + escape(t.formula) +
             "\"><span class=\"count\">" + n + "</span><span>" + escape(t.title) + "</span></a>";
    }
    return h + "</div>";
}

const std::vector<std::pair<std::string, std::string>>& stock_states() {
    static const std::vector<std::pair<std::string, std::string>> s = {
        {"stocked_out", "Stocked out"}, {"below_minimum", "Below minimum"}, {"ok", "OK"},
        {"overstocked", "Overstocked"}, {"no_consumption", "No consumption"}};
    return s;
}

std::vector<Tile> stock_tiles() {
    return {{"stocked_out", "Stocked out", "site x item rows with available SOH <= 0 (available: unexpired, not on hold)"},
            {"below_minimum", "Below minimum", "rows with SOH > 0, AMC > 0 and MOS = SOH / AMC < 2"},
            {"ok", "OK", "rows with 2 <= MOS <= 3 (MOS = SOH / AMC)"},
            {"overstocked", "Overstocked", "rows with MOS > 3"},
            {"no_consumption", "No consumption", "rows with SOH > 0 and AMC = 0 (last 3 whole months), MOS undefined"}};
}

std::vector<Tile> requisition_tiles() {
    return {{"open", "Open lines", "requisition lines of sent requisitions that no shipment answers yet"},
            {"answered", "Answered lines", "requisition lines of requisitions answered by a shipment"}};
}

}  // namespace

WebResponse serve_page(CentralCore& core, const Session& session, const std::string& name, Format format,
                       const Params& p, int64_t now) {
    const Scope scope = scope_of(session);
    const Filter filter = filter_of(p, format);
    // Requisitions are read out of the feed into central's order tables
    // first (a write, under the core's own lock, so before read()).
    if (name == "requisitions")
        if (Status s = core.catch_up_orders(); !s.ok()) return error_page(s);
    std::string title, body_before, body_after;
    std::vector<std::string> regions;
    Result<Table> table = Status::NotFound("no such page: " + name);
    core.read_only([&](Db& db) {
        auto rg = dashboard::regions(db, scope);
        if (rg.ok()) regions = *rg;
        auto run = [&](const Filter& f) -> Result<Table> {
            if (name == "sites") return dashboard::sites_health(db, scope, f, now);
            if (name == "stock") return dashboard::stock_status(db, scope, f, now);
            if (name == "item") return dashboard::item_across_sites(db, scope, f, now);
            if (name == "site") return dashboard::site_detail(db, scope, param(p, "part").empty() ? "items" : param(p, "part"), f, now);
            if (name == "card") return dashboard::stock_card(db, scope, f);
            if (name == "expiring") return dashboard::expiring(db, scope, f, now);
            if (name == "trend") return dashboard::consumption_trend(db, scope, f, now);
            if (name == "requisitions") return dashboard::requisitions(db, scope, f);
            return Status::NotFound("no such page: " + name);
        };
        if (name == "item" && filter.item_code.empty())
            table = Status::InvalidArgument("give an item code (item=...)");
        else if ((name == "site" && filter.site_code.empty()) ||
                 (name == "card" && (filter.site_code.empty() || filter.item_code.empty())))
            table = Status::InvalidArgument(name == "site" ? "give a site code (site=...)"
                                                           : "give a site and an item code (site=...&item=...)");
        else
            table = run(filter);
        if (format != Format::kHtml || !table.ok()) return 0;
        if (name == "stock") body_before = tiles_html(stock_tiles(), filter, p, run);
        if (name == "expiring")
            body_before = tiles_html(
                {{"expired", "Expired", "batches with SOH > 0 whose expiry date is before today"},
                 {"expiring", "Expiring", "batches with SOH > 0 expiring from today to today + " +
                                              std::to_string(filter.expiring_within_days) + " days (expired excluded)"}},
                filter, p, run);
        if (name == "requisitions") body_before = tiles_html(requisition_tiles(), filter, p, run);
        return 0;
    });
    // A page missing its item or site shows its form with the message; every
    // other failure (and any failure of JSON or CSV) is an error answer.
    if (!table.ok() && (format != Format::kHtml || table.status().code() != Status::Code::kInvalidArgument))
        return error_page(table.status());

    WebResponse r;
    if (format == Format::kJson) {
        r.content_type = "application/json";
        r.body = dashboard::to_json(*table).dump();
        return r;
    }
    if (format == Format::kCsv) {
        r.content_type = "text/csv; charset=utf-8";
        r.headers.emplace_back("Content-Disposition", "attachment; filename=\"outpost-" + name + ".csv\"");
        // A byte-order mark first, so spreadsheets read the file as UTF-8
        // and keep accents (docs/central.md, "Download CSV").
        r.body = "\xEF\xBB\xBF" + dashboard::to_csv(*table);
        return r;
    }
    std::string form;
    if (name == "sites") {
        title = "Sites";
        form = filter_form(p, regions, false, true, true, {}, {});
    } else if (name == "stock") {
        title = "Stock status";
        form = filter_form(p, regions, true, true, true, stock_states(), {});
    } else if (name == "item") {
        title = "Item across sites" + (filter.item_code.empty() ? "" : ": " + filter.item_code);
        form = filter_form(p, regions, true, false, true, {}, {});
    } else if (name == "site") {
        title = "Site " + filter.site_code;
        const std::string part = param(p, "part").empty() ? "items" : param(p, "part");
        form = "<nav class=\"tabs\">";
        for (const char* t : {"items", "batches", "stocktakes"})
            form += "<a href=\"" + escape(query_with(p, {{"part", t}, {"page", ""}, {"sort", ""}})) + "\"" +
                    (part == t ? " class=\"active\"" : "") + ">" + t + "</a>";
        form += "</nav>";
        if (filter.site_code.empty()) form = filter_form(p, regions, false, true, false, {}, {});
    } else if (name == "card") {
        title = "Stock card: " + filter.item_code + " at " + filter.site_code;
        form = filter_form(p, regions, true, true, false, {}, {});
    } else if (name == "expiring") {
        title = "Expiring and expired stock";
        form = filter_form(p, regions, true, true, true, {{"expired", "Expired"}, {"expiring", "Expiring"}}, {"within"});
    } else if (name == "requisitions") {
        title = "Requisitions";
        form = filter_form(p, regions, true, true, true,
                           {{"open", "Open"}, {"answered", "Answered"}}, {});
    } else if (name == "trend") {
        title = "Consumption trend";
        form = filter_form(p, regions, true, true, true, {}, {"from", "to"});
        body_before = "<div class=\"chart\"><canvas id=\"trend\" data-api=\"/api/trend" +
                      escape(query_with(p, {{"page", ""}, {"page_size", "500"}})) +
                      "\" aria-label=\"Monthly consumption chart\"></canvas></div>";
    }
    std::string body = form;
    if (!table.ok()) {
        body += "<p class=\"error\">" + escape(table.status().message()) + "</p>";
    } else {
        if (!table->note.empty()) body += "<p class=\"note\">" + escape(table->note) + "</p>";
        body += as_of_html(*table) + body_before + downloads_html(name, p) + table_html(*table, p, link_cells) +
                pager_html(*table, p) + body_after;
    }
    Frame f;
    f.title = title;
    f.active = name == "item" ? "stock" : name == "site" || name == "card" ? "sites" : name;
    f.user = session.admin.name;
    f.role = role_name(session.admin.role);
    if (session.admin.role == AdminRole::kViewer && !session.admin.sites.empty())
        f.sites_note = "sites " + join_sites(session.admin.sites);
    f.csrf = session.csrf;
    f.chart = name == "trend";
    r.body = page(f, body);
    return r;
}

}  // namespace web
}  // namespace outpost

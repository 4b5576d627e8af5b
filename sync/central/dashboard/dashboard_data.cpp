// Scope, the query runner, CSV and JSON, regions and the sites page
// (dashboard_data.h).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "dashboard_data.h"
#include "dashboard_internal.h"
#include "projection_days.h"

namespace outpost {
namespace dashboard {

Scope Scope::all_sites() { return Scope(true, {}); }
Scope Scope::only(std::vector<std::string> site_codes) { return Scope(false, std::move(site_codes)); }
bool Scope::allows(const std::string& code) const {
    return all_ || std::find(codes_.begin(), codes_.end(), code) != codes_.end();
}

int Table::column(const std::string& key) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i].key == key) return static_cast<int>(i);
    return -1;
}

const char* state_title(const std::string& k) {
    if (k == "stocked_out") return "Stocked out";
    if (k == "below_minimum") return "Below minimum";
    if (k == "ok") return "OK";
    if (k == "overstocked") return "Overstocked";
    if (k == "no_consumption") return "No consumption";
    if (k == "expired") return "Expired";
    if (k == "expiring") return "Expiring";
    return "";
}

std::string today_text(int64_t now_ms) { return projection::day_text(projection::day_of_ms(now_ms)); }

std::string scope_condition(const Scope& scope, const std::string& code_column, Binds* binds) {
    if (scope.all()) return "1";
    std::string sql = code_column + " IN (";
    for (size_t i = 0; i < scope.site_codes().size(); ++i) {
        sql += i ? ",?" : "?";
        binds->push_back(scope.site_codes()[i]);
    }
    return sql + (scope.site_codes().empty() ? "NULL)" : ")");
}

std::string equal_conditions(const std::string& prefix,
                             std::initializer_list<std::pair<const char*, const std::string*>> conditions,
                             Binds* binds) {
    std::string sql;
    for (const auto& c : conditions) {
        if (c.second->empty()) continue;
        sql += " AND " + prefix + c.first + " = ?";
        binds->push_back(*c.second);
    }
    return sql;
}

std::string scoped_sites_cte(const Scope& scope, const Filter& filter, Binds* binds) {
    std::string sql =
        "ss AS (SELECT s.id AS site_id, s.code AS site_code, s.name AS site_name, COALESCE(r.region, '') AS region "
        "FROM sites s LEFT JOIN site_regions r ON r.site_id = s.id WHERE ";
    sql += scope_condition(scope, "s.code", binds);
    if (!filter.site_code.empty()) {
        sql += " AND s.code = ?";
        binds->push_back(filter.site_code);
    }
    if (!filter.region.empty()) {
        sql += " AND r.region = ?";
        binds->push_back(filter.region);
    }
    return sql + ")";
}

static void bind_all(Stmt& st, const Binds& binds) {
    int i = 0;
    for (const auto& b : binds) {
        ++i;
        if (auto v = std::get_if<int64_t>(&b)) st.bind(i, *v);
        else if (auto d = std::get_if<double>(&b)) st.bind(i, *d);
        else if (auto s = std::get_if<std::string>(&b)) st.bind(i, *s);
        else st.bind_null(i);
    }
}

static Cell read_cell(const Stmt& st, int c) {
    switch (st.type(c)) {
        case SQLITE_NULL: return std::monostate{};
        case SQLITE_INTEGER: return st.i64(c);
        case SQLITE_FLOAT: return st.f64(c);
        default: return st.text(c);
    }
}

Result<Table> run(Db& db, const Query& q, const Filter& filter) {
    Table t;
    t.columns = q.columns;
    std::string order = q.natural_order;
    if (!filter.sort.empty()) {
        if (t.column(filter.sort) < 0)
            return Status::InvalidArgument("cannot sort by '" + filter.sort + "': not a column of this table");
        // NULLs (undefined months of stock, no price) sort last either way.
        order = filter.sort + " IS NULL, " + filter.sort + (filter.descending ? " DESC" : " ASC") +
                (order.empty() ? "" : ", " + order);
    }
    const int page_size = std::max(0, filter.page_size);
    const int page = std::max(1, filter.page);
    const std::string rows_sql =
        " FROM (" + q.select + ") q" + (q.where.empty() ? "" : " WHERE " + q.where);
    std::string sql = q.with + " SELECT *" + rows_sql + (order.empty() ? "" : " ORDER BY " + order);
    Binds binds = q.binds;
    if (page_size > 0) {
        sql += " LIMIT ? OFFSET ?";
        binds.push_back(int64_t{page_size});
        binds.push_back(int64_t{page_size} * (page - 1));
    }
    Status err;
    Stmt st = db.prepare(sql, &err);
    if (!err.ok()) return Status::IoError("dashboard query: " + err.message());
    bind_all(st, binds);
    const int n = static_cast<int>(t.columns.size());
    while (st.step()) {
        std::vector<Cell> row;
        row.reserve(n);
        for (int c = 0; c < n; ++c) row.push_back(read_cell(st, c));
        t.rows.push_back(std::move(row));
    }
    if (!st.status().ok()) return Status::IoError("dashboard query: " + st.status().message());
    if (page_size == 0 || (page == 1 && static_cast<int>(t.rows.size()) < page_size)) {
        t.total_rows = static_cast<int64_t>(t.rows.size());
    } else {
        // The same rows counted (SQLite flattens the select: no column is computed).
        Stmt c = db.prepare(q.with + " SELECT COUNT(*)" + rows_sql, &err);
        if (!err.ok()) return Status::IoError("dashboard query: " + err.message());
        bind_all(c, q.binds);
        if (c.step()) t.total_rows = c.i64(0);
        if (!c.status().ok()) return Status::IoError("dashboard query: " + c.status().message());
    }
    t.page = page;
    t.page_size = page_size;
    // "Data as of": the last accepted push of any device, per site in scope.
    Stmt asof = db.prepare(q.with + " SELECT ss.site_code, COALESCE(MAX(d.last_push_ms), 0) FROM ss "
                                  "LEFT JOIN devices d ON d.site_id = ss.site_id GROUP BY ss.site_code");
    bind_all(asof, Binds(q.binds.begin(), q.binds.begin() + static_cast<long>(q.with_binds)));
    while (asof.step()) t.data_as_of_ms[asof.text(0)] = asof.i64(1);
    if (!asof.status().ok()) return Status::IoError("dashboard query: " + asof.status().message());
    return t;
}

Result<std::string> site_in_scope(Db& db, const Scope& scope, const std::string& site_code) {
    Filter f;
    f.site_code = site_code;
    Binds binds;
    Stmt st = db.prepare("WITH " + scoped_sites_cte(scope, f, &binds) + " SELECT site_id FROM ss");
    bind_all(st, binds);
    if (st.step()) return st.text(0);
    if (!st.status().ok()) return st.status();
    return Status::NotFound("there is no site '" + site_code + "' among the sites you may see");
}

Result<std::vector<std::string>> regions(Db& db, const Scope& scope) {
    Binds binds;
    Stmt st = db.prepare("WITH " + scoped_sites_cte(scope, Filter(), &binds) +
                         " SELECT DISTINCT region FROM ss WHERE region <> '' ORDER BY region");
    bind_all(st, binds);
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.text(0));
    if (!st.status().ok()) return st.status();
    return out;
}

Result<Table> sites_health(Db& db, const Scope& scope, const Filter& filter, int64_t now_ms) {
    using K = Column::Kind;
    Query q;
    q.columns = {
        {"site_code", "Site", "", K::kText},
        {"site_name", "Name", "", K::kText},
        {"region", "Region", "Set with outpost-central site region", K::kText},
        {"device_id", "Device", "", K::kText},
        {"device_name", "Device name", "", K::kText},
        {"app_version", "App version",
         "The version the device sent (X-Outpost-App) with its last request; blank: an older app that does "
         "not send it, or no request since central recorded versions",
         K::kText},
        {"last_push_ms", "Last push", "Last push central accepted from the device", K::kTimeMs},
        {"last_pull_ms", "Last pull", "Last pull the device made", K::kTimeMs},
        {"last_sync_ms", "Last sync", "The later of last push and last pull", K::kTimeMs},
        {"pending", "Changes waiting", "Changes the device said at its last push it still holds", K::kInteger},
        {"last_error", "Last error", "Empty when the device's last exchange went well", K::kText},
        {"health", "Sync health",
         "never: no sync yet; ok: last sync within 1 day; amber: more than 1 day ago; red: more than 3 days ago; "
         "revoked: the device's token is refused",
         K::kText},
        {"days_since_stocktake", "Days since stocktake",
         "Whole days from the site's last finalised stocktake to now; blank: never", K::kInteger},
        {"days_since_dispensing", "Days since dispensing",
         "Whole days from the site's last dispensing to now; blank: never", K::kInteger},
        {"picture_age_s", "Age of central's picture",
         "Seconds from the last push central accepted from any device of the site to now; blank: never",
         K::kInteger},
    };
    q.with = "WITH " + scoped_sites_cte(scope, filter, &q.binds) +
             ", nowv AS (SELECT ? AS ms), asof AS (SELECT site_id, MAX(last_push_ms) t FROM devices GROUP BY site_id)";
    q.binds.push_back(now_ms);
    q.with_binds = q.binds.size();
    q.select =
        "SELECT ss.site_code, ss.site_name, ss.region, d.id AS device_id, d.name AS device_name, "
        "NULLIF(d.app_version, '') AS app_version, NULLIF(d.last_push_ms, 0) AS last_push_ms, NULLIF(d.last_pull_ms, 0) AS last_pull_ms, "
        "NULLIF(max(COALESCE(d.last_push_ms, 0), COALESCE(d.last_pull_ms, 0)), 0) AS last_sync_ms, "
        "d.pending AS pending, d.last_error AS last_error, "
        "CASE WHEN d.id IS NULL THEN NULL WHEN d.revoked THEN 'revoked' "
        "  WHEN max(d.last_push_ms, d.last_pull_ms) = 0 THEN 'never' "
        "  WHEN nowv.ms - max(d.last_push_ms, d.last_pull_ms) > 3 * 86400000 THEN 'red' "
        "  WHEN nowv.ms - max(d.last_push_ms, d.last_pull_ms) > 86400000 THEN 'amber' ELSE 'ok' END AS health, "
        "CASE WHEN a.last_stocktake_ms > 0 THEN (nowv.ms - a.last_stocktake_ms) / 86400000 END AS days_since_stocktake, "
        "CASE WHEN a.last_dispense_ms > 0 THEN (nowv.ms - a.last_dispense_ms) / 86400000 END AS days_since_dispensing, "
        "CASE WHEN asof.t > 0 THEN (nowv.ms - asof.t) / 1000 END AS picture_age_s "
        "FROM ss LEFT JOIN devices d ON d.site_id = ss.site_id LEFT JOIN p_site_activity a ON a.site_id = ss.site_id "
        "LEFT JOIN asof ON asof.site_id = ss.site_id CROSS JOIN nowv";
    q.natural_order = "site_code, device_name";
    return run(db, q, filter);
}

// ---- CSV and JSON ------------------------------------------------------------------

static std::string cell_text(const Cell& c) {
    if (auto v = std::get_if<int64_t>(&c)) return std::to_string(*v);
    if (auto d = std::get_if<double>(&c)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.2f", *d);
        return buf;
    }
    if (auto s = std::get_if<std::string>(&c)) return *s;
    return "";
}

static void csv_field(std::string* out, const std::string& v) {
    if (v.find_first_of(",\"\r\n") == std::string::npos) {
        *out += v;
        return;
    }
    *out += '"';
    for (char ch : v) {
        if (ch == '"') *out += '"';
        *out += ch;
    }
    *out += '"';
}

std::string to_csv(const Table& t) {
    std::string out;
    out.reserve(64 * (t.rows.size() + 1));
    for (size_t i = 0; i < t.columns.size(); ++i) {
        if (i) out += ',';
        csv_field(&out, t.columns[i].title);
    }
    out += "\r\n";
    for (const auto& row : t.rows) {
        for (size_t i = 0; i < row.size(); ++i) {
            if (i) out += ',';
            csv_field(&out, cell_text(row[i]));
        }
        out += "\r\n";
    }
    return out;
}

nlohmann::json to_json(const Table& t) {
    using json = nlohmann::json;
    static const char* kKinds[] = {"text", "integer", "number", "time_ms", "date"};
    json cols = json::array();
    for (const auto& c : t.columns)
        cols.push_back({{"key", c.key}, {"title", c.title}, {"formula", c.formula},
                        {"kind", kKinds[static_cast<int>(c.kind)]}});
    json rows = json::array();
    for (const auto& r : t.rows) {
        json row = json::array();
        for (const auto& c : r) {
            if (auto v = std::get_if<int64_t>(&c)) row.push_back(*v);
            else if (auto d = std::get_if<double>(&c)) row.push_back(std::round(*d * 100) / 100);
            else if (auto s = std::get_if<std::string>(&c)) row.push_back(*s);
            else row.push_back(nullptr);
        }
        rows.push_back(std::move(row));
    }
    return json{{"columns", cols},           {"rows", rows}, {"total_rows", t.total_rows},
                {"page", t.page},           {"page_size", t.page_size},
                {"data_as_of_ms", t.data_as_of_ms}, {"note", t.note}};
}

}  // namespace dashboard
}  // namespace outpost

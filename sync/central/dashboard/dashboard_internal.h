// Shared by the dashboard's .cpp files only: the scoped-sites CTE every
// query starts from, and the runner that filters, sorts, pages and reads a
// query into a Table.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "dashboard_data.h"

namespace outpost {
namespace dashboard {

using Binds = std::vector<Cell>;

// "ss AS (...)": the sites the scope allows, narrowed by filter.site_code
// and filter.region, with columns site_id, site_code, site_name, region.
// Every query joins its rows to ss, so no row of a site outside the scope
// can appear. Appends its parameters to *binds (it must come first).
// "1" for every site, else "<code_column> IN (?,...)" of the scope's codes
// ("IN (NULL)": none); appends the codes to *binds.
std::string scope_condition(const Scope& scope, const std::string& code_column, Binds* binds);

// " AND <prefix><column> = ?" for each (column, value) whose value is not
// empty; appends the values to *binds.
std::string equal_conditions(const std::string& prefix,
                             std::initializer_list<std::pair<const char*, const std::string*>> conditions,
                             Binds* binds);

std::string scoped_sites_cte(const Scope& scope, const Filter& filter, Binds* binds);

struct Query {
    std::vector<Column> columns;  // the select's result columns, in order, named by key
    std::string with;             // "WITH ss AS (...), ..." (from scoped_sites_cte first)
    std::string select;           // the rows, one column per Column, aliased by key
    std::string where;            // extra condition on the select's columns ("" none)
    std::string natural_order;    // ORDER BY when filter.sort is empty (column keys)
    Binds binds;                  // for with, select and where, in order
    size_t with_binds = 0;        // how many of binds belong to `with`
};

// Runs q with filter's sort and page; fills rows, total_rows, page and
// data_as_of_ms (from ss). An unknown sort key is refused (InvalidArgument).
Result<Table> run(Db& db, const Query& q, const Filter& filter);

// The site's id when the scope allows its code; NotFound otherwise (the
// same answer for "no such site" and "not yours", so a viewer learns
// nothing of sites outside their list).
Result<std::string> site_in_scope(Db& db, const Scope& scope, const std::string& site_code);

std::string today_text(int64_t now_ms);  // "YYYY-MM-DD" UTC

}  // namespace dashboard
}  // namespace outpost

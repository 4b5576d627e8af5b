// The replicated tables: who owns each (central or site), how copies merge,
// and their columns. The store uses these specs to write local and pulled
// rows; outpost-central uses them to check what a device may push. Payloads
// on the wire are {"<table>": [ {<column>: value, ...}, ... ], ...}.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sqlite_db.h"

namespace outpost {

using json = nlohmann::json;

enum class Owner { kCentral, kSite };
enum class Merge {
    kInsertOnce,      // immutable: INSERT OR IGNORE (replays change nothing)
    kLastWriterWins,  // mutable: newer (hlc, device_id) wins
    kReplace,         // central data: the latest pulled version wins
};

struct TableSpec {
    const char* name;
    Owner owner;
    Merge merge;
    std::vector<const char*> columns;  // first column(s) named in key
    std::vector<const char*> key;
};

// In the order changes are applied (parents before children).
const std::vector<TableSpec>& table_specs();
const TableSpec* find_table(const std::string& name);

// Writes one row (a JSON object with the spec's columns) with the spec's merge
// rule. Sets *inserted when a new row appeared (stock_events: the caller then
// moves stock on hand). Absent columns take schema defaults; unknown keys are
// ignored.
Status upsert_row(Db& db, const TableSpec& spec, const json& row, bool* inserted);

// Every row of the table as the JSON objects upsert_row takes (integers as
// numbers, text as strings, NULL as null), in key order. For copying a
// site's rows elsewhere (the demo central takes in a demo store's catalogue
// and users this way).
Result<json> read_rows(Db& db, const TableSpec& spec);

}  // namespace outpost

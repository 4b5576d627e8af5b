// Importing the item catalogue into central from CSV (the format of
// assets/catalogue.csv). All or nothing: every line is checked before any row
// is written, and the first problem is reported with its line number so the
// administrator can fix the spreadsheet. Each item then becomes a global feed
// row that every device pulls.
#include <fstream>
#include <map>
#include <sstream>

#include <optional>

#include "central_core.h"
#include "central_internal.h"
#include "csv.h"

namespace outpost {

using central::json;

namespace {

std::string trim(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return "";
    return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

bool parse_whole(const std::string& s, int64_t* out) {
    if (s.empty() || s.size() > 15) return false;
    size_t i = s[0] == '-' ? 1 : 0;
    if (i == s.size()) return false;
    int64_t v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    *out = s[0] == '-' ? -v : v;
    return true;
}

bool parse_flag(std::string s, int64_t* out) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (s == "1" || s == "yes" || s == "true" || s == "y") return (*out = 1), true;
    if (s == "0" || s == "no" || s == "false" || s == "n" || s.empty()) return (*out = 0), true;
    return false;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

const char* const kRequired[] = {"code", "name", "strength", "form", "unit", "pack_size", "default_directions",
                                  "warning", "reorder_level", "cold_chain", "controlled"};

}  // namespace

Result<int64_t> CentralCore::import_catalogue_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::NotFound("cannot open the catalogue file " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return import_catalogue_csv(ss.str());
}

Result<int64_t> CentralCore::import_catalogue_csv(const std::string& csv_text) {
    Result<std::vector<CsvRecord>> read = read_csv(csv_text);
    if (!read.ok()) return Status::InvalidArgument("catalogue " + read.status().message());
    const std::vector<CsvRecord>& records = read.value();
    if (records.empty()) return Status::InvalidArgument("the catalogue file is empty");

    // Header: the required columns in any order, plus an optional "active".
    std::map<std::string, size_t> col;
    for (size_t i = 0; i < records[0].fields.size(); ++i) {
        const std::string name = lower(trim(records[0].fields[i]));
        if (col.count(name)) return Status::InvalidArgument("catalogue line 1: column '" + name + "' appears twice");
        col[name] = i;
    }
    for (const char* r : kRequired)
        if (!col.count(r)) return Status::InvalidArgument(std::string("catalogue line 1: the header has no '") + r +
                                                          "' column (expected code,name,strength,form,unit,pack_size,"
                                                          "default_directions,warning,reorder_level,cold_chain,"
                                                          "controlled)");
    for (const auto& c : col) {
        bool known = c.first == "active" || c.first == "unit_price";
        for (const char* r : kRequired) known = known || c.first == r;
        if (!known) return Status::InvalidArgument("catalogue line 1: unknown column '" + c.first + "'");
    }
    if (records.size() == 1) return Status::InvalidArgument("the catalogue has a header but no items");

    std::vector<json> rows;
    // Central-only (the dashboard's stock values): never in the feed row.
    std::vector<std::optional<double>> prices;
    std::map<std::string, int> line_of_code;
    for (size_t r = 1; r < records.size(); ++r) {
        const CsvRecord& rec = records[r];
        const std::string at = "catalogue line " + std::to_string(rec.line) + ": ";
        // Field count, then UTF-8 (items travel as JSON, which must be UTF-8).
        const Status shape = check_csv_record(rec, records[0].fields.size());
        if (!shape.ok()) return Status::InvalidArgument("catalogue " + shape.message());
        auto get = [&](const char* name) { return trim(rec.fields[col.at(name)]); };
        json row;
        const std::string code = get("code");
        if (code.empty() || code.find_first_of(" \t") != std::string::npos)
            return Status::InvalidArgument(at + "the item code is empty or has spaces");
        if (line_of_code.count(code))
            return Status::InvalidArgument(at + "item code " + code + " is already on line " +
                                           std::to_string(line_of_code[code]));
        line_of_code[code] = rec.line;
        if (get("name").empty()) return Status::InvalidArgument(at + "item " + code + " has no name");
        int64_t pack = 0, reorder = 0, cold = 0, controlled = 0, active = 1;
        if (!parse_whole(get("pack_size"), &pack) || pack < 1)
            return Status::InvalidArgument(at + "pack_size '" + get("pack_size") + "' is not a whole number of 1 or more");
        if (!parse_whole(get("reorder_level"), &reorder) || reorder < 0)
            return Status::InvalidArgument(at + "reorder_level '" + get("reorder_level") +
                                           "' is not a whole number of 0 or more");
        if (!parse_flag(get("cold_chain"), &cold))
            return Status::InvalidArgument(at + "cold_chain '" + get("cold_chain") + "' must be 0 or 1");
        if (!parse_flag(get("controlled"), &controlled))
            return Status::InvalidArgument(at + "controlled '" + get("controlled") + "' must be 0 or 1");
        if (col.count("active") && !get("active").empty() && !parse_flag(get("active"), &active))
            return Status::InvalidArgument(at + "active '" + get("active") + "' must be 0 or 1");
        std::optional<double> price;
        if (col.count("unit_price") && !get("unit_price").empty()) {
            const std::string p = get("unit_price");
            char* end = nullptr;
            const double v = std::strtod(p.c_str(), &end);
            if (p.find_first_not_of("0123456789.") != std::string::npos || end != p.c_str() + p.size() || !(v >= 0))
                return Status::InvalidArgument(at + "unit_price '" + p +
                                               "' is not a price of 0 or more (digits and a point, like 0.05)");
            price = v;
        }
        prices.push_back(price);
        const std::string unit = get("unit").empty() ? "unit" : get("unit");
        row = json{{"code", code}, {"name", get("name")}, {"strength", get("strength")}, {"form", get("form")},
                   {"unit", unit}, {"pack_size", pack}, {"default_directions", get("default_directions")},
                   {"warning", get("warning")}, {"reorder_level", reorder}, {"cold_chain", cold},
                   {"controlled", controlled}, {"active", active},
                   {"search", lower(code + " " + get("name") + " " + get("strength"))}};
        rows.push_back(std::move(row));
    }

    std::lock_guard<std::mutex> l(mu_);
    sql::Tx tx(*db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    sql::Stmt find = db_->prepare("SELECT id FROM items WHERE code=?");
    sql::Stmt upsert = db_->prepare(
        "INSERT INTO "
        "items(id,code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,"
        "cold_chain,controlled,active,search) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
        "ON CONFLICT(id) DO UPDATE SET name=excluded.name, strength=excluded.strength, "
        "form=excluded.form, "
        "unit=excluded.unit, pack_size=excluded.pack_size, "
        "default_directions=excluded.default_directions, "
        "warning=excluded.warning, reorder_level=excluded.reorder_level, "
        "cold_chain=excluded.cold_chain, "
        "controlled=excluded.controlled, active=excluded.active, search=excluded.search");
    sql::Stmt set_price = db_->prepare(
        "INSERT INTO item_prices(item_id, unit_price) VALUES(?,?) ON CONFLICT(item_id) DO UPDATE "
        "SET "
        "unit_price=excluded.unit_price");
    sql::Stmt clear_price = db_->prepare("DELETE FROM item_prices WHERE item_id=?");
    const bool has_prices = col.count("unit_price") > 0;
    for (size_t r = 0; r < rows.size(); ++r) {
        json& row = rows[r];
        // An item keeps its id for life: devices' batches and events refer to it.
        find.reset();
        find.bind(1, row["code"].get<std::string>());
        std::string id = find.step() ? find.text(0) : new_id();
        if (!find.status().ok()) return find.status();
        row["id"] = id;
        upsert.reset();
        int i = 1;
        upsert.bind(i++, id);
        for (const char* c : {"code", "name", "strength", "form", "unit"}) upsert.bind(i++, row[c].get<std::string>());
        upsert.bind(i++, row["pack_size"].get<int64_t>());
        upsert.bind(i++, row["default_directions"].get<std::string>());
        upsert.bind(i++, row["warning"].get<std::string>());
        for (const char* c : {"reorder_level", "cold_chain", "controlled", "active"}) upsert.bind(i++, row[c].get<int64_t>());
        upsert.bind(i++, row["search"].get<std::string>());
        Status s = upsert.run();
        if (s.ok()) s = append_feed("", "", 0, json{{"items", json::array({row})}}.dump());
        if (s.ok() && has_prices) {  // an empty unit_price clears the item's price
            sql::Stmt& st = prices[r] ? set_price : clear_price;
            st.reset();
            st.bind(1, id);
            if (prices[r]) st.bind(2, *prices[r]);
            s = st.run();
        }
        if (!s.ok()) return Status::IoError("item " + row["code"].get<std::string>() + " could not be written: " +
                                            s.message() + "; nothing was imported");
    }
    Status s = tx.commit();
    if (!s.ok()) return s;
    return static_cast<int64_t>(rows.size());
}

}  // namespace outpost

// Store lifecycle (open, migrate, identity, meta), the table specifications
// and the row writer shared by local operations and pulled changes, and the
// catalogue. See store.h for the contract and store_internal.h for the
// internal pieces.
#include <algorithm>

#include "schema.h"
#include "i18n.h"
#include "reason_labels.h"
#include "store_internal.h"

namespace outpost {

const char* role_name(Role r) {
    switch (r) {
        // Marked for translation: the screens show tr(role_name(...)).
        case Role::kDispenser: return N_("dispenser");
        case Role::kStorekeeper: return N_("storekeeper");
        case Role::kAdmin: return N_("admin");
    }
    return "dispenser";
}

bool parse_role(const std::string& s, Role* out) {
    if (s == "dispenser") *out = Role::kDispenser;
    else if (s == "storekeeper") *out = Role::kStorekeeper;
    else if (s == "admin") *out = Role::kAdmin;
    else return false;
    return true;
}

std::string Item::display_name() const {
    std::string s = name;
    if (!strength.empty()) s += " " + strength;
    if (!form.empty()) s += " " + form;
    return s;
}

std::string Patient::display_name() const {
    return patient_display_name(family_name, given_name);
}

// ---- table specifications ------------------------------------------------------

const std::vector<TableSpec>& table_specs() {
    static const std::vector<TableSpec> specs = {
        {"sites", Owner::kCentral, Merge::kReplace, {"id", "code", "name", "address", "is_demo"}, {"id"}},
        {"devices", Owner::kCentral, Merge::kReplace, {"id", "site_id", "name"}, {"id"}},
        {"users", Owner::kCentral, Merge::kReplace,
         {"id", "site_id", "name", "role", "pin_hash", "active", "hlc", "lang"}, {"id"}},
        {"items", Owner::kCentral, Merge::kReplace,
         {"id", "code", "name", "strength", "form", "unit", "pack_size", "default_directions",
          "warning", "reorder_level", "cold_chain", "controlled", "active", "search"},
         {"id"}},
        {"reason_codes", Owner::kCentral, Merge::kReplace, {"code", "label", "direction", "active"},
         {"code"}},
        {"batches", Owner::kSite, Merge::kLastWriterWins,
         {"id", "site_id", "item_id", "batch_no", "expiry", "on_hold", "needs_count", "hlc",
          "device_id"},
         {"id"}},
        {"barcode_links", Owner::kSite, Merge::kLastWriterWins,
         {"id", "site_id", "gtin", "item_id", "user_id", "hlc", "device_id"},
         {"id"}},
        {"patients", Owner::kSite, Merge::kLastWriterWins,
         {"id", "site_id", "family_name", "given_name", "sex", "birth_year", "village", "phone",
          "hlc", "device_id", "search"},
         {"id"}},
        {"prescriptions", Owner::kSite, Merge::kInsertOnce,
         {"id", "site_id", "patient_id", "prescriber", "user_id", "device_id", "hlc", "created_ms"},
         {"id"}},
        {"prescription_lines", Owner::kSite, Merge::kInsertOnce,
         {"id", "prescription_id", "line_no", "item_id", "quantity", "directions",
          "directions_text"},
         {"id"}},
        {"stocktakes", Owner::kSite, Merge::kLastWriterWins,
         {"id", "site_id", "device_id", "user_id", "description", "blind", "status", "frontier",
          "started_ms", "finished_ms", "hlc"},
         {"id"}},
        {"stocktake_lines", Owner::kSite, Merge::kReplace,
         {"stocktake_id", "batch_id", "item_id", "expected", "counted", "counted_by"},
         {"stocktake_id", "batch_id"}},
        {"stock_events", Owner::kSite, Merge::kInsertOnce,
         {"id", "site_id", "device_id", "seq", "hlc", "user_id", "kind", "item_id", "batch_id",
          "quantity", "reason", "reverses_event_id", "prescription_line_id", "stocktake_id",
          "supplier", "reference", "note", "created_ms"},
         {"id"}},
        {"cancellations", Owner::kSite, Merge::kInsertOnce,
         {"id", "prescription_id", "reason", "user_id", "hlc"}, {"id"}},
        // Orders (requisitions.h): site requisitions, central shipments.
        {"requisitions", Owner::kSite, Merge::kLastWriterWins,
         {"id", "site_id", "device_id", "user_id", "status", "min_mos", "max_mos", "amc_method", "amc_months",
          "created_ms", "sent_ms", "hlc"},
         {"id"}},
        {"requisition_lines", Owner::kSite, Merge::kInsertOnce,
         {"id", "requisition_id", "site_id", "line_no", "item_id", "amc", "available", "on_order", "suggested",
          "quantity", "reason", "working"},
         {"id"}},
        {"shipments", Owner::kCentral, Merge::kReplace,
         {"id", "site_id", "requisition_id", "reference", "note", "created_ms"}, {"id"}},
        {"shipment_lines", Owner::kCentral, Merge::kReplace,
         {"id", "shipment_id", "site_id", "line_no", "item_id", "batch_no", "expiry", "quantity"}, {"id"}},
    };
    return specs;
}

const TableSpec* find_table(const std::string& name) {
    for (const auto& t : table_specs())
        if (name == t.name) return &t;
    return nullptr;
}

static void bind_json(Stmt& st, int i, const json& v) {
    if (v.is_null()) st.bind_null(i);
    else if (v.is_boolean()) st.bind(i, static_cast<int64_t>(v.get<bool>() ? 1 : 0));
    else if (v.is_number_integer()) st.bind(i, v.get<int64_t>());
    else if (v.is_number_float()) st.bind(i, v.get<double>());
    else if (v.is_string()) st.bind(i, v.get<std::string>());
    else st.bind(i, v.dump());
}

// The statement for the columns a row actually carries (absent columns take
// their schema defaults). Duplicates of the key are the only conflict that is
// tolerated; any other constraint failure is an error, never silently dropped.
static std::string upsert_sql(const TableSpec& spec, const std::vector<bool>& present) {
    std::string cols, qs, sets, key;
    for (size_t i = 0; i < spec.columns.size(); ++i) {
        if (!present[i]) continue;
        cols += (cols.empty() ? "" : ",") + std::string(spec.columns[i]);
        qs += qs.empty() ? "?" : ",?";
        bool is_key = std::find_if(spec.key.begin(), spec.key.end(), [&](const char* k) {
                          return std::string(k) == spec.columns[i];
                      }) != spec.key.end();
        if (!is_key)
            sets += (sets.empty() ? "" : ",") + std::string(spec.columns[i]) + "=excluded." + spec.columns[i];
    }
    for (size_t i = 0; i < spec.key.size(); ++i) key += (i ? "," : "") + std::string(spec.key[i]);
    const std::string t = spec.name;
    const std::string insert = "INSERT INTO " + t + "(" + cols + ") VALUES(" + qs + ") ON CONFLICT(" + key + ") ";
    if (spec.merge == Merge::kInsertOnce || sets.empty()) return insert + "DO NOTHING";
    if (spec.merge == Merge::kReplace) return insert + "DO UPDATE SET " + sets;
    return insert + "DO UPDATE SET " + sets + " WHERE excluded.hlc > " + t + ".hlc OR (excluded.hlc = " + t +
           ".hlc AND excluded.device_id > " + t + ".device_id)";
}

Status upsert_row(Db& db, const TableSpec& spec, const json& row, bool* inserted) {
    if (!row.is_object()) return Status::InvalidArgument(std::string("a row of ") + spec.name + " is not an object");
    for (const char* k : spec.key)
        if (!row.contains(k) || row[k].is_null())
            return Status::InvalidArgument(std::string("a row of ") + spec.name + " has no " + k);
    std::vector<bool> present(spec.columns.size());
    // The statement depends only on the table and which columns the row
    // carries: cache it under that short key instead of rebuilding its text.
    std::string key = spec.name;
    key += ':';
    for (size_t i = 0; i < spec.columns.size(); ++i) {
        present[i] = row.contains(spec.columns[i]);
        key += present[i] ? '1' : '0';
    }
    Status err;
    Stmt st = db.cached(key, [&] { return upsert_sql(spec, present); }, &err);
    if (!err.ok()) return err;
    int n = 0;
    for (size_t i = 0; i < spec.columns.size(); ++i)
        if (present[i]) bind_json(st, ++n, row[spec.columns[i]]);
    int64_t before = sqlite3_total_changes(db.raw());
    Status s = st.run();
    if (!s.ok()) return Status::IoError(s.message() + " (table " + spec.name + ")");
    if (inserted) *inserted = sqlite3_total_changes(db.raw()) > before;
    return Status::Ok();
}

Result<json> read_rows(Db& db, const TableSpec& spec) {
    std::string cols, key;
    for (const char* c : spec.columns) cols += (cols.empty() ? "" : ",") + std::string(c);
    for (const char* k : spec.key) key += (key.empty() ? "" : ",") + std::string(k);
    Status err;
    Stmt st = db.prepare("SELECT " + cols + " FROM " + spec.name + " ORDER BY " + key, &err);
    if (!err.ok()) return err;
    json rows = json::array();
    while (st.step()) {
        json row = json::object();
        for (size_t i = 0; i < spec.columns.size(); ++i) {
            const int c = static_cast<int>(i);
            switch (st.type(c)) {
                case SQLITE_NULL: row[spec.columns[i]] = nullptr; break;
                case SQLITE_INTEGER: row[spec.columns[i]] = st.i64(c); break;
                case SQLITE_FLOAT: row[spec.columns[i]] = st.f64(c); break;
                default: row[spec.columns[i]] = st.text(c); break;
            }
        }
        rows.push_back(std::move(row));
    }
    if (!st.status().ok()) return Status::IoError(st.status().message() + " (reading " + spec.name + ")");
    return rows;
}

Status add_stock_on_hand(Db& db, const std::string& batch_id, const std::string& item_id,
                         int64_t quantity) {
    Stmt st = db.cached(
        "INSERT INTO stock_on_hand(batch_id,item_id,quantity) VALUES(?,?,?) "
        "ON CONFLICT(batch_id) DO UPDATE SET quantity=quantity+excluded.quantity");
    st.bind(1, batch_id).bind(2, item_id).bind(3, quantity);
    return st.run();
}

// ---- StoreWriter ----------------------------------------------------------------

StoreWriter::StoreWriter(Store& s, const std::string& e) : store(s), entity(e) {
    seq_ = s.outbox_last_seq() + 1;
    hlc_ = s.hlc_.tick(s.now_ms());
}

json StoreWriter::base_row() const {
    return json{{"site_id", store.identity_.site_id},
                {"hlc", hlc_},
                {"device_id", store.identity_.device_id}};
}

Status StoreWriter::write(const char* table, const json& row) {
    const TableSpec* spec = find_table(table);
    if (!spec) return Status::InvalidArgument(std::string("unknown table ") + table);
    bool inserted = false;
    Status s = upsert_row(db(), *spec, row, &inserted);
    if (!s.ok()) return s;
    payload[table].push_back(row);
    return Status::Ok();
}

Result<std::string> StoreWriter::event(json ev) {
    // An event may come with a derived id (a reversal); otherwise a new one.
    if (!ev.contains("id")) ev["id"] = new_uuid_v7(store.now_ms());
    const std::string id = ev["id"].get<std::string>();
    ev["site_id"] = store.identity_.site_id;
    ev["device_id"] = store.identity_.device_id;
    ev["seq"] = seq_;
    ev["hlc"] = hlc_;
    ev["created_ms"] = store.now_ms();
    Status s = write("stock_events", ev);
    if (!s.ok()) return s;
    s = add_stock_on_hand(db(), ev["batch_id"].get<std::string>(), ev["item_id"].get<std::string>(),
                          ev["quantity"].get<int64_t>());
    if (!s.ok()) return s;
    return id;
}

Status StoreWriter::finish(const std::string& entity_id) {
    Stmt st = db().prepare("INSERT INTO outbox(seq,entity,entity_id,hlc,payload) VALUES(?,?,?,?,?)");
    st.bind(1, seq_).bind(2, entity).bind(3, entity_id).bind(4, hlc_).bind(5, payload.dump());
    Status s = st.run();
    if (!s.ok()) return s;
    ++store.local_writes_;
    return store.set_meta("hlc", hlc_);
}

// ---- helpers ----------------------------------------------------------------------

std::string like_pattern(const std::string& text) {
    std::string out = "%";
    for (char c : search_key(text)) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

const char* kItemColumns =
    "items.id,items.code,items.name,items.strength,items.form,items.unit,items.pack_size,"
    "items.default_directions,items.warning,items.reorder_level,items.cold_chain,"
    "items.controlled,items.active";

void read_item(Stmt& s, int c, Item* it) {
    it->id = s.text(c);
    it->code = s.text(c + 1);
    it->name = s.text(c + 2);
    it->strength = s.text(c + 3);
    it->form = s.text(c + 4);
    it->unit = s.text(c + 5);
    it->pack_size = s.i64(c + 6);
    it->default_directions = s.text(c + 7);
    it->warning = s.text(c + 8);
    it->reorder_level = s.i64(c + 9);
    it->cold_chain = s.i64(c + 10) != 0;
    it->controlled = s.i64(c + 11) != 0;
    it->active = s.i64(c + 12) != 0;
}

Result<Item> load_item(Db& db, const std::string& id) {
    Stmt s = db.prepare(std::string("SELECT ") + kItemColumns + " FROM items WHERE id=?");
    s.bind(1, id);
    if (!s.step()) {
        if (!s.status().ok()) return s.status();
        return Status::NotFound("no item with id " + id + " in the catalogue");
    }
    Item it;
    read_item(s, 0, &it);
    return it;
}

// ---- lifecycle ------------------------------------------------------------------------

Store::~Store() = default;

// The search columns hold search_key() of a row's names. Stores written
// before the keys were Unicode-aware (accents kept, only ASCII lower-cased)
// get them computed again once, so "keita" finds a "Kéita" registered then.
// Local derived data: nothing goes to the outbox (every device computes the
// same key from the same row).
static constexpr const char* kSearchKeyVersion = "unicode-1";

static Status rebuild_search_keys(Db& db, Store& store) {
    auto done = store.meta("search_keys");
    if (done && *done == kSearchKeyVersion) return Status::Ok();
    return in_transaction(db, [&]() -> Status {
        const auto rebuild = [&](const char* select, const char* update) -> Status {
            std::vector<std::pair<std::string, std::string>> keys;
            Stmt s = db.prepare(select);
            while (s.step()) keys.emplace_back(s.text(0), search_key(s.text(1)));
            if (!s.status().ok()) return s.status();
            Stmt u = db.prepare(update);
            for (const auto& k : keys) {
                u.reset();
                u.bind(1, k.second).bind(2, k.first);
                Status us = u.run();
                if (!us.ok()) return us;
            }
            return Status::Ok();
        };
        Status st = rebuild("SELECT id, family_name||' '||given_name||' '||village||' '||phone FROM patients",
                            "UPDATE patients SET search=? WHERE id=?");
        if (!st.ok()) return st;
        st = rebuild("SELECT id, code||' '||name||' '||strength FROM items", "UPDATE items SET search=? WHERE id=?");
        if (!st.ok()) return st;
        return store.set_meta("search_keys", kSearchKeyVersion);
    });
}

Result<std::unique_ptr<Store>> Store::Open(const OpenOptions& o) {
    auto db = Db::Open(o.path, o.create);
    if (!db.ok()) return db.status();
    std::unique_ptr<Store> s(new Store());
    s->db_ = std::move(db.value());
    if (o.clock) {
        s->clock_ = o.clock;
    } else {
        s->owned_clock_ = std::make_unique<SystemClock>();
        s->clock_ = s->owned_clock_.get();
    }
    // A file that is not an Outpost store (or not SQLite at all) fails here.
    auto ver = s->db_.query_i64("PRAGMA user_version");
    if (!ver) return Status::Corruption("'" + o.path + "' is not an SQLite database Outpost can read");
    Status st = migrate(s->db_);
    if (!st.ok()) return st;
    auto demo = s->meta("demo");
    if (!demo) {
        st = s->set_meta("demo", o.demo ? "1" : "0");
        if (!st.ok()) return st;
        demo = o.demo ? "1" : "0";
    }
    bool is_demo = *demo == "1";
    if (o.either_kind) {
        // (a store made by this very open takes o.demo, above)
    } else if (is_demo && !o.demo)
        return Status::PermissionDenied("'" + o.path +
                                        "' is a demo (training) store; open it with --demo");
    if (!is_demo && o.demo)
        return Status::PermissionDenied("'" + o.path +
                                        "' holds real clinic data and cannot be opened in demo mode");
    s->identity_.demo = is_demo;
    st = rebuild_search_keys(s->db_, *s);
    if (!st.ok()) return st;
    s->identity_.site_id = s->meta("site_id").value_or("");
    s->identity_.site_code = s->meta("site_code").value_or("");
    s->identity_.site_name = s->meta("site_name").value_or("");
    s->identity_.device_id = s->meta("device_id").value_or("");
    s->identity_.device_name = s->meta("device_name").value_or("");
    if (auto h = s->meta("hlc")) s->hlc_.restore(*h);
    return s;
}

std::optional<std::string> Store::meta(const std::string& key) {
    Stmt s = db_.prepare("SELECT value FROM meta WHERE key=?");
    s.bind(1, key);
    if (s.step()) return s.text(0);
    return std::nullopt;
}

Status Store::set_meta(const std::string& key, const std::string& value) {
    Stmt s = db_.prepare("INSERT INTO meta(key,value) VALUES(?,?) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    s.bind(1, key).bind(2, value);
    return s.run();
}

Status Store::set_meta(const std::vector<std::pair<std::string, std::string>>& entries) {
    return in_transaction(db_, [&]() -> Status {
        for (const auto& kv : entries) {
            Status s = set_meta(kv.first, kv.second);
            if (!s.ok()) return s;
        }
        return Status::Ok();
    });
}

bool Store::has_identity() const { return !identity_.device_id.empty(); }

static Status seed_reason_codes(Db& db) {
    // The labels are stored in English; screens translate them by their code
    // (reason_labels.h).
    const TableSpec* spec = find_table("reason_codes");
    for (const DefaultReason& r : default_reasons()) {
        Status s = upsert_row(db, *spec,
                              json{{"code", r.code}, {"label", r.label}, {"direction", r.direction}, {"active", 1}},
                              nullptr);
        if (!s.ok()) return s;
    }
    return Status::Ok();
}

Status Store::init_registered(const Identity& id, const std::vector<std::pair<std::string, std::string>>& meta) {
    if (has_identity()) return Status::Conflict("this store already belongs to site " + identity_.site_name);
    if (id.site_id.empty() || id.device_id.empty())
        return Status::InvalidArgument("a site id and a device id are needed");
    Status s = in_transaction(db_, [&]() -> Status {
        Status st = upsert_row(db_, *find_table("sites"),
                               json{{"id", id.site_id}, {"code", id.site_code}, {"name", id.site_name},
                                    {"address", ""}, {"is_demo", identity_.demo ? 1 : 0}},
                               nullptr);
        if (!st.ok()) return st;
        st = upsert_row(db_, *find_table("devices"),
                        json{{"id", id.device_id}, {"site_id", id.site_id}, {"name", id.device_name}},
                        nullptr);
        if (!st.ok()) return st;
        for (auto kv : {std::make_pair("site_id", id.site_id), std::make_pair("site_code", id.site_code),
                        std::make_pair("site_name", id.site_name), std::make_pair("device_id", id.device_id),
                        std::make_pair("device_name", id.device_name)}) {
            st = set_meta(kv.first, kv.second);
            if (!st.ok()) return st;
        }
        for (const auto& kv : meta) {
            st = set_meta(kv.first, kv.second);
            if (!st.ok()) return st;
        }
        return Status::Ok();
    });
    if (!s.ok()) return s;
    bool demo = identity_.demo;
    identity_ = id;
    identity_.demo = demo;
    ++local_writes_;
    return Status::Ok();
}

Status Store::init_standalone(const std::string& site_code, const std::string& site_name,
                              const std::string& device_name) {
    if (site_code.empty() || site_name.empty())
        return Status::InvalidArgument("a site code and a site name are needed");
    Identity id;
    id.site_id = new_uuid_v7(now_ms());
    id.site_code = site_code;
    id.site_name = site_name;
    id.device_id = new_uuid_v7(now_ms());
    id.device_name = device_name.empty() ? "device" : device_name;
    Status s = init_registered(id);
    if (!s.ok()) return s;
    return in_transaction(db_, [&] { return seed_reason_codes(db_); });
}

uint64_t Store::data_version() {
    uint64_t other = static_cast<uint64_t>(db_.query_i64("PRAGMA data_version").value_or(0));
    return (other << 32) + local_writes_;
}

// ---- catalogue ---------------------------------------------------------------------------

Result<std::string> Store::upsert_item(const ItemInput& in) {
    if (in.code.empty()) return Status::InvalidArgument("an item needs a code");
    if (in.name.empty()) return Status::InvalidArgument("item " + in.code + " needs a name");
    if (in.pack_size <= 0)
        return Status::InvalidArgument("item " + in.code + ": pack size must be 1 or more units");
    if (in.reorder_level < 0)
        return Status::InvalidArgument("item " + in.code + ": reorder level cannot be negative");
    std::string id;
    {
        Stmt s = db_.prepare("SELECT id FROM items WHERE code=?");
        s.bind(1, in.code);
        id = s.step() ? s.text(0) : new_uuid_v7(now_ms());
    }
    const json row = item_row(id, in);
    Status s = in_transaction(db_, [&] { return upsert_row(db_, *find_table("items"), row, nullptr); });
    if (!s.ok()) return s;
    ++local_writes_;
    return id;
}

json item_row(const std::string& id, const ItemInput& in) {
    return json{{"id", id},
                {"code", in.code},
                {"name", in.name},
                {"strength", in.strength},
                {"form", in.form},
                {"unit", in.unit.empty() ? "unit" : in.unit},
                {"pack_size", in.pack_size},
                {"default_directions", in.default_directions},
                {"warning", in.warning},
                {"reorder_level", in.reorder_level},
                {"cold_chain", in.cold_chain ? 1 : 0},
                {"controlled", in.controlled ? 1 : 0},
                {"active", in.active ? 1 : 0},
                {"search", search_key(in.code + " " + in.name + " " + in.strength)}};
}

Result<Item> Store::item(const std::string& item_id) { return load_item(db_, item_id); }

Result<Item> Store::item_by_code(const std::string& code) {
    Stmt s = db_.prepare("SELECT id FROM items WHERE code=?");
    s.bind(1, code);
    if (!s.step()) return Status::NotFound("no item with code '" + code + "' in the catalogue");
    return load_item(db_, s.text(0));
}

Result<std::vector<Item>> Store::search_items(const std::string& text, int limit) {
    if (limit <= 0 || limit > 500) limit = 20;
    Stmt s = db_.prepare(std::string("SELECT ") + kItemColumns +
                         " FROM items WHERE active=1 AND search LIKE ? ESCAPE '\\' "
                         "ORDER BY (lower(code) LIKE ? ESCAPE '\\') DESC, name, strength LIMIT ?");
    std::string prefix = like_pattern(text).substr(1);
    s.bind(1, like_pattern(text)).bind(2, prefix).bind(3, static_cast<int64_t>(limit));
    std::vector<Item> out;
    while (s.step()) {
        Item it;
        read_item(s, 0, &it);
        out.push_back(std::move(it));
    }
    if (!s.status().ok()) return s.status();
    return out;
}

std::vector<ReasonCode> Store::reason_codes() {
    std::vector<ReasonCode> out;
    Stmt s = db_.prepare("SELECT code,label,direction FROM reason_codes WHERE active=1 ORDER BY rowid");
    while (s.step()) out.push_back({s.text(0), s.text(1), s.i32(2)});
    return out;
}

}  // namespace outpost

// Bulk row writer for generated stores (see bulk_writer.h).
#include "bulk_writer.h"

namespace outpost {

BulkWriter::BulkWriter(Db& db, DemoRng& ids, std::string site_id, std::string local_device_id,
                       bool write_outbox)
    : db_(db),
      ids_(ids),
      site_id_(std::move(site_id)),
      local_device_id_(std::move(local_device_id)),
      write_outbox_(write_outbox),
      events_spec_(find_table("stock_events")) {}

const std::string& BulkWriter::tick(int64_t ms) {
    if (ms > ms_) ms_ = ms;
    hlc_ = clock_.tick(ms_);
    collect_payload_ = record_only_ = false;
    return hlc_;
}

void BulkWriter::begin(const std::string& device_id, const std::string& entity, int64_t ms,
                       bool keep_payload, bool record_only) {
    device_id_ = device_id;
    entity_ = entity;
    if (ms > ms_) ms_ = ms;
    hlc_ = clock_.tick(ms_);
    seq_ = ++seqs_[device_id];
    record_only_ = record_only;
    collect_payload_ = keep_payload || record_only || (write_outbox_ && device_id == local_device_id_);
    payload_ = json::object();
    in_change_ = true;
}

json BulkWriter::base_row() const {
    return json{{"site_id", site_id_}, {"hlc", hlc_}, {"device_id", device_id_}};
}

int64_t BulkWriter::last_seq(const std::string& device_id) const {
    auto it = seqs_.find(device_id);
    return it == seqs_.end() ? 0 : it->second;
}

static void bind_json(Stmt& st, int i, const json& v) {
    if (v.is_null()) st.bind_null(i);
    else if (v.is_boolean()) st.bind(i, static_cast<int64_t>(v.get<bool>() ? 1 : 0));
    else if (v.is_number_integer()) st.bind(i, v.get<int64_t>());
    else if (v.is_number_float()) st.bind(i, v.get<double>());
    else if (v.is_string()) st.bind(i, v.get_ref<const std::string&>());
    else st.bind(i, v.dump());
}

// One INSERT per table and set of columns present (absent columns take their
// schema defaults), prepared once.
Stmt& BulkWriter::statement(const TableSpec& spec, uint64_t mask) {
    auto key = std::make_pair(&spec, mask);
    auto it = stmts_.find(key);
    if (it != stmts_.end()) return it->second;
    std::string cols, qs;
    for (size_t i = 0; i < spec.columns.size(); ++i) {
        if (!(mask & (1ull << i))) continue;
        cols += (cols.empty() ? "" : ",") + std::string(spec.columns[i]);
        qs += qs.empty() ? "?" : ",?";
    }
    Stmt st = db_.prepare("INSERT INTO " + std::string(spec.name) + "(" + cols + ") VALUES(" + qs + ")");
    return stmts_.emplace(key, std::move(st)).first->second;
}

Status BulkWriter::write(const char* table, const json& row) {
    const TableSpec* spec = find_table(table);
    if (!spec) return Status::InvalidArgument(std::string("unknown table ") + table);
    if (record_only_) {
        payload_[table].push_back(row);
        return Status::Ok();
    }
    uint64_t mask = 0;
    for (size_t i = 0; i < spec->columns.size(); ++i)
        if (row.contains(spec->columns[i])) mask |= 1ull << i;
    Stmt& st = statement(*spec, mask);
    st.reset();
    int n = 0;
    for (size_t i = 0; i < spec->columns.size(); ++i)
        if (mask & (1ull << i)) bind_json(st, ++n, row[spec->columns[i]]);
    Status s = st.run();
    if (!s.ok()) return Status::IoError(s.message() + " (generating table " + table + ")");
    ++rows_;
    if (collect_payload_) payload_[table].push_back(row);
    return Status::Ok();
}

Result<std::string> BulkWriter::event(json ev) {
    // An event may come with a derived id (a reversal), as in the store.
    if (!ev.contains("id")) ev["id"] = new_id();
    const std::string id = ev["id"].get<std::string>();
    ev["site_id"] = site_id_;
    ev["device_id"] = device_id_;
    ev["seq"] = seq_;
    ev["hlc"] = hlc_;
    ev["created_ms"] = ms_;
    Status s = write("stock_events", ev);
    if (!s.ok()) return s;
    if (record_only_) return id;
    auto& soh = pending_soh_[ev["batch_id"].get<std::string>()];
    soh.first = ev["item_id"].get<std::string>();
    soh.second += ev["quantity"].get<int64_t>();
    return id;
}

Result<std::string> BulkWriter::end(const std::string& entity_id) {
    const bool collected = collect_payload_, recorded_only = record_only_;
    in_change_ = collect_payload_ = record_only_ = false;
    if (!collected) return std::string();
    std::string text = payload_.dump();
    if (write_outbox_ && !recorded_only && device_id_ == local_device_id_) {
        if (!outbox_prepared_) {
            outbox_insert_ = db_.prepare("INSERT INTO outbox(seq,entity,entity_id,hlc,payload) VALUES(?,?,?,?,?)");
            outbox_prepared_ = true;
        }
        outbox_insert_.reset();
        outbox_insert_.bind(1, seq_).bind(2, entity_).bind(3, entity_id).bind(4, hlc_).bind(5, text);
        Status s = outbox_insert_.run();
        if (!s.ok()) return s;
    }
    return text;
}

Status BulkWriter::flush_stock_on_hand() {
    Stmt st = db_.prepare(
        "INSERT INTO stock_on_hand(batch_id,item_id,quantity) VALUES(?,?,?) "
        "ON CONFLICT(batch_id) DO UPDATE SET quantity=quantity+excluded.quantity");
    for (const auto& kv : pending_soh_) {
        st.reset();
        st.bind(1, kv.first).bind(2, kv.second.first).bind(3, kv.second.second);
        Status s = st.run();
        if (!s.ok()) return s;
    }
    pending_soh_.clear();
    return Status::Ok();
}

}  // namespace outpost

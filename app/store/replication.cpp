// The store's side of sync: reading the outbox for push, applying pulled
// changes with their cursor in one transaction, and the quarantine of changes
// central refused. The wire format is in docs/protocol.md; the payload of a
// change is {"table": [row, ...], ...} with the columns of schema.cpp.
#include "store_internal.h"

namespace outpost {

Result<std::vector<OutboxChange>> Store::outbox_after(int64_t after, int max_rows, size_t max_bytes) {
    if (max_rows <= 0) max_rows = 1;
    // Quarantined changes stay in the outbox (their seq must stay gap-free for
    // central) but are marked; they are still sent so the sequence advances.
    Stmt s = db_.prepare("SELECT seq,entity,entity_id,hlc,payload FROM outbox WHERE seq>? ORDER BY seq LIMIT ?");
    s.bind(1, after).bind(2, static_cast<int64_t>(max_rows));
    std::vector<OutboxChange> out;
    size_t bytes = 0;
    while (s.step()) {
        OutboxChange c{s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4)};
        if (!out.empty() && bytes + c.payload.size() > max_bytes) break;
        bytes += c.payload.size();
        out.push_back(std::move(c));
    }
    if (!s.status().ok()) return s.status();
    return out;
}

int64_t Store::outbox_count_after(int64_t after) {
    Stmt s = db_.prepare("SELECT COUNT(*) FROM outbox WHERE seq>?");
    s.bind(1, after);
    return s.step() ? s.i64(0) : 0;
}

int64_t Store::outbox_last_seq() { return db_.query_i64("SELECT MAX(seq) FROM outbox").value_or(0); }

// Which rows may this device receive? Central tables for everyone (users,
// devices and sites only of this site); site tables only for this site.
static Status check_scope(const TableSpec& spec, const json& row, const Identity& me) {
    std::string t = spec.name;
    if (t == "sites") {
        if (row.value("id", "") != me.site_id) return Status::PermissionDenied("change for another site refused");
        return Status::Ok();
    }
    auto it = row.find("site_id");
    if (it != row.end()) {
        if (!it->is_string() || it->get<std::string>() != me.site_id)
            return Status::PermissionDenied(std::string("a row of ") + spec.name + " belongs to another site");
    } else if (t != "items" && t != "reason_codes" && t != "prescription_lines" && t != "stocktake_lines" &&
               t != "cancellations") {
        return Status::PermissionDenied(std::string("a row of ") + spec.name + " has no site");
    }
    return Status::Ok();
}

Status Store::apply_remote(const std::vector<std::string>& payloads, const std::string& cursor_key,
                           const std::string& cursor_value) {
    if (!has_identity()) return Status::Conflict("this store is not set up for a site yet");
    // A pulled page and its cursor commit together, so if a power cut takes
    // the last commits the cursor goes back with them and the page is simply
    // pulled again. WAL with synchronous=NORMAL keeps every commit atomic and
    // skips the per-commit fsync that local operations (FULL) need; the next
    // local commit's fsync makes these pages durable too.
    (void)db_.exec("PRAGMA synchronous=NORMAL");
    struct RestoreFull {
        Db& db;
        ~RestoreFull() { (void)db.exec("PRAGMA synchronous=FULL"); }
    } restore_full{db_};
    Status st = in_transaction(db_, [&]() -> Status {
        for (const auto& text : payloads) {
            json p = json::parse(text, nullptr, false);
            if (p.is_discarded() || !p.is_object())
                return Status::InvalidArgument("a pulled change is not valid JSON; the page was not applied");
            for (auto it = p.begin(); it != p.end(); ++it)
                if (!find_table(it.key()))
                    return Status::InvalidArgument("a pulled change names unknown table '" + it.key() +
                                                   "'; update Outpost");
            for (const auto& spec : table_specs()) {
                auto rows = p.find(spec.name);
                if (rows == p.end()) continue;
                if (!rows->is_array())
                    return Status::InvalidArgument(std::string("pulled ") + spec.name + " is not a list");
                for (const auto& row : *rows) {
                    Status s = check_scope(spec, row, identity_);
                    if (!s.ok()) return s;
                    bool inserted = false;
                    s = upsert_row(db_, spec, row, &inserted);
                    if (!s.ok()) return s;
                    if (auto h = row.find("hlc"); h != row.end() && h->is_string()) hlc_.observe(*h);
                    if (inserted && std::string(spec.name) == "stock_events") {
                        if (!row["quantity"].is_number_integer() || !row["batch_id"].is_string() ||
                            !row["item_id"].is_string())
                            return Status::InvalidArgument("a pulled stock event is malformed");
                        s = add_stock_on_hand(db_, row["batch_id"], row["item_id"], row["quantity"].get<int64_t>());
                        if (!s.ok()) return s;
                    }
                }
            }
        }
        Status s = set_meta(cursor_key, cursor_value);
        if (!s.ok()) return s;
        return set_meta("hlc", hlc_.last());
    });
    if (st.ok()) ++local_writes_;
    return st;
}

Status Store::quarantine_change(int64_t seq, const std::string& reason) {
    Stmt s = db_.prepare(
        "INSERT OR REPLACE INTO quarantine(seq,entity,entity_id,reason,payload,at_ms) "
        "SELECT seq,entity,entity_id,?,payload,? FROM outbox WHERE seq=?");
    s.bind(1, reason).bind(2, now_ms()).bind(3, seq);
    Status st = s.run();
    if (st.ok() && db_.changes() == 0) return Status::NotFound("no outbox change " + std::to_string(seq));
    if (st.ok()) ++local_writes_;
    return st;
}

Result<std::vector<OutboxChange>> Store::quarantined() {
    Stmt s = db_.prepare("SELECT seq,entity,entity_id,reason,payload FROM quarantine ORDER BY seq");
    std::vector<OutboxChange> out;
    // hlc carries the reason here: the screen shows it beside the change.
    while (s.step()) out.push_back({s.i64(0), s.text(1), s.text(2), s.text(3), s.text(4)});
    if (!s.status().ok()) return s.status();
    return out;
}

}  // namespace outpost

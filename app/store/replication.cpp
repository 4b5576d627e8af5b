// The store's side of sync: reading the outbox for push, applying pulled
// changes with their cursor in one transaction, and the quarantine of changes
// central refused. The wire format is in docs/protocol.md; the payload of a
// change is {"table": [row, ...], ...} with the columns of schema.cpp.
#include "json_read.h"
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

// The HLC just after `hlc` (one more on the counter; a millisecond borrowed
// when the counter is full), or "" when it does not parse.
static std::string hlc_after(const std::string& hlc) {
    int64_t pt = 0, lc = 0;
    if (!decode_hlc(hlc, &pt, &lc)) return "";
    if (++lc > 0xFFFF) {
        ++pt;
        lc = 0;
    }
    return encode_hlc(pt, lc);
}

// Flags a batch for a count when a pulled dispensing left its balance below
// zero here, as dispense() does for a short dispensing made on this device
// (design, data model 4: two offline devices both dispensed the last box;
// the second one's dispensing arrives by sync). Only dispensings, as
// locally: an adjustment or a count that leaves a balance below zero does
// not raise the flag where it is made, so it does not where it arrives
// either (a device restored from the feed would otherwise flag batches the
// device that made those changes, seeing the same balance, did not).
//
// Why the flag is a local change with its own outbox row, not a quiet local
// UPDATE: batches is a replicated last-writer-wins table, and every copy of a
// row version (hlc, device_id) must hold the same columns everywhere. A flag
// set here only would leave this device's batch differing from central's and
// the other devices' copies of the same version for good, and a device
// restored from central would not have it. As a change, central and every
// device learn it and converge on it like any other write to the batch.
//
// Why the flag's row carries the event's HLC (or the one just after the
// batch's current version, when that is newer) and not this device's clock
// now: this device may hear of the event late (a long time offline, a
// restore from zero pulling years of history). A stocktake finalised by a
// device that had already seen the event orders after the event, so its
// "counted, flag cleared" must still win when it arrives after our flag;
// stamped "now", our flag would beat that older clear and flag a batch that
// was already counted, on every device. (A count that had not seen the event
// yet may also order after it and clear the flag; the balance then stays
// below zero, and the stock list flags any batch below zero.) The outbox
// change itself takes a fresh tick as usual, so this device's changes stay
// in clock order.
//
// No flag when the batch is flagged already: the device that dispensed short
// sends its own flag in the same change, applied before the events (batches
// come before stock_events in table_specs), so its dispensing adds nothing.
static Status flag_batch_if_below_zero(Store& store, const std::string& batch_id,
                                       const std::string& event_hlc) {
    auto b = load_batch(store.db(), batch_id);
    if (!b.ok())  // no batch row: the event's foreign key refuses it
        return b.status().code() == Status::Code::kNotFound ? Status::Ok() : b.status();
    if (b->needs_count || b->on_hand >= 0) return Status::Ok();
    std::string stamp = event_hlc > b->hlc ? event_hlc : hlc_after(b->hlc);
    if (stamp.empty()) return Status::InvalidArgument("batch " + batch_id + " has an unreadable clock value");
    StoreWriter::hlc_of(store).observe(stamp);  // before the change takes its tick
    StoreWriter w(store, "count_flag");  // tells it from a hold in the outbox (describe_change)
    b->needs_count = true;
    Status s = write_batch(w, *b, stamp);
    if (!s.ok()) return s;
    return w.finish(batch_id);
}

// The rows of one payload, applied with the same checks whatever brought it.
// *max_hlc: the highest clock value of its rows ("" when none).
static Status apply_payload(Store& store, const json& p, const Identity& me, std::string* max_hlc) {
    for (auto it = p.begin(); it != p.end(); ++it)
        if (!find_table(it.key()))
            return Status::InvalidArgument("a pulled change names unknown table '" + it.key() + "'; update Outpost");
    Hlc& clock = StoreWriter::hlc_of(store);
    for (const auto& spec : table_specs()) {
        auto rows = p.find(spec.name);
        if (rows == p.end()) continue;
        if (!rows->is_array()) return Status::InvalidArgument(std::string("pulled ") + spec.name + " is not a list");
        for (const auto& row : *rows) {
            Status s = check_scope(spec, row, me);
            if (!s.ok()) return s;
            bool inserted = false;
            s = upsert_row(store.db(), spec, row, &inserted);
            if (!s.ok()) return s;
            if (auto h = row.find("hlc"); h != row.end() && h->is_string()) {
                clock.observe(*h);
                if (h->get<std::string>() > *max_hlc) *max_hlc = h->get<std::string>();
            }
            if (inserted && std::string(spec.name) == "stock_events") {
                if (!row["quantity"].is_number_integer() || !row["batch_id"].is_string() || !row["item_id"].is_string())
                    return Status::InvalidArgument("a pulled stock event is malformed");
                const int64_t quantity = row["quantity"].get<int64_t>();
                s = add_stock_on_hand(store.db(), row["batch_id"], row["item_id"], quantity);
                if (!s.ok()) return s;
                // Right after the event, before the rest of the page,
                // so a later row of this page (a count that cleared
                // the flag) merges with the flag in clock order.
                const auto kind = row.find("kind"), h = row.find("hlc");
                if (quantity < 0 && kind != row.end() && *kind == "dispense") {
                    s = flag_batch_if_below_zero(store, row["batch_id"],
                                                 h != row.end() && h->is_string() ? h->get<std::string>() : "");
                    if (!s.ok()) return s;
                }
            }
        }
    }
    return Status::Ok();
}

// A change of device `origin` must only carry stock events of that device
// and sequence number, or the version vector would lie about what is held.
static Status check_origin(const json& p, const std::string& origin, int64_t seq) {
    auto events = p.find("stock_events");
    if (events == p.end() || !events->is_array()) return Status::Ok();
    for (const auto& ev : *events) {
        if (!ev.is_object() || ev.value("device_id", json()) != origin || ev.value("seq", json()) != seq)
            return Status::PermissionDenied("change " + std::to_string(seq) + " of device " + origin +
                                            " carries a stock event of another device or change");
    }
    return Status::Ok();
}

Status Store::apply_remote(const std::vector<std::string>& payloads, const std::string& cursor_key,
                           const std::string& cursor_value) {
    std::vector<RemoteChange> changes(payloads.size());
    for (size_t i = 0; i < payloads.size(); ++i) changes[i].payload = payloads[i];
    return apply_remote(changes, {{cursor_key, cursor_value}});
}

Status Store::apply_remote(const std::vector<RemoteChange>& changes,
                           const std::vector<std::pair<std::string, std::string>>& meta) {
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
        Stmt held = db_.prepare("SELECT payload FROM held_changes WHERE origin_device=? AND seq=?");
        Stmt keep = db_.prepare(
            "INSERT INTO held_changes(origin_device,seq,hlc,own_before,payload) VALUES(?,?,?,?,?)");
        for (const auto& change : changes) {
            const bool has_origin = !change.origin.empty() && change.seq > 0;
            if (has_origin && change.origin == identity_.device_id) continue;  // our outbox holds it
            json p;
            std::string unreadable;
            if (!parse_json(change.payload, &p, &unreadable))
                return Status::InvalidArgument("a pulled change " + unreadable + "; the page was not applied");
            if (!p.is_object())
                return Status::InvalidArgument("a pulled change is not a JSON object; the page was not applied");
            int64_t own_before = 0;
            if (has_origin) {
                held.reset();
                held.bind(1, change.origin).bind(2, change.seq);
                if (held.step()) {
                    json before;
                    if (held.text(0) == change.payload || (parse_json(held.text(0), &before, &unreadable) && before == p))
                        continue;  // held already: applying it again changes nothing
                    return Status::Conflict("device " + change.origin + " has two different changes numbered " +
                                            std::to_string(change.seq) + "; nothing was applied");
                }
                if (!held.status().ok()) return held.status();
                Status s = check_origin(p, change.origin, change.seq);
                if (!s.ok()) return s;
                own_before = outbox_last_seq();
            }
            std::string max_hlc;
            Status s = apply_payload(*this, p, identity_, &max_hlc);
            if (!s.ok()) return s;
            if (!has_origin) continue;
            keep.reset();
            keep.bind(1, change.origin).bind(2, change.seq).bind(3, change.hlc.empty() ? max_hlc : change.hlc);
            keep.bind(4, own_before).bind(5, change.payload);
            s = keep.run();
            if (!s.ok()) return s;
        }
        for (const auto& [key, value] : meta) {
            Status s = set_meta(key, value);
            if (!s.ok()) return s;
        }
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

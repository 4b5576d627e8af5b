// Writes generated rows straight into a store inside one open transaction,
// through the replicated table specs (tables.h), with prepared statements
// reused across rows. It groups rows into changes the way the store's own
// operations do: each change gets its device's next sequence number and an
// HLC; its stock events carry both; for this device's changes an outbox row
// with the change's payload is written when asked. Stock on hand is gathered
// in memory and written once at the end (flush_stock_on_hand), so it always
// equals the sum of the events written.
//
// Not thread safe; the caller owns the transaction.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "clock.h"
#include "demo_rng.h"
#include "sqlite_db.h"
#include "tables.h"

namespace outpost {

class BulkWriter {
public:
    // local_device_id: the device the store belongs to. write_outbox: whether
    // this device's changes get outbox rows (as live operations would).
    BulkWriter(Db& db, DemoRng& ids, std::string site_id, std::string local_device_id, bool write_outbox);

    // Starts a change made on device_id at time ms (ms never goes backwards).
    // keep_payload: gather the payload even when no outbox row is written
    // (to hand the change to Store::apply_remote as if pulled).
    // record_only: write nothing, only gather the payload (a change made on
    // another device that this store will receive later).
    void begin(const std::string& device_id, const std::string& entity, int64_t ms,
               bool keep_payload = false, bool record_only = false);
    // Issues an HLC at ms for a row written outside any change (an open
    // stocktake lives only on its device until it is finalised).
    const std::string& tick(int64_t ms);
    // Writes the outbox row when the change is this device's. Returns the
    // change's payload text when it was gathered, else "".
    Result<std::string> end(const std::string& entity_id);

    // A new id born at the current change's time.
    std::string new_id() { return ids_.uuid_v7(ms_); }
    int64_t ms() const { return ms_; }
    const std::string& hlc() const { return hlc_; }
    int64_t seq() const { return seq_; }
    // {"site_id", "hlc", "device_id"} of the current change.
    json base_row() const;

    // Inserts one row of a replicated table (plain INSERT: generated rows are
    // new) and adds it to the current change.
    Status write(const char* table, const json& row);
    // Inserts a stock event: fills id (unless given), site, device, seq, hlc and created_ms,
    // and moves the pending stock on hand. Returns the event id.
    Result<std::string> event(json ev);
    // Adds the pending stock-on-hand movements to the stock_on_hand table.
    Status flush_stock_on_hand();

    // The highest HLC issued so far ("" before any change).
    std::string last_hlc() const { return hlc_; }
    // The last sequence number used by device_id in this writer (or given to
    // it with set_last_seq).
    int64_t last_seq(const std::string& device_id) const;
    void set_last_seq(const std::string& device_id, int64_t seq) { seqs_[device_id] = seq; }
    int64_t rows_written() const { return rows_; }

private:
    Stmt& statement(const TableSpec& spec, uint64_t present_mask);

    Db& db_;
    DemoRng& ids_;
    std::string site_id_, local_device_id_;
    bool write_outbox_;
    Hlc clock_;
    std::map<std::pair<const TableSpec*, uint64_t>, Stmt> stmts_;
    std::map<std::string, int64_t> seqs_;
    // batch id -> (item id, units moved); ordered so the flush is repeatable.
    std::map<std::string, std::pair<std::string, int64_t>> pending_soh_;
    Stmt outbox_insert_;
    bool outbox_prepared_ = false;
    const TableSpec* events_spec_ = nullptr;
    // The current change.
    std::string device_id_, entity_, hlc_;
    int64_t ms_ = 0, seq_ = 0, rows_ = 0;
    bool in_change_ = false;
    json payload_;
    bool collect_payload_ = false, record_only_ = false;
};

}  // namespace outpost

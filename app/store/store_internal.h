// Internal to the store library: the table specifications that drive both
// local writes and the application of pulled changes (one code path, so a row
// written here and the same row arriving from another device are stored the
// same way), and StoreWriter, which gathers one operation's rows into the
// outbox change that ships them.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "i18n.h"
#include "person_text.h"  // search_key: the search columns and like_pattern
#include "store.h"
#include "tables.h"

namespace outpost {

// Adds quantity to a batch's stock on hand (creating the row).
Status add_stock_on_hand(Db& db, const std::string& batch_id, const std::string& item_id,
                         int64_t quantity);

// Gathers one local operation. Construct inside an open transaction; add rows;
// finish() writes the outbox change. seq() is known from the start so events
// can carry it.
struct StoreWriter {
    StoreWriter(Store& s, const std::string& entity);
    int64_t seq() const { return seq_; }
    const std::string& hlc() const { return hlc_; }
    // Writes the row locally and adds it to the change.
    Status write(const char* table, const json& row);
    // Writes a stock event: fills site, device, seq, hlc, created_ms; moves
    // stock on hand. Returns the event id.
    Result<std::string> event(json ev);
    // Writes the outbox row and the HLC high-water mark.
    Status finish(const std::string& entity_id);
    json base_row() const;  // {"site_id":..., "hlc":..., "device_id":...}

    Store& store;
    std::string entity;
    int64_t seq_ = 0;
    std::string hlc_;
    json payload = json::object();
    Db& db() { return store.db_; }
    Identity& identity() { return store.identity_; }
    void count_write() { ++store.local_writes_; }
    static Hlc& hlc_of(Store& s) { return s.hlc_; }
    static uint64_t& writes_of(Store& s) { return s.local_writes_; }
};

// Runs body inside one IMMEDIATE transaction; commits only when it returned ok.
template <typename F>
Status in_transaction(Db& db, F&& body) {
    Tx tx(db);
    if (!tx.begin_status().ok()) return tx.begin_status();
    Status s = body();
    if (!s.ok()) return s;
    return tx.commit();
}

// One batch as stored (the "batches" columns a device writes) with its stock
// on hand. The one way to read a batch and write it back with a changed flag
// (hold, "needs a count"): stock_ops, stocktake and replication use it.
struct StoredBatch {
    std::string id, item_id, batch_no, expiry;
    bool on_hold = false, needs_count = false;
    int64_t on_hand = 0;   // stock_on_hand, 0 when it has no row yet
    std::string hlc;       // the row's version (replication stamps after it)
};
// Reads a batch. NotFound "no batch with id X" when there is none; the
// database's error when the read failed.
Result<StoredBatch> load_batch(Db& db, const std::string& batch_id);
// Writes b's "batches" row through w (so it ships in w's change): w.base_row()
// (this site, the change's clock, this device) with b's columns, on_hold and
// needs_count as b holds them. stamp, when not empty, is the row's clock
// instead of the change's (replication's count flag, see replication.cpp).
// Batches are only ever this site's (apply_remote refuses other sites' rows).
Status write_batch(StoreWriter& w, const StoredBatch& b, const std::string& stamp = "");

std::string like_pattern(const std::string& text);  // %text% with escapes
Result<User> load_user(Db& db, const std::string& user_id);
// Store operations that act for a user check the user exists and is active,
// and (when min is not dispenser) holds a role at least as strong.
Status check_actor(Db& db, const std::string& user_id, Role min, User* out);
Result<Item> load_item(Db& db, const std::string& id);
void read_item(Stmt& s, int col0, Item* it);
extern const char* kItemColumns;  // for SELECT lists matching read_item

// Ledger events from `source` (a subquery over stock_events with a
// `balance` column) joined with the names a person reads; the columns are
// listed in queries.cpp. card_detail() is the plain-words description of one
// such row ("Dispensed to BANDA, Ruth"). Shared by the stock card, the audit
// view and the controlled-medicine register.
std::string readable_events_sql(const std::string& source, const std::string& tail);
std::string card_detail(const std::string& kind, Stmt& s, i18n::Lang lang = i18n::screen_lang());

// The catalogue row for an item (the columns of tables.h "items"), used by
// upsert_item and by the demo generator so both write items the same way.
json item_row(const std::string& id, const ItemInput& in);

// PIN hashing (libsodium argon2id).
Result<std::string> hash_pin(const std::string& pin);
bool check_pin(const std::string& hash, const std::string& pin);

}  // namespace outpost

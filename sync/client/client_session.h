// One sync conversation with central, run synchronously: push the outbox,
// then pull the site's feed until central has nothing more. The background
// SyncClient calls run_once() on its thread; the deterministic simulation
// and tests call it directly, with no threads at all.
//
// Invariants kept here (docs/protocol.md, design "Sync invariants"):
// - meta "push_cursor" moves only on central's accepted_through, never back;
//   refused changes are quarantined first, so a crash cannot lose them;
// - each pulled page is applied with its cursor in one transaction
//   (Store::apply_remote), so a crash or dropped link costs at most a page;
// - a reused sequence number (409) or a revoked token stops sync with a
//   plain message, and the stop is remembered in meta "sync_stopped".
//
// Not thread safe: one session, one Store, one Transport, one thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "client_config.h"
#include "status.h"
#include "store.h"
#include "sync_status.h"
#include "transport.h"

namespace outpost {

// What one run_once() did.
struct CycleReport {
    Status status;               // ok, or why the cycle stopped (plain words)
    bool fatal = false;          // needs a person (restore, new token, update)
    int64_t retry_after_ms = 0;  // central asked us to wait this long (429/503)
    int64_t pushed = 0;          // outbox changes central newly accepted
    int64_t relayed = 0;         // other devices' changes central newly took from us
    int64_t quarantined = 0;     // changes central refused this cycle
    int64_t pulled = 0;          // feed changes applied this cycle
    int64_t requests = 0;        // HTTP requests made
};

// Keys in the store's meta table used by the client.
namespace sync_meta {
constexpr const char* kPushCursor = "push_cursor";    // highest seq central holds
constexpr const char* kPullCursor = "pull_cursor";    // last feed cursor applied
constexpr const char* kToken = "sync_token";          // bearer token
constexpr const char* kServer = "sync_server";        // central's URL
constexpr const char* kStopped = "sync_stopped";      // message when sync needs a person
constexpr const char* kRestoring = "sync_restoring";  // "1" until the first full pull
constexpr const char* kRestorePulled = "sync_restore_pulled";  // changes pulled so far
constexpr const char* kLastSuccess = "sync_last_success_ms";
// Version 3: the site key for peer sync (docs/security.md), 64 hex, with its
// number; the one before a rotation is kept so peers not yet told still talk.
constexpr const char* kSiteKey = "site_key";
constexpr const char* kSiteKeyNo = "site_key_no";
constexpr const char* kSiteKeyPrevious = "site_key_previous";
constexpr const char* kSiteKeyPreviousNo = "site_key_previous_no";
// When changes last arrived from a peer, and when the last relay that left
// central holding everything began (ms, this device's clock): the client
// relays only when a peer brought something since.
constexpr const char* kPeerAppliedMs = "peer_applied_ms";
constexpr const char* kRelayedThroughMs = "relayed_through_ms";
}  // namespace sync_meta

// One pull answer, read without building it as JSON (see read_pull_page).
struct PulledPage {
    // Each change's payload as central sent it, with its origin and seq when
    // central named them (version 3; central data has none).
    std::vector<RemoteChange> changes;
    std::string site_key_json;  // the answer's "site_key" object as text, "" when absent
    int64_t next = 0;
    bool more = false;
    int64_t remaining = 0;
};
// Reads a pull answer {"changes":[{"cursor","origin","seq","payload"},...],
// "next","more","remaining","site_key"}: checks its JSON structure and cuts out each payload's text
// (apply_remote parses it). False when the answer is malformed, "changes" or
// "next" is missing, or a change has no payload object.
bool read_pull_page(const std::string& text, PulledPage* page);

class SyncSession {
public:
    // REQUIRES: store has an identity (registered). Keeps references.
    SyncSession(Store& store, Transport& transport, Clock& clock, const SyncConfig& config);

    // Push everything waiting, then pull until central says no more. Stops at
    // the first failure; whatever was done before it is kept.
    CycleReport run_once();
    // The halves of run_once, for tests and restore. push_all also relays
    // the changes of the site's other devices that this store holds and
    // central lacks (version 3 centrals only, client_relay.cpp).
    Status push_all(CycleReport* report);
    Status pull_all(CycleReport* report);

    // Set from another thread to abandon the cycle between pages.
    void set_cancel_flag(const std::atomic<bool>* cancel) { cancel_ = cancel; }
    // Called after every page (push or pull), on the session's thread.
    void set_on_page(std::function<void()> f) { on_page_ = std::move(f); }

    // Fills the store-derived fields of a snapshot: changes waiting,
    // quarantined, restore progress, last success, server, stop message.
    void fill_snapshot(SyncSnapshot* s);

    int page_rows() const { return rows_; }
    size_t page_bytes() const { return bytes_; }
    int64_t push_cursor();
    int64_t pull_cursor();

private:
    Result<HttpReply> post(const std::string& path, const std::string& body, CycleReport* report);
    // Maps a non-200 answer to a Status; sets fatal / retry_after.
    Status answer_error(const HttpReply& r, CycleReport* report);
    // The device's own outbox only (any central).
    Status push_own(CycleReport* report);
    // Own and held changes central lacks, merged in the order this store
    // came to hold them, so the feed never has a change before one it builds
    // on (version 3 centrals; falls back to push_own otherwise).
    Status push_merged(CycleReport* report);
    bool peer_changes_waiting();
    Status quarantine_refused(const nlohmann::json& answer, CycleReport* report);
    // Reads central's push answer's "held" (version 3) into central_held_.
    void note_central_held(const nlohmann::json& answer);
    // Stores a site key from central ({"no","key"}), keeping the previous one.
    Status adopt_site_key(const nlohmann::json& key);
    void shrink_page();
    void grow_page();
    bool cancelled() const { return cancel_ && cancel_->load(); }
    int64_t meta_i64(const char* key);

    Store& store_;
    Transport& transport_;
    Clock& clock_;
    const SyncConfig& config_;
    int rows_;
    size_t bytes_;
    int64_t remaining_ = -1;  // feed changes central still holds after our cursor
    bool central_relays_ = false;  // central answered with "held": it speaks version 3
    VersionVector central_held_;   // what central holds per device, from its last push answer
    bool send_packed_ = true;  // false after a central older than version 2 refused a packed push
    const std::atomic<bool>* cancel_ = nullptr;
    std::function<void()> on_page_;
};

}  // namespace outpost

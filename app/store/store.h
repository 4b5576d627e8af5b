// The Outpost store: one SQLite file per installation holding the catalogue,
// the site's stock ledger, patients, prescriptions, stocktakes and the outbox
// of changes waiting to sync. This header is the contract every layer above
// codes against (screens, sync, tools, tests).
//
// Thread safety: a Store owns one SQLite connection and is NOT thread safe.
// Each thread opens its own Store on the same file (WAL lets readers and one
// writer proceed together). data_version() notices writes from other
// connections.
//
// Every operation is one transaction: it validates its input, records the
// acting user, writes its rows, its ledger events, stock on hand and one
// outbox change together, or writes nothing and returns a Status whose
// message a person can act on.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "i18n.h"
#include "clock.h"
#include "holdings.h"
#include "label.h"
#include "printing.h"
#include "sqlite_db.h"
#include "peer_addresses.h"
#include "status.h"

namespace outpost {

enum class Role { kDispenser, kStorekeeper, kAdmin };
const char* role_name(Role r);                       // "dispenser", ...
bool parse_role(const std::string& s, Role* out);

struct User {
    std::string id, name;
    Role role = Role::kDispenser;
    bool active = true;
    bool locked = false;  // locked out on this device right now
};

struct Item {
    std::string id, code, name, strength, form;
    std::string unit = "unit";  // dispensing unit: tablet, mL, vial...
    int64_t pack_size = 1;      // units per pack
    std::string default_directions, warning;
    int64_t reorder_level = 0;  // units; at or below this the item is "low"
    bool cold_chain = false, controlled = false, active = true;
    // "Amoxicillin 250 mg dispersible tablet"
    std::string display_name() const;
};

struct Patient {
    std::string id, family_name, given_name, sex;  // sex: "F", "M" or ""
    std::optional<int64_t> birth_year;
    std::string village, phone;
    std::string display_name() const;  // "FAMILY, Given"
};

struct ReasonCode {
    std::string code, label;
    int direction = 0;  // -1 only decreases stock, +1 only increases, 0 either
};

template <typename T>
struct Page {
    std::vector<T> rows;
    int64_t total = 0;  // rows matching the query, for "41-60 of 812"
    int64_t offset = 0;
};

struct OpenOptions {
    std::string path;            // SQLite file; ":memory:" works for tests
    bool create = true;          // create the file if missing
    Clock* clock = nullptr;      // default: the system clock (not owned)
    // Demo stores and real stores never mix: Open refuses a real store when
    // demo is true and a demo store when demo is false.
    bool demo = false;
    // Opens an existing store of either kind (demo stays as it is; `demo`
    // is then ignored). For checks that only read, such as `outpost verify`:
    // a trainer verifies the demo store with the same command.
    bool either_kind = false;
};

// Identity of this installation, fixed at set-up (or restore).
struct Identity {
    std::string site_id, site_code, site_name, device_id, device_name;
    bool demo = false;
};

// ---- operation inputs and results -------------------------------------------

enum class QuantityUnit { kUnits, kPacks };

struct ReceiveInput {
    std::string item_id, batch_no, expiry;  // expiry "YYYY-MM-DD"
    int64_t quantity = 0;                   // > 0, in `unit`
    QuantityUnit unit = QuantityUnit::kUnits;
    std::string supplier, reference;
    // More than 100 of the item's packs (at least 1,000 units) is more than a
    // delivery usually holds: NeedsConfirmation saying so, unless this is set.
    bool confirm_large = false;
};
struct ReceiveResult {
    std::string event_id, batch_id;
    bool new_batch = false;
    int64_t units = 0;  // quantity converted to units
};

struct DispenseLineInput {
    std::string item_id;
    int64_t quantity = 0;     // units, > 0
    std::string directions;   // as typed, e.g. "1t bd x5/7 pc"
    std::string directions_text;  // expanded text; filled by dispense() when empty
    std::optional<std::string> batch_id;  // manual override of FEFO
};
struct DispenseInput {
    std::string patient_id, prescriber;
    std::vector<DispenseLineInput> lines;
    // Dispensing more than the recorded balance (the medicine is physically in
    // hand but the record says otherwise) needs this; the batch is flagged for
    // a count.
    bool confirm_short = false;
    // Dispensing from an expired batch by override needs this.
    bool confirm_expired = false;
    // A line of more than 10 times the course its directions give (or, with
    // no course, 10 times the usable stock on record) needs this.
    bool confirm_large = false;
    // The language of the labels (the patient's): directions typed as codes
    // are written in it, and so are the label's captions when it is printed
    // (and reprinted). nullopt: the device's language. Device-local.
    std::optional<i18n::Lang> label_lang;
};

struct Allocation {
    std::string batch_id, batch_no, expiry;
    int64_t quantity = 0;        // units taken from this batch
    int64_t balance_before = 0;
    bool expired = false, short_stock = false;  // short: leaves the balance < 0
};
struct LinePlan {
    std::string item_id;
    int64_t requested = 0, available = 0;  // available: usable (unexpired, not on hold)
    std::vector<Allocation> allocations;
    std::vector<std::string> warnings;     // plain words, for the screen
    bool needs_short_confirmation = false, needs_expired_confirmation = false;
    bool needs_large_confirmation = false;  // see DispenseInput::confirm_large
};
struct DispenseResult {
    std::string prescription_id;
    std::vector<std::string> line_ids;
    std::vector<LinePlan> lines;  // what came from which batch
};

struct AdjustInput {
    std::string batch_id;
    int64_t quantity = 0;  // signed units, not zero
    std::string reason;    // a reason code, required
    std::string note;
};

struct PatientInput {
    // The longest each field may be, in characters (after trimming); the
    // store refuses more, naming the field and the limit, and the form stops
    // input there.
    static constexpr size_t kMaxNameChars = 100;    // family name, given name
    static constexpr size_t kMaxVillageChars = 100;
    static constexpr size_t kMaxPhoneChars = 40;
    std::string family_name, given_name, sex, village, phone;
    std::optional<int64_t> birth_year;
};

struct NewUser {
    std::string name;
    Role role = Role::kDispenser;
    std::string pin;  // 4 to 12 digits
};

struct ItemInput {  // catalogue entry (central data; local in standalone/demo)
    std::string code, name, strength, form, unit = "unit";
    int64_t pack_size = 1;
    std::string default_directions, warning;
    int64_t reorder_level = 0;
    bool cold_chain = false, controlled = false, active = true;
};

// ---- query rows --------------------------------------------------------------

enum class StockFilter { kAll, kLow, kExpiring, kExpired, kNegativeOrFlagged };
enum class StockSort { kName, kCode, kOnHandAsc, kOnHandDesc, kNearestExpiry };

struct StockQuery {
    std::string search;  // matches code or name, any part, case-insensitive
    StockFilter filter = StockFilter::kAll;
    int expiring_days = 42;  // "expiring" means within this many days (6 weeks)
    StockSort sort = StockSort::kName;
    bool include_zero = true;  // items with no stock at all
    int64_t offset = 0, limit = 50;
};
struct StockRow {
    Item item;
    int64_t on_hand = 0;     // all batches
    int64_t available = 0;   // unexpired, not on hold, positive balances
    std::string nearest_expiry;  // of batches with stock; "" when none
    int batches = 0;
    bool low = false, flagged = false, has_expired = false;
};

struct BatchRow {
    std::string id, batch_no, expiry;
    int64_t on_hand = 0;
    bool on_hold = false, needs_count = false, expired = false;
    int64_t days_to_expiry = 0;
};
struct ItemDetail {
    Item item;
    std::vector<BatchRow> batches;  // earliest expiry first
    int64_t on_hand = 0, available = 0;
    double amc = 0;  // average monthly consumption, last 3 months (Open mSupply)
};

struct CardRow {  // one ledger event with the running balance after it
    std::string event_id, when, kind, batch_no, user_name, detail;
    int64_t quantity = 0, balance = 0;
};

struct AuditRow {  // one ledger event: who did what to which batch
    std::string event_id, when, user_name, kind, item_name, batch_no, detail, device_name;
    int64_t quantity = 0;
};
struct AuditQuery {
    std::string user_id;  // empty: everyone
    std::string kind;     // empty: every kind; else receipt, dispense, adjustment, stocktake, reversal
    int64_t offset = 0, limit = 50;
};

struct ExpiringRow {
    std::string item_id, item_name, batch_id, batch_no, expiry;
    int64_t on_hand = 0, days = 0;  // days < 0: already expired
};

struct HistoryLine {
    std::string item_name, directions_text, batches;
    int64_t quantity = 0;
};
struct HistoryRow {
    std::string prescription_id, when, prescriber, dispenser;
    bool cancelled = false;
    std::string cancel_reason;
    std::vector<HistoryLine> lines;
};

struct StocktakeInfo {
    std::string id, description, status, started, user_name;
    bool blind = false;
    int64_t lines = 0, counted = 0;
};
struct SheetRow {
    std::string batch_id, item_id, item_name, batch_no, expiry;
    int64_t expected = 0;  // balance at the frontier (hidden on blind counts)
    std::optional<int64_t> counted;
};
// Where a batch is on a count sheet (Store::stocktake_position).
struct SheetPosition {
    std::string batch_id;
    int64_t index = 0;  // rows before it in stocktake_sheet's order
};
struct StocktakeResult {
    int64_t corrections = 0;       // events written
    int64_t net_change = 0;        // sum of corrections, units
    int64_t uncounted = 0;         // lines left uncounted (no correction)
};

struct VerifyDifference {
    std::string batch_id, item_name, batch_no;
    int64_t stored = 0, ledger = 0;
};
struct VerifyReport {
    int64_t events = 0, batches = 0;
    std::vector<VerifyDifference> differences;
    bool ok() const { return differences.empty(); }
};

// ---- sync-facing types (see docs/protocol.md) -------------------------------

// One local change waiting in the outbox. payload is a JSON object whose
// keys are table names and values arrays of row objects, e.g.
// {"prescriptions":[...],"prescription_lines":[...],"stock_events":[...]}.
struct OutboxChange {
    int64_t seq = 0;
    std::string entity, entity_id, hlc, payload;
};

// A change central refused, in words (Store::refused_changes).
struct RefusedChange {
    int64_t seq = 0;
    std::string what;    // "Dispensing for BANDA, Ruth: Amoxicillin 250 mg x 15"
    std::string reason;  // central's reason, as it gave it
};

// Why chars cannot be a scanner's separator substitutes (at most 8 printable
// ASCII signs, no letter, digit or space, none twice); "" when they can.
std::string scanner_separators_problem(const std::string& chars);

class Store {
public:
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // Opens or creates the store and applies migrations. Fails with a clear
    // message for a missing file (create=false), a newer schema, or a demo /
    // real mismatch.
    static Result<std::unique_ptr<Store>> Open(const OpenOptions& options);

    // ---- identity and set-up ------------------------------------------------
    // REQUIRES: a store with no identity yet. Makes this a standalone site with
    // one device and the default reason codes.
    Status init_standalone(const std::string& site_code, const std::string& site_name,
                           const std::string& device_name);
    // For a device registered by central (sync) or restored: adopt the given
    // ids. Reason codes, users and the catalogue then arrive by pull. `meta`
    // (the sync token, server, cursors) is written in the same transaction,
    // so a crash never leaves an identity without its token.
    Status init_registered(const Identity& id,
                           const std::vector<std::pair<std::string, std::string>>& meta = {});
    bool has_identity() const;
    const Identity& identity() const { return identity_; }
    std::optional<std::string> meta(const std::string& key);
    Status set_meta(const std::string& key, const std::string& value);
    // Several keys in one transaction: all of them or none.
    Status set_meta(const std::vector<std::pair<std::string, std::string>>& entries);

    // ---- users --------------------------------------------------------------
    Result<std::string> add_user(const NewUser& u);
    Status set_user_active(const std::string& user_id, bool active);
    // The language a user reads the screens in (user_language.cpp): this
    // device's override if set, else central's (pulled with the user), else
    // nullopt (the device's applies). NotFound for an unknown user.
    // set_user_language sets or (nullopt) clears this device's override only.
    Result<std::optional<i18n::Lang>> user_language(const std::string& user_id);
    Status set_user_language(const std::string& user_id, std::optional<i18n::Lang> lang);
    // Checks a PIN. After 5 wrong PINs in a row the user is locked for
    // 5 minutes on this device; the message says how long.
    Result<User> verify_pin(const std::string& user_id, const std::string& pin);
    std::vector<User> users(bool include_inactive = false);

    // ---- catalogue (central data; written here only by standalone/demo) -----
    Result<std::string> upsert_item(const ItemInput& in);
    Result<Item> item(const std::string& item_id);
    Result<Item> item_by_code(const std::string& code);
    // Active items whose code or name contains text; code matches first.
    Result<std::vector<Item>> search_items(const std::string& text, int limit = 20);
    std::vector<ReasonCode> reason_codes();

    // ---- stock operations (each one transaction) -----------------------------
    Result<ReceiveResult> receive(const std::string& user_id, const ReceiveInput& in);
    // The allocation dispense() would make now, without writing anything.
    Result<LinePlan> plan_line(const DispenseLineInput& line);
    Result<DispenseResult> dispense(const std::string& user_id, const DispenseInput& in);
    Status cancel_dispensing(const std::string& user_id, const std::string& prescription_id,
                             const std::string& reason);
    Result<std::string> adjust(const std::string& user_id, const AdjustInput& in);
    Status set_batch_on_hold(const std::string& user_id, const std::string& batch_id, bool hold);

    // ---- stocktake ------------------------------------------------------------
    // Starts a count of every batch that has, or had, stock (or only those of
    // item_ids when given). Records the frontier of events seen.
    Result<std::string> start_stocktake(const std::string& user_id, const std::string& description,
                                        bool blind,
                                        const std::vector<std::string>& item_ids = {});
    Status enter_count(const std::string& user_id, const std::string& stocktake_id,
                       const std::string& batch_id, int64_t counted);
    Result<StocktakeResult> finalise_stocktake(const std::string& user_id,
                                               const std::string& stocktake_id);
    Status abandon_stocktake(const std::string& user_id, const std::string& stocktake_id);

    // ---- barcode links (site data; app/store/barcode_links.cpp) -----------------
    // Links a GTIN (14 digits with a valid check digit, as gs1::Reading::gtin
    // gives it) to a catalogue item for every device of this site; linking it
    // again to another item replaces the link. REQUIRES: user_id is an active
    // storekeeper or admin (PermissionDenied otherwise). InvalidArgument for a
    // GTIN that is not one, NotFound for an unknown item. One transaction.
    Status link_barcode(const std::string& user_id, const std::string& gtin,
                        const std::string& item_id);
    // The item a GTIN is linked to at this site; NotFound when it is not linked.
    Result<Item> item_for_gtin(const std::string& gtin);

    // ---- scanning (app/store/scanning.cpp) ----------------------------------------
    // The characters this device's scanner sends for the GS1 separator besides
    // Ctrl+] and F8 (a device setting in `meta`, never synced; "" when never
    // set). The input queue turns them back into GS (docs/barcodes.md).
    Result<std::string> scanner_separators();
    // Validates (scanner_separators_problem) and stores them; "" clears.
    Status set_scanner_separators(const std::string& chars);
    // The line of batch `batch_no` of item_id on a stocktake's sheet, and how
    // many lines come before it in stocktake_sheet's order. NotFound when the
    // count has no such batch.
    Result<SheetPosition> stocktake_position(const std::string& stocktake_id,
                                             const std::string& item_id,
                                             const std::string& batch_no);

    // ---- the device's clock (app/store/clock_setting.cpp) -------------------------
    // The device's time zone, an IANA name ("Africa/Nairobi"; "" when never
    // set: the system's zone is used). A device setting in `meta`, never
    // synced; an admin sets it (`outpost clock`, the Sync screen). local_time.h
    // applies it at start-up (use_time_zone_setting); --tz wins over it.
    Result<std::string> time_zone_setting();
    // Validates the name against the tz database (time_zone_problem:
    // InvalidArgument naming it) and stores it; "" clears it.
    Status set_time_zone_setting(const std::string& iana_name);

    // ---- peer addresses (app/store/peer_addresses.cpp; peer_addresses.h) -------
    // The address book of the site's other devices on this network: the
    // manual addresses, then the remembered ones (newest success first).
    // Device-local `meta`, never synced.
    Result<std::vector<PeerAddress>> peer_addresses();
    // Keeps an address an admin typed (trimmed). InvalidArgument, in plain
    // words, when it is not host:port with a port from 1 to 65535 (nothing
    // kept); Conflict when it is kept already.
    Status add_peer_address(const std::string& host_port);
    // Forgets the manual address and every remembered device last seen at it.
    // NotFound when the book has no such address.
    Status forget_peer_address(const std::string& address);
    // Remembers that device_id (named device_name) answered at address at
    // at_ms: one entry per device, replaced each time. InvalidArgument for an
    // address that is not host:port or an empty device id.
    Status remember_peer(const std::string& device_id, const std::string& device_name,
                         const std::string& address, int64_t at_ms);

    // ---- patients -------------------------------------------------------------
    Result<std::string> register_patient(const std::string& user_id, const PatientInput& in);
    Status update_patient(const std::string& user_id, const std::string& patient_id,
                          const PatientInput& in);
    Result<Patient> patient(const std::string& patient_id);
    // Matches family or given name, village or phone; any part.
    Result<Page<Patient>> search_patients(const std::string& text, int64_t offset, int64_t limit);

    // ---- queries for the screens (all paged) -----------------------------------
    Result<Page<StockRow>> stock_on_hand(const StockQuery& q);
    Result<ItemDetail> item_detail(const std::string& item_id);
    // Newest first. batch_id empty: every batch of the item.
    Result<Page<CardRow>> stock_card(const std::string& item_id, const std::string& batch_id,
                                     int64_t offset, int64_t limit);
    Result<Page<ExpiringRow>> expiring(int days, int64_t offset, int64_t limit);
    // Every ledger event, newest first, with the user who did it.
    Result<Page<AuditRow>> audit(const AuditQuery& q);
    Result<Page<HistoryRow>> patient_history(const std::string& patient_id, int64_t offset,
                                             int64_t limit);
    Result<StocktakeInfo> stocktake(const std::string& stocktake_id);
    Result<std::vector<StocktakeInfo>> stocktakes(bool open_only);
    Result<Page<SheetRow>> stocktake_sheet(const std::string& stocktake_id, int64_t offset,
                                           int64_t limit);

    // ---- printing (device-local: never synced; types in printing.h) ------------
    // The labels of a dispensing (a prescription id), one per line, as they
    // were dispensed: facility, patient, item, quantity, directions, warning,
    // date, dispenser, prescriber, batches; training on a demo store.
    // NotFound for an unknown id; Conflict for a cancelled dispensing.
    Result<std::vector<LabelInput>> dispensing_labels(const std::string& prescription_id);
    // The printer settings of this device (defaults when never set).
    Result<PrinterSettings> printer_settings();
    // Validates (printer_settings_problem) and stores them in one transaction.
    Status set_printer_settings(const PrinterSettings& settings);
    // Adds a job to the print queue; returns its id. REQUIRES: payload not empty.
    Result<int64_t> add_print_job(const std::string& description, const std::string& payload);
    // Jobs not yet printed, oldest first.
    Result<std::vector<PrintJob>> unprinted_print_jobs(int limit = 50);
    Result<PrintJob> print_job(int64_t id);
    // The printer took the job: it is never sent again. Printed jobs older
    // than 7 days are deleted here.
    Status mark_print_job_printed(int64_t id);
    // A try failed: counts it and keeps the message; the job stays queued.
    Status note_print_failure(int64_t id, const std::string& error);

    // Changes whenever any connection committed a write. Cheap enough to call
    // every frame: the UI re-queries only when it moves.
    uint64_t data_version();

    // ---- verification ----------------------------------------------------------
    // Sums the ledger per batch and compares with stock on hand.
    Result<VerifyReport> verify();
    // Rewrites stock on hand from the ledger (after verify found differences).
    Status rebuild_stock_on_hand();

    // ---- sync-facing -------------------------------------------------------------
    // Outbox changes with seq > after, oldest first, at most max_rows and about
    // max_bytes of payload (at least one change is returned when any exists).
    Result<std::vector<OutboxChange>> outbox_after(int64_t after, int max_rows, size_t max_bytes);
    int64_t outbox_count_after(int64_t after);
    int64_t outbox_last_seq();
    // Applies changes pulled from central (any device's, including our own
    // echoed back) and stores cursor_value under cursor_key, in one
    // transaction. Replaying a change changes nothing. Rows of tables this
    // device may not receive are refused with kPermissionDenied.
    Status apply_remote(const std::vector<std::string>& payloads, const std::string& cursor_key,
                        const std::string& cursor_value);
    // The same for changes with their origin (holdings.h): a change of
    // another device is applied once by (origin, seq) and kept for relaying
    // (a second copy with other content is kConflict, nothing written); its
    // stock events must carry that origin and seq. Own changes coming back
    // are skipped. meta entries commit with the changes.
    Status apply_remote(const std::vector<RemoteChange>& changes,
                        const std::vector<std::pair<std::string, std::string>>& meta);
    // ---- holdings (holdings.cpp; peer sync, issue 15) -------------------------
    Result<VersionVector> version_vector();
    // The changes this store holds (its own and other devices') that `theirs`
    // does not cover, in the order this store came to hold them, at most
    // max_rows and about max_bytes (at least one); *more when some were left.
    Result<std::vector<RemoteChange>> changes_missing_from(const VersionVector& theirs, int max_rows,
                                                           size_t max_bytes, bool* more);
    // Records a change central refused (kept, shown, never blocks the queue).
    Status quarantine_change(int64_t seq, const std::string& reason);
    Result<std::vector<OutboxChange>> quarantined();
    // What an outbox change was, in words a pharmacist reads: "Dispensing for
    // BANDA, Ruth: Amoxicillin 250 mg x 15", "Receipt of Paracetamol 500 mg
    // batch P123: 1000 tablets". From the payload, with names looked up in
    // this device's tables; a name not found here is said to be missing
    // ("an item not in this device's catalogue"). Never fails: a payload it
    // cannot read is described by its kind alone.
    std::string describe_change(const OutboxChange& change);
    // quarantined(), oldest first, each described, with central's reason.
    Result<std::vector<RefusedChange>> refused_changes();

    Db& db() { return db_; }  // for tools and tests that need raw SQL
    Clock& clock() { return *clock_; }
    int64_t now_ms() { return clock_->now_ms(); }
    std::string today() { return date_of(clock_->now_ms()); }

private:
    Store() = default;
    struct Impl;
    friend struct StoreWriter;
    Db db_;
    Clock* clock_ = nullptr;
    std::unique_ptr<Clock> owned_clock_;
    Hlc hlc_;
    Identity identity_;
    uint64_t local_writes_ = 0;
};

}  // namespace outpost

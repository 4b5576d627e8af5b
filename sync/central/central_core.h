// outpost-central's core: its own database (sites, devices, users, the
// item catalogue, reason codes, registration codes, every device's accepted
// changes and the commit-ordered feed devices pull from), the request handling
// of docs/protocol.md, and the administrator's operations.
//
// The core knows nothing of HTTP libraries: handle() takes a transport-neutral
// protocol::Request (body already decompressed) and returns a Response, so the
// HTTP front (central_http.cpp), the tests and the sync simulation all drive
// the same code. Given a clock and a random seed it is deterministic.
//
// The database is a SQLite file (the default) or a PostgreSQL database
// (Open() with a postgresql:// address), both behind one seam
// (db/central_sql.h); the logic here is the same on both.
//
// Thread safety: every public method takes one internal mutex, so an HTTP
// thread pool may call handle() concurrently; requests are served one at a
// time on the core's one connection. Other processes (the admin CLI, other
// `serve` processes on PostgreSQL) may write the same database: feed cursors
// stay commit-ordered for every device (lock_feed(), docs/central.md "Feed
// cursors").
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "central_sql.h"
#include "clock.h"
#include "protocol.h"
#include "sqlite_db.h"
#include "status.h"

namespace outpost {

// One device as the administrator sees it in `outpost-central sites`.
struct CentralDevice {
    std::string id, name;
    bool revoked = false;
    int64_t accepted_through = 0;  // highest contiguous seq held
    int64_t pending = 0;           // changes the device said it still holds
    int64_t last_push_ms = 0, last_pull_ms = 0, created_ms = 0;  // 0: never
    std::string last_error;        // empty when the last exchange went well
    std::string app_version;       // X-Outpost-App last sent; empty: never (older app)
};

struct CentralSite {
    std::string id, code, name, address;
    bool is_demo = false;
    int64_t users = 0;  // active users
    std::vector<CentralDevice> devices;
};

// A requisition a site sent, as central holds it (central_orders.cpp).
struct CentralRequisitionLine {
    std::string item_id, item_code, item_name, reason, working;
    int64_t suggested = 0, quantity = 0;  // units
};
struct CentralRequisition {
    std::string id, site_code, site_name, device_id, user_id;
    int64_t sent_ms = 0;
    std::string shipment_id;  // empty: not answered yet
    std::vector<CentralRequisitionLine> lines;
};
// One line of a shipment: the item by its catalogue code, the batch, its
// expiry (YYYY-MM-DD) and the quantity in units.
struct ShipmentLineInput {
    std::string item_code, batch_no, expiry;
    int64_t quantity = 0;
};

class CentralCore {
public:
    using Request = protocol::Request;
    using Response = protocol::Response;

    ~CentralCore();
    CentralCore(const CentralCore&) = delete;
    CentralCore& operator=(const CentralCore&) = delete;

    // Opens or creates central's database at path: a SQLite file (":memory:"
    // for tests) or a PostgreSQL address (postgresql://user@host/dbname; the
    // database must exist, its tables are made on first use).
    // A new database gets the default reason codes (one global feed row).
    // demo_central: this central serves only demo sites and demo devices; a
    // database created as demo cannot be opened as real and vice versa.
    // clock is not owned and must outlive the core; nullptr: the system clock.
    static Result<std::unique_ptr<CentralCore>> Open(const std::string& path, Clock* clock,
                                                     bool demo_central);

    // Serves one request (docs/protocol.md). Never throws; every failure is a
    // JSON error body with its documented status.
    Response handle(const Request& request);

    // ---- administration (the CLI subcommands and tests) ---------------------
    // Creates a site; its row goes into the site's own feed. Returns its id.
    // Refused: a code already used, an empty name, a demo site on a real
    // central or the reverse.
    Result<std::string> create_site(const std::string& code, const std::string& name, bool demo,
                                    const std::string& address = "");
    // A fresh one-time registration code for the site ("K7Q-4XP-9MD"), valid
    // for 24 hours. Only its hash is stored: it is shown once.
    Result<std::string> issue_code(const std::string& site_code);
    // Adds a user (PIN hashed with argon2id) and puts the row in the site's
    // feed so its devices pull it. role: dispenser, storekeeper or admin;
    // lang: the language the user reads the screens in (en, fr, pt, es; ""
    // none, the device's applies). InvalidArgument for any other value.
    Result<std::string> add_user(const std::string& site_code, const std::string& name,
                                 const std::string& role, const std::string& pin, const std::string& lang = "");
    // Sets an active user's language (by id or by name within the site; ""
    // clears it) and puts the row in the site's feed (central_user_lang.cpp).
    // NotFound for an unknown site or user, InvalidArgument for a language.
    Status set_user_lang(const std::string& site_code, const std::string& user, const std::string& lang);
    // Marks a user inactive (by id or by name within the site); devices pull
    // the change.
    Status disable_user(const std::string& site_code, const std::string& user);
    // A new site key for the site (central_site_keys.cpp, docs/security.md):
    // devices get it with their next pull; until then they keep the old one.
    // Returns the new key's number. NotFound for an unknown site code.
    Result<int64_t> rotate_site_key(const std::string& site_code);
    // Refuses the device's token from now on (401 bad_token).
    Status revoke_device(const std::string& device_id);
    // Imports the item catalogue from CSV text (header code,name,strength,
    // form,unit,pack_size,default_directions,warning,reorder_level,
    // cold_chain,controlled[,active]). All or nothing: the first bad line is
    // named with its number and problem. Items are matched by code; each one
    // becomes a global feed row. Returns how many items were written.
    Result<int64_t> import_catalogue_csv(const std::string& csv_text);
    Result<int64_t> import_catalogue_file(const std::string& path);
    // Every site with its devices' sync health.
    Result<std::vector<CentralSite>> list_sites();

    // Demo central only (refused on a real one). Takes in a demo store's site
    // as it stands, so a demo laptop whose data was generated offline syncs
    // with the in-process demo central (app/demo/demo_central.h) without a
    // registration code. rows holds the store's central-owned tables as
    // read_rows() gives them: {"sites": [exactly one demo site], "devices",
    // "users", "items"} (reason codes are central's own defaults). The site,
    // its devices, users and catalogue go into central's tables and feeds as
    // if central had made them; device_id becomes a device of the site with a
    // fresh token, which is returned. Its changes are then pushed as any
    // device's are. Refused, writing nothing: a real central, a site that is
    // not demo, a site or device central already knows, a row of another site.
    Result<std::string> adopt_demo_site(const nlohmann::json& rows, const std::string& device_id,
                                        const std::string& device_name);

    // ---- orders (central_orders.cpp; docs/central.md "Requisitions") --------
    // Requisitions sent by devices, newest first, of one site (site_code not
    // empty) or all. Central reads them from the feed into its own tables
    // first (incrementally, from a cursor kept in central_meta).
    Result<std::vector<CentralRequisition>> list_requisitions(const std::string& site_code);
    // Brings the order tables up to date with the feed (creating them when
    // missing), as list_requisitions does first; the dashboard's
    // Requisitions page calls it before reading them.
    Status catch_up_orders();
    // Answers a requisition with a shipment: its rows are central data of the
    // requisition's site, written with one site feed row in one transaction,
    // so every device of the site pulls them. All or nothing. Refused: an
    // unknown requisition, one answered already, no lines, an unknown item
    // code, an empty batch, an expiry that is not a date or is past, a
    // quantity not above 0. Returns the shipment id.
    Result<std::string> ship(const std::string& requisition_id, const std::vector<ShipmentLineInput>& lines,
                             const std::string& reference);
    // The lines from CSV text: header item_code,batch_no,expiry,quantity (any
    // order); a bad line is named with its number.
    Result<std::string> ship_csv(const std::string& requisition_id, const std::string& csv_text,
                                 const std::string& reference);

    // For the sync simulation: draw tokens, codes and ids from a seeded
    // generator instead of libsodium's, so a run is repeatable. Never in
    // production (tokens become guessable).
    void use_deterministic_random(uint64_t seed);

    // Off: accepted changes go to the feed only and the dashboard's copy
    // (projection.h) falls behind until `rebuild`. Only for the benchmark's
    // same-run baseline; on by default.
    void set_projection(bool on) { project_ = on && db_->sqlite(); }

    // Counts failed registrations in other's record from now on, so the
    // cores of one pool (central_pool.h) apply one limit per address.
    void share_register_limit(const CentralCore& other) { register_limit_ = other.register_limit_; }

    bool demo() const { return demo_; }
    int64_t feed_head();  // highest feed cursor, 0 when empty
    // Central's connection, either engine (tests that inspect rows).
    sql::Conn& sql() { return *db_; }
    sql::Engine engine() const { return db_->engine(); }
    // The SQLite connection underneath. REQUIRES: engine() is kSqlite (the
    // simulation, the benchmarks and the dashboard's copy run on SQLite only).
    Db& db() { return *db_->sqlite(); }
    // Runs fn on central's connection under the core's lock (the dashboard's
    // queries from an HTTP thread when there is no connection of its own).
    // REQUIRES: engine() is kSqlite.
    template <typename Fn>
    auto read(Fn&& fn) {
        std::lock_guard<std::mutex> lock(mu_);
        return fn(*db_->sqlite());
    }
    // Runs fn, which only reads, on the calling thread's own read-only
    // connection to central's file (opened on first use, kept for the core's
    // life), inside one read transaction: a dashboard page sees one snapshot
    // and never holds the core's lock, so pushes go on beside it (WAL). A
    // central in memory has only its one connection: fn runs as read() does.
    template <typename Fn>
    auto read_only(Fn&& fn) {
        Db* reader = thread_reader();
        if (!reader) return read(std::forward<Fn>(fn));
        ReadTx tx(*reader);
        return fn(*reader);
    }

private:
    CentralCore() = default;
    struct ReadTx {  // BEGIN ... COMMIT (rolled back when one was left open)
        explicit ReadTx(Db& db);
        ~ReadTx();
        Db& db;
    };
    // The SQLite connection for a part of central built on SQLite only
    // (orders, the dashboard's copy); Unavailable naming `what` on PostgreSQL.
    Result<Db*> sqlite_only(const char* what);
    Db* thread_reader();  // nullptr: central is in memory, or the file cannot be opened again
    struct Device {  // the device a request's token belongs to
        std::string id, site_id, name;
        int64_t accepted_through = 0;
        std::string app_version;  // as last recorded ("" never reported)
    };

    struct SiteKey {
        int64_t no = 0;
        std::string hex;  // 32 bytes, hex
    };
    // The site's current key, made on first use. REQUIRES: mu_ held.
    Result<SiteKey> site_key(const std::string& site_id);
    static nlohmann::json site_key_json(const SiteKey& key);

    Status migrate(bool demo_central);
    void random_bytes(unsigned char* out, size_t n);
    std::string random_hex(size_t bytes);
    std::string new_id();

    Response route(const Request& request);
    Response handle_register(const Request& request);
    Response handle_push(const Request& request, const Device& device);
    Response handle_pull(const Request& request, const Device& device);
    Response handle_status(const Device& device);
    bool authenticate(const Request& request, Device* device, Response* refusal);
    bool rate_limited(const std::string& remote_addr, int64_t* retry_after_s);
    void note_register_failure(const std::string& remote_addr);
    void note_device_error(const std::string& device_id, const std::string& message);

    // Takes the lock that keeps feed cursors commit-ordered for the devices
    // reading site_id's feed (empty: the global feed), once per transaction:
    // a site's writers wait for each other, never for other sites' writers;
    // a global write waits for every site's writers in progress (and they
    // for it). Nothing to take on SQLite, whose writers are serialised.
    // REQUIRES: in a write transaction, before the first cursor is taken.
    Status lock_feed(const std::string& site_id);
    // Appends one payload to the feed (site_id empty: global), taking
    // lock_feed(site_id) first. REQUIRES: in a write transaction.
    Status append_feed(const std::string& site_id, const std::string& device_id, int64_t seq,
                       const std::string& payload);
    Status seed_reason_codes();
    Result<std::string> site_id_of(const std::string& site_code);

    std::mutex mu_;
    std::unique_ptr<sql::Conn> db_;
    std::string path_;
    std::mutex readers_mu_;  // guards readers_ (each connection is used by its own thread only)
    std::map<std::thread::id, std::unique_ptr<Db>> readers_;
    Clock* clock_ = nullptr;
    std::unique_ptr<Clock> owned_clock_;
    bool demo_ = false;
    bool project_ = true;
    Hlc hlc_;
    std::unique_ptr<std::mt19937_64> seeded_;  // set: deterministic random
    // remote address -> times of recent failed registrations. In memory, per
    // process by design: a restart forgives, which is acceptable for a
    // 10-minute window; with several processes behind a load balancer an
    // address gets the allowance once per process (docs/central.md).
    struct RegisterLimit {
        std::mutex mu;
        std::map<std::string, std::vector<int64_t>> failures;
    };
    std::shared_ptr<RegisterLimit> register_limit_ = std::make_shared<RegisterLimit>();
};

}  // namespace outpost

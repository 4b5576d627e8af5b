// CentralCore: opening central's database, routing a request through the
// checks every endpoint shares (endpoint, protocol version, body size, token)
// and the status endpoint. Registration is in central_register.cpp, push and
// pull in central_push_pull.cpp, administration in central_admin.cpp.
#include "central_core.h"
#include "projection.h"

#include <sodium.h>

#include <algorithm>
#include <cctype>

#include "central_internal.h"

namespace outpost {

using central::error_response;
using central::json;
using protocol::Error;
namespace field = protocol::field;

// ---- small helpers shared by the central files ----------------------------------

namespace central {

std::string sha256_hex(const std::string& text) {
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    char hex[crypto_hash_sha256_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

protocol::Response json_response(int status, const std::string& body) {
    protocol::Response r;
    r.status = status;
    r.headers[protocol::kHeaderContentType] = protocol::kContentTypeJson;
    r.body = body;
    return r;
}

protocol::Response error_response(protocol::Error e, const std::string& message) {
    protocol::Response r = json_response(protocol::http_status(e), protocol::error_body(e, message));
    // Busy: come back later, not at once (the client takes it as its
    // backoff's floor).
    if (e == protocol::Error::kBusy) r.headers[protocol::kHeaderRetryAfter] = std::to_string(protocol::kBusyRetryAfterS);
    return r;
}

bool get_string(const json& obj, const char* key, std::string* out, std::string* problem) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        *problem = std::string("\"") + key + "\" is missing";
        return false;
    }
    if (!it->is_string()) {
        *problem = std::string("\"") + key + "\" must be text";
        return false;
    }
    *out = it->get<std::string>();
    return true;
}

bool get_int(const json& obj, const char* key, int64_t* out, std::string* problem) {
    auto it = obj.find(key);
    if (it == obj.end()) {
        *problem = std::string("\"") + key + "\" is missing";
        return false;
    }
    if (!it->is_number_integer()) {
        *problem = std::string("\"") + key + "\" must be a whole number";
        return false;
    }
    *out = it->get<int64_t>();
    return true;
}

json site_row(const std::string& id, const std::string& code, const std::string& name,
              const std::string& address, bool is_demo) {
    return json{{"id", id}, {"code", code}, {"name", name}, {"address", address}, {"is_demo", is_demo ? 1 : 0}};
}

}  // namespace central

// ---- opening and schema ------------------------------------------------------------

CentralCore::~CentralCore() = default;

Result<std::unique_ptr<CentralCore>> CentralCore::Open(const std::string& path, Clock* clock,
                                                       bool demo_central) {
    if (sodium_init() < 0) return Status::IoError("the crypto library (libsodium) failed to start");
    std::unique_ptr<CentralCore> core(new CentralCore());
    if (clock) {
        core->clock_ = clock;
    } else {
        core->owned_clock_ = std::make_unique<SystemClock>();
        core->clock_ = core->owned_clock_.get();
    }
    core->demo_ = demo_central;
    auto db = sql::open(path, true);
    if (!db.ok()) return db.status();
    core->db_ = std::move(db).value();
    core->path_ = path;
    if (core->db_->engine() == sql::Engine::kPostgres) {
        if (demo_central)
            return Status::InvalidArgument(
                "a demo central runs on SQLite only: give --db a file path");
        // The dashboard's copy is built on SQLite only (docs/known-gaps.md).
        core->project_ = false;
    }
    Status s = core->migrate(demo_central);
    if (!s.ok()) return s;
    s = central::ensure_device_app_version(*core->db_);
    if (!s.ok()) return s;
    s = central::ensure_user_lang(*core->db_);
    if (!s.ok()) return s;
    if (Db* lite = core->db_->sqlite()) {
        s = projection::ensure_schema(*lite, core->clock_->now_ms());
        if (!s.ok()) return s;
    }
    if (auto last = core->db_->query_text("SELECT MAX(hlc) FROM users"); last && !last->empty())
        core->hlc_.restore(*last);
    return core;
}

CentralCore::ReadTx::ReadTx(Db& d) : db(d) {
    if (!sqlite3_get_autocommit(db.raw())) (void)db.exec("ROLLBACK");
    (void)db.exec("BEGIN");
}
CentralCore::ReadTx::~ReadTx() { (void)db.exec("COMMIT"); }

Result<Db*> CentralCore::sqlite_only(const char* what) {
    if (Db* lite = db_->sqlite()) return lite;
    return Status::Unavailable(
        std::string(what) +
        " is not available on a PostgreSQL central yet (docs/known-gaps.md); it needs "
        "central's database on SQLite");
}

Db* CentralCore::thread_reader() {
    if (!db_->sqlite()) return nullptr;
    if (path_.empty() || path_ == ":memory:" || path_.rfind("file:", 0) == 0) return nullptr;
    std::lock_guard<std::mutex> l(readers_mu_);
    auto& reader = readers_[std::this_thread::get_id()];
    if (!reader) {
        auto opened = Db::Open(path_, false);
        if (!opened.ok()) return nullptr;
        reader = std::make_unique<Db>(std::move(opened).value());
        // Reads only; the dashboard's page cache (its pages scan indexes).
        if (!reader->exec("PRAGMA query_only=ON; PRAGMA cache_size=-65536").ok()) {
            reader.reset();
            return nullptr;
        }
    }
    return reader.get();
}

Status CentralCore::migrate(bool demo_central) {
    auto has_meta = db_->table_exists("central_meta");
    if (!has_meta.ok()) return has_meta.status();
    if (*has_meta) {
        auto outbox = db_->table_exists("outbox");
        if (outbox.ok() && *outbox)
            return Status::InvalidArgument("this file is a device's store, not a central database");
        auto version = db_->query_text("SELECT value FROM central_meta WHERE key='schema_version'");
        if (!version || *version != "1")
            return Status::InvalidArgument("this central database has schema version " + version.value_or("?") +
                                           "; this outpost-central understands version 1 only");
        auto demo = db_->query_text("SELECT value FROM central_meta WHERE key='demo'");
        const bool db_demo = demo && *demo == "1";
        if (db_demo && !demo_central)
            return Status::PermissionDenied("this central database holds demo data: start it with --demo");
        if (!db_demo && demo_central)
            return Status::PermissionDenied("this central database holds real data: start it without --demo");
        Status parents = central::ensure_site_parents(*db_);
        if (parents.ok()) parents = central::ensure_site_keys(*db_);
        return parents.ok() ? central::ensure_feed_heads(*db_) : parents;
    }
    auto tables = db_->table_count();
    if (!tables.ok()) return tables.status();
    if (*tables > 0)
        return Status::InvalidArgument(
            "this database is not a central database (it has other tables)");
    sql::Tx tx(*db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    Status s = db_->exec(central::schema_sql(db_->engine()));
    if (!s.ok()) return s;
    sql::Stmt m =
        db_->prepare("INSERT INTO central_meta(key,value) VALUES('schema_version','1'),('demo',?)");
    m.bind(1, demo_central ? "1" : "0");
    s = m.run();
    if (s.ok()) s = central::ensure_site_parents(*db_);
    if (s.ok()) s = central::ensure_site_keys(*db_);
    if (s.ok()) s = central::ensure_feed_heads(*db_);
    if (s.ok()) s = seed_reason_codes();
    if (!s.ok()) return s;
    return tx.commit();
}

// ---- randomness --------------------------------------------------------------------

void CentralCore::use_deterministic_random(uint64_t seed) {
    std::lock_guard<std::mutex> l(mu_);
    seeded_ = std::make_unique<std::mt19937_64>(seed);
}

void CentralCore::random_bytes(unsigned char* out, size_t n) {
    if (!seeded_) {
        randombytes_buf(out, n);
        return;
    }
    for (size_t i = 0; i < n; ++i) out[i] = static_cast<unsigned char>((*seeded_)() >> 56);
}

std::string CentralCore::random_hex(size_t bytes) {
    std::vector<unsigned char> buf(bytes);
    random_bytes(buf.data(), bytes);
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(&hex[0], hex.size(), buf.data(), bytes);
    hex.pop_back();
    return hex;
}

// A UUID v7 (48 bits of ms time, then random) from our own random source, so
// a seeded core makes the same ids every run.
std::string CentralCore::new_id() {
    unsigned char b[16];
    random_bytes(b, sizeof b);
    const uint64_t ms = static_cast<uint64_t>(clock_->now_ms());
    for (int i = 0; i < 6; ++i) b[i] = static_cast<unsigned char>(ms >> (40 - 8 * i));
    b[6] = static_cast<unsigned char>(0x70 | (b[6] & 0x0f));
    b[8] = static_cast<unsigned char>(0x80 | (b[8] & 0x3f));
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
        s += hex[b[i] >> 4];
        s += hex[b[i] & 15];
    }
    return s;
}

// ---- request routing ---------------------------------------------------------------

protocol::Response CentralCore::handle(const Request& request) {
    std::lock_guard<std::mutex> l(mu_);
    try {
        return route(request);
    } catch (const std::exception& e) {
        // Handlers check types before reading; this is the last line of defence.
        return error_response(Error::kInternal, std::string("central failed on this request: ") + e.what());
    } catch (...) {
        return error_response(Error::kInternal, "central failed on this request");
    }
}

// "1" -> 1; anything but plain digits -> -1.
static int parse_version(const std::string& text) {
    if (text.empty() || text.size() > 6) return -1;
    int v = 0;
    for (char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c))) return -1;
        v = v * 10 + (c - '0');
    }
    return v;
}

protocol::Response CentralCore::route(const Request& request) {
    struct Endpoint {
        const char* path;
        const char* method;
    };
    static const Endpoint kEndpoints[] = {
        {protocol::kPathRegister, "POST"},
        {protocol::kPathPush, "POST"},
        {protocol::kPathPull, "POST"},
        {protocol::kPathStatus, "GET"},
    };
    const Endpoint* endpoint = nullptr;
    for (const auto& e : kEndpoints)
        if (request.path == e.path) endpoint = &e;
    if (!endpoint) return error_response(Error::kNotFound, "no such endpoint: " + request.path);
    if (request.method != endpoint->method)
        return error_response(Error::kMethodNotAllowed,
                              request.path + " takes " + endpoint->method + ", not " + request.method);

    auto version = request.headers.find(protocol::kHeaderProtocol);
    const int v = version == request.headers.end() ? -1 : parse_version(version->second);
    if (v < protocol::kMinVersion)
        return error_response(Error::kVersionTooOld,
                              "this Outpost speaks an old sync protocol (" +
                                  (v < 0 ? std::string("none given") : std::to_string(v)) +
                                  "); central needs version " + std::to_string(protocol::kMinVersion) +
                                  " or newer: update Outpost");
    if (request.body.size() > protocol::kMaxBodyBytes)
        return error_response(Error::kPayloadTooLarge,
                              "the request is " + std::to_string(request.body.size()) +
                                  " bytes; central takes at most " + std::to_string(protocol::kMaxBodyBytes));

    if (request.path == protocol::kPathRegister) return handle_register(request);
    Device device;
    Response refusal;
    if (!authenticate(request, &device, &refusal)) return refusal;
    if (const std::string app = central::app_version_of(request); !app.empty() && app != device.app_version)
        central::note_app_version(*db_, device.id, app);
    if (request.path == protocol::kPathStatus) return handle_status(device);
    if (request.path == protocol::kPathPush) return handle_push(request, device);
    return handle_pull(request, device);
}

bool CentralCore::authenticate(const Request& request, Device* device, Response* refusal) {
    auto auth = request.headers.find(protocol::kHeaderAuthorization);
    const std::string prefix = protocol::kBearerPrefix;
    if (auth == request.headers.end() || auth->second.size() <= prefix.size() ||
        auth->second.compare(0, prefix.size(), prefix) != 0) {
        *refusal = error_response(Error::kBadToken, "no sync token was sent; set up sync again");
        return false;
    }
    const std::string token = auth->second.substr(prefix.size());
    sql::Stmt s = db_->prepare(
        "SELECT d.id, d.site_id, d.name, d.revoked, d.accepted_through, s.is_demo, d.app_version "
        "FROM devices d JOIN sites s ON s.id = d.site_id WHERE d.token_sha256 = ?");
    s.bind(1, central::sha256_hex(token));
    if (!s.step()) {
        *refusal = s.status().ok()
                       ? error_response(Error::kBadToken,
                                        "central does not know this device's sync token; set up sync again")
                       : error_response(Error::kInternal, "central could not read its database: " +
                                                              s.status().message());
        return false;
    }
    if (s.i64(3) != 0) {
        *refusal = error_response(Error::kBadToken,
                                  "this device's sync access was revoked by the administrator; set up sync again");
        return false;
    }
    if ((s.i64(5) != 0) != demo_) {
        *refusal = error_response(Error::kDemoMismatch, "demo and real data never mix on one central");
        return false;
    }
    device->id = s.text(0);
    device->site_id = s.text(1);
    device->name = s.text(2);
    device->accepted_through = s.i64(4);
    device->app_version = s.text(6);
    return true;
}

void CentralCore::note_device_error(const std::string& device_id, const std::string& message) {
    sql::Stmt s = db_->prepare("UPDATE devices SET last_error=? WHERE id=?");
    s.bind(1, message).bind(2, device_id);
    (void)s.run();  // health information only; the request's answer already says it
}

// ---- status ------------------------------------------------------------------------

protocol::Response CentralCore::handle_status(const Device& device) {
    sql::Stmt s = db_->prepare(
        "SELECT MAX(cursor) FROM feed WHERE site_id = ? UNION ALL SELECT MAX(cursor) FROM feed "
        "WHERE site_id IS NULL");
    s.bind(1, device.site_id);
    int64_t head = 0;
    while (s.step()) head = std::max(head, s.i64(0));
    if (!s.status().ok()) return error_response(Error::kInternal, s.status().message());
    json answer{{field::kDeviceId, device.id},
                {field::kSiteId, device.site_id},
                {field::kAcceptedThrough, device.accepted_through},
                {field::kFeedHead, head},
                {field::kServerTimeMs, clock_->now_ms()}};
    return central::json_response(200, answer.dump());
}

int64_t CentralCore::feed_head() {
    std::lock_guard<std::mutex> l(mu_);
    return db_->query_i64("SELECT MAX(cursor) FROM feed").value_or(0);
}

Status CentralCore::lock_feed(const std::string& site_id) {
    if (db_->serialises_writers() || !db_->note_lock("feed:" + site_id)) return Status::Ok();
    // PostgreSQL: cursors come from a sequence, taken before commit. These
    // locks, held to commit, make the cursors of site_id's rows and of the
    // global rows (what one device reads) commit-ordered:
    //  - a site's writers lock the site's feed_heads row, so they commit one
    //    after another in the order they took their cursors;
    //  - they also hold the global feed lock (a transaction-scoped advisory
    //    lock) in SHARE mode, so sites never wait for each other, while a
    //    global write takes it exclusively: no site writer is in progress
    //    while a global row takes its cursor, and none starts before it
    //    commits. PostgreSQL queues lock requests fairly (a SHARE request
    //    waits behind a waiting exclusive one), so a catalogue import is not
    //    starved by a steady stream of pushes.
    // A concurrency test proves it (tests/sync/central/postgres_feed_test.cpp).
    static const char* kGlobalFeedLock = "7961535620179834181";  // any fixed key; central's own
    if (site_id.empty()) {
        sql::Stmt g =
            db_->prepare(std::string("SELECT pg_advisory_xact_lock(") + kGlobalFeedLock + ")");
        g.step();
        return g.status();
    }
    sql::Stmt g =
        db_->prepare(std::string("SELECT pg_advisory_xact_lock_shared(") + kGlobalFeedLock + ")");
    g.step();
    if (!g.status().ok()) return g.status();
    sql::Stmt site = db_->prepare(
        "INSERT INTO feed_heads(site_id, writes) VALUES(?, 1) "
        "ON CONFLICT(site_id) DO UPDATE SET writes = feed_heads.writes + 1");
    site.bind(1, site_id);
    return site.run();
}

Status CentralCore::append_feed(const std::string& site_id, const std::string& device_id, int64_t seq,
                                const std::string& payload) {
    Status locked = lock_feed(site_id);
    if (!locked.ok()) return locked;
    sql::Stmt s =
        db_->prepare("INSERT INTO feed(site_id, device_id, seq, payload) VALUES(?,?,?,?)");
    if (site_id.empty()) s.bind_null(1); else s.bind(1, site_id);
    if (device_id.empty()) s.bind_null(2); else s.bind(2, device_id);
    if (seq > 0) s.bind(3, seq); else s.bind_null(3);
    s.bind(4, payload);
    return s.run();
}

}  // namespace outpost

// Central's own schema on each engine (the tables every central has; the
// dashboard's copy adds its own in projection/). The two texts hold the same
// tables and columns; they differ only where the engines do: SQLite's
// AUTOINCREMENT and WITHOUT ROWID, PostgreSQL's BIGSERIAL and BIGINT (epoch
// milliseconds overflow a 4-byte INTEGER). sites/users/items/reason_codes
// have the columns of the device store (app/store/schema.cpp) so their rows
// travel unchanged. device_changes remembers every change a device pushed
// (accepted or rejected) by (device_id, seq) with its payload hash: that is
// what makes a replay harmless and a reused seq detectable. The feed is every
// payload a device may pull, in commit order; site_id NULL marks central data
// every device receives (catalogue, reason codes). feed_heads holds one row
// per site (and '' for the global feed) that writers lock on PostgreSQL
// (CentralCore::lock_feed); `writes` counts the transactions that did.
#include "central_internal.h"

namespace outpost {
namespace central {

static const char* kSqliteSchema = R"SQL(
CREATE TABLE central_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sites (
  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '', is_demo INTEGER NOT NULL DEFAULT 0);
CREATE TABLE devices (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES sites(id), name TEXT NOT NULL,
  token_sha256 TEXT NOT NULL UNIQUE, revoked INTEGER NOT NULL DEFAULT 0,
  accepted_through INTEGER NOT NULL DEFAULT 0, pending INTEGER NOT NULL DEFAULT 0,
  last_push_ms INTEGER NOT NULL DEFAULT 0, last_pull_ms INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '', created_ms INTEGER NOT NULL);
CREATE INDEX devices_site ON devices(site_id);
CREATE TABLE users (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES sites(id), name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('dispenser','storekeeper','admin')),
  pin_hash TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, hlc TEXT NOT NULL);
CREATE INDEX users_site ON users(site_id, name);
CREATE TABLE items (
  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  strength TEXT NOT NULL DEFAULT '', form TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT 'unit', pack_size INTEGER NOT NULL DEFAULT 1 CHECK (pack_size > 0),
  default_directions TEXT NOT NULL DEFAULT '', warning TEXT NOT NULL DEFAULT '',
  reorder_level INTEGER NOT NULL DEFAULT 0, cold_chain INTEGER NOT NULL DEFAULT 0,
  controlled INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1,
  search TEXT NOT NULL DEFAULT '');
CREATE TABLE reason_codes (
  code TEXT PRIMARY KEY, label TEXT NOT NULL,
  direction INTEGER NOT NULL CHECK (direction IN (-1, 0, 1)),
  active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE registration_codes (
  code_sha256 TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES sites(id),
  created_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL, used_ms INTEGER, device_id TEXT);
CREATE TABLE device_changes (
  device_id TEXT NOT NULL REFERENCES devices(id), seq INTEGER NOT NULL, hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('accepted','rejected')),
  error TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '', received_ms INTEGER NOT NULL,
  PRIMARY KEY (device_id, seq)) WITHOUT ROWID;
CREATE TABLE feed (
  cursor INTEGER PRIMARY KEY AUTOINCREMENT, site_id TEXT, device_id TEXT, seq INTEGER,
  payload TEXT NOT NULL);
CREATE INDEX feed_site ON feed(site_id, cursor);
)SQL";

static const char* kPostgresSchema = R"SQL(
CREATE TABLE central_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sites (
  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '', is_demo BIGINT NOT NULL DEFAULT 0);
CREATE TABLE devices (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES sites(id), name TEXT NOT NULL,
  token_sha256 TEXT NOT NULL UNIQUE, revoked BIGINT NOT NULL DEFAULT 0,
  accepted_through BIGINT NOT NULL DEFAULT 0, pending BIGINT NOT NULL DEFAULT 0,
  last_push_ms BIGINT NOT NULL DEFAULT 0, last_pull_ms BIGINT NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '', created_ms BIGINT NOT NULL);
CREATE INDEX devices_site ON devices(site_id);
CREATE TABLE users (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES sites(id), name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('dispenser','storekeeper','admin')),
  pin_hash TEXT NOT NULL, active BIGINT NOT NULL DEFAULT 1, hlc TEXT NOT NULL);
CREATE INDEX users_site ON users(site_id, name);
CREATE TABLE items (
  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  strength TEXT NOT NULL DEFAULT '', form TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT 'unit', pack_size BIGINT NOT NULL DEFAULT 1 CHECK (pack_size > 0),
  default_directions TEXT NOT NULL DEFAULT '', warning TEXT NOT NULL DEFAULT '',
  reorder_level BIGINT NOT NULL DEFAULT 0, cold_chain BIGINT NOT NULL DEFAULT 0,
  controlled BIGINT NOT NULL DEFAULT 0, active BIGINT NOT NULL DEFAULT 1,
  search TEXT NOT NULL DEFAULT '');
CREATE TABLE item_prices (item_id TEXT PRIMARY KEY, unit_price DOUBLE PRECISION NOT NULL);
CREATE TABLE reason_codes (
  code TEXT PRIMARY KEY, label TEXT NOT NULL,
  direction BIGINT NOT NULL CHECK (direction IN (-1, 0, 1)),
  active BIGINT NOT NULL DEFAULT 1);
CREATE TABLE registration_codes (
  code_sha256 TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES sites(id),
  created_ms BIGINT NOT NULL, expires_ms BIGINT NOT NULL, used_ms BIGINT, device_id TEXT);
CREATE TABLE device_changes (
  device_id TEXT NOT NULL REFERENCES devices(id), seq BIGINT NOT NULL, hash TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('accepted','rejected')),
  error TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '', received_ms BIGINT NOT NULL,
  PRIMARY KEY (device_id, seq));
CREATE TABLE feed (
  cursor BIGSERIAL PRIMARY KEY, site_id TEXT, device_id TEXT, seq BIGINT,
  payload TEXT NOT NULL);
CREATE INDEX feed_site ON feed(site_id, cursor);
)SQL";

const char* schema_sql(sql::Engine engine) {
    return engine == sql::Engine::kPostgres ? kPostgresSchema : kSqliteSchema;
}

Status ensure_feed_heads(sql::Conn& db) {
    Status s = db.exec(
        "CREATE TABLE IF NOT EXISTS feed_heads (site_id TEXT PRIMARY KEY, writes BIGINT NOT NULL "
        "DEFAULT 0)");
    if (s.ok())
        s = db.exec(
            "INSERT INTO feed_heads(site_id, writes) VALUES('', 0) ON CONFLICT(site_id) DO "
            "NOTHING");
    return s;
}

}  // namespace central
}  // namespace outpost

// Numbered migrations for the Outpost store. Never edit a released migration:
// add a new one. Ownership (design brief, data model 2) is in the comments:
// CENTRAL tables are written only by outpost-central and arrive by pull; SITE
// tables are written by the site's devices and pushed; LOCAL tables never sync.
#include "schema.h"

namespace outpost {

static const char* kMigration1 = R"SQL(
-- LOCAL: key/value facts about this installation (device id, site id, demo
-- flag, the last HLC issued, sync cursors).
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- CENTRAL
CREATE TABLE sites (
  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT '', is_demo INTEGER NOT NULL DEFAULT 0);

-- CENTRAL (registered by central; a standalone store records itself)
CREATE TABLE devices (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES sites(id), name TEXT NOT NULL);

-- CENTRAL. pin_hash is a libsodium crypto_pwhash string (argon2id, salted).
CREATE TABLE users (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL REFERENCES sites(id), name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('dispenser','storekeeper','admin')),
  pin_hash TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1, hlc TEXT NOT NULL);

-- LOCAL: failed PIN attempts are a property of this device, not synced data.
CREATE TABLE user_lockout (
  user_id TEXT PRIMARY KEY REFERENCES users(id), failed INTEGER NOT NULL DEFAULT 0,
  locked_until_ms INTEGER NOT NULL DEFAULT 0);

-- CENTRAL: the item catalogue. Quantities everywhere are in dispensing units.
CREATE TABLE items (
  id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
  strength TEXT NOT NULL DEFAULT '', form TEXT NOT NULL DEFAULT '',
  unit TEXT NOT NULL DEFAULT 'unit', pack_size INTEGER NOT NULL DEFAULT 1 CHECK (pack_size > 0),
  default_directions TEXT NOT NULL DEFAULT '', warning TEXT NOT NULL DEFAULT '',
  reorder_level INTEGER NOT NULL DEFAULT 0, cold_chain INTEGER NOT NULL DEFAULT 0,
  controlled INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1,
  search TEXT NOT NULL DEFAULT '');
CREATE INDEX items_name ON items(name);

-- CENTRAL
CREATE TABLE reason_codes (
  code TEXT PRIMARY KEY, label TEXT NOT NULL,
  direction INTEGER NOT NULL CHECK (direction IN (-1, 0, 1)),  -- 0: either sign
  active INTEGER NOT NULL DEFAULT 1);

-- SITE: a batch is item + batch number + expiry, born at its first receipt.
-- on_hold and needs_count are site flags kept by the device (needs_count is
-- raised when a dispensing took the recorded balance below zero). The flags
-- merge last-writer-wins by (hlc, device_id).
CREATE TABLE batches (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL, item_id TEXT NOT NULL REFERENCES items(id),
  batch_no TEXT NOT NULL, expiry TEXT NOT NULL, on_hold INTEGER NOT NULL DEFAULT 0,
  needs_count INTEGER NOT NULL DEFAULT 0, hlc TEXT NOT NULL, device_id TEXT NOT NULL,
  UNIQUE (site_id, item_id, batch_no, expiry));
CREATE INDEX batches_item ON batches(item_id, expiry);

-- SITE: the ledger. Append only: never UPDATE or DELETE a row.
-- (device_id, seq) is the outbox sequence of the change that carried it; one
-- change (a whole dispensing, say) may carry several events.
CREATE TABLE stock_events (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL, device_id TEXT NOT NULL, seq INTEGER NOT NULL,
  hlc TEXT NOT NULL, user_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('receipt','dispense','adjustment','stocktake','reversal')),
  item_id TEXT NOT NULL, batch_id TEXT NOT NULL REFERENCES batches(id),
  quantity INTEGER NOT NULL, reason TEXT, reverses_event_id TEXT,
  prescription_line_id TEXT, stocktake_id TEXT, supplier TEXT, reference TEXT,
  note TEXT NOT NULL DEFAULT '', created_ms INTEGER NOT NULL);
CREATE INDEX stock_events_batch ON stock_events(batch_id, hlc);
CREATE INDEX stock_events_item ON stock_events(item_id, hlc);
CREATE INDEX stock_events_device ON stock_events(device_id, seq);
CREATE INDEX stock_events_line ON stock_events(prescription_line_id);

-- DERIVED: stock on hand per batch, kept in the same transaction as every
-- event and rebuildable from the ledger (`outpost verify`).
CREATE TABLE stock_on_hand (
  batch_id TEXT PRIMARY KEY REFERENCES batches(id), item_id TEXT NOT NULL,
  quantity INTEGER NOT NULL);
CREATE INDEX stock_on_hand_item ON stock_on_hand(item_id);

-- SITE, mutable, last-writer-wins by (hlc, device_id).
CREATE TABLE patients (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL, family_name TEXT NOT NULL,
  given_name TEXT NOT NULL, sex TEXT NOT NULL DEFAULT '', birth_year INTEGER,
  village TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '',
  hlc TEXT NOT NULL, device_id TEXT NOT NULL, search TEXT NOT NULL DEFAULT '');
CREATE INDEX patients_family ON patients(family_name);

-- SITE, immutable once written.
CREATE TABLE prescriptions (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL, patient_id TEXT NOT NULL REFERENCES patients(id),
  prescriber TEXT NOT NULL DEFAULT '', user_id TEXT NOT NULL, device_id TEXT NOT NULL,
  hlc TEXT NOT NULL, created_ms INTEGER NOT NULL);
CREATE INDEX prescriptions_patient ON prescriptions(patient_id, hlc);
CREATE TABLE prescription_lines (
  id TEXT PRIMARY KEY, prescription_id TEXT NOT NULL REFERENCES prescriptions(id),
  line_no INTEGER NOT NULL, item_id TEXT NOT NULL, quantity INTEGER NOT NULL,
  directions TEXT NOT NULL DEFAULT '', directions_text TEXT NOT NULL DEFAULT '');
CREATE INDEX prescription_lines_rx ON prescription_lines(prescription_id);
-- SITE: a cancellation is its own immutable record plus reversal events.
CREATE TABLE cancellations (
  id TEXT PRIMARY KEY, prescription_id TEXT NOT NULL UNIQUE REFERENCES prescriptions(id),
  reason TEXT NOT NULL, user_id TEXT NOT NULL, hlc TEXT NOT NULL);

-- SITE. A stocktake is worked on one device; it syncs when it is finalised or
-- abandoned. frontier is a JSON object {device_id: highest seq applied} taken
-- at start: the events the counter's numbers already include.
CREATE TABLE stocktakes (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL, device_id TEXT NOT NULL, user_id TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '', blind INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('open','finalised','abandoned')),
  frontier TEXT NOT NULL, started_ms INTEGER NOT NULL, finished_ms INTEGER, hlc TEXT NOT NULL);
CREATE TABLE stocktake_lines (
  stocktake_id TEXT NOT NULL REFERENCES stocktakes(id), batch_id TEXT NOT NULL REFERENCES batches(id),
  item_id TEXT NOT NULL, expected INTEGER NOT NULL, counted INTEGER, counted_by TEXT,
  PRIMARY KEY (stocktake_id, batch_id));

-- LOCAL: the outbox. Every local change gets the next gap-free seq in the
-- same transaction as its data. payload is the JSON the sync layer ships.
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, entity_id TEXT NOT NULL,
  hlc TEXT NOT NULL, payload TEXT NOT NULL);
-- LOCAL: changes central refused, with its reason; they never block the queue.
CREATE TABLE quarantine (
  seq INTEGER PRIMARY KEY, entity TEXT NOT NULL, entity_id TEXT NOT NULL,
  reason TEXT NOT NULL, payload TEXT NOT NULL, at_ms INTEGER NOT NULL);
)SQL";

// 2: the audit view lists every event newest first; without an index on
// hlc that is a sort of the whole ledger.
static const char* kMigration2 = R"SQL(
CREATE INDEX stock_events_hlc ON stock_events(hlc);
)SQL";

// 3: the print queue (app/print). LOCAL: a job stays until the printer took
// it (printed_ms set), so a crash or a dead printer loses no label.
static const char* kMigration3 = R"SQL(
CREATE TABLE print_jobs (
  id INTEGER PRIMARY KEY, description TEXT NOT NULL, payload TEXT NOT NULL,
  created_ms INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '', printed_ms INTEGER);
CREATE INDEX print_jobs_unprinted ON print_jobs(printed_ms, id);
)SQL";

// 4: month-end reports read the events of a range of days (created_ms);
// without an index that is a scan of the whole ledger for every report.
static const char* kMigration4 = R"SQL(
CREATE INDEX stock_events_created ON stock_events(created_ms);
)SQL";

// 5 (barcode links, issue 11): SITE, last writer wins by (hlc, device_id).
// Which catalogue item a scanned GTIN names at this site. The id is derived
// from (site, GTIN), so two devices linking the same GTIN offline write one
// row and the later link wins everywhere.
static const char* kMigration5BarcodeLinks = R"SQL(
CREATE TABLE barcode_links (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL,
  gtin TEXT NOT NULL CHECK (length(gtin) = 14), item_id TEXT NOT NULL REFERENCES items(id),
  user_id TEXT NOT NULL, hlc TEXT NOT NULL, device_id TEXT NOT NULL,
  UNIQUE (site_id, gtin));
)SQL";

// 6 (orders, issue 12; app/store/requisitions.h). requisitions and their
// lines: SITE. A draft lives only on the device that made it; sending ships
// the requisition (last writer wins by (hlc, device_id)) and its ordered
// lines (insert once) in one change. The lines keep the working of their
// suggested quantity. shipments and their lines: CENTRAL, written for one
// site (site_id) and pulled by its devices; a line is received by the stock
// event whose id is derived from the line's id (docs/schema.md).
static const char* kMigration6Orders = R"SQL(
CREATE TABLE requisitions (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL, device_id TEXT NOT NULL, user_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('draft','sent')),
  min_mos REAL NOT NULL, max_mos REAL NOT NULL, amc_method TEXT NOT NULL DEFAULT '',
  amc_months TEXT NOT NULL DEFAULT '', created_ms INTEGER NOT NULL, sent_ms INTEGER, hlc TEXT NOT NULL);
CREATE TABLE requisition_lines (
  id TEXT PRIMARY KEY, requisition_id TEXT NOT NULL REFERENCES requisitions(id), site_id TEXT NOT NULL,
  line_no INTEGER NOT NULL, item_id TEXT NOT NULL, amc REAL NOT NULL DEFAULT 0,
  available INTEGER NOT NULL DEFAULT 0, on_order INTEGER NOT NULL DEFAULT 0,
  suggested INTEGER NOT NULL DEFAULT 0, quantity INTEGER NOT NULL CHECK (quantity >= 0),
  reason TEXT NOT NULL DEFAULT '', working TEXT NOT NULL DEFAULT '');
CREATE INDEX requisition_lines_req ON requisition_lines(requisition_id, line_no);
CREATE TABLE shipments (
  id TEXT PRIMARY KEY, site_id TEXT NOT NULL, requisition_id TEXT NOT NULL,
  reference TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '', created_ms INTEGER NOT NULL);
CREATE INDEX shipments_req ON shipments(requisition_id);
CREATE TABLE shipment_lines (
  id TEXT PRIMARY KEY, shipment_id TEXT NOT NULL REFERENCES shipments(id), site_id TEXT NOT NULL,
  line_no INTEGER NOT NULL, item_id TEXT NOT NULL, batch_no TEXT NOT NULL, expiry TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0));
CREATE INDEX shipment_lines_shipment ON shipment_lines(shipment_id, line_no);
)SQL";

// 7 (languages, issue 13): LOCAL. The language a user reads the screens in,
// chosen on this device by an admin (or `outpost user lang`), and the
// language of each dispensing's labels. Device-local; since migration 9 a
// user's language also comes from central (users.lang) and this table is
// the device's override of it.
static const char* kMigration7UserLanguages = R"SQL(
CREATE TABLE user_languages (
  user_id TEXT PRIMARY KEY REFERENCES users(id),
  lang TEXT NOT NULL CHECK (lang IN ('en','fr','pt','es')));
-- LOCAL: the language a dispensing's labels were written in (the patient's).
CREATE TABLE label_languages (
  prescription_id TEXT PRIMARY KEY,
  lang TEXT NOT NULL CHECK (lang IN ('en','fr','pt','es')));
)SQL";

// 8 (peer sync, issue 15): LOCAL. Every change of another device this store
// applied, with its origin device and sequence number, so the store knows
// what it holds (a version vector: Store::version_vector) and can hand the
// change on to a peer or to central (relaying). own_before is this device's
// outbox length when the change arrived: served in (own_before, arrival)
// order merged with the outbox, a peer receives changes in the order this
// device came to hold them, so a change never arrives before one it builds
// on. Stores from before this migration applied changes without their
// origin: their pull cursor goes back to 0 so the next pull brings every
// change again, with its origin (applying is idempotent).
static const char* kMigration8HeldChanges = R"SQL(
CREATE TABLE held_changes (
  arrival INTEGER PRIMARY KEY, origin_device TEXT NOT NULL, seq INTEGER NOT NULL CHECK (seq > 0),
  hlc TEXT NOT NULL DEFAULT '', own_before INTEGER NOT NULL, payload TEXT NOT NULL,
  UNIQUE (origin_device, seq));
CREATE INDEX held_changes_order ON held_changes(own_before, arrival);
UPDATE meta SET value='0' WHERE key='pull_cursor';
)SQL";

// 9 (languages, issue 13): CENTRAL. The language a user reads the screens
// in, set on central (`outpost-central user add --lang`, `user lang`) and
// pulled with the user's row; '' is none (the device's language applies).
// No CHECK: a language a later central knows and this build does not must
// not stop a pull; it reads as none. The device-local override stays in
// user_languages (migration 7). Older devices ignore the row's new key.
static const char* kMigration9UserLang = R"SQL(
ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT '';
)SQL";

const std::vector<std::string>& migrations() {
    static const std::vector<std::string> m = {kMigration1, kMigration2, kMigration3, kMigration4,
                                                 kMigration5BarcodeLinks, kMigration6Orders, kMigration7UserLanguages,
                                                 kMigration8HeldChanges, kMigration9UserLang};
    return m;
}

int latest_schema_version() { return static_cast<int>(migrations().size()); }

int schema_version(Db& db) {
    return static_cast<int>(db.query_i64("PRAGMA user_version").value_or(0));
}

Status migrate(Db& db, int target) {
    if (target < 0) target = latest_schema_version();
    int v = schema_version(db);
    if (v > latest_schema_version())
        return Status::Conflict("this database was written by a newer Outpost (schema " +
                                std::to_string(v) + "); update Outpost to open it");
    for (int n = v + 1; n <= target; ++n) {
        Tx tx(db);
        if (!tx.begin_status().ok()) return tx.begin_status();
        Status s = db.exec(migrations()[n - 1]);
        if (!s.ok()) return Status::IoError("migration " + std::to_string(n) + " failed: " + s.message());
        s = db.exec("PRAGMA user_version=" + std::to_string(n));
        if (!s.ok()) return s;
        s = tx.commit();
        if (!s.ok()) return s;
    }
    return Status::Ok();
}

}  // namespace outpost

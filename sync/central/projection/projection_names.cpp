// The names kept beside the figures (projection.h, "Names kept beside the
// figures"): central's migration of the copy to version 2, the triggers that
// keep p_site_item's and p_stock_on_hand's copies of site code, site name,
// region, item code, item name, unit, expiry and batch number equal to
// sites, site_regions, items and batches, and the indexes the dashboard's
// stock status and expiring pages page through.
#include "projection.h"
#include "projection_internal.h"

namespace outpost {
namespace projection {

namespace {

// Version 2 of the copy's derived tables: the columns added to version 1's.
const char* kAddColumns[] = {
    "ALTER TABLE p_site_item ADD COLUMN site_code TEXT",
    "ALTER TABLE p_site_item ADD COLUMN site_name TEXT",
    "ALTER TABLE p_site_item ADD COLUMN region TEXT",
    "ALTER TABLE p_site_item ADD COLUMN item_code TEXT",
    "ALTER TABLE p_site_item ADD COLUMN item_name TEXT",
    "ALTER TABLE p_site_item ADD COLUMN unit TEXT",
    "ALTER TABLE p_stock_on_hand ADD COLUMN expiry TEXT",
    "ALTER TABLE p_stock_on_hand ADD COLUMN batch_no TEXT",
    "ALTER TABLE p_stock_on_hand ADD COLUMN site_code TEXT",
    "ALTER TABLE p_stock_on_hand ADD COLUMN region TEXT",
    "ALTER TABLE p_stock_on_hand ADD COLUMN item_code TEXT",
    "ALTER TABLE p_stock_on_hand ADD COLUMN item_name TEXT",
};

// The kept names of one p_site_item row / one p_stock_on_hand row, from the
// tables they copy (NULL when the site or item is not known to central:
// the dashboard shows no such row, as its joins did before).
#define SI_NAMES(S, I)                                                                             \
    "site_code = (SELECT code FROM sites WHERE id = " S "), "                                   \
    "site_name = (SELECT name FROM sites WHERE id = " S "), "                                   \
    "region = COALESCE((SELECT region FROM site_regions WHERE site_id = " S "), ''), "          \
    "item_code = (SELECT code FROM items WHERE id = " I "), "                                   \
    "item_name = (SELECT name FROM items WHERE id = " I "), "                                   \
    "unit = (SELECT unit FROM items WHERE id = " I ")"
#define SOH_NAMES(B, S, I)                                                                         \
    "expiry = (SELECT expiry FROM batches WHERE id = " B "), "                                  \
    "batch_no = (SELECT batch_no FROM batches WHERE id = " B "), "                              \
    "site_code = (SELECT code FROM sites WHERE id = " S "), "                                   \
    "region = COALESCE((SELECT region FROM site_regions WHERE site_id = " S "), ''), "          \
    "item_code = (SELECT code FROM items WHERE id = " I "), "                                   \
    "item_name = (SELECT name FROM items WHERE id = " I ")"

const char* kNamesSchema =
    // Stock status: natural order (site code, item name, item code), with
    // region and state in the index so their filters read no table row; one
    // item across sites.
    "CREATE INDEX IF NOT EXISTS p_site_item_order ON p_site_item(site_code, item_name, item_code, region, state);\n"
    "CREATE INDEX IF NOT EXISTS p_site_item_code ON p_site_item(item_code, site_code);\n"
    // Expiring: batches with stock > 0 in expiry order, filters in the index.
    "CREATE INDEX IF NOT EXISTS p_stock_on_hand_expiry ON p_stock_on_hand(expiry, site_code, item_name, item_code, "
    "region) WHERE quantity > 0;\n"
    "CREATE INDEX IF NOT EXISTS p_stock_on_hand_item ON p_stock_on_hand(item_id);\n"
    // Version 1's index of the ledger by batch: no query reads it, and every
    // pushed event wrote it.
    "DROP INDEX IF EXISTS stock_events_batch;\n"
    // A new row takes its names when it is made (by any writer).
    "CREATE TRIGGER IF NOT EXISTS p_site_item_names AFTER INSERT ON p_site_item BEGIN "
    "UPDATE p_site_item SET " SI_NAMES("NEW.site_id", "NEW.item_id")
    " WHERE site_id = NEW.site_id AND item_id = NEW.item_id; END;\n"
    "CREATE TRIGGER IF NOT EXISTS p_stock_on_hand_names AFTER INSERT ON p_stock_on_hand BEGIN "
    "UPDATE p_stock_on_hand SET " SOH_NAMES("NEW.batch_id", "NEW.site_id", "NEW.item_id")
    " WHERE batch_id = NEW.batch_id; END;\n"
    // A change to a source row is copied to the rows naming it.
    "CREATE TRIGGER IF NOT EXISTS sites_names_insert AFTER INSERT ON sites BEGIN "
    "UPDATE p_site_item SET site_code = NEW.code, site_name = NEW.name WHERE site_id = NEW.id; "
    "UPDATE p_stock_on_hand SET site_code = NEW.code WHERE site_id = NEW.id; END;\n"
    "CREATE TRIGGER IF NOT EXISTS sites_names_update AFTER UPDATE OF code, name ON sites "
    "WHEN OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name BEGIN "
    "UPDATE p_site_item SET site_code = NEW.code, site_name = NEW.name WHERE site_id = NEW.id; "
    "UPDATE p_stock_on_hand SET site_code = NEW.code WHERE site_id = NEW.id; END;\n"
    "CREATE TRIGGER IF NOT EXISTS site_regions_names_insert AFTER INSERT ON site_regions BEGIN "
    "UPDATE p_site_item SET region = NEW.region WHERE site_id = NEW.site_id; "
    "UPDATE p_stock_on_hand SET region = NEW.region WHERE site_id = NEW.site_id; END;\n"
    "CREATE TRIGGER IF NOT EXISTS site_regions_names_update AFTER UPDATE OF region ON site_regions BEGIN "
    "UPDATE p_site_item SET region = NEW.region WHERE site_id = NEW.site_id; "
    "UPDATE p_stock_on_hand SET region = NEW.region WHERE site_id = NEW.site_id; END;\n"
    "CREATE TRIGGER IF NOT EXISTS site_regions_names_delete AFTER DELETE ON site_regions BEGIN "
    "UPDATE p_site_item SET region = '' WHERE site_id = OLD.site_id; "
    "UPDATE p_stock_on_hand SET region = '' WHERE site_id = OLD.site_id; END;\n"
    "CREATE TRIGGER IF NOT EXISTS items_names_insert AFTER INSERT ON items BEGIN "
    "UPDATE p_site_item SET item_code = NEW.code, item_name = NEW.name, unit = NEW.unit WHERE item_id = NEW.id; "
    "UPDATE p_stock_on_hand SET item_code = NEW.code, item_name = NEW.name WHERE item_id = NEW.id; END;\n"
    "CREATE TRIGGER IF NOT EXISTS items_names_update AFTER UPDATE OF code, name, unit ON items "
    "WHEN OLD.code IS NOT NEW.code OR OLD.name IS NOT NEW.name OR OLD.unit IS NOT NEW.unit BEGIN "
    "UPDATE p_site_item SET item_code = NEW.code, item_name = NEW.name, unit = NEW.unit WHERE item_id = NEW.id; "
    "UPDATE p_stock_on_hand SET item_code = NEW.code, item_name = NEW.name WHERE item_id = NEW.id; END;\n"
    "CREATE TRIGGER IF NOT EXISTS batches_names_insert AFTER INSERT ON batches BEGIN "
    "UPDATE p_stock_on_hand SET expiry = NEW.expiry, batch_no = NEW.batch_no WHERE batch_id = NEW.id; END;\n"
    "CREATE TRIGGER IF NOT EXISTS batches_names_update AFTER UPDATE OF expiry, batch_no ON batches "
    "WHEN OLD.expiry IS NOT NEW.expiry OR OLD.batch_no IS NOT NEW.batch_no BEGIN "
    "UPDATE p_stock_on_hand SET expiry = NEW.expiry, batch_no = NEW.batch_no WHERE batch_id = NEW.id; END;\n";

}  // namespace

Status refill_names(Db& db) {
    return db.exec("UPDATE p_site_item SET " SI_NAMES("p_site_item.site_id", "p_site_item.item_id") ";"
                   "UPDATE p_stock_on_hand SET " SOH_NAMES("p_stock_on_hand.batch_id", "p_stock_on_hand.site_id",
                                                           "p_stock_on_hand.item_id") ";");
}

Status migrate_names(Db& db) {
    const auto version = db.query_text("SELECT value FROM central_meta WHERE key='projection_version'");
    if (version && *version == "2") return db.exec(kNamesSchema);
    Tx tx(db);
    if (!tx.begin_status().ok()) return tx.begin_status();
    for (const char* alter : kAddColumns) {
        Status s = db.exec(alter);
        if (!s.ok()) return Status::IoError("central's copy, version 2: " + s.message());
    }
    Status s = db.exec(kNamesSchema);
    if (s.ok()) s = refill_names(db);
    if (s.ok())
        s = db.exec("INSERT INTO central_meta(key, value) VALUES('projection_version', '2') "
                    "ON CONFLICT(key) DO UPDATE SET value=excluded.value");
    if (!s.ok()) return Status::IoError("central's copy, version 2: " + s.message());
    return tx.commit();
}

#undef SI_NAMES
#undef SOH_NAMES

}  // namespace projection
}  // namespace outpost

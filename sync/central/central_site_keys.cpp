// Site keys (peer sync, issue 15; docs/security.md "Site keys"). Each site has
// a 32-byte random key that central hands to its devices: in the register
// answer and, after `outpost-central site rotate-key`, in the answer to a
// version 3 pull whose "site_key_no" is not the current one. Devices of one
// site seal every peer message with it (sync/peer/). Central keeps the key
// itself (it must give it out again), not a hash, in site_keys; key_no
// counts rotations so a device can tell a new key from the one it holds.
#include "central_core.h"
#include "central_internal.h"

namespace outpost {

using central::json;
namespace field = protocol::field;

Status central::ensure_site_keys(sql::Conn& db) {
    return db.exec(
        "CREATE TABLE IF NOT EXISTS site_keys (site_id TEXT PRIMARY KEY REFERENCES sites(id), "
        "key_no BIGINT NOT NULL, key_hex TEXT NOT NULL, created_ms BIGINT NOT NULL)");
}

Result<CentralCore::SiteKey> CentralCore::site_key(const std::string& site_id) {
    sql::Stmt s = db_->prepare("SELECT key_no, key_hex FROM site_keys WHERE site_id=?");
    s.bind(1, site_id);
    if (s.step()) return SiteKey{s.i64(0), s.text(1)};
    if (!s.status().ok()) return s.status();
    // A site from before site keys (or a new one): its first key, made now.
    SiteKey key{1, random_hex(32)};
    // ON CONFLICT: another central process made it first; its key stands.
    sql::Stmt ins = db_->prepare(
        "INSERT INTO site_keys(site_id, key_no, key_hex, created_ms) VALUES(?,?,?,?) ON "
        "CONFLICT(site_id) DO NOTHING");
    ins.bind(1, site_id).bind(2, key.no).bind(3, key.hex).bind(4, clock_->now_ms());
    Status st = ins.run();
    if (!st.ok()) return st;
    if (db_->changes() == 1) return key;
    s.reset();
    s.bind(1, site_id);
    if (s.step()) return SiteKey{s.i64(0), s.text(1)};
    return s.status().ok() ? Status::IoError("the site's key vanished while it was made")
                           : s.status();
}

json CentralCore::site_key_json(const SiteKey& key) {
    return json{{field::kKeyNo, key.no}, {field::kKey, key.hex}};
}

Result<int64_t> CentralCore::rotate_site_key(const std::string& site_code) {
    std::lock_guard<std::mutex> l(mu_);
    auto site = site_id_of(site_code);
    if (!site.ok()) return site.status();
    sql::Tx tx(*db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    auto old = site_key(*site);
    if (!old.ok()) return old.status();
    sql::Stmt up =
        db_->prepare("UPDATE site_keys SET key_no=?, key_hex=?, created_ms=? WHERE site_id=?");
    up.bind(1, old->no + 1).bind(2, random_hex(32)).bind(3, clock_->now_ms()).bind(4, *site);
    Status s = up.run();
    if (s.ok()) s = tx.commit();
    if (!s.ok()) return s;
    return old->no + 1;
}

}  // namespace outpost

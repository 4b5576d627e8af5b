// Verification of the derived stock-on-hand table against the ledger, and
// its rebuild. Stock on hand is a cache kept in the same transaction as each
// event; the ledger is the truth.
#include "store_internal.h"

namespace outpost {

Result<VerifyReport> Store::verify() {
    VerifyReport r;
    r.events = db_.query_i64("SELECT COUNT(*) FROM stock_events").value_or(0);
    r.batches = db_.query_i64("SELECT COUNT(*) FROM batches").value_or(0);
    Stmt s = db_.prepare(
        "WITH ledger AS (SELECT batch_id, SUM(quantity) AS q FROM stock_events GROUP BY batch_id) "
        "SELECT b.id, COALESCE(i.name,'?') || ' ' || COALESCE(i.strength,''), b.batch_no, "
        "COALESCE(h.quantity,0), COALESCE(l.q,0) FROM batches b LEFT JOIN items i ON i.id=b.item_id "
        "LEFT JOIN stock_on_hand h ON h.batch_id=b.id LEFT JOIN ledger l ON l.batch_id=b.id "
        "WHERE COALESCE(h.quantity,0) <> COALESCE(l.q,0) ORDER BY i.name, b.batch_no");
    while (s.step()) r.differences.push_back({s.text(0), s.text(1), s.text(2), s.i64(3), s.i64(4)});
    if (!s.status().ok()) return s.status();
    // Stock on hand rows for batches the ledger never mentions.
    Stmt o = db_.prepare(
        "SELECT h.batch_id, h.quantity FROM stock_on_hand h WHERE h.quantity<>0 AND NOT EXISTS "
        "(SELECT 1 FROM stock_events e WHERE e.batch_id=h.batch_id) AND NOT EXISTS "
        "(SELECT 1 FROM batches b WHERE b.id=h.batch_id)");
    while (o.step()) r.differences.push_back({o.text(0), "?", "?", o.i64(1), 0});
    return r;
}

Status Store::rebuild_stock_on_hand() {
    Status s = in_transaction(db_, [&]() -> Status {
        Status st = db_.exec("DELETE FROM stock_on_hand");
        if (!st.ok()) return st;
        return db_.exec(
            "INSERT INTO stock_on_hand(batch_id,item_id,quantity) "
            "SELECT batch_id, item_id, SUM(quantity) FROM stock_events GROUP BY batch_id");
    });
    if (s.ok()) ++local_writes_;
    return s;
}

}  // namespace outpost

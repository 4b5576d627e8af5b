// Reading one batch row and writing it back with a changed flag (on hold,
// needs a count): the helpers declared in store_internal.h, shared by the
// stock operations, the stocktake and the application of pulled changes so
// the three write a batch row the same way.
#include "store_internal.h"

namespace outpost {

Result<StoredBatch> load_batch(Db& db, const std::string& batch_id) {
    Stmt s = db.cached(
        "SELECT b.id,b.item_id,b.batch_no,b.expiry,b.on_hold,b.needs_count,COALESCE(h.quantity,0),b.hlc "
        "FROM batches b LEFT JOIN stock_on_hand h ON h.batch_id=b.id WHERE b.id=?");
    s.bind(1, batch_id);
    if (!s.step()) {
        if (!s.status().ok()) return s.status();
        return Status::NotFound("no batch with id " + batch_id);
    }
    return StoredBatch{s.text(0), s.text(1), s.text(2), s.text(3), s.i64(4) != 0, s.i64(5) != 0, s.i64(6), s.text(7)};
}

Status write_batch(StoreWriter& w, const StoredBatch& b, const std::string& stamp) {
    json row = w.base_row();
    row["id"] = b.id;
    row["item_id"] = b.item_id;
    row["batch_no"] = b.batch_no;
    row["expiry"] = b.expiry;
    row["on_hold"] = b.on_hold ? 1 : 0;
    row["needs_count"] = b.needs_count ? 1 : 0;
    if (!stamp.empty()) row["hlc"] = stamp;
    return w.write("batches", row);
}

}  // namespace outpost

// Barcode links: which catalogue item a GTIN names at this site (issue 11).
// A site table (tables.h "barcode_links", migration 5), written by a
// storekeeper or admin when a scan names an unknown GTIN, replicated to every
// device of the site, last writer wins. See store.h.
#include "gs1_ai.h"
#include "i18n.h"
#include "store.h"
#include "store_internal.h"

namespace outpost {

Status Store::link_barcode(const std::string& user_id, const std::string& gtin,
                           const std::string& item_id) {
    if (!has_identity()) return Status::Conflict(i18n::tr("set up the site first"));
    Status st = check_actor(db_, user_id, Role::kStorekeeper, nullptr);
    if (!st.ok()) return st;
    if (gtin.size() != 14 || !gs1::has_valid_check_digit(gtin))
        return Status::InvalidArgument(i18n::format(
            i18n::tr("\"{0}\" is not a GTIN (14 digits with a valid check digit): scan the pack again"), {gtin}));
    auto item = load_item(db_, item_id);
    if (!item.ok()) return item.status();
    auto linked = item_for_gtin(gtin);
    if (linked.ok() && linked->id == item_id) return Status::Ok();  // nothing new to sync
    const std::string id = derived_id("barcode_link|" + identity_.site_id + "|" + gtin);
    return in_transaction(db_, [&]() -> Status {
        StoreWriter w(*this, "barcode_link");
        json row = w.base_row();
        row["id"] = id;
        row["gtin"] = gtin;
        row["item_id"] = item_id;
        row["user_id"] = user_id;
        Status ws = w.write("barcode_links", row);
        if (!ws.ok()) return ws;
        return w.finish(id);
    });
}

Result<Item> Store::item_for_gtin(const std::string& gtin) {
    Stmt s = db_.prepare("SELECT item_id FROM barcode_links WHERE site_id=? AND gtin=?");
    s.bind(1, identity_.site_id);
    s.bind(2, gtin);
    if (!s.step()) return Status::NotFound(i18n::format(i18n::tr("the barcode {0} is not linked to an item yet"), {gtin}));
    return load_item(db_, s.text(0));
}

}  // namespace outpost

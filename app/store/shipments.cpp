// Shipments (requisitions.h): central's answers to a requisition, pulled as
// central data of this site, and their receipt. A shipment line is received
// by one receipt event whose id is derived from the line's id, so two
// devices of the site receiving the same line write the same event and the
// ledger's union (INSERT OR IGNORE by id) keeps one: stock is received once
// wherever the receipts meet. docs/schema.md says what remains when the two
// devices entered different quantities.
#include <cctype>
#include <map>

#include "directions.h"

#include "requisitions.h"
#include "i18n.h"
#include "store_internal.h"

namespace outpost {

std::string shipment_receipt_event_id(const std::string& shipment_line_id) {
    return derived_id("shipment_receipt|" + shipment_line_id);
}

// The receipt of a line when there is one: (quantity, user name, note).
struct LineReceipt {
    int64_t quantity = 0;
    std::string user, note;
};
static Result<std::optional<LineReceipt>> receipt_of(Db& db, const std::string& line_id) {
    Stmt s = db.prepare(
        "SELECT e.quantity, COALESCE(u.name,'a user not on this device'), e.note FROM stock_events e "
        "LEFT JOIN users u ON u.id=e.user_id WHERE e.id=?");
    s.bind(1, shipment_receipt_event_id(line_id));
    if (s.step()) return std::optional<LineReceipt>(LineReceipt{s.i64(0), s.text(1), s.text(2)});
    if (!s.status().ok()) return s.status();
    return std::optional<LineReceipt>();
}

static const char* kLineSelect =
    "SELECT l.id, l.shipment_id, s.requisition_id, s.reference, l.item_id, COALESCE(i.name,'an item not in this "
    "device''s catalogue'), COALESCE(i.unit,'unit'), l.batch_no, l.expiry, l.quantity, "
    "COALESCE(i.strength,''), COALESCE(i.form,'') "
    "FROM shipment_lines l JOIN shipments s ON s.id=l.shipment_id LEFT JOIN items i ON i.id=l.item_id ";

static Result<std::vector<ShipmentLineView>> read_lines(Db& db, Stmt& s, bool only_expected) {
    std::vector<ShipmentLineView> out;
    while (s.step()) {
        ShipmentLineView v;
        v.id = s.text(0);
        v.shipment_id = s.text(1);
        v.requisition_id = s.text(2);
        v.reference = s.text(3);
        v.item_id = s.text(4);
        Item it;
        it.name = s.text(5);
        it.strength = s.text(10);
        it.form = s.text(11);
        v.item_name = it.display_name();
        v.unit = s.text(6);
        v.batch_no = s.text(7);
        v.expiry = s.text(8);
        v.shipped = s.i64(9);
        auto r = receipt_of(db, v.id);
        if (!r.ok()) return r.status();
        if (*r) {
            if (only_expected) continue;
            v.received = (*r)->quantity;
            v.received_by = (*r)->user;
            const size_t colon = (*r)->note.find(": ");
            if (v.received != v.shipped && colon != std::string::npos) v.difference_reason = (*r)->note.substr(colon + 2);
        }
        out.push_back(std::move(v));
    }
    if (!s.status().ok()) return s.status();
    return out;
}

Result<std::vector<ShipmentLineView>> expected_shipment_lines(Store& store) {
    Stmt s = store.db().prepare(std::string(kLineSelect) + "WHERE s.site_id=? ORDER BY s.created_ms, s.id, l.line_no");
    s.bind(1, store.identity().site_id);
    return read_lines(store.db(), s, true);
}

Result<std::vector<ShipmentLineView>> shipment_lines(Store& store, const std::string& shipment_id) {
    Stmt s = store.db().prepare(std::string(kLineSelect) + "WHERE l.shipment_id=? ORDER BY l.line_no");
    s.bind(1, shipment_id);
    return read_lines(store.db(), s, false);
}

Result<std::pair<int64_t, int64_t>> shipped_and_received(Store& store, const std::string& requisition_id) {
    Stmt s = store.db().prepare(
        "SELECT l.id FROM shipment_lines l JOIN shipments s ON s.id=l.shipment_id WHERE s.requisition_id=?");
    s.bind(1, requisition_id);
    int64_t shipped = 0, received = 0;
    while (s.step()) {
        ++shipped;
        auto r = receipt_of(store.db(), s.text(0));
        if (!r.ok()) return r.status();
        if (*r) ++received;
    }
    if (!s.status().ok()) return s.status();
    return std::make_pair(shipped, received);
}

Result<std::map<std::string, int64_t>> units_on_order(Store& store) {
    std::map<std::string, int64_t> out;
    // Sent and not answered: what was asked for.
    Stmt a = store.db().prepare(
        "SELECT l.item_id, SUM(l.quantity) FROM requisition_lines l JOIN requisitions r ON r.id=l.requisition_id "
        "WHERE r.site_id=? AND r.status='sent' AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.requisition_id=r.id) "
        "GROUP BY l.item_id");
    a.bind(1, store.identity().site_id);
    while (a.step()) out[a.text(0)] += a.i64(1);
    if (!a.status().ok()) return a.status();
    // Answered: what was shipped and is not received yet.
    auto lines = expected_shipment_lines(store);
    if (!lines.ok()) return lines.status();
    for (const auto& l : *lines) out[l.item_id] += l.shipped;
    return out;
}

Result<std::vector<std::string>> receive_shipment_lines(Store& store, const std::string& user_id,
                                                        const std::vector<ShipmentReceipt>& lines) {
    if (!store.has_identity()) return Status::Conflict(i18n::tr("set up the site first"));
    User actor;
    Status st = check_actor(store.db(), user_id, Role::kDispenser, &actor);
    if (!st.ok()) return st;
    if (lines.empty()) return Status::InvalidArgument(i18n::tr("no shipment line to receive"));
    std::vector<std::string> ids;
    st = in_transaction(store.db(), [&]() -> Status {
        StoreWriter w(store, "shipment_receipt");
        const std::string site = store.identity().site_id;
        for (const auto& in : lines) {
            Stmt s = store.db().prepare(std::string(kLineSelect) + "WHERE l.id=? AND s.site_id=?");
            s.bind(1, in.line_id).bind(2, site);
            auto found = read_lines(store.db(), s, false);
            if (!found.ok()) return found.status();
            if (found->empty()) return Status::NotFound(i18n::format(i18n::tr("no shipment line {0} for this site"), {in.line_id}));
            const ShipmentLineView& v = found->front();
            if (v.received)
                return Status::Conflict(i18n::format(
                    i18n::tr("{0} batch {1} of this shipment was received already ({2} by {3})"),
                    {v.item_name, v.batch_no, count_with_unit(static_cast<double>(*v.received), v.unit, i18n::screen_lang()), v.received_by}));
            auto item = load_item(store.db(), v.item_id);
            if (!item.ok())
                return Status::NotFound(i18n::tr("the shipment names an item this device does not have yet; sync, then receive"));
            const int64_t qty = in.quantity.value_or(v.shipped);
            if (qty < 0) return Status::InvalidArgument(i18n::tr("a received quantity cannot be negative"));
            if (qty > 1000000000) return Status::InvalidArgument(i18n::tr("that quantity is too large; check it"));
            std::string reason = in.reason;
            while (!reason.empty() && std::isspace(static_cast<unsigned char>(reason.back()))) reason.pop_back();
            Status ps = check_person_text(i18n::tr("reason"), reason, 200);
            if (!ps.ok()) return ps;
            if (qty != v.shipped && reason.empty())
                return Status::InvalidArgument(i18n::format(
                    i18n::tr("{0}: {1} received of {2} shipped; say why they differ"),
                    {v.item_name, count_with_unit(static_cast<double>(qty), v.unit, i18n::screen_lang()),
                     count_with_unit(static_cast<double>(v.shipped), v.unit, i18n::screen_lang())}));
            // Batch: as receive() makes it, so a delivery of a batch already
            // here, or received by hand elsewhere, lands in the same row.
            Stmt b = store.db().prepare("SELECT id FROM batches WHERE site_id=? AND item_id=? AND batch_no=? AND expiry=?");
            b.bind(1, site).bind(2, v.item_id).bind(3, v.batch_no).bind(4, v.expiry);
            std::string batch_id;
            if (b.step()) {
                batch_id = b.text(0);
            } else {
                if (!b.status().ok()) return b.status();
                batch_id = derived_id("batch|" + site + "|" + v.item_id + "|" + v.batch_no + "|" + v.expiry);
                StoredBatch nb{batch_id, v.item_id, v.batch_no, v.expiry, false, false, 0, ""};
                Status ws = write_batch(w, nb);
                if (!ws.ok()) return ws;
            }
            std::string note = "shipment line " + v.id + ", shipped " + std::to_string(v.shipped);
            if (qty != v.shipped) note += ", received " + std::to_string(qty) + ": " + reason;
            json ev{{"id", shipment_receipt_event_id(v.id)},
                    {"user_id", actor.id},
                    {"kind", "receipt"},
                    {"item_id", v.item_id},
                    {"batch_id", batch_id},
                    {"quantity", qty},
                    {"supplier", "Central store"},
                    {"reference", v.reference},
                    {"note", note}};
            auto id = w.event(ev);
            if (!id.ok()) return id.status();
            ids.push_back(*id);
        }
        return w.finish(ids.front());
    });
    if (!st.ok()) return st;
    return ids;
}

}  // namespace outpost

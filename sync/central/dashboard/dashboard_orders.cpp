// Requisitions on the dashboard (dashboard_data.h): what sites asked for and
// what central shipped, read from central's order tables
// (sync/central/orders/central_orders.cpp fills them from the feed; call
// CentralCore::catch_up_orders() first). Read-only: answering stays
// `outpost-central ship`.
#include "dashboard_data.h"
#include "dashboard_internal.h"

namespace outpost {
namespace dashboard {

using K = Column::Kind;

Result<Table> requisitions(Db& db, const Scope& scope, const Filter& filter) {
    if (!filter.state.empty() && filter.state != "draft" && filter.state != "open" && filter.state != "answered")
        return Status::InvalidArgument("a requisition's status is 'draft', 'open' or 'answered'");
    Query q;
    q.columns = {
        {"site_code", "Site", "", K::kText},
        {"site_name", "Site name", "", K::kText},
        {"region", "Region", "", K::kText},
        {"requisition_id", "Requisition",
         "The requisition's id, as `outpost-central ship --requisition ID` takes it", K::kText},
        {"sent_ms", "Sent", "When the site sent it; blank: still a draft on the device", K::kTimeMs},
        {"status", "Status",
         "open: sent, no shipment yet; answered: a shipment was written with outpost-central ship (draft: not "
         "sent; drafts normally stay on their device)",
         K::kText},
        {"shipment", "Shipment", "The answering shipment's reference; blank: not answered", K::kText},
        {"line_no", "Line", "The line's number on the requisition", K::kInteger},
        {"item_code", "Item", "", K::kText},
        {"item_name", "Item name", "", K::kText},
        {"asked", "Asked", "Units the site ordered on this line", K::kInteger},
        {"suggested", "Suggested",
         "Units the device suggested: when MOS = available / AMC <= 2 months, 3 x AMC - available - on order, "
         "at least 0, rounded up to whole packs; 0 when AMC = 0 or MOS > 2 (docs/schema.md, Requisitions; "
         "the Working column shows the device's own figures)",
         K::kInteger},
        {"shipped", "Shipped",
         "Sum of the answering shipment's lines for this item (all batches); blank: not answered", K::kInteger},
        {"reason", "Reason", "The site's reason when it asked for much more or less than suggested", K::kText},
        {"working", "Working", "The device's working of the suggestion, as it sent it", K::kText},
    };
    q.with = "WITH " + scoped_sites_cte(scope, filter, &q.binds);
    q.with_binds = q.binds.size();
    q.select =
        "SELECT ss.site_code, ss.site_name, ss.region, r.id AS requisition_id, NULLIF(r.sent_ms, 0) AS sent_ms, "
        "CASE WHEN sh.id IS NOT NULL THEN 'answered' WHEN r.status = 'sent' THEN 'open' ELSE 'draft' END AS status, "
        "sh.reference AS shipment, l.line_no, COALESCE(i.code, '?') AS item_code, "
        "COALESCE(i.name, 'an item not in the catalogue') AS item_name, l.quantity AS asked, l.suggested, "
        "CASE WHEN sh.id IS NULL THEN NULL ELSE (SELECT COALESCE(SUM(x.quantity), 0) FROM shipment_lines x "
        "  WHERE x.shipment_id = sh.id AND x.item_id = l.item_id) END AS shipped, l.reason, l.working "
        "FROM order_requisitions r JOIN ss ON ss.site_id = r.site_id "
        "JOIN order_requisition_lines l ON l.requisition_id = r.id "
        "LEFT JOIN shipments sh ON sh.requisition_id = r.id LEFT JOIN items i ON i.id = l.item_id";
    if (!filter.item_code.empty()) {
        q.select += " WHERE i.code = ?";
        q.binds.push_back(filter.item_code);
    }
    if (!filter.state.empty()) {
        q.where = "status = ?";
        q.binds.push_back(filter.state);
    }
    q.natural_order = "sent_ms IS NULL, sent_ms DESC, requisition_id, line_no";
    auto t = run(db, q, filter);
    if (t.ok())
        t->note = "One row per requisition line. Read-only: answer a requisition with "
                  "outpost-central ship --requisition ID --lines FILE.csv";
    return t;
}

}  // namespace dashboard
}  // namespace outpost

// Orders (issue 12; the settings of suggested quantities are in
// requisitions.h): a site's requisitions to central and the shipments
// central answers them with. docs/schema.md ("Requisitions and shipments")
// gives the tables and why a shipment line is received at most once.
//
// A requisition is SITE data. While a draft it lives only on the device that
// made it (like an open stocktake); send_requisition ships it with its lines
// in one outbox change, and central lists it (`outpost-central
// requisitions`). A shipment is CENTRAL data written for one site: it arrives
// in that site's feed on every device of the site and shows on the Receive
// screen as expected. Receiving a shipment line writes one receipt event
// whose id is derived from the line's id, so the same line received on two
// devices is the same event and the ledger's union keeps it once.
//
// Free functions over the Store (one transaction each, errors as values), as
// the reports are. Thread safety: as the Store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store.h"

namespace outpost {

// What the clinic sees. Draft and sent are the requisition's own; the rest
// follow from central's shipment and this site's receipts.
enum class RequisitionStatus { kDraft, kSent, kAnswered, kPartlyReceived, kReceived };
const char* requisition_status_name(RequisitionStatus s);  // "draft", "sent", "answered", "partly received", "received"

struct RequisitionLine {
    std::string id, item_id, code, name, unit;
    int64_t pack_size = 1;
    double amc = 0;            // units per month
    std::string amc_months;    // "2026-08 to 2026-10"
    double min_mos = 0, max_mos = 0;
    int64_t on_hand = 0;       // available stock (unexpired, not on hold), units
    int64_t on_order = 0;      // sent or shipped and not yet received, units
    int64_t suggested = 0;     // units, whole packs
    int64_t quantity = 0;      // what is ordered, units
    std::string reason;        // why quantity differs a lot from suggested
    // "AMC 336.9/month (2026-08 to 2026-10); min 2, max 3 months; on hand 400;
    // on order 0 -> suggested 700 (7 packs of 100)"
    std::string working;
};

struct RequisitionInfo {
    std::string id, user_name, created, sent;  // dates YYYY-MM-DD; sent "" for a draft
    RequisitionStatus status = RequisitionStatus::kDraft;
    int64_t lines = 0, ordered_lines = 0;      // ordered: quantity > 0
    std::string amc_method;                    // AmcMethod::describe() of its working
};

struct Requisition {
    RequisitionInfo info;
    std::vector<RequisitionLine> lines;  // by item name
};

// "A lot" (a reason is then required): the ordered quantity differs from the
// suggestion by more than 20% of the suggestion AND by more than one pack.
// Rounding to a pack or a small nudge needs no reason; doubling an order, or
// ordering several packs of an item with no suggestion, does.
bool requisition_change_needs_reason(int64_t suggested, int64_t quantity, int64_t pack_size);

// Starts a draft for every active item with a batch at this site, each with
// its suggested quantity and working as of today (AMC over the whole months
// before today). REQUIRES: a storekeeper or admin. Local until sent.
Result<std::string> create_requisition(Store& store, const std::string& user_id);  // default settings
// Sets a draft line's ordered quantity (units, 0 to 1,000,000,000). When
// requisition_change_needs_reason, reason must be given (InvalidArgument
// saying so otherwise); it is kept either way.
Status set_requisition_quantity(Store& store, const std::string& user_id, const std::string& line_id,
                                int64_t quantity, const std::string& reason);
// Sends a draft: in one transaction its status becomes sent and the
// requisition with its ordered lines (quantity > 0) goes into one outbox
// change. Refused: not a draft, nothing ordered, a line that needs a reason.
Status send_requisition(Store& store, const std::string& user_id, const std::string& requisition_id);
// Deletes a draft (never sent, so nothing synced).
Status discard_requisition(Store& store, const std::string& user_id, const std::string& requisition_id);

Result<std::vector<RequisitionInfo>> requisitions(Store& store);  // newest first
Result<Requisition> requisition(Store& store, const std::string& requisition_id);

// ---- shipments (central data; received here) -------------------------------------

struct ShipmentLineView {
    std::string id, shipment_id, requisition_id, reference;
    std::string item_id, item_name, unit, batch_no, expiry;
    int64_t shipped = 0;                  // units
    std::optional<int64_t> received;      // units; none: still expected
    std::string received_by, difference_reason;
};
// Every line of every shipment to this site that is not received yet, oldest
// shipment first.
Result<std::vector<ShipmentLineView>> expected_shipment_lines(Store& store);
// Every line of one shipment, received or not.
Result<std::vector<ShipmentLineView>> shipment_lines(Store& store, const std::string& shipment_id);

// The receipt event id of a shipment line: derived_id("shipment_receipt|" +
// line id). Every device computes the same one.
std::string shipment_receipt_event_id(const std::string& shipment_line_id);

struct ShipmentReceipt {
    std::string line_id;
    std::optional<int64_t> quantity;  // none: as shipped; else units received (0 or more)
    std::string reason;               // required when quantity differs from shipped
};
// Receives shipment lines in one transaction (one outbox change): per line a
// receipt event (id shipment_receipt_event_id) into its batch (created as a
// receipt creates it), its note naming the shipment line and any difference
// with its reason. Refused, writing nothing: an unknown line, a line already
// received (on any device whose receipt reached this one: Conflict naming
// who), a difference without a reason. Returns the event ids.
Result<std::vector<std::string>> receive_shipment_lines(Store& store, const std::string& user_id,
                                                        const std::vector<ShipmentReceipt>& lines);

}  // namespace outpost

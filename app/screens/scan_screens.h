// What a barcode scan does on each screen (docs/barcodes.md, "What a scan
// does on the screens"). Each screen's draw function hands its scan here
// first, so the scan handling of a screen stays in its own file:
// dispense_scan.cpp, receive_scan.cpp, stocktake_scan.cpp; linking an
// unknown GTIN in scan_link.cpp.
#pragma once

#include <string>

#include "screens.h"

namespace outpost {

// ---- scan_link.cpp -------------------------------------------------------------
// Whether this user may link a barcode to an item (storekeeper or admin).
bool may_link_barcodes(const State& s);
// What to say about an unlinked GTIN: to a storekeeper or admin, that it is
// linked once for every device; to a dispenser, who can link it.
std::string unlinked_words(const State& s, const std::string& gtin);
// Starts linking code.reading.gtin (REQUIRES: code.unlinked and
// may_link_barcodes); the scan is handled again once it is linked.
void start_link(State& s, const ScannedCode& code, const std::string& scan_text);
// While a link is being chosen, draws the item search in place of the
// screen's content and returns true. When the person picks an item, links it
// (Store::link_barcode) and calls rescan(scan_text) with the scan, now known.
template <typename F>
bool draw_link_panel(State& s, F rescan);
bool draw_link_panel_impl(State& s, std::string* linked_scan);

template <typename F>
bool draw_link_panel(State& s, F rescan) {
    std::string linked;
    const bool drawn = draw_link_panel_impl(s, &linked);
    if (!linked.empty()) rescan(linked);
    return drawn;
}

// ---- dispense_scan.cpp ---------------------------------------------------------
// Adds the scanned item to the prescription being made (or finds its line),
// picking the scanned batch when it is usable stock; says in the banner what
// was done and, in red, why a named batch was not picked.
void dispense_scan(State& s, const std::string& text);

// ---- receive_scan.cpp ----------------------------------------------------------
// The four Receive cases (docs/barcodes.md): adds a pack to the receipt line
// of that batch, makes a new line, asks to link an unknown GTIN, or says the
// code is unknown; "check the batch" readings are asked about first.
void receive_scan(State& s, const std::string& text);
// The scanned lines waiting on the receipt, their quantities, supplier and
// reference, and "Receive all". REQUIRES: !s.receive.lines.empty().
void draw_receipt_lines(State& s);
// The "check the batch" question, while one is pending.
void draw_receive_check(State& s);
// Receives every line, in order, one store operation each; stops at the first
// the store refuses or asks about (confirm_first: the person said yes to the
// large quantity of the first line). Lines received leave the receipt.
void receive_lines(State& s, bool confirm_first);
// The manual form's batch as a receipt line (when scanned lines wait).
void add_form_to_receipt(State& s, const std::string& expiry);

// ---- stocktake_scan.cpp --------------------------------------------------------
// On an open count: opens the scanned batch's line for counting and scrolls
// it into view; says so when the batch is not on the count.
void stocktake_scan(State& s, const std::string& text);

// ---- scanner_settings.cpp -------------------------------------------------------
// The device's scanner separator setting, for an administrator (nothing for
// other roles); a section of the Sync screen.
void draw_scanner_settings(State& s);

// ---- clock_settings.cpp ---------------------------------------------------------
// The device's time zone setting, for an administrator (nothing for other
// roles); a section of the Sync screen.
void draw_clock_settings(State& s);

}  // namespace outpost

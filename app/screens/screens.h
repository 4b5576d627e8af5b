// The screen functions UiRoot::draw dispatches to, one per file, and the few
// navigation helpers they share. Each draws into the current window and keeps
// everything it remembers in UiRoot::State (ui_state.h).
#pragma once

#include <imgui.h>

#include <functional>
#include <optional>
#include <string>

#include "gs1.h"
#include "ui_state.h"

namespace outpost {

using State = UiRoot::State;

void draw_status_bar(State& s);  // status_bar.cpp: user, site, time, sync
void draw_nav_bar(State& s);     // status_bar.cpp: the screens and Log out

void draw_login_screen(State& s);
void draw_dispense_screen(State& s);
void draw_history_screen(State& s);
void draw_stock_screen(State& s);
void draw_item_screen(State& s);
void draw_adjust_screen(State& s);
void draw_receive_screen(State& s);
// receive_expected.cpp: central's shipments expected here, above the item
// choice of the Receive screen; one tap per line or all, differences with a reason.
void draw_expected_shipments(State& s);
void draw_requisition_screen(State& s);  // requisition_screen.cpp: orders to central
void draw_stocktake_screen(State& s);
void draw_expiring_screen(State& s);
void draw_audit_screen(State& s);
void draw_sync_screen(State& s);      // sync_screen.cpp: details, Sync now, refused changes
void draw_setup_screen(State& s);     // setup_screen.cpp: instead of login, no identity
void draw_training_screen(State& s);  // demo_screen.cpp: scenarios, simulate offline
void draw_reports_screen(State& s);   // reports_screen.cpp: month-end reports, storekeeper/admin
void draw_printer_screen(State& s);   // printer_screen.cpp: printer settings, test label (admins)
// status_bar.cpp: the print queue's trouble on every screen ("printer not
// answering: check it is on" with Retry, labels waiting); nothing when all
// is well or there is no queue.
void draw_print_trouble(State& s);
// demo_screen.cpp: after a demo reset, what it was reset to and "Undo the
// reset" (UiOptions::undo_demo_reset); nothing otherwise. where: the
// screen's name, for the button's id ("login", "training").
void draw_demo_undo(State& s, const char* where);

// The status line's sync state in plain words ("Synced 4 min ago", "37
// changes waiting", "Restoring: 120 of 900 changes") and its health; shared
// by the status line and the screens that show it again.
struct SyncLine {
    std::string text;
    SyncHealth health = SyncHealth::kNotSetUp;
    // text plus " - " and the last try's error, whatever the colour (a link
    // that just went down is news before it turns amber); text when none.
    std::string shown;
    // With devices here (UiOptions::peers, at least one peer known): what
    // they are ("Up to date with 2 devices here"), in peers_health's colour,
    // and the first peers_bytes bytes of text and shown ("Up to date with 2
    // devices here; ") are that part; the rest is central's, in health's
    // colour ("central 3 days ago"). Empty / 0 without peers (as before).
    std::string peers;
    SyncHealth peers_health = SyncHealth::kNotSetUp;
    size_t peers_bytes = 0;
};
SyncLine sync_line(State& s);
ImVec4 health_colour(SyncHealth h);  // green, amber, red; muted when not set up
const char* health_word(SyncHealth h);  // "healthy", "amber", "red", "not set up" (probe notes)
// "just now", "4 min ago", "3 hours ago", "5 days ago" for a duration in ms.
std::string time_ago(int64_t ms);

// sync_peers.cpp: the devices here on the status line, "Up to date with 2
// devices here" (every peer in step within kPeerFreshMs), "Up to date with 1
// of 2 devices here", "2 devices here, last heard from 3 hours ago", "1 device
// here not reached yet"; health kHealthy when every peer is up to date (or,
// none in step, one was heard from within kPeerFreshMs), kAmber otherwise
// (never red: central's part says how old the backup is). Empty text
// (kNotSetUp) when the snapshot lists no peer.
struct PeerSummary {
    std::string text;
    SyncHealth health = SyncHealth::kNotSetUp;
};
PeerSummary peer_summary(const PeerSnapshot& snap, int64_t now_ms);
// sync_peers.cpp: the Sync screen's "Devices here" section (nothing when
// UiOptions::peers is null): this device's address, each peer, "Sync with
// devices here" and, for an administrator, adding and forgetting addresses.
void draw_sync_peers(State& s);

// print_labels.cpp: queue a committed dispensing's labels on the print queue
// (UiOptions::print_queue; nothing when there is none) and say so in banner;
// and the queue's state in words with a Retry button when it failed. id
// makes the widget ids unique ("dispense", "history").
void print_dispensing_labels(State& s, const std::string& prescription_id, Banner& banner);
void draw_print_status(State& s, const char* id);

// patient_form.cpp: the patient's details as a form, one for "New patient"
// and "Edit details" (the dispense screen opens both).
enum class PatientFormAnswer { kNone, kSave, kLeave, kEdited };
// Draws the form. id names its widgets ("reg": "##reg_family", "Female##reg",
// "reg_birth_year", "##reg_village" ...); the birth-year keypad is "year"
// ("Done##year"). Returns kSave or kLeave in the frame the button was tapped,
// kEdited in a frame that changed a field (the caller drops a refusal the
// person is now fixing). Text fields stop at PatientInput's limits.
PatientFormAnswer draw_patient_form(State& s, PatientForm& form, const std::string& id,
                                    const char* save_label, const char* leave_label);
PatientForm patient_form_of(const Patient& p);  // filled with p's current details
// Registers the form's patient (patient_id empty) or saves the form over
// patient_id's details, and returns the patient as stored. When the store
// refuses, sets banner to its reason in plain words and returns nothing;
// the form is left as typed.
std::optional<Patient> save_patient_form(State& s, const PatientForm& form,
                                         const std::string& patient_id, Banner& banner);
// "F, born 1990, Uta, 0771 234 567": what is recorded beside the name.
std::string patient_details(const Patient& p);

// scan.cpp: a barcode scanned this frame (State::scan), read as GS1 or
// EAN/UPC with today's date and looked up in the site's barcode links.
// `item` is set when the GTIN is linked here; otherwise `problem` says in
// plain words why there is no item (refused code, no GTIN, not linked).
struct ScannedCode {
    gs1::Reading reading;
    std::optional<Item> item;
    std::string problem;
    bool unlinked = false;  // a valid GTIN no one has linked here yet (link_barcode)
};
ScannedCode read_scan(State& s, const std::string& text);

// export_dialog.cpp: an "Export##<id>" button that opens the export dialog:
// a folder to save to (home, USB sticks), "Save CSV##export", "Save
// PDF##export" and "Close##export"; it says which file it saved or why it
// could not. make_table() is called when a Save is tapped and gives the
// rows to save (all of them, not only those on screen). Call every frame
// the screen is drawn.
void export_control(State& s, const char* id, const std::function<Result<ReportTable>()>& make_table,
                    bool enabled = true);

void go_to(State& s, Screen screen);
// Adjusting, holding and releasing stock and starting, finalising or
// abandoning a stocktake need a storekeeper or an administrator (the store
// refuses them to a dispenser; the screens do not offer them).
bool may_manage_stock(const State& s);
// The audit of who did what is for storekeepers and administrators.
bool may_see_audit(const State& s);
// The printer settings are for administrators.
bool is_admin(const State& s);
void open_item(State& s, const std::string& item_id);
void open_adjust(State& s, const std::string& item_id, const std::string& batch_id);
void open_history(State& s);  // the history of s.dispense.patient
// Ends the session and drops every half-entered form (nothing was written:
// store operations run only on Confirm/Save). notice is shown on the login.
void log_out(State& s, const std::string& notice);

}  // namespace outpost

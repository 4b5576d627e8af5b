// UiRoot::State: everything the screens remember between frames. Screens are
// plain functions over this struct (no function-static state anywhere), so a
// test can drive them frame by frame and a log-out can drop a half-entered
// prescription by resetting one member.
//
// Query results are cached here together with the Store::data_version() and
// the query parameters they came from (see Cached and PagedCache); a screen
// re-queries only when one of the two changes, so an idle kiosk runs no SQL.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "export_files.h"
#include "reports.h"
#include "orders.h"
#include "gs1.h"
#include "i18n.h"
#include "store.h"
#include "ui_root.h"

namespace outpost {

enum class Screen { kLogin, kDispense, kHistory, kStock, kItem, kAdjust, kReceive, kStocktake,
                    kExpiring, kAudit, kSync, kTraining, kReports, kRequisition, kPrinter };

// One query result and what it was computed from.
template <typename T>
struct Cached {
    bool loaded = false;
    uint64_t version = 0;  // Store::data_version() at query time
    std::string key;       // the query parameters, serialised
    T value{};
    std::string error;     // Status message when the query failed
};

// One page of a long list plus what it was computed from. Lists fetch a window
// of rows around what is on screen (see widgets.h: page_covering).
template <typename T>
struct PagedCache {
    bool loaded = false;
    uint64_t version = 0;
    std::string key;
    Page<T> page;
    std::string error;
    const T* row(int64_t i) const {
        if (i < page.offset || i >= page.offset + static_cast<int64_t>(page.rows.size()))
            return nullptr;
        return &page.rows[static_cast<size_t>(i - page.offset)];
    }
};

// A plain-words message at the top of a screen: an error (red) or a notice.
struct Banner {
    std::string text;
    bool error = false;
    void set_error(const std::string& t) { text = t, error = true; }
    void set_notice(const std::string& t) { text = t, error = false; }
    void clear() { text.clear(); }
};

struct LoginState {
    std::string user_id, user_name;  // the tile tapped; empty: choosing a user
    std::string pin;
    Banner banner;
    Cached<std::vector<User>> users;
};

// The kiosk-exit prompt (kiosk mode only): an admin chooses themselves and
// enters a PIN.
struct ExitPromptState {
    bool open = false, approved = false;
    std::string admin_id, pin;
    Banner banner;
    Cached<std::vector<User>> users;
};

struct PrescriptionLine {
    Item item;
    std::string quantity;    // keypad text, units
    std::string directions;  // sig codes as typed
    std::optional<std::string> batch_id;  // override of earliest-expiry-first
    Cached<LinePlan> plan;   // keyed on item, quantity, batch
    bool choosing_batch = false;
    Cached<ItemDetail> detail;  // batches to choose from, while choosing
};

// The patient's details as typed (patient_form.cpp), shared by "New patient"
// and "Edit details". Kept until Save succeeds or the form is left, so a Save
// the store refuses loses nothing that was typed.
struct PatientForm {
    PatientInput fields;
    std::string birth_year;     // keypad text; empty: not known
    bool keypad_open = false;   // the birth-year keypad
};

struct DispenseState {
    enum class Step { kFindPatient, kRegister, kEditPatient, kLines, kDone };
    Step step = Step::kFindPatient;
    std::string patient_search;
    PagedCache<Patient> patients;
    std::optional<Patient> patient;

    // "New patient" (step kRegister) or "Edit details" of `patient` (step
    // kEditPatient; the prescription lines wait untouched behind it).
    PatientForm patient_form;

    std::string prescriber;
    std::string item_search;
    Cached<std::vector<Item>> items;
    std::vector<PrescriptionLine> lines;
    // Which line's quantity the keypad edits: a line index, -2 none (the
    // patient form has its own keypad).
    int keypad_line = -2;
    int scroll_to_line = -1;  // a line just added scrolls into view once
    // Set when Confirm found warnings that need an explicit yes.
    bool confirm_open = false;
    std::vector<std::string> confirm_warnings;
    // The patient's language for the labels; nullopt: the device's.
    std::optional<i18n::Lang> label_lang;

    // After a successful dispense.
    DispenseResult result;
    std::vector<std::string> labels;  // one label's text per line
    Banner banner;
};

struct HistoryState {
    PagedCache<HistoryRow> rows;
    std::string cancel_id;      // prescription being cancelled; empty: none
    std::string cancel_reason;
    Banner banner;
};

struct StockScreenState {  // (StockState is the report's stock state, consumption.h)
    StockQuery query;           // search, filter, sort; offset/limit per page
    PagedCache<StockRow> rows;
    Banner banner;              // why a scanned barcode opened nothing
};

struct ItemState {
    std::string item_id;
    Cached<ItemDetail> detail;
    PagedCache<CardRow> card;
    std::string confirm_hold_batch;  // batch whose hold change awaits a yes
    Banner banner;
};

struct AdjustState {
    std::string item_id, batch_id;
    Cached<ItemDetail> detail;
    std::string quantity;  // keypad text, units
    bool keypad_open = false;
    bool decrease = true;  // the +/- toggle; most adjustments remove stock
    std::string reason, note;
    Cached<std::vector<ReasonCode>> reasons;
    Banner banner;
};

// A line of a receipt built by scanning (receive_scan.cpp): one batch of one
// item, received together with the others by "Receive all".
struct ReceiptLine {
    Item item;
    std::string batch_no, expiry;  // expiry YYYY-MM-DD
    std::string quantity = "1";    // keypad text, in packs or units
    bool in_packs = true;          // a scan counts packs
    bool new_batch = false;        // the store has no such batch yet
};

// A scan whose batch the reader is not sure of ("check the batch"): asked
// about before it is used.
struct ScanToCheck {
    Item item;
    gs1::Reading reading;
};

struct ReceiveState {
    std::string item_search;
    Cached<std::vector<Item>> items;
    std::optional<Item> item;
    std::string batch_no, supplier, reference;
    std::string expiry;    // keypad text, YYYYMMDD
    std::string quantity;  // keypad text
    enum class Field { kNone, kExpiry, kQuantity };
    Field keypad_for = Field::kNone;
    bool in_packs = false;
    std::string confirm_large;  // the store's question about a large quantity; empty: none
    Banner banner;
    // Scanned lines waiting on this receipt (receive_scan.cpp).
    std::vector<ReceiptLine> lines;
    int line_keypad = -1;          // the line whose quantity the keypad edits; -1 none
    bool confirm_for_lines = false;  // confirm_large asks about lines[0] of "Receive all"
    bool choosing_by_hand = false;   // the item search while lines wait
    std::optional<ScanToCheck> check;  // a "check the batch" scan awaiting an answer
};

// Shipments expected from central, on the Receive screen (receive_expected.cpp).
struct ExpectedShipmentsState {
    Cached<std::vector<ShipmentLineView>> lines;
    std::string difference_line;  // the line whose received quantity is entered; empty: none
    std::string quantity, reason; // keypad text (units) and why it differs
    Banner banner;
};

// The storekeeper's requisitions (requisition_screen.cpp).
struct RequisitionScreenState {
    std::string requisition_id;  // the one open; empty: the list
    Cached<std::vector<RequisitionInfo>> list;
    Cached<Requisition> open;
    std::string editing_line;    // the line the keypad edits; empty: none
    std::string quantity, reason;
    Banner banner;
};

struct StocktakeState {
    std::string stocktake_id;  // the sheet open; empty: the list
    Cached<std::vector<StocktakeInfo>> list;
    Cached<StocktakeInfo> info;
    PagedCache<SheetRow> sheet;
    std::string description;
    bool blind = false;
    bool review = false;             // variance review before finalising
    std::string counting_batch;      // the line the keypad counts
    int64_t scroll_to_index = -1;    // a scanned line scrolls into view once
    std::string count;               // keypad text
    bool confirm_finalise = false, confirm_abandon = false;
    Banner banner;
};

// Linking a scanned GTIN no one has linked yet to a catalogue item
// (scan_link.cpp), on the Receive or Stock screen. Storekeepers and admins.
struct LinkState {
    std::string gtin;        // empty: not linking
    Screen screen = Screen::kStock;  // where it was scanned; drawn only there
    std::string scan_text;   // the scan, handled again once linked
    std::string search;
    Cached<std::vector<Item>> items;
    Banner banner;           // the store's refusal of a link
};

struct ExpiringState {
    int days = 42;
    PagedCache<ExpiringRow> rows;
};

struct AuditState {
    AuditQuery query;  // user and kind filters; offset/limit per page
    PagedCache<AuditRow> rows;
    Cached<std::vector<User>> users;  // the user filter's tiles
};

// Sync details (sync_screen.cpp): the changes central refused, re-read when
// the data version moves (the sync thread's writes move it too).
// The Sync screen's scanner section (scanner_settings.cpp), for admins.
struct ScannerSettingsState {
    bool loaded = false;
    std::string chars;  // as typed; saved with the button
    Banner banner;
};
// The Sync screen's time-zone section (clock_settings.cpp), for admins.
struct ClockSettingsState {
    bool loaded = false;
    std::string zone;  // as typed; saved with the button
    Banner banner;
};
// The Sync screen's "Devices here" section (sync_peers.cpp).
struct SyncPeersState {
    std::string address_typed;  // an administrator's "Add a device" field
    Banner banner;              // what Add, Forget or Sync with devices here did
    // This device's addresses another device can type, looked up again when
    // the listen address changes or after a minute (not every frame).
    bool addresses_read = false;
    std::string addresses_for;
    int64_t addresses_at_ms = 0;
    std::vector<std::string> addresses;
};
struct SyncScreenState {
    Cached<std::vector<RefusedChange>> quarantined;  // in words, with central's reason
    Banner banner;
    ScannerSettingsState scanner;
    ClockSettingsState clock;
    SyncPeersState peers;
};

// Sync set-up (setup_screen.cpp), shown instead of the login while the store
// has no identity. Not per user: it survives log-out (nobody is logged in).
struct SetupState {
    std::string central_url, code;
    bool submitted = false;  // start_registration was called at least once
    Banner banner;           // input mistakes found before calling it
};

// The Printer settings (printer_screen.cpp, administrators): the form as
// typed, loaded from the store's printer settings when the screen opens.
// Each kind keeps its own address, so switching kind loses nothing typed.
struct PrinterScreenState {
    bool loaded = false;
    PrinterSettings form;  // kind, label size, dpi, copies (address: below)
    std::string zpl_address, cups_queue, folder;
    bool asked_choices = false;  // PrinterDiscovery::refresh() was called
    bool tested = false;         // "print test label" was tapped here
    Banner banner;
};

// The trainer's demo panel (demo_screen.cpp).
struct TrainingState {
    bool offline = false;  // the "Simulate offline" switch's position
};

// The export dialog (export_dialog.cpp), shared by the Reports screen and
// the lists: one open at a time, named by the screen that opened it.
struct ExportDialogState {
    std::string open_for;               // the screen's id ("reports", "stock"); empty: closed
    std::vector<ExportFolder> folders;  // listed when it opened (and on "Look again")
    size_t folder = 0;                  // the one chosen
    Banner banner;                      // the file saved, or why not
};

// The Reports screen (reports_screen.cpp).
struct ReportsState {
    size_t report = 0;          // index into report_names()
    bool range = false;         // a date range instead of a month
    bool month_set = false;     // false: last month (set on first draw)
    Month month;
    std::string from, to;       // YYYY-MM-DD while choosing a range
    int amc = 0;                // 0 Open mSupply, 1 adjusted for stock-outs, 2 OpenLMIS
    Cached<ReportTable> table;  // keyed on report, days and method
    Banner banner;              // a range that cannot be read
};

// The on-screen text keyboard (text_keyboard.cpp). It types into one text
// field, named by its ImGui id; the field hands over its string each frame
// it is drawn, so the keyboard never holds a pointer across frames (a
// prescription line's string moves when a line is removed).
struct TextKeyboardState {
    unsigned int field = 0;        // ImGuiID of the field typed into; 0: hidden
    std::string* text = nullptr;   // that field's string, this frame only
    bool docked = false;           // the screen left room for it this frame
    unsigned int touched_field = 0;  // a field the finger is on; opens on the lift
    bool shift = false;            // the next letter is a capital
    bool accents = false;          // the accented-letter keys, for one letter
    bool reveal_field = false;     // scroll the field into view once docked
    int typed_frame = -10;         // ImGui frame in which a key last changed the text
    int opened_frame = -10;        // ImGui frame in which a tap opened it
    // Set when a key the numeric keypad cannot take was typed on a
    // physical keyboard (a sign, a letter): said under the keypad until the
    // next digit, Back or Clear.
    std::string keypad_refused;
    // Set when a character ImGui cannot hold (above U+FFFF) was typed and
    // left out; cleared by the next tap (drop_untypable_characters).
    std::string untypable;
};

struct UiRoot::State {
    State(Store& s, UiOptions o) : store(s), options(std::move(o)) {
        training.offline = options.simulated_offline;
    }
    Store& store;
    UiOptions options;
    WidgetProbe* probe = nullptr;

    bool themed = false;
    uint64_t data_version = 0;  // read once per frame
    int64_t queries = 0;        // store queries issued by the screens
    int frames_wanted = 0;      // a few frames after a change settle layout

    std::optional<User> user;  // logged in; empty: the login screen
    Screen screen = Screen::kLogin;
    // A barcode scanned since the last frame (UiRoot::scan), for the screen
    // being drawn; cleared after the frame.
    std::optional<std::string> scan;
    LinkState link;  // an unknown barcode being linked to an item

    // Drag-to-scroll: the touch that started a drag must not also tap.
    bool dragging = false;
    TextKeyboardState keyboard;

    LoginState login;
    ExitPromptState exit;
    DispenseState dispense;
    HistoryState history;
    StockScreenState stock;
    ItemState item;
    AdjustState adjust;
    ReceiveState receive;
    ExpectedShipmentsState expected;
    RequisitionScreenState requisition;
    StocktakeState stocktake;
    ExpiringState expiring;
    AuditState audit;
    SyncScreenState sync;
    SetupState setup;
    TrainingState training;
    ReportsState reports;
    ExportDialogState export_dialog;
    PrinterScreenState printer;
};

}  // namespace outpost

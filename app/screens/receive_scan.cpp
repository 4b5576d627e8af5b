// Scanning a delivery on Receive (docs/barcodes.md). A scan of a linked GTIN
// with a batch and an expiry adds one pack to the receipt: to the line of
// that batch when the receipt has one, else as a new line. A valid GS1 or
// EAN/UPC code with an unknown GTIN asks a storekeeper or admin to link it
// (once, for every device); a code that is neither says so. A scan that
// lacks the batch or expiry fills the form with what it has. A reading the
// parser is unsure of ("check the batch") is asked about before it is used.
#include <imgui.h>

#include "directions.h"
#include "i18n.h"
#include "local_time.h"
#include "scan_screens.h"
#include "widgets.h"

namespace outpost {

namespace {

// The batch of item the scan names, among the item's batches in the store.
std::optional<BatchRow> known_batch(State& s, const Item& item, const std::string& batch_no,
                                    const std::string& expiry) {
    ++s.queries;
    auto d = s.store.item_detail(item.id);
    if (!d.ok()) return std::nullopt;
    for (const BatchRow& b : d->batches)
        if (b.batch_no == batch_no && (expiry.empty() || b.expiry == expiry)) return b;
    return std::nullopt;
}

// The manual form, filled with what the scan gave, for the rest to be typed.
void fill_form(State& s, const Item& item, const gs1::Reading& r, const std::string& what) {
    ReceiveState& rs = s.receive;
    rs.item = item;
    rs.item_search.clear();
    rs.choosing_by_hand = false;
    rs.batch_no = r.batch;
    rs.expiry.clear();
    for (char c : r.expiry)
        if (c != '-') rs.expiry += c;
    rs.quantity.clear();
    rs.keypad_for = ReceiveState::Field::kNone;
    rs.banner.set_notice(i18n::format(i18n::tr("Scanned {0}. {1}"), {item.display_name(), what}));
    s.frames_wanted = 3;
}

// A scan read with certainty (or confirmed by the person): the receipt line.
void add_scanned(State& s, const Item& item, const gs1::Reading& r) {
    ReceiveState& rs = s.receive;
    if (r.batch.empty()) {
        fill_form(
            s, item, r,
            i18n::tr("This barcode has no batch: type the batch and expiry printed on the pack."));
        return;
    }
    std::string expiry = r.expiry;
    const std::optional<BatchRow> known = known_batch(s, item, r.batch, expiry);
    if (expiry.empty()) {
        if (!known) {
            fill_form(s, item, r,
                      i18n::format(i18n::tr("Batch {0} is new here and the barcode has no expiry: "
                                            "type the expiry printed on the pack."),
                                   {r.batch}));
            return;
        }
        expiry = known->expiry;
    }
    if (expiry < s.store.today()) {
        rs.banner.set_error(
            i18n::format(i18n::tr("Batch {0} of {1} expired on {2}: expired stock is not received. "
                                  "Set the pack aside for return or disposal."),
                         {r.batch, item.display_name(), local_day(expiry)}));
        return;
    }
    for (size_t i = 0; i < rs.lines.size(); ++i) {
        ReceiptLine& l = rs.lines[i];
        if (l.item.id != item.id || l.batch_no != r.batch || l.expiry != expiry) continue;
        const int64_t n = keypad_number(l.quantity) + (l.in_packs ? 1 : item.pack_size);
        l.quantity = std::to_string(n);
        const std::string now =
            l.in_packs
                ? i18n::format(i18n::trn("{0} pack", "{0} packs", static_cast<unsigned long>(n)),
                               {std::to_string(n)})
                : count_with_unit(static_cast<double>(n), item.unit, i18n::screen_lang());
        rs.banner.set_notice(
            i18n::format(i18n::tr("One more pack on line {0}: {1}, batch {2}, now {3}."),
                         {std::to_string(i + 1), item.display_name(), r.batch, now}));
        return;
    }
    ReceiptLine l;
    l.item = item;
    l.batch_no = r.batch;
    l.expiry = expiry;
    l.new_batch = !known;
    rs.lines.push_back(l);
    // An item chosen by hand with nothing typed yet gives way to the receipt.
    if (rs.item && rs.batch_no.empty() && rs.expiry.empty() && rs.quantity.empty()) rs.item.reset();
    const std::vector<std::string> args = {std::to_string(rs.lines.size()), item.display_name(),
                                           r.batch, local_day(expiry)};
    rs.banner.set_notice(i18n::format(
        l.new_batch
            ? i18n::tr("New line {0}: {1}, batch {2}, expiry {3} (a new batch), 1 pack. "
                       "Scan each pack, or tap the quantity to type it.")
            : i18n::tr("New line {0}: {1}, batch {2}, expiry {3} (batch already in stock), 1 pack. "
                       "Scan each pack, or tap the quantity to type it."),
        args));
    s.frames_wanted = 3;
}

void draw_line(State& s, int i) {
    ReceiveState& r = s.receive;
    ReceiptLine& l = r.lines[static_cast<size_t>(i)];
    const std::string n = std::to_string(i);
    ImGui::PushID(i);
    push_bold_font();
    ImGui::Text("%d. %s", i + 1, l.item.display_name().c_str());
    pop_font();
    const std::string batch_line =
        i18n::format(i18n::tr("Batch {0}   expiry {1}"), {l.batch_no, local_day(l.expiry)}) +
        (l.new_batch ? std::string("   ") + i18n::tr("new batch") : "");
    ImGui::TextUnformatted(batch_line.c_str());
    if (s.probe) s.probe->note("receipt-line" + n, l.item.id + "|" + l.batch_no + "|" + l.expiry + "|" + l.quantity);
    const std::string shown = l.quantity.empty() ? i18n::tr("Quantity") : l.quantity;
    if (number_field(s, nullptr, ("receipt_qty" + n).c_str(), shown, r.line_keypad == i, 7 * em()))
        r.line_keypad = r.line_keypad == i ? -1 : i;
    ImGui::SameLine();
    const std::string packs = pack_label(l.item.pack_size) + "##receipt" + n;
    const std::string units = units_label(l.item.unit) + "##receipt" + n;
    if (toggle_button(s, packs.c_str(), l.in_packs)) l.in_packs = true;
    ImGui::SameLine();
    if (toggle_button(s, units.c_str(), !l.in_packs)) l.in_packs = false;
    ImGui::SameLine();
    bool removed = false;
    if (big_button(s, (i18n::tr("Remove##receipt") + n).c_str())) removed = true;
    ImGui::Separator();
    ImGui::PopID();
    if (removed) {
        r.lines.erase(r.lines.begin() + i);
        r.line_keypad = -1;
    }
}

}  // namespace

void receive_scan(State& s, const std::string& text) {
    ReceiveState& r = s.receive;
    ScannedCode code = read_scan(s, text);
    if (!code.item) {
        if (code.unlinked && may_link_barcodes(s)) {
            start_link(s, code, text);
            r.banner.set_notice(unlinked_words(s, code.reading.gtin));
        } else if (code.unlinked) {
            r.banner.set_error(unlinked_words(s, code.reading.gtin));
        } else if (!code.reading.error.ok()) {
            r.banner.set_error(
                i18n::format(i18n::tr("This code is not a GS1 or EAN/UPC barcode Outpost can read, "
                                      "and no item is known by it ({0}). Choose the item by name "
                                      "and type the batch and expiry."),
                             {code.problem}));
        } else {
            r.banner.set_error(code.problem);
        }
        return;
    }
    if (code.reading.needs_check) {
        r.check = ScanToCheck{*code.item, code.reading};
        r.banner.clear();
        s.frames_wanted = 3;
        return;
    }
    add_scanned(s, *code.item, code.reading);
}

void draw_receive_check(State& s) {
    ReceiveState& r = s.receive;
    if (!r.check) return;
    bool open = true;
    const gs1::Reading& g = r.check->reading;
    std::string message = i18n::format(
        i18n::tr(
            "Check the batch against the pack of {0}. The scanner may have dropped a separator:"),
        {r.check->item.display_name()});
    message += "\n";
    for (const std::string& w : g.warnings) message += "\n- " + w;
    const std::string none = i18n::tr("(none)");
    message += "\n\n" + i18n::format(i18n::tr("Read as: batch {0}, expiry {1}."),
                                     {g.batch.empty() ? none : g.batch,
                                      g.expiry.empty() ? none : local_day(g.expiry)});
    const Answer a = confirm_dialog(s, "Check the batch##receive-check", &open, message,
                                    i18n::tr("The pack says exactly this##receive-check"),
                                    i18n::tr("Type the batch by hand##receive-check"));
    if (a == Answer::kNone && open) return;
    const ScanToCheck c = *r.check;
    r.check.reset();
    if (a == Answer::kYes) {
        add_scanned(s, c.item, c.reading);
    } else {
        gs1::Reading typed = c.reading;
        typed.batch.clear();
        fill_form(s, c.item, typed, i18n::tr("Type the batch and expiry as printed on the pack."));
    }
}

void add_form_to_receipt(State& s, const std::string& expiry) {
    ReceiveState& r = s.receive;
    ReceiptLine l;
    l.item = *r.item;
    l.batch_no = r.batch_no;
    l.expiry = expiry;
    l.quantity = r.quantity;
    l.in_packs = r.in_packs;
    l.new_batch = !known_batch(s, l.item, l.batch_no, l.expiry);
    for (const ReceiptLine& other : r.lines) {
        if (other.item.id == l.item.id && other.batch_no == l.batch_no && other.expiry == l.expiry) {
            r.banner.set_error(i18n::format(
                i18n::tr("Batch {0} is already on the receipt: change that line's quantity."),
                {l.batch_no}));
            return;
        }
    }
    r.lines.push_back(l);
    r.banner.set_notice(i18n::format(i18n::tr("Added to the receipt: {0}, batch {1}."),
                                     {l.item.display_name(), l.batch_no}));
    r.item.reset();
    r.batch_no.clear();
    r.expiry.clear();
    r.quantity.clear();
    r.keypad_for = ReceiveState::Field::kNone;
}

void receive_lines(State& s, bool confirm_first) {
    ReceiveState& r = s.receive;
    int received = 0;
    bool confirmed = confirm_first;
    while (!r.lines.empty()) {
        const ReceiptLine& l = r.lines.front();
        ReceiveInput in;
        in.item_id = l.item.id;
        in.batch_no = l.batch_no;
        in.expiry = l.expiry;
        in.quantity = keypad_number(l.quantity);
        in.unit = l.in_packs ? QuantityUnit::kPacks : QuantityUnit::kUnits;
        in.supplier = r.supplier;
        in.reference = r.reference;
        in.confirm_large = confirmed;
        confirmed = false;
        auto res = s.store.receive(s.user->id, in);
        const std::string done =
            received > 0 ? i18n::format(i18n::trn("{0} line received.", "{0} lines received.",
                                                  static_cast<unsigned long>(received)),
                                        {std::to_string(received)}) +
                               " "
                         : "";
        if (res.status().code() == Status::Code::kNeedsConfirmation) {
            r.confirm_large = res.status().message();
            r.confirm_for_lines = true;
            if (received > 0) r.banner.set_notice(done);
            return;
        }
        if (!res.ok()) {
            r.banner.set_error(
                done + i18n::format(i18n::tr("{0}, batch {1}: {2}. This line and those after it "
                                             "were not received."),
                                    {l.item.display_name(), l.batch_no, res.status().message()}));
            return;
        }
        ++received;
        r.lines.erase(r.lines.begin());
    }
    r.line_keypad = -1;
    r.banner.set_notice(i18n::format(
        i18n::trn("Received all {0} line of the receipt.", "Received all {0} lines of the receipt.",
                  static_cast<unsigned long>(received)),
        {std::to_string(received)}));
    s.frames_wanted = 3;
}

void draw_receipt_lines(State& s) {
    ReceiveState& r = s.receive;
    const ImGuiStyle& style = ImGui::GetStyle();
    const float side = keypad_width() + style.ItemSpacing.x;
    const bool keypad_open = r.line_keypad >= 0 && r.line_keypad < static_cast<int>(r.lines.size());
    // The lines and the fields below them make room for the keypad at the
    // right: a group would take the full width of the supplier fields and
    // push the keypad past the window's edge.
    ImGui::BeginChild("##receipt_left", ImVec2(keypad_open ? -side : 0, 0), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::TextWrapped(
        "%s",
        i18n::format(i18n::trn("On this receipt: {0} line. Scan the next pack.",
                               "On this receipt: {0} lines. Scan the next pack.", r.lines.size()),
                     {std::to_string(r.lines.size())})
            .c_str());
    begin_touch_list(s, "##receipt_lines", ImVec2(0, -2 * touch_height() - 2 * style.ItemSpacing.y));
    for (int i = 0; i < static_cast<int>(r.lines.size()); ++i) draw_line(s, i);
    end_touch_list(s);
    text_field_pair(s, nullptr, "##receipt_supplier", &r.supplier, nullptr, "##receipt_reference",
                    &r.reference, i18n::tr("Supplier"), i18n::tr("Delivery note"));
    bool ready = !r.lines.empty();
    for (const ReceiptLine& l : r.lines) ready = ready && keypad_number(l.quantity) > 0;
    const std::string all =
        i18n::format(i18n::trn("Receive {0} line", "Receive all {0} lines", r.lines.size()),
                     {std::to_string(r.lines.size())}) +
        "##receipt";
    if (big_button(s, all.c_str(), 0, ready)) receive_lines(s, false);
    ImGui::SameLine();
    if (big_button(s, i18n::tr("Add an item by hand##receipt"))) r.choosing_by_hand = true;
    ImGui::SameLine();
    if (big_button(s, i18n::tr("Clear receipt##receipt"))) {
        r.lines.clear();
        r.line_keypad = -1;
    }
    ImGui::EndChild();
    if (keypad_open) {
        ImGui::SameLine();
        ImGui::BeginGroup();
        ReceiptLine& l = r.lines[static_cast<size_t>(r.line_keypad)];
        ImGui::TextUnformatted(l.in_packs ? i18n::tr("Packs") : i18n::tr("Units"));
        if (keypad(s, "receipt", &l.quantity, 7, i18n::tr("Done"))) r.line_keypad = -1;
        ImGui::EndGroup();
    }
}

}  // namespace outpost

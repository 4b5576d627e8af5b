// Dispense: find the patient (type-ahead) or register a new one, build the
// prescription line by line (the patient's details can be corrected on the
// way without losing the lines) (item type-ahead, quantity on the keypad,
// directions typed as sig codes and shown expanded), preview which batches
// each line will take (Store::plan_line), and confirm. Short stock or an
// expired batch needs an explicit yes in a dialog. Nothing is written until
// Confirm, so an auto-logout drops a half-entered prescription safely.
// Afterwards the label text is shown, one label per line, and the labels go
// to the print queue when the app has one (print_labels.cpp). Finding,
// registering and correcting the patient: dispense_patient.cpp.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "directions.h"
#include "dispense_steps.h"
#include "i18n.h"
#include "label.h"
#include "local_time.h"
#include "scan_screens.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

using Step = DispenseState::Step;
constexpr int kKeypadNone = kDispenseKeypadNone;

// ---- step 2: the prescription lines ------------------------------------------------

void add_line(State& s, const Item& item) {
    DispenseState& d = s.dispense;
    PrescriptionLine line;
    line.item = item;
    line.directions = item.default_directions;
    d.lines.push_back(std::move(line));
    d.keypad_line = static_cast<int>(d.lines.size()) - 1;  // quantity next
    d.scroll_to_line = d.keypad_line;
    d.item_search.clear();
    s.frames_wanted = 3;
}

void draw_plan(State& s, PrescriptionLine& line, int64_t qty) {
    if (qty <= 0) {
        text_coloured(colour::muted(),
                      i18n::tr("Enter the quantity to see which batch it comes from."));
        return;
    }
    const std::string key = line.item.id + "|" + std::to_string(qty) + "|" +
                            line.batch_id.value_or("") + "|" + line.directions;
    refresh(s, line.plan, key, [&] {
        DispenseLineInput in;
        in.item_id = line.item.id;
        in.quantity = qty;
        in.batch_id = line.batch_id;
        in.directions = line.directions;  // the course it gives is the plausibility measure
        return s.store.plan_line(in);
    });
    if (!line.plan.error.empty()) {
        text_coloured(colour::error(), line.plan.error);
        return;
    }
    for (const Allocation& a : line.plan.value.allocations) {
        const std::string text =
            i18n::format(i18n::tr("From batch {0} (expires {1}): {2}"),
                         {a.batch_no, local_day(a.expiry),
                          count_with_unit(static_cast<double>(a.quantity), line.item.unit,
                                          i18n::screen_lang())}) +
            (a.expired ? std::string("  ") + i18n::tr("EXPIRED") : "") +
            // TRANSLATORS: the batches hold less than the quantity.
            (a.short_stock ? std::string("  ") + i18n::tr("SHORT") : "");
        text_coloured(a.expired || a.short_stock ? colour::amber() : colour::text(), text);
    }
    for (const std::string& w : line.plan.value.warnings) text_coloured(colour::amber(), w);
}

void draw_batch_choice(State& s, PrescriptionLine& line, int index) {
    refresh(s, line.detail, line.item.id, [&] { return s.store.item_detail(line.item.id); });
    if (!line.detail.error.empty()) text_coloured(colour::error(), line.detail.error);
    const std::string fefo = i18n::tr("Earliest expiry first##batch") + std::to_string(index);
    if (toggle_button(s, fefo.c_str(), !line.batch_id)) {
        line.batch_id.reset();
        line.choosing_batch = false;
    }
    for (const BatchRow& b : line.detail.value.batches) {
        const std::string label =
            i18n::format(i18n::tr("{0} exp {1} ({2})"),
                         {b.batch_no, local_day(b.expiry), std::to_string(b.on_hand)}) +
            (b.on_hold ? std::string(" ") + i18n::tr("on hold") : "") +
            (b.expired ? std::string(" ") + i18n::tr("EXPIRED") : "") + "##batch" +
            std::to_string(index) + "-" + b.id;
        flow_next(button_width(label.c_str()));
        if (toggle_button(s, label.c_str(), line.batch_id && *line.batch_id == b.id)) {
            line.batch_id = b.id;
            line.choosing_batch = false;
        }
    }
}

void draw_line(State& s, int index) {
    DispenseState& d = s.dispense;
    PrescriptionLine& line = d.lines[static_cast<size_t>(index)];
    const std::string n = std::to_string(index);
    ImGui::PushID(index);
    if (d.scroll_to_line == index) {
        ImGui::SetScrollHereY(0.0f);
        d.scroll_to_line = -1;
    }
    push_bold_font();
    ImGui::Text("%d. %s", index + 1, line.item.display_name().c_str());
    pop_font();
    if (!line.item.warning.empty()) text_coloured(colour::muted(), line.item.warning);

    const bool editing = d.keypad_line == index;
    const std::string qty_shown =
        line.quantity.empty() ? i18n::tr("Quantity")
                              : count_with_unit(static_cast<double>(keypad_number(line.quantity)),
                                                line.item.unit, i18n::screen_lang());
    if (number_field(s, nullptr, ("qty" + n).c_str(), qty_shown, editing, 9 * em()))
        d.keypad_line = editing ? kKeypadNone : index;
    ImGui::SameLine();
    text_field(s, nullptr, ("##directions" + n).c_str(), &line.directions,
               i18n::tr("Directions, e.g. 1t bd x5/7"), ImGui::GetContentRegionAvail().x);
    const Directions dir = expand_directions(line.directions, line.item.unit,
                                             d.label_lang.value_or(i18n::device_lang()));
    if (!dir.text.empty()) ImGui::TextWrapped(i18n::tr("Label: %s"), dir.text.c_str());
    if (!dir.unknown.empty()) {
        std::string words;
        for (const std::string& u : dir.unknown) words += (words.empty() ? "" : ", ") + u;
        text_coloured(
            colour::error(),
            i18n::format(i18n::tr("Not understood: {0}. Check the directions."), {words}));
    }
    for (const std::string& w : dir.warnings) text_coloured(colour::amber(), w);

    draw_plan(s, line, keypad_number(line.quantity));
    if (line.choosing_batch) {
        draw_batch_choice(s, line, index);
    } else {
        const std::string choose = std::string(line.batch_id ? i18n::tr("Change batch##choose")
                                                             : i18n::tr("Choose batch##choose")) +
                                   n;
        if (big_button(s, choose.c_str())) line.choosing_batch = true;
    }
    ImGui::SameLine();
    const std::string remove = i18n::tr("Remove##line") + n;
    bool removed = false;
    if (big_button(s, remove.c_str())) removed = true;
    ImGui::Separator();
    ImGui::PopID();
    if (removed) {
        d.lines.erase(d.lines.begin() + index);
        d.keypad_line = kKeypadNone;
    }
}

void draw_item_search(State& s) {
    DispenseState& d = s.dispense;
    ImGui::TextUnformatted(i18n::tr("Add a medicine"));
    text_field(s, nullptr, "##item_search", &d.item_search, i18n::tr("Code or name"));
    if (d.item_search.empty()) return;
    refresh(s, d.items, d.item_search, [&] { return s.store.search_items(d.item_search, 20); });
    if (!d.items.error.empty()) text_coloured(colour::error(), d.items.error);
    if (d.items.value.empty())
        ImGui::TextWrapped(i18n::tr("No medicine matches \"%s\"."), d.item_search.c_str());
    begin_touch_list(s, "##item_results", ImVec2(0, 0));
    for (const Item& item : d.items.value) {
        const std::string label = item.code + "  " + item.display_name() + "##item-" + item.id;
        if (row_button(s, label.c_str())) {
            add_line(s, item);
            break;
        }
    }
    end_touch_list(s);
}

void finish_dispensing(State& s, const DispenseResult& result) {
    DispenseState& d = s.dispense;
    d.result = result;
    d.labels.clear();
    d.banner.clear();
    // The labels as the store has them now the dispensing committed: the
    // same ones the printer gets and a reprint gives.
    auto labels = s.store.dispensing_labels(result.prescription_id);
    if (labels.ok()) {
        for (const LabelInput& label : *labels) d.labels.push_back(label_text(label));
        print_dispensing_labels(s, result.prescription_id, d.banner);
    } else {
        d.banner.set_error(
            i18n::format(i18n::tr("Dispensed, but the labels could not be read back: {0}"),
                         {labels.status().message()}));
    }
    d.keypad_line = kKeypadNone;
    d.step = Step::kDone;
    s.frames_wanted = 3;
}

void dispense_now(State& s, bool confirmed) {
    DispenseState& d = s.dispense;
    DispenseInput in;
    in.patient_id = d.patient->id;
    in.prescriber = d.prescriber;
    in.label_lang = d.label_lang.value_or(i18n::device_lang());
    for (const PrescriptionLine& line : d.lines) {
        DispenseLineInput l;
        l.item_id = line.item.id;
        l.quantity = keypad_number(line.quantity);
        l.directions = line.directions;
        l.directions_text = expand_directions(line.directions, line.item.unit,
                                              d.label_lang.value_or(i18n::device_lang()))
                                .text;
        l.batch_id = line.batch_id;
        in.lines.push_back(std::move(l));
    }
    in.confirm_short = confirmed;
    in.confirm_expired = confirmed;
    in.confirm_large = confirmed;
    auto r = s.store.dispense(s.user->id, in);
    if (r.ok()) {
        finish_dispensing(s, r.value());
        return;
    }
    if (r.status().code() == Status::Code::kNeedsConfirmation && !confirmed) {
        d.confirm_warnings = {r.status().message()};
        d.confirm_open = true;
        return;
    }
    d.banner.set_error(r.status().message());
}

// Confirm: warnings from the previews need an explicit yes first.
void confirm_pressed(State& s) {
    DispenseState& d = s.dispense;
    d.confirm_warnings.clear();
    for (const PrescriptionLine& line : d.lines) {
        const LinePlan& p = line.plan.value;
        if (!line.plan.loaded || !line.plan.error.empty()) continue;
        if (p.needs_short_confirmation || p.needs_expired_confirmation || p.needs_large_confirmation) {
            for (const std::string& w : p.warnings)
                // TRANSLATORS: a medicine's name and a warning about it.
                d.confirm_warnings.push_back(
                    i18n::format(i18n::tr("{0}: {1}"), {line.item.display_name(), w}));
        }
    }
    if (d.confirm_warnings.empty()) {
        dispense_now(s, false);
    } else {
        d.confirm_open = true;
    }
}

// The patient's language for the labels (issue 13): EN FR PT ES beside
// Confirm; the device's language until one is tapped.
void draw_label_language(State& s) {
    DispenseState& d = s.dispense;
    const i18n::Lang current = d.label_lang.value_or(i18n::device_lang());
    ImGui::SameLine(0, 1.5f * em());
    bool first = true;
    for (i18n::Lang l : i18n::kAllLangs) {
        if (!first) ImGui::SameLine();
        first = false;
        std::string label = i18n::code(l);
        for (char& c : label) c = static_cast<char>(c - 'a' + 'A');
        label += "##label-lang";
        if (toggle_button(s, label.c_str(), current == l)) d.label_lang = l;
    }
}

void draw_lines(State& s) {
    DispenseState& d = s.dispense;
    // The name, and under it what is recorded beside it, in the height of
    // the buttons next to them. A long name or village is cut short so the
    // buttons and at least 12 em of prescriber field stay on the line.
    const std::string details = patient_details(*d.patient);
    const ImGuiStyle& style = ImGui::GetStyle();
    const char* change = i18n::tr("Change patient##dispense");
    const char* history = i18n::tr("History##dispense");
    const char* edit = i18n::tr("Edit details##dispense");
    const float buttons =
        button_width(change) + button_width(history) + button_width(edit) + 4 * style.ItemSpacing.x;
    const float text_w = std::max(8 * em(), ImGui::GetContentRegionAvail().x - buttons - 12 * em());
    ImGui::BeginGroup();
    push_bold_font();
    ImGui::TextUnformatted(
        fit_lines(i18n::format(i18n::tr("Patient: {0}"), {d.patient->display_name()}), text_w, 1)
            .c_str());
    pop_font();
    text_coloured(
        colour::muted(),
        fit_lines(details.empty() ? i18n::tr("No other details recorded") : details, text_w, 1));
    ImGui::EndGroup();
    if (s.probe) {  // for tests: the whole name and details, before any cut
        s.probe->note("patient", d.patient->display_name());
        s.probe->note("patient:details", details);
    }
    ImGui::SameLine();
    if (big_button(s, change)) {
        d.step = Step::kFindPatient;
        d.lines.clear();
        return;
    }
    ImGui::SameLine();
    if (big_button(s, history)) {
        open_history(s);
        return;
    }
    // Everyone who may register a patient (every role) may correct one.
    ImGui::SameLine();
    if (big_button(s, edit)) {
        open_edit_patient(s);
        return;
    }
    ImGui::SameLine();
    text_field(s, nullptr, "##prescriber", &d.prescriber, i18n::tr("Prescriber (optional)"));

    const float side = std::max(keypad_width(), 0.38f * ImGui::GetContentRegionAvail().x);
    ImGui::BeginGroup();
    // The lines scroll; Confirm stays in reach below them.
    begin_touch_list(s, "##rx_lines",
                      ImVec2(-side - style.ItemSpacing.x, -touch_height() - style.ItemSpacing.y));
    if (d.lines.empty()) ImGui::TextWrapped("%s", i18n::tr("Add the first medicine on the right."));
    for (int i = 0; i < static_cast<int>(d.lines.size()); ++i) draw_line(s, i);
    end_touch_list(s);
    bool complete = !d.lines.empty();
    for (const PrescriptionLine& line : d.lines) complete = complete && keypad_number(line.quantity) > 0;
    if (big_button(s, i18n::tr("Confirm dispensing##dispense"), 0, complete)) confirm_pressed(s);
    ImGui::SameLine();
    if (big_button(s, i18n::tr("Clear prescription##dispense"), 0, !d.lines.empty())) {
        d.lines.clear();
        d.keypad_line = kKeypadNone;
    }
    draw_label_language(s);
    ImGui::EndGroup();

    ImGui::SameLine();
    ImGui::BeginChild("##rx_side", ImVec2(0, 0), false);
    if (d.keypad_line >= 0 && d.keypad_line < static_cast<int>(d.lines.size())) {
        PrescriptionLine& line = d.lines[static_cast<size_t>(d.keypad_line)];
        ImGui::TextWrapped(i18n::tr("Quantity of %s, in %s"), line.item.name.c_str(),
                           units_word(line.item.unit).c_str());
        if (keypad(s, "qty", &line.quantity, 6, i18n::tr("Done"))) d.keypad_line = kKeypadNone;
    } else {
        draw_item_search(s);
    }
    ImGui::EndChild();

    std::string message = std::string(i18n::tr("Please check before dispensing:")) + "\n";
    for (const std::string& w : d.confirm_warnings) message += "\n- " + w;
    const Answer a =
        confirm_dialog(s, "Check warnings##dispense", &d.confirm_open, message,
                       i18n::tr("Dispense anyway##dispense"), i18n::tr("Go back##dispense"));
    if (a == Answer::kYes) dispense_now(s, true);
}

// ---- step 3: done, labels ready to print ---------------------------------------------

void draw_done(State& s) {
    DispenseState& d = s.dispense;
    const std::string title =
        i18n::format(i18n::tr("Dispensed to {0}"), {d.patient->display_name()});
    heading(title.c_str());
    if (big_button(s, i18n::tr("Next patient##dispense"))) {
        s.dispense = DispenseState{};
        return;
    }
    ImGui::SameLine();
    if (big_button(s, i18n::tr("History##dispense_done"))) {
        open_history(s);
        return;
    }
    if (s.options.print_queue) {
        ImGui::SameLine();
        if (big_button(s, i18n::tr("Print again##dispense_done")))
            print_dispensing_labels(s, d.result.prescription_id, d.banner);
    }
    draw_print_status(s, "dispense");
    ImGui::TextUnformatted(i18n::tr("Labels:"));
    ImGui::BeginChild("##labels", ImVec2(0, 0), false);
    const float label_w = 24 * em();
    for (size_t i = 0; i < d.labels.size(); ++i) {
        if (i > 0) flow_next(label_w);
        ImGui::PushID(static_cast<int>(i));
        ImGui::BeginChild("##label", ImVec2(label_w, 14 * ImGui::GetTextLineHeightWithSpacing()), true);
        ImGui::TextUnformatted(d.labels[i].c_str());
        if (s.probe) s.probe->note("label" + std::to_string(i), d.labels[i]);
        ImGui::EndChild();
        ImGui::PopID();
    }
    ImGui::EndChild();
}

}  // namespace

void draw_dispense_screen(State& s) {
    if (text_keyboard_just_opened(s)) s.dispense.keypad_line = kKeypadNone;
    if (s.scan) dispense_scan(s, *s.scan);  // dispense_scan.cpp
    s.scan.reset();
    show_banner(s, s.dispense.banner);
    switch (s.dispense.step) {
        case Step::kFindPatient: draw_find_patient(s); break;
        case Step::kRegister: draw_register(s); break;
        case Step::kEditPatient: draw_edit_patient(s); break;
        case Step::kLines: draw_lines(s); break;
        case Step::kDone: draw_done(s); break;
    }
}

void open_history(State& s) {
    s.history = HistoryState{};
    go_to(s, Screen::kHistory);
}

}  // namespace outpost

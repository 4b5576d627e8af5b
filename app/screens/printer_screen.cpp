// Printer settings (administrators; "Printer" in the navigation bar): what
// this device prints labels on. The kind (a ZPL label printer on the
// network, any printer through CUPS, PDFs saved to a folder or USB stick, or
// none), its address, CUPS queue or folder, the label size, the resolution
// and the copies of each label, saved as the device setting the print queue
// reads before each job (Store::set_printer_settings, one transaction; a
// refused form saves nothing and keeps what was typed).
//
// The CUPS queues and folders offered come from UiOptions::printer_discovery
// (lpstat and the mount table, on its own thread); "Save and print test
// label" hands the test to the print queue's thread
// (PrintQueue::print_test_label) and shows "testing..." until its answer is
// in the queue's status. This screen runs no process and opens no socket.
#include <imgui.h>

#include <algorithm>
#include <string>

#include "i18n.h"
#include "print_queue.h"
#include "printer_discovery.h"
#include "printers.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace outpost {

namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    const auto last = text.find_last_not_of(" \t");
    return text.substr(first, last - first + 1);
}

void load(State& s, PrinterScreenState& st) {
    auto saved = s.store.printer_settings();
    ++s.queries;
    st = PrinterScreenState{};
    st.loaded = true;
    if (!saved.ok()) {
        st.banner.set_error(i18n::format(i18n::tr("The printer settings could not be read: {0}"),
                                         {saved.status().message()}));
        return;
    }
    st.form = *saved;
    switch (saved->kind) {
        case PrinterKind::kZpl: st.zpl_address = saved->address; break;
        case PrinterKind::kCups: st.cups_queue = saved->address; break;
        case PrinterKind::kFolder: st.folder = saved->address; break;
        case PrinterKind::kNone: break;
    }
}

std::string* address_of(PrinterScreenState& st) {
    switch (st.form.kind) {
        case PrinterKind::kZpl: return &st.zpl_address;
        case PrinterKind::kCups: return &st.cups_queue;
        case PrinterKind::kFolder: return &st.folder;
        case PrinterKind::kNone: break;
    }
    return nullptr;
}

// The form as settings, or what to correct ("" when it can be saved).
std::string settings_of(PrinterScreenState& st, PrinterSettings* out) {
    PrinterSettings p = st.form;
    std::string* address = address_of(st);
    p.address = address ? trimmed(*address) : "";
    if (p.kind == PrinterKind::kZpl && !p.address.empty()) {
        std::string host;
        int port = 0;
        const Status parsed = parse_printer_address(p.address, &host, &port);
        if (!parsed.ok()) return parsed.message();
    }
    if (p.kind == PrinterKind::kFolder && !p.address.empty() && p.address[0] != '/')
        return i18n::tr("write the folder as a full path starting with /, for example /media/usb");
    const std::string problem = printer_settings_problem(p);
    if (!problem.empty()) return problem;
    *out = p;
    return "";
}

std::string sentence(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    if (!text.empty() && text.back() != '.') text += '.';
    return text;
}

// Saves the form; false (and the reason in the banner) when refused.
bool save(State& s, PrinterScreenState& st) {
    PrinterSettings p;
    const std::string problem = settings_of(st, &p);
    if (!problem.empty()) {
        st.banner.set_error(i18n::format(i18n::tr("Not saved: {0}"), {sentence(problem)}));
        return false;
    }
    const Status saved = s.store.set_printer_settings(p);
    if (!saved.ok()) {
        st.banner.set_error(i18n::format(i18n::tr("Not saved: {0}"), {sentence(saved.message())}));
        return false;
    }
    st.banner.set_notice(i18n::tr("Printer settings saved. The next label prints with them."));
    return true;
}

void caption(const char* text) {
    ImGui::Spacing();
    ImGui::TextColored(colour::muted(), "%s", text);
}

// A caption on the left of a row of buttons, on their centre line.
// Drawn, not laid out as text, so a caption after SameLine sits where the
// first one does (ImGui shifts text on a line of buttons by their padding).
void row_caption(const char* text) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 size = ImGui::CalcTextSize(text);
    ImGui::GetWindowDrawList()->AddText(ImVec2(p.x, p.y + (touch_height() - size.y) / 2),
                                        ImGui::GetColorU32(colour::muted()), text);
    ImGui::Dummy(ImVec2(size.x, touch_height()));
    ImGui::SameLine();
}

// Tiles of offered choices (CUPS queues, folders) that fill the field.
void choice_tiles(State& s, const std::vector<std::string>& choices, std::string* field, const char* id) {
    bool first = true;
    for (const std::string& c : choices) {
        const std::string label = c + "##" + id + "-" + c;
        if (!first) flow_next(button_width(label.c_str()));
        first = false;
        if (toggle_button(s, label.c_str(), trimmed(*field) == c)) {
            *field = c;
            hide_text_keyboard(s);
        }
    }
}

void draw_choices(State& s, PrinterScreenState& st) {
    PrinterDiscovery* d = s.options.printer_discovery;
    if (!d) return;
    if (!st.asked_choices) {
        d->refresh();
        st.asked_choices = true;
    }
    const PrinterDiscovery::Snapshot snap = d->snapshot();
    if (snap.looking) {
        s.frames_wanted = std::max(s.frames_wanted, 1);
        ImGui::TextColored(colour::muted(), "%s",
                           i18n::tr("Looking for printers and USB sticks..."));
        return;
    }
    bool tiles = false;
    if (st.form.kind == PrinterKind::kCups) {
        choice_tiles(s, snap.choices.cups_queues, &st.cups_queue, "printer_queue");
        tiles = !snap.choices.cups_queues.empty();
        if (!snap.choices.cups_note.empty()) {
            text_coloured(colour::muted(), sentence(snap.choices.cups_note));
            if (s.probe) s.probe->note("printer:cups-note", snap.choices.cups_note);
        }
    } else {
        choice_tiles(s, snap.choices.folders, &st.folder, "printer_folder");
        tiles = !snap.choices.folders.empty();
        if (!tiles)
            ImGui::TextColored(colour::muted(), "%s",
                               i18n::tr("No USB stick found: plug one in and tap Look again."));
    }
    const char* again = i18n::tr("Look again##printer");
    if (tiles) flow_next(button_width(again));
    if (big_button(s, again)) d->refresh();
}

void draw_test_result(State& s, PrinterScreenState& st) {
    if (!s.options.print_queue) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour::muted());
        ImGui::TextWrapped(
            "%s", i18n::tr("Printing is not running in this app, so the test label cannot be "
                           "printed here."));
        ImGui::PopStyleColor();
        return;
    }
    const PrintQueueStatus q = s.options.print_queue->status();
    if (q.testing) {
        const std::string text = i18n::tr("testing... (asking the printer; this takes up to 5 s)");
        if (s.probe) s.probe->note("printer:test", text);
        ImGui::TextColored(colour::muted(), "%s", text.c_str());
        s.frames_wanted = std::max(s.frames_wanted, 1);
    } else if (st.tested && !q.test.empty()) {
        if (s.probe) s.probe->note("printer:test", q.test);
        text_coloured(q.test_ok ? colour::good() : colour::error(), sentence(q.test));
    }
}

}  // namespace

void draw_printer_screen(State& s) {
    PrinterScreenState& st = s.printer;
    if (!is_admin(s)) {
        ImGui::TextWrapped("%s", i18n::tr("The printer settings are for administrators."));
        return;
    }
    if (!st.loaded) load(s, st);
    show_banner(s, st.banner);
    // The form scrolls (drag) above a footer of the two buttons and two
    // lines for the test's answer.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float footer = touch_height() + 2 * ImGui::GetTextLineHeightWithSpacing() + 3 * style.ItemSpacing.y;
    begin_touch_list(s, "##printer_form", ImVec2(0, -footer), false);
    ImGui::TextColored(colour::muted(), "%s",
                       i18n::tr("What prints the labels (this device's printer setting)"));
    struct Kind {
        const char* label;
        PrinterKind kind;
    };
    const Kind kinds[] = {
        {i18n::tr("Label printer (ZPL, network)##printer_kind"), PrinterKind::kZpl},
        {i18n::tr("Any printer (CUPS)##printer_kind"), PrinterKind::kCups},
        {i18n::tr("Save PDF to a folder or USB stick##printer_kind"), PrinterKind::kFolder},
        {i18n::tr("None##printer_kind"), PrinterKind::kNone},
    };
    bool first = true;
    for (const Kind& k : kinds) {
        if (!first) flow_next(button_width(k.label));
        first = false;
        if (toggle_button(s, k.label, st.form.kind == k.kind)) {
            if (st.form.kind != k.kind) st.tested = false;  // the answer was about the other kind
            st.form.kind = k.kind;
            hide_text_keyboard(s);
            s.frames_wanted = 3;
        }
    }

    const float field_w = std::min(32.0f * em(), ImGui::GetContentRegionAvail().x);
    switch (st.form.kind) {
        case PrinterKind::kZpl:
            text_field(s, i18n::tr("Printer address (host, or host:port; port 9100 when left out)"),
                       "##printer_address", &st.zpl_address, "192.168.1.50", field_w, 200);
            break;
        case PrinterKind::kCups:
            caption(i18n::tr("CUPS queue"));
            draw_choices(s, st);
            text_field(s, i18n::tr("Or type the queue's name"), "##printer_queue", &st.cups_queue,
                       "front-desk", field_w, 200);
            break;
        case PrinterKind::kFolder:
            caption(i18n::tr("Folder"));
            draw_choices(s, st);
            text_field(s, i18n::tr("Or type the folder"), "##printer_folder", &st.folder,
                       "/media/usb", field_w, 400);
            break;
        case PrinterKind::kNone:
            ImGui::TextWrapped(
                "%s", i18n::tr("No printer: labels are shown on the screen after each dispensing, "
                               "to copy by hand."));
            break;
    }

    if (st.form.kind != PrinterKind::kNone) {
        ImGui::Spacing();
        row_caption(i18n::tr("Label size"));
        for (const LabelSize& size : label_sizes()) {
            const std::string name = size.name;
            const std::string shown = name == "50x25mm"   ? "50 x 25 mm"
                                      : name == "62x29mm" ? "62 x 29 mm"
                                      : name == "4x2in"   ? i18n::tr("4 x 2 inch")
                                                          : name;
            const std::string label = shown + "##printer_size-" + name;
            if (toggle_button(s, label.c_str(), st.form.label_size == name)) st.form.label_size = name;
            ImGui::SameLine();
        }
        ImGui::SameLine(0, 1.5f * em());
        row_caption(i18n::tr("Copies"));
        for (int n = 1; n <= 5; ++n) {
            const std::string label = std::to_string(n) + "##printer_copies";
            if (toggle_button(s, label.c_str(), st.form.copies == n, 2.7f * em())) st.form.copies = n;
            if (n < 5) ImGui::SameLine();
        }
        if (st.form.copies > 5) {
            ImGui::SameLine();
            ImGui::TextColored(colour::muted(), "%s",
                               i18n::format(i18n::tr("({0}, set with outpost printer)"),
                                            {std::to_string(st.form.copies)})
                                   .c_str());
        }
        if (st.form.kind == PrinterKind::kZpl) {
            ImGui::Spacing();
            row_caption(i18n::tr("Printer resolution (on the printer's own label)"));
            for (int dpi : {203, 300, 600}) {
                const std::string label = std::to_string(dpi) + " dpi##printer_dpi";
                if (dpi != 203) ImGui::SameLine();
                if (toggle_button(s, label.c_str(), st.form.dpi == dpi)) st.form.dpi = dpi;
            }
        }
    }
    end_touch_list(s);

    // The buttons and the test's answer stay in view under the form.
    ImGui::Separator();
    if (big_button(s, i18n::tr("Save##printer"))) {
        save(s, st);
        hide_text_keyboard(s);
        s.frames_wanted = 3;
    }
    ImGui::SameLine();
    const bool can_test = s.options.print_queue && st.form.kind != PrinterKind::kNone &&
                          !s.options.print_queue->status().testing;
    if (big_button(s, i18n::tr("Save and print test label##printer"), 0, can_test)) {
        if (save(s, st)) {
            s.options.print_queue->print_test_label();
            st.tested = true;
        }
        hide_text_keyboard(s);
        s.frames_wanted = 3;
    }
    draw_test_result(s, st);
}

}  // namespace outpost

// Printing labels from the screens: queuing a committed dispensing's labels
// on the print queue (UiOptions::print_queue, app/print) and the queue's
// state in words with a Retry button. The screens never wait for a printer:
// queuing is one local insert and the printing happens on the queue's
// thread; what it is doing is read from its thread-safe snapshot.
#include <imgui.h>

#include <algorithm>

#include "i18n.h"
#include "print_queue.h"
#include "screens.h"
#include "theme.h"
#include "widgets.h"

namespace outpost {

void print_dispensing_labels(State& s, const std::string& prescription_id, Banner& banner) {
    if (!s.options.print_queue) return;
    auto job = s.options.print_queue->print_dispensing(s.store, prescription_id);
    if (job.ok())
        banner.set_notice(i18n::tr("Labels sent to the printer."));
    else
        banner.set_error(i18n::format(i18n::tr("The labels were not queued for printing: {0}"), {job.status().message()}));
    s.frames_wanted = 3;
}

void draw_print_status(State& s, const char* id) {
    if (!s.options.print_queue) {
        const std::string line = i18n::tr("No label printer here: copy the labels below by hand.");
        if (s.probe) s.probe->note(std::string("print:") + id, line);
        text_coloured(colour::muted(), line);
        return;
    }
    const PrintQueueStatus st = s.options.print_queue->status();
    std::string line = st.line;
    if (line.empty()) line = st.printed > 0 ? i18n::tr("Labels printed.") : i18n::tr("Printer ready.");
    const bool trouble = st.state == PrintQueueStatus::State::kFailed ||
                         st.state == PrintQueueStatus::State::kNoPrinter;
    if (s.probe) s.probe->note(std::string("print:") + id, line);
    text_coloured(trouble ? colour::error() : colour::muted(), line);
    if (st.can_retry) {
        ImGui::SameLine();
        const std::string label = std::string(i18n::tr("Retry")) + "##print_" + id;
        if (big_button(s, label.c_str())) s.options.print_queue->retry();
    }
    if (st.state == PrintQueueStatus::State::kPrinting || trouble) s.frames_wanted = std::max(s.frames_wanted, 1);
}

}  // namespace outpost

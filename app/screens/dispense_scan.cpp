// A scan on Dispense: the scanned medicine joins the prescription being made.
// When the scan names a batch that is usable stock here, the line takes that
// batch; an expired, held or empty batch is not picked, and the banner says
// so in red (earliest-expiry-first stays, or the person chooses by hand).
#include "i18n.h"
#include "local_time.h"
#include "scan_screens.h"

namespace outpost {

namespace {

// The batch the scan names, among the item's batches; null when none.
const BatchRow* scanned_batch(const ItemDetail& d, const gs1::Reading& r) {
    for (const BatchRow& b : d.batches)
        if (b.batch_no == r.batch && (r.expiry.empty() || b.expiry == r.expiry)) return &b;
    return nullptr;
}

}  // namespace

void dispense_scan(State& s, const std::string& text) {
    DispenseState& d = s.dispense;
    if (d.step != DispenseState::Step::kLines) {
        d.banner.set_error(d.step == DispenseState::Step::kDone
                               ? i18n::tr("Tap \"Next patient\" first, then scan the medicine.")
                               : i18n::tr("Choose the patient first, then scan the medicine."));
        return;
    }
    ScannedCode code = read_scan(s, text);
    if (!code.item) {
        d.banner.set_error(code.unlinked ? unlinked_words(s, code.reading.gtin) : code.problem);
        return;
    }
    const Item& item = *code.item;
    int index = -1;
    for (size_t i = 0; i < d.lines.size(); ++i)
        if (d.lines[i].item.id == item.id) index = static_cast<int>(i);
    const bool added = index < 0;
    if (added) {
        PrescriptionLine line;
        line.item = item;
        line.directions = item.default_directions;
        d.lines.push_back(std::move(line));
        index = static_cast<int>(d.lines.size()) - 1;
        d.keypad_line = index;  // the quantity next
    }
    PrescriptionLine& line = d.lines[static_cast<size_t>(index)];
    d.scroll_to_line = index;
    d.item_search.clear();
    s.frames_wanted = 3;
    const std::string what =
        i18n::format(added ? i18n::tr("Added {0}") : i18n::tr("Already on the prescription: {0}"),
                     {item.display_name()});
    if (code.reading.batch.empty()) {
        d.banner.set_notice(i18n::format(i18n::tr("{0}. Batch: earliest expiry first."), {what}));
        return;
    }
    const std::string& batch = code.reading.batch;
    if (code.reading.needs_check) {
        const std::string why = code.reading.warnings.empty()
                                    ? std::string(i18n::tr("check the batch on the pack"))
                                    : code.reading.warnings.front();
        d.banner.set_error(
            i18n::format(i18n::tr("{0}. The scanner may have dropped a separator, so batch {1} "
                                  "is not sure: it was not picked (earliest expiry first). "
                                  "{2}. Choose the batch by hand if needed."),
                         {what, batch, why}));
        return;
    }
    ++s.queries;
    auto detail = s.store.item_detail(item.id);
    if (!detail.ok()) {
        d.banner.set_error(i18n::format(i18n::tr("{0}. The batch could not be looked up: {1}"),
                                        {what, detail.status().message()}));
        return;
    }
    const BatchRow* b = scanned_batch(*detail, code.reading);
    const std::string fefo =
        i18n::tr("Earliest expiry first is used; choose the batch by hand only if you must.");
    if (!b) {
        d.banner.set_error(
            i18n::format(i18n::tr("{0}. The scanned batch {1} is not in this clinic's stock. {2}"),
                         {what, batch, fefo}));
    } else if (b->expired) {
        d.banner.set_error(i18n::format(
            i18n::tr("{0}. The scanned batch {1} EXPIRED on {2}: it was not picked. {3}"),
            {what, batch, local_day(b->expiry), fefo}));
    } else if (b->on_hold) {
        d.banner.set_error(
            i18n::format(i18n::tr("{0}. The scanned batch {1} is ON HOLD: it was not picked. {2}"),
                         {what, batch, fefo}));
    } else if (b->on_hand <= 0) {
        d.banner.set_error(i18n::format(
            i18n::tr(
                "{0}. The scanned batch {1} has none in stock on record: it was not picked. {2}"),
            {what, batch, fefo}));
    } else {
        line.batch_id = b->id;
        line.choosing_batch = false;
        d.banner.set_notice(i18n::format(i18n::tr("{0}, batch {1} (expires {2})."),
                                         {what, batch, local_day(b->expiry)}));
        return;
    }
    // A batch picked by an earlier scan of the same medicine is not kept
    // silently over a refused one: back to earliest expiry first.
    line.batch_id.reset();
}

}  // namespace outpost

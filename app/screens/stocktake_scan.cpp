// A scan on Stocktake: on an open count, the scanned batch's line opens for
// counting (highlighted, keypad on the side) and scrolls into view.
#include "i18n.h"
#include "scan_screens.h"

namespace outpost {

void stocktake_scan(State& s, const std::string& text) {
    StocktakeState& t = s.stocktake;
    if (t.stocktake_id.empty()) {
        t.banner.set_error(i18n::tr("Open a stocktake first, then scan the packs you count."));
        return;
    }
    if (t.info.loaded && t.info.value.status != "open") {
        const std::string status = t.info.value.status == "finalised"   ? i18n::tr("finalised")
                                   : t.info.value.status == "abandoned" ? i18n::tr("abandoned")
                                                                        : t.info.value.status;
        t.banner.set_error(i18n::format(
            i18n::tr("This stocktake is {0}: nothing more is counted on it."), {status}));
        return;
    }
    if (t.review) {
        t.banner.set_error(i18n::tr("Tap \"Count\" to go back to counting, then scan."));
        return;
    }
    ScannedCode code = read_scan(s, text);
    if (!code.item) {
        t.banner.set_error(code.unlinked ? unlinked_words(s, code.reading.gtin) : code.problem);
        return;
    }
    const std::string name = code.item->display_name();
    if (code.reading.batch.empty()) {
        t.banner.set_error(i18n::format(
            i18n::tr("This barcode of {0} names no batch: tap the batch's line to count it."),
            {name}));
        return;
    }
    if (code.reading.needs_check) {
        const std::string why = code.reading.warnings.empty()
                                    ? std::string(i18n::tr("check the batch on the pack"))
                                    : code.reading.warnings.front();
        t.banner.set_error(i18n::format(
            i18n::tr("Check the batch of {0}: {1}. Tap the line of the batch printed on the pack."),
            {name, why}));
        return;
    }
    ++s.queries;
    auto pos = s.store.stocktake_position(t.stocktake_id, code.item->id, code.reading.batch);
    if (!pos.ok()) {
        if (pos.status().code() == Status::Code::kNotFound)
            t.banner.set_error(
                i18n::format(i18n::tr("Batch {0} of {1} is not on this count (not in stock when it "
                                      "started, or not received here). Count it after receiving "
                                      "it, or in a new count."),
                             {code.reading.batch, name}));
        else
            t.banner.set_error(pos.status().message());
        return;
    }
    t.counting_batch = pos->batch_id;
    t.count.clear();
    t.scroll_to_index = pos->index;
    t.banner.set_notice(i18n::format(i18n::tr("Counting {0}, batch {1}: enter the number counted."),
                                     {name, code.reading.batch}));
    s.frames_wanted = 3;
}

}  // namespace outpost

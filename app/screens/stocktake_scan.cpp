// A scan on Stocktake: on an open count, the scanned batch's line opens for
// counting (highlighted, keypad on the side) and scrolls into view.
#include "scan_screens.h"

namespace outpost {

void stocktake_scan(State& s, const std::string& text) {
    StocktakeState& t = s.stocktake;
    if (t.stocktake_id.empty()) {
        t.banner.set_error("Open a stocktake first, then scan the packs you count.");
        return;
    }
    if (t.info.loaded && t.info.value.status != "open") {
        t.banner.set_error("This stocktake is " + t.info.value.status + ": nothing more is counted on it.");
        return;
    }
    if (t.review) {
        t.banner.set_error("Tap \"Count\" to go back to counting, then scan.");
        return;
    }
    ScannedCode code = read_scan(s, text);
    if (!code.item) {
        t.banner.set_error(code.unlinked ? unlinked_words(s, code.reading.gtin) : code.problem);
        return;
    }
    const std::string name = code.item->display_name();
    if (code.reading.batch.empty()) {
        t.banner.set_error("This barcode of " + name +
                           " names no batch: tap the batch's line to count it.");
        return;
    }
    if (code.reading.needs_check) {
        t.banner.set_error("Check the batch of " + name + ": " + (code.reading.warnings.empty() ? std::string("check the batch on the pack") : code.reading.warnings.front()) +
                           ". Tap the line of the batch printed on the pack.");
        return;
    }
    ++s.queries;
    auto pos = s.store.stocktake_position(t.stocktake_id, code.item->id, code.reading.batch);
    if (!pos.ok()) {
        if (pos.status().code() == Status::Code::kNotFound)
            t.banner.set_error("Batch " + code.reading.batch + " of " + name +
                               " is not on this count (not in stock when it started, or not "
                               "received here). Count it after receiving it, or in a new count.");
        else
            t.banner.set_error(pos.status().message());
        return;
    }
    t.counting_batch = pos->batch_id;
    t.count.clear();
    t.scroll_to_index = pos->index;
    t.banner.set_notice("Counting " + name + ", batch " + code.reading.batch +
                        ": enter the number counted.");
    s.frames_wanted = 3;
}

}  // namespace outpost

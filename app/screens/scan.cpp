// What the screens share about a scanned barcode: reading it and finding the
// item its GTIN is linked to (screens.h, read_scan). Each screen decides what
// the scan does there; docs/barcodes.md lists which screens act on it.
#include "i18n.h"
#include "screens.h"

namespace outpost {

ScannedCode read_scan(State& s, const std::string& text) {
    ScannedCode c;
    gs1::Options options;
    options.today = s.store.today();
    c.reading = gs1::parse(text, options);
    if (!c.reading.error.ok()) {
        c.problem = c.reading.error.message();
        return c;
    }
    if (c.reading.gtin.empty()) {
        c.problem = i18n::tr("This barcode names no product (it has no GTIN): find the item by name.");
        return c;
    }
    ++s.queries;
    auto item = s.store.item_for_gtin(c.reading.gtin);
    if (item.ok()) {
        c.item = *item;
    } else if (item.status().code() == Status::Code::kNotFound) {
        c.unlinked = true;
        c.problem = i18n::format(
            i18n::tr("Barcode {0} is not linked to an item at this clinic yet: find the item by name."),
            {c.reading.gtin});
    } else {
        c.problem = item.status().message();
    }
    return c;
}

}  // namespace outpost

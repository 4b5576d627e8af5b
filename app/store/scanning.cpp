// Store operations for barcode scanning besides the links (store.h,
// "scanning"): this device's scanner setting, kept in `meta` like the printer
// (never synced: each kiosk has its own scanner), and finding a scanned batch
// on a stocktake's count sheet.
#include <cctype>

#include "i18n.h"
#include "store.h"
#include "store_internal.h"

namespace outpost {

namespace {
constexpr const char* kSeparatorKey = "scanner.separator_substitutes";
}

std::string scanner_separators_problem(const std::string& chars) {
    if (chars.size() > 8) return i18n::tr("give at most 8 separator characters");
    for (size_t i = 0; i < chars.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(chars[i]);
        if (c < 0x21 || c > 0x7e)
            return i18n::tr("a separator character must be a printable ASCII sign such as ~ or | "
                            "(no space, no accent, no control character)");
        if (std::isalnum(c))
            return i18n::format(
                i18n::tr("\"{0}\" is a letter or digit, which barcodes contain: choose a sign such as ~ or |"),
                {std::string(1, chars[i])});
        if (chars.find(chars[i]) != i) return i18n::format(i18n::tr("\"{0}\" is given twice"), {std::string(1, chars[i])});
    }
    return "";
}

Result<std::string> Store::scanner_separators() {
    auto v = meta(kSeparatorKey);
    if (!v) return std::string();
    if (!scanner_separators_problem(*v).empty())
        return Status::Corruption(
            i18n::format(i18n::tr("the stored scanner separator \"{0}\" is not usable: set the scanner again"), {*v}));
    return *v;
}

Status Store::set_scanner_separators(const std::string& chars) {
    const std::string problem = scanner_separators_problem(chars);
    if (!problem.empty()) return Status::InvalidArgument(problem);
    Status st = set_meta(kSeparatorKey, chars);
    // The frame loop follows the setting by data_version(), also when the
    // screens saved it on this very connection.
    if (st.ok()) ++local_writes_;
    return st;
}

Result<SheetPosition> Store::stocktake_position(const std::string& stocktake_id,
                                                const std::string& item_id,
                                                const std::string& batch_no) {
    // The sheet's order (stocktake_sheet): item name, strength, expiry; ties
    // by batch id, as SQLite breaks them there.
    Stmt s = db_.prepare(
        "SELECT l.batch_id, i.name, i.strength, b.expiry FROM stocktake_lines l "
        "JOIN batches b ON b.id=l.batch_id JOIN items i ON i.id=l.item_id "
        "WHERE l.stocktake_id=? AND l.item_id=? AND b.batch_no=?");
    s.bind(1, stocktake_id).bind(2, item_id).bind(3, batch_no);
    if (!s.step()) {
        if (!s.status().ok()) return s.status();
        return Status::NotFound(i18n::format(i18n::tr("batch {0} is not on this count"), {batch_no}));
    }
    SheetPosition p;
    p.batch_id = s.text(0);
    const std::string name = s.text(1), strength = s.text(2), expiry = s.text(3);
    Stmt before = db_.prepare(
        "SELECT COUNT(*) FROM stocktake_lines l JOIN batches b ON b.id=l.batch_id "
        "JOIN items i ON i.id=l.item_id WHERE l.stocktake_id=? AND "
        "(i.name < ? COLLATE NOCASE OR (i.name = ? COLLATE NOCASE AND (i.strength < ? OR "
        "(i.strength = ? AND b.expiry < ?))))");
    before.bind(1, stocktake_id).bind(2, name).bind(3, name).bind(4, strength).bind(5, strength).bind(6, expiry);
    if (!before.step()) return before.status().ok() ? Status::Corruption(i18n::tr("the count sheet could not be read")) : before.status();
    p.index = before.i64(0);
    return p;
}

}  // namespace outpost

// Outbox changes in words: what a change was ("Dispensing for BANDA, Ruth:
// Amoxicillin 250 mg x 15"), read from its payload with names looked up in
// this device's tables, for the changes central refused (the sync details
// screen lists them with central's reason). A refusal is often about data
// this device holds wrongly, so every lookup has a fallback that says what
// is missing instead of failing.
#include "directions.h"  // count_with_unit
#include "json_read.h"   // text_of
#include "reason_labels.h"
#include "store_internal.h"

namespace outpost {

namespace {

// The first row of a table in a payload, or an empty object.
const json& first_row(const json& payload, const char* table) {
    static const json kNone = json::object();
    auto rows = payload.find(table);
    if (rows == payload.end() || !rows->is_array() || rows->empty() || !(*rows)[0].is_object())
        return kNone;
    return (*rows)[0];
}

int64_t number_of(const json& row, const char* key) {
    auto v = row.find(key);
    return v != row.end() && v->is_number_integer() ? v->get<int64_t>() : 0;
}

// Looks names up in the local tables; each says so when a row is missing.
class Namer {
  public:
    explicit Namer(Db& db) : db_(db) {}

    // "Amoxicillin 250 mg", as the stock list and the card name items.
    std::string item(const std::string& id) {
        auto it = load_item(db_, id);
        if (!it.ok()) {
            unit_ = "unit";
            return i18n::tr("an item not in this device's catalogue");
        }
        unit_ = it->unit;
        return it->strength.empty() ? it->name : it->name + " " + it->strength;
    }
    const std::string& last_unit() const { return unit_; }

    std::string patient(const std::string& id) {
        Stmt s = db_.prepare("SELECT family_name,given_name FROM patients WHERE id=?");
        s.bind(1, id);
        if (!s.step()) return i18n::tr("a patient not on this device");
        Patient p;
        p.family_name = s.text(0);
        p.given_name = s.text(1);
        return p.display_name();
    }

    // The batch number from the payload's own batch row when it carries
    // one (a first receipt), else from the local batches table.
    std::string batch_no(const json& payload, const std::string& batch_id) {
        const json& row = first_row(payload, "batches");
        if (text_of(row, "id") == batch_id && !text_of(row, "batch_no").empty())
            return text_of(row, "batch_no");
        Stmt s = db_.prepare("SELECT batch_no FROM batches WHERE id=?");
        s.bind(1, batch_id);
        return s.step() ? s.text(0) : std::string(i18n::tr("(unknown batch)"));
    }

    std::string reason_label(const std::string& code) {
        Stmt s = db_.prepare("SELECT label FROM reason_codes WHERE code=?");
        s.bind(1, code);
        return outpost::reason_label(code, s.step() ? s.text(0) : "");
    }

    // "Amoxicillin 250 mg x 15, Paracetamol 500 mg x 20" for a
    // prescription's lines, from the payload's lines when given, else from
    // the local table.
    std::string lines(const json& payload, const std::string& prescription_id) {
        std::vector<std::pair<std::string, int64_t>> items;
        auto rows = payload.find("prescription_lines");
        if (rows != payload.end() && rows->is_array() && !rows->empty()) {
            for (const auto& l : *rows)
                if (l.is_object())
                    items.emplace_back(text_of(l, "item_id"), number_of(l, "quantity"));
        } else {
            Stmt s = db_.prepare(
                "SELECT item_id,quantity FROM prescription_lines WHERE prescription_id=? ORDER BY "
                "line_no");
            s.bind(1, prescription_id);
            while (s.step()) items.emplace_back(s.text(0), s.i64(1));
        }
        std::string out;
        for (const auto& [item_id, quantity] : items)
            out += (out.empty() ? "" : ", ") + item(item_id) + " x " + std::to_string(quantity);
        return out.empty() ? std::string(i18n::tr("no medicines listed")) : out;
    }

    std::string prescription_patient(const std::string& prescription_id) {
        Stmt s = db_.prepare("SELECT patient_id FROM prescriptions WHERE id=?");
        s.bind(1, prescription_id);
        return s.step() ? patient(s.text(0)) : std::string(i18n::tr("a dispensing not on this device"));
    }

  private:
    Db& db_;
    std::string unit_ = "unit";
};

std::string describe(Namer& n, const std::string& entity, const json& p) {
    using i18n::format;
    using i18n::tr;
    using i18n::trn;
    const json& event = first_row(p, "stock_events");
    if (entity == "dispense") {
        const json& rx = first_row(p, "prescriptions");
        return format(tr("Dispensing for {0}: {1}"), {n.patient(text_of(rx, "patient_id")), n.lines(p, text_of(rx, "id"))});
    }
    if (entity == "receive") {
        const std::string item = n.item(text_of(event, "item_id"));
        return format(tr("Receipt of {0} batch {1}: {2}"),
                      {item, n.batch_no(p, text_of(event, "batch_id")),
                       count_with_unit(static_cast<double>(number_of(event, "quantity")), n.last_unit(), i18n::screen_lang())});
    }
    if (entity == "adjust") {
        const std::string item = n.item(text_of(event, "item_id"));
        const int64_t q = number_of(event, "quantity");
        return format(q < 0 ? tr("Adjustment of {0} batch {1}: {2} removed ({3})")
                            : tr("Adjustment of {0} batch {1}: {2} added ({3})"),
                      {item, n.batch_no(p, text_of(event, "batch_id")),
                       count_with_unit(static_cast<double>(q < 0 ? -q : q), n.last_unit(), i18n::screen_lang()),
                       n.reason_label(text_of(event, "reason"))});
    }
    if (entity == "cancel") {
        const json& c = first_row(p, "cancellations");
        const std::string rx = text_of(c, "prescription_id");
        std::string out = format(tr("Cancellation of the dispensing for {0}: {1}"),
                                 {n.prescription_patient(rx), n.lines(json::object(), rx)});
        const std::string why = text_of(c, "reason");
        return why.empty() ? out : out + " (" + why + ")";
    }
    if (entity == "batch" || entity == "count_flag") {
        const json& b = first_row(p, "batches");
        const std::vector<std::string> what = {n.item(text_of(b, "item_id")), n.batch_no(p, text_of(b, "id"))};
        if (entity == "count_flag") return format(tr("{0} batch {1} flagged for a count"), what);
        return format(number_of(b, "on_hold") ? tr("{0} batch {1} put on hold") : tr("{0} batch {1} released from hold"),
                      what);
    }
    if (entity == "stocktake") {
        const json& st = first_row(p, "stocktakes");
        const std::string desc = text_of(st, "description");
        if (text_of(st, "status") == "abandoned")
            return desc.empty() ? std::string(tr("Stock count abandoned"))
                                : format(tr("Stock count '{0}' abandoned"), {desc});
        auto events = p.find("stock_events");
        const size_t corrections = events != p.end() && events->is_array() ? events->size() : 0;
        const std::string n_corrections = std::to_string(corrections);
        return desc.empty() ? format(trn("Stock count finalised: {0} correction",
                                         "Stock count finalised: {0} corrections", corrections),
                                     {n_corrections})
                            : format(trn("Stock count '{1}' finalised: {0} correction",
                                         "Stock count '{1}' finalised: {0} corrections", corrections),
                                     {n_corrections, desc});
    }
    if (entity == "barcode_link") {
        const json& row = first_row(p, "barcode_links");
        return format(tr("Barcode {0} linked to {1}"), {text_of(row, "gtin"), n.item(text_of(row, "item_id"))});
    }
    if (entity == "patient") {
        const json& row = first_row(p, "patients");
        Patient who;
        who.family_name = text_of(row, "family_name");
        who.given_name = text_of(row, "given_name");
        const std::string village = text_of(row, "village");
        return village.empty() ? format(tr("Details of patient {0}"), {who.display_name()})
                               : format(tr("Details of patient {0} of {1}"), {who.display_name(), village});
    }
    return "";
}

}  // namespace

std::string Store::describe_change(const OutboxChange& change) {
    // The kind alone, "stock event" for "stock_event", when the payload
    // cannot be read or the kind is one this version does not know.
    // The kind is the protocol's identifier ("stock event"), not translated.
    std::string kind = change.entity.empty() ? std::string("change") : change.entity;
    for (char& c : kind)
        if (c == '_') c = ' ';
    json p = json::parse(change.payload, nullptr, false);
    if (p.is_discarded() || !p.is_object())
        return i18n::format(i18n::tr("A {0} whose content cannot be read"), {kind});
    Namer names(db_);
    std::string words = describe(names, change.entity, p);
    return words.empty() ? i18n::format(i18n::tr("A {0} change"), {kind}) : words;
}

Result<std::vector<RefusedChange>> Store::refused_changes() {
    auto changes = quarantined();
    if (!changes.ok()) return changes.status();
    std::vector<RefusedChange> out;
    out.reserve(changes->size());
    // quarantined() carries central's reason in the hlc field.
    for (const auto& c : *changes) out.push_back({c.seq, describe_change(c), c.hlc});
    return out;
}

}  // namespace outpost

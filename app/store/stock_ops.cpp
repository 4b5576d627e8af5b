// Stock operations on the ledger: receive, dispense (earliest expiry first),
// cancel a dispensing, adjust with a reason, hold a batch. Each is one
// transaction writing its rows, its events, stock on hand and one outbox
// change. Roles: any active user may receive and dispense; adjusting and
// holding need a storekeeper or an admin.
#include <algorithm>
#include <cctype>

#include "directions.h"
#include "i18n.h"
#include "store_internal.h"

namespace outpost {

using i18n::format;
using i18n::tr;

static constexpr int64_t kMaxQuantity = 1000000000;  // units; larger is a typing slip
// Batch numbers, suppliers, references and prescribers, in characters (notes
// and reasons twice that, directions five times; see check_person_text).
static constexpr size_t kMaxNoteChars = 100;

static std::string trim(const std::string& s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
}

// ---- receive ----------------------------------------------------------------------

Result<ReceiveResult> Store::receive(const std::string& user_id, const ReceiveInput& in) {
    if (!has_identity()) return Status::Conflict(tr("set up the site first"));
    User actor;
    Status st = check_actor(db_, user_id, Role::kDispenser, &actor);
    if (!st.ok()) return st;
    auto item = load_item(db_, in.item_id);
    if (!item.ok()) return item.status();
    if (!item->active) return Status::InvalidArgument(format(tr("{0} is no longer in use"), {item->display_name()}));
    std::string batch_no = trim(in.batch_no);
    if (batch_no.empty()) return Status::InvalidArgument(tr("enter the batch number printed on the pack"));
    for (const auto& f : {std::make_pair(tr("batch number"), batch_no), std::make_pair(tr("supplier"), trim(in.supplier)),
                          std::make_pair(tr("reference"), trim(in.reference))}) {
        st = check_person_text(f.first, f.second, kMaxNoteChars);
        if (!st.ok()) return st;
    }
    int64_t exp_days = 0;
    if (!parse_date(in.expiry, &exp_days))
        return Status::InvalidArgument(format(tr("expiry '{0}' is not a date; use YYYY-MM-DD"), {in.expiry}));
    int64_t today_days = 0;
    parse_date(today(), &today_days);
    if (exp_days < today_days)
        return Status::InvalidArgument(
            format(tr("batch {0} expired on {1}; expired stock cannot be received"), {batch_no, in.expiry}));
    if (in.quantity <= 0) return Status::InvalidArgument(tr("quantity must be more than zero"));
    int64_t units = in.unit == QuantityUnit::kPacks ? in.quantity * item->pack_size : in.quantity;
    if (in.quantity > kMaxQuantity || units > kMaxQuantity)
        return Status::InvalidArgument(format(tr("quantity {0} is too large; check it"), {std::to_string(in.quantity)}));
    const int64_t usual_most = std::max<int64_t>(item->pack_size * 100, 1000);
    if (units > usual_most && !in.confirm_large)
        // TRANSLATORS: "1 200 tablets is more than 100 packs of 10 (1 000 tablets), ..."
        return Status::NeedsConfirmation(format(
            tr("{0} is more than 100 packs of {1} ({2}), more than a delivery usually holds; check the quantity, "
               "and confirm only if that much arrived"),
            {count_with_unit(static_cast<double>(units), item->unit, i18n::screen_lang()), std::to_string(item->pack_size),
             count_with_unit(static_cast<double>(usual_most), item->unit, i18n::screen_lang())}));

    ReceiveResult res;
    res.units = units;
    st = in_transaction(db_, [&]() -> Status {
        StoreWriter w(*this, "receive");
        Stmt s = db_.prepare("SELECT id FROM batches WHERE site_id=? AND item_id=? AND batch_no=? AND expiry=?");
        s.bind(1, identity_.site_id).bind(2, item->id).bind(3, batch_no).bind(4, in.expiry);
        if (s.step()) {
            res.batch_id = s.text(0);
        } else {
            res.new_batch = true;
            // Derived from the natural key: two offline devices receiving the
            // same batch make the same row, not two that collide on merge.
            res.batch_id = derived_id("batch|" + identity_.site_id + "|" + item->id + "|" + batch_no + "|" + in.expiry);
            StoredBatch b{res.batch_id, item->id, batch_no, in.expiry, false, false, 0};
            Status ws = write_batch(w, b);
            if (!ws.ok()) return ws;
        }
        json ev{{"user_id", actor.id},   {"kind", "receipt"},  {"item_id", item->id},
                {"batch_id", res.batch_id}, {"quantity", units}, {"supplier", trim(in.supplier)},
                {"reference", trim(in.reference)}};
        auto id = w.event(ev);
        if (!id.ok()) return id.status();
        res.event_id = *id;
        return w.finish(*id);
    });
    if (!st.ok()) return st;
    return res;
}

// ---- allocation -------------------------------------------------------------------------

Result<LinePlan> Store::plan_line(const DispenseLineInput& line) {
    auto item = load_item(db_, line.item_id);
    if (!item.ok()) return item.status();
    if (!item->active) return Status::InvalidArgument(format(tr("{0} is no longer in use"), {item->display_name()}));
    if (line.quantity <= 0)
        return Status::InvalidArgument(format(tr("quantity of {0} must be more than zero"), {item->display_name()}));
    if (line.quantity > kMaxQuantity)
        return Status::InvalidArgument(format(tr("quantity of {0} is too large; check it"), {item->display_name()}));
    const std::string now = today();
    LinePlan plan;
    plan.item_id = item->id;
    plan.requested = line.quantity;
    std::vector<StoredBatch> batches;
    {
        Stmt s = db_.prepare(
            "SELECT b.id,b.item_id,b.batch_no,b.expiry,b.on_hold,b.needs_count,COALESCE(h.quantity,0) "
            "FROM batches b LEFT JOIN stock_on_hand h ON h.batch_id=b.id "
            "WHERE b.item_id=? AND b.site_id=? ORDER BY b.expiry, b.batch_no");
        s.bind(1, item->id).bind(2, identity_.site_id);
        while (s.step())
            batches.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.i64(4) != 0, s.i64(5) != 0, s.i64(6)});
        if (!s.status().ok()) return s.status();
    }
    auto usable = [&](const StoredBatch& b) { return !b.on_hold && b.expiry >= now; };
    for (const auto& b : batches)
        if (usable(b) && b.on_hand > 0) plan.available += b.on_hand;

    auto take = [&](const StoredBatch& b, int64_t qty) {
        Allocation a;
        a.batch_id = b.id;
        a.batch_no = b.batch_no;
        a.expiry = b.expiry;
        a.quantity = qty;
        a.balance_before = b.on_hand;
        a.expired = b.expiry < now;
        a.short_stock = qty > b.on_hand;
        plan.allocations.push_back(a);
    };

    if (line.batch_id) {  // manual override of earliest-expiry-first
        auto it = std::find_if(batches.begin(), batches.end(),
                               [&](const StoredBatch& b) { return b.id == *line.batch_id; });
        if (it == batches.end())
            return Status::InvalidArgument(format(tr("the chosen batch is not a batch of {0}"), {item->display_name()}));
        if (it->on_hold)
            return Status::InvalidArgument(format(tr("batch {0} is on hold; release it or choose another"), {it->batch_no}));
        take(*it, line.quantity);
    } else {
        int64_t left = line.quantity;
        for (const auto& b : batches) {
            if (left == 0) break;
            if (!usable(b) || b.on_hand <= 0) continue;
            int64_t q = std::min(left, b.on_hand);
            take(b, q);
            left -= q;
        }
        if (left > 0) {
            if (!plan.allocations.empty()) {
                // The rest comes from the last batch used: the medicine is in
                // hand even though the record says otherwise.
                Allocation& last = plan.allocations.back();
                last.quantity += left;
                last.short_stock = true;
            } else {
                auto it = std::find_if(batches.begin(), batches.end(), usable);
                if (it == batches.end())
                    return Status::InvalidArgument(
                        format(tr("no usable batch of {0} is recorded (none, or all expired or on hold): receive "
                                  "it first, or pick a batch"),
                               {item->display_name()}));
                take(*it, left);
            }
        }
    }
    for (const auto& a : plan.allocations) {
        if (a.expired) {
            plan.needs_expired_confirmation = true;
            plan.warnings.push_back(format(tr("Batch {0} expired on {1}."), {a.batch_no, a.expiry}));
        }
        if (a.short_stock) {
            plan.needs_short_confirmation = true;
            // TRANSLATORS: not enough stock on record: "Batch A1 has 5 tablets on record; taking 10 tablets ..."
            plan.warnings.push_back(format(tr("Batch {0} has {1} on record; taking {2} leaves it below zero and "
                                              "flags it for a count."),
                                           {a.batch_no, count_with_unit(static_cast<double>(a.balance_before), item->unit, i18n::screen_lang()),
                                            count_with_unit(static_cast<double>(a.quantity), item->unit, i18n::screen_lang())}));
        }
    }
    // Plausibility: a slip of the keypad (999999 for 15) must not pass with
    // the one tap a shortage takes. The course the directions give is the
    // measure; without one, the usable stock on record.
    const Directions dir = expand_directions(line.directions, item->unit);
    const std::string asked = count_with_unit(static_cast<double>(line.quantity), item->unit, i18n::screen_lang());
    if (!dir.as_needed && dir.units_per_day && dir.days && *dir.units_per_day * *dir.days >= 1) {
        const double course = *dir.units_per_day * *dir.days;
        if (static_cast<double>(line.quantity) > 10 * course) {
            plan.needs_large_confirmation = true;
            plan.warnings.push_back(format(tr("{0} is more than 10 times the course the directions give ({1}); "
                                              "check the quantity."),
                                           {asked, count_with_unit(course, item->unit, i18n::screen_lang())}));
        }
    } else if (line.quantity > 10 * std::max(plan.available, item->pack_size)) {
        // (at least 10 packs: a record that is behind, e.g. before another
        // device's receipt arrived, must not turn every dispensing into a question)
        plan.needs_large_confirmation = true;
        if (plan.available >= item->pack_size)
            plan.warnings.push_back(
                format(tr("{0} is more than 10 times the usable stock on record ({1}); check the quantity."),
                       {asked, count_with_unit(static_cast<double>(plan.available), item->unit, i18n::screen_lang())}));
        else
            plan.warnings.push_back(format(tr("{0} is more than 10 times a pack ({1}); check the quantity."),
                                           {asked, count_with_unit(static_cast<double>(item->pack_size), item->unit, i18n::screen_lang())}));
    }
    return plan;
}

// ---- dispense ---------------------------------------------------------------------------

Result<DispenseResult> Store::dispense(const std::string& user_id, const DispenseInput& in) {
    if (!has_identity()) return Status::Conflict(tr("set up the site first"));
    User actor;
    Status st = check_actor(db_, user_id, Role::kDispenser, &actor);
    if (!st.ok()) return st;
    if (in.lines.empty()) return Status::InvalidArgument(tr("add at least one medicine to the prescription"));
    st = check_person_text(tr("prescriber"), trim(in.prescriber), kMaxNoteChars);
    if (!st.ok()) return st;
    for (const auto& line : in.lines) {
        st = check_person_text(tr("directions"), trim(line.directions), kMaxNoteChars * 5);
        if (!st.ok()) return st;
    }
    {
        Stmt s = db_.prepare("SELECT 1 FROM patients WHERE id=?");
        s.bind(1, in.patient_id);
        if (!s.step()) return Status::NotFound(tr("choose or register the patient first"));
    }
    DispenseResult res;
    st = in_transaction(db_, [&]() -> Status {
        StoreWriter w(*this, "dispense");
        res.prescription_id = new_uuid_v7(now_ms());
        json rx = w.base_row();
        rx["id"] = res.prescription_id;
        rx["patient_id"] = in.patient_id;
        rx["prescriber"] = trim(in.prescriber);
        rx["user_id"] = actor.id;
        rx["created_ms"] = now_ms();
        Status ws = w.write("prescriptions", rx);
        if (!ws.ok()) return ws;
        // The labels' language stays on this device (label_languages).
        const i18n::Lang label_lang = in.label_lang.value_or(i18n::device_lang());
        {
            Stmt ll = db_.prepare("INSERT INTO label_languages(prescription_id, lang) VALUES(?, ?)");
            ll.bind(1, res.prescription_id).bind(2, std::string(i18n::code(label_lang)));
            ws = ll.run();
            if (!ws.ok()) return ws;
        }
        int line_no = 0;
        for (const auto& line : in.lines) {
            ++line_no;
            // Planned inside the transaction, after earlier lines' events, so
            // two lines of one item do not take the same units twice.
            auto plan = plan_line(line);
            if (!plan.ok()) return Status::InvalidArgument(format(tr("line {0}: {1}"), {std::to_string(line_no), plan.status().message()}));
            auto item = load_item(db_, line.item_id);
            if (plan->needs_expired_confirmation && !in.confirm_expired)
                return Status::NeedsConfirmation(
                    format(tr("line {0} ({1}): {2} Confirm to dispense expired stock."),
                           {std::to_string(line_no), item->display_name(), plan->warnings.front()}));
            if (plan->needs_large_confirmation && !in.confirm_large)
                return Status::NeedsConfirmation(
                    format(tr("line {0} ({1}): {2} Confirm only if that much is prescribed."),
                           {std::to_string(line_no), item->display_name(), plan->warnings.back()}));
            if (plan->needs_short_confirmation && !in.confirm_short) {
                std::string msg;
                for (const auto& wmsg : plan->warnings) msg += " " + wmsg;
                return Status::NeedsConfirmation(
                    format(tr("line {0} ({1}):{2} Confirm only if the medicine is in hand."),
                           {std::to_string(line_no), item->display_name(), msg}));
            }
            std::string line_id = new_uuid_v7(now_ms());
            std::string text = line.directions_text;
            if (text.empty() && !trim(line.directions).empty())
                text = expand_directions(line.directions, item->unit, label_lang).text;
            json l{{"id", line_id},          {"prescription_id", res.prescription_id},
                   {"line_no", line_no},     {"item_id", line.item_id},
                   {"quantity", line.quantity}, {"directions", trim(line.directions)},
                   {"directions_text", text}};
            ws = w.write("prescription_lines", l);
            if (!ws.ok()) return ws;
            for (const auto& a : plan->allocations) {
                json ev{{"user_id", actor.id},  {"kind", "dispense"},     {"item_id", line.item_id},
                        {"batch_id", a.batch_id}, {"quantity", -a.quantity}, {"prescription_line_id", line_id}};
                auto id = w.event(ev);
                if (!id.ok()) return id.status();
                if (a.short_stock) {
                    auto b = load_batch(db_, a.batch_id);
                    if (!b.ok()) return b.status();
                    if (!b->needs_count) {
                        b->needs_count = true;
                        ws = write_batch(w, *b);
                        if (!ws.ok()) return ws;
                    }
                }
            }
            res.line_ids.push_back(line_id);
            res.lines.push_back(*plan);
        }
        return w.finish(res.prescription_id);
    });
    if (!st.ok()) return st;
    return res;
}

Status Store::cancel_dispensing(const std::string& user_id, const std::string& prescription_id,
                                const std::string& reason) {
    User actor;
    Status st = check_actor(db_, user_id, Role::kDispenser, &actor);
    if (!st.ok()) return st;
    if (trim(reason).empty()) return Status::InvalidArgument(tr("say why the dispensing is cancelled"));
    {
        Status rs = check_person_text(tr("reason"), trim(reason), kMaxNoteChars * 2);
        if (!rs.ok()) return rs;
    }
    {
        Stmt s = db_.prepare("SELECT 1 FROM prescriptions WHERE id=?");
        s.bind(1, prescription_id);
        if (!s.step()) return Status::NotFound(tr("no such dispensing"));
        Stmt c = db_.prepare("SELECT 1 FROM cancellations WHERE prescription_id=?");
        c.bind(1, prescription_id);
        if (c.step()) return Status::Conflict(tr("this dispensing was already cancelled"));
    }
    return in_transaction(db_, [&]() -> Status {
        StoreWriter w(*this, "cancel");
        Stmt s = db_.prepare(
            "SELECT e.id,e.item_id,e.batch_id,e.quantity FROM stock_events e "
            "JOIN prescription_lines l ON l.id=e.prescription_line_id "
            "WHERE l.prescription_id=? AND e.kind='dispense' ORDER BY e.hlc");
        s.bind(1, prescription_id);
        std::vector<json> reversals;
        while (s.step())
            // The reversal's id derives from the event it reverses: if two
            // offline devices cancel the same dispensing, the stock comes
            // back once.
            reversals.push_back(json{{"id", derived_id("reversal|" + s.text(0))},
                                     {"user_id", actor.id},       {"kind", "reversal"},
                                     {"item_id", s.text(1)},      {"batch_id", s.text(2)},
                                     {"quantity", -s.i64(3)},     {"reverses_event_id", s.text(0)},
                                     {"reason", "cancelled"},     {"note", trim(reason)}});
        if (!s.status().ok()) return s.status();
        for (auto& r : reversals) {
            auto id = w.event(r);
            if (!id.ok()) return id.status();
        }
        json c{{"id", derived_id("cancel|" + prescription_id)}, {"prescription_id", prescription_id},
               {"reason", trim(reason)},      {"user_id", actor.id},
               {"hlc", w.hlc()}};
        Status ws = w.write("cancellations", c);
        if (!ws.ok()) return ws;
        return w.finish(prescription_id);
    });
}

// ---- adjust and hold --------------------------------------------------------------------

Result<std::string> Store::adjust(const std::string& user_id, const AdjustInput& in) {
    User actor;
    Status st = check_actor(db_, user_id, Role::kStorekeeper, &actor);
    if (!st.ok()) return st;
    auto b = load_batch(db_, in.batch_id);
    if (!b.ok()) return b.status();
    if (in.quantity == 0) return Status::InvalidArgument(tr("an adjustment needs a quantity other than zero"));
    if (in.quantity > kMaxQuantity || in.quantity < -kMaxQuantity)
        return Status::InvalidArgument(tr("quantity is too large; check it"));
    if (trim(in.reason).empty()) return Status::InvalidArgument(tr("choose a reason for the adjustment"));
    const ReasonCode* reason = nullptr;
    auto reasons = reason_codes();
    for (const auto& r : reasons)
        if (r.code == in.reason) reason = &r;
    if (!reason) return Status::InvalidArgument(format(tr("'{0}' is not a known reason; choose one from the list"), {in.reason}));
    if (reason->direction < 0 && in.quantity > 0)
        return Status::InvalidArgument(format(tr("{0} removes stock: the quantity must be negative"), {reason->label}));
    if (reason->direction > 0 && in.quantity < 0)
        return Status::InvalidArgument(format(tr("{0} adds stock: the quantity must be positive"), {reason->label}));
    if (reason->code == "other" && trim(in.note).empty())
        return Status::InvalidArgument(tr("for 'Other', write what happened in the note"));
    {
        Status ns = check_person_text(tr("note"), trim(in.note), kMaxNoteChars * 2);
        if (!ns.ok()) return ns;
    }
    std::string event_id;
    st = in_transaction(db_, [&]() -> Status {
        StoreWriter w(*this, "adjust");
        json ev{{"user_id", actor.id}, {"kind", "adjustment"},   {"item_id", b->item_id},
                {"batch_id", b->id},   {"quantity", in.quantity}, {"reason", reason->code},
                {"note", trim(in.note)}};
        auto id = w.event(ev);
        if (!id.ok()) return id.status();
        event_id = *id;
        return w.finish(*id);
    });
    if (!st.ok()) return st;
    return event_id;
}

Status Store::set_batch_on_hold(const std::string& user_id, const std::string& batch_id, bool hold) {
    User actor;
    Status st = check_actor(db_, user_id, Role::kStorekeeper, &actor);
    if (!st.ok()) return st;
    auto b = load_batch(db_, batch_id);
    if (!b.ok()) return b.status();
    if (b->on_hold == hold) return Status::Ok();
    return in_transaction(db_, [&]() -> Status {
        StoreWriter w(*this, "batch");
        b->on_hold = hold;
        Status ws = write_batch(w, *b);
        if (!ws.ok()) return ws;
        return w.finish(b->id);
    });
}

}  // namespace outpost

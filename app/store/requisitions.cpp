// Requisitions (requisitions.h): a draft's suggested quantities from the
// stock status report's AMC and available stock, editing with a reason,
// sending in one outbox change, and the statuses the clinic sees. Shipments
// and their receipt are in shipments.cpp.
#include <cmath>
#include <cctype>
#include <cstdio>
#include <map>

#include "directions.h"
#include "reports.h"
#include "requisitions.h"
#include "i18n.h"
#include "store_internal.h"

namespace outpost {

static constexpr int64_t kMaxOrder = 1000000000;  // units; more is a typing slip

const char* requisition_status_name(RequisitionStatus s) {
    switch (s) {
        case RequisitionStatus::kDraft: return "draft";
        case RequisitionStatus::kSent: return "sent";
        case RequisitionStatus::kAnswered: return "answered";
        case RequisitionStatus::kPartlyReceived: return "partly received";
        case RequisitionStatus::kReceived: return "received";
    }
    return "?";
}

bool requisition_change_needs_reason(int64_t suggested, int64_t quantity, int64_t pack_size) {
    const int64_t diff = quantity > suggested ? quantity - suggested : suggested - quantity;
    const int64_t fifth = (suggested + 4) / 5;  // 20% of the suggestion, rounded up
    return diff > fifth && diff > std::max<int64_t>(pack_size, 1);
}

static std::string fixed1(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}
static std::string months_text(double v) {  // 2 -> "2", 2.5 -> "2.5"
    return std::floor(v) == v ? std::to_string(static_cast<int64_t>(v)) : fixed1(v);
}

// Units of each item on order: lines of sent requisitions central has not
// answered yet, and shipped lines not received yet (shipments.cpp knows
// which are received).
Result<std::map<std::string, int64_t>> units_on_order(Store& store);

Result<std::string> create_requisition(Store& store, const std::string& user_id, const RequisitionSettings& settings) {
    if (!store.has_identity()) return Status::Conflict(i18n::tr("set up the site first"));
    User actor;
    Status st = check_actor(store.db(), user_id, Role::kStorekeeper, &actor);
    if (!st.ok()) return st;
    if (settings.max_mos <= 0 || settings.min_mos < 0 || settings.min_mos > settings.max_mos)
        return Status::InvalidArgument(i18n::format(
            i18n::tr("months of stock: the minimum must be 0 or more and at most the target ({0})"),
            {months_text(settings.max_mos)}));
    const int64_t today = device_day_of_ms(store.now_ms());
    ReportOptions o;
    o.amc = settings.amc;
    o.min_mos = settings.min_mos;
    o.max_mos = settings.max_mos;
    o.range.last = today;
    o.range.first = month_of_day(today).days().first;
    auto report = stock_status_report(store, o);
    if (!report.ok()) return report.status();
    auto on_order = units_on_order(store);
    if (!on_order.ok()) return on_order.status();
    const std::string months = report->amc_months.empty()
                                   ? std::string("no months")
                                   : report->amc_months.front().text() +
                                         (report->amc_months.size() > 1 ? " to " + report->amc_months.back().text() : "");
    const std::string id = new_uuid_v7(store.now_ms());
    const Identity& me = store.identity();
    st = in_transaction(store.db(), [&]() -> Status {
        json row{{"id", id},
                 {"site_id", me.site_id},
                 {"device_id", me.device_id},
                 {"user_id", actor.id},
                 {"status", "draft"},
                 {"min_mos", settings.min_mos},
                 {"max_mos", settings.max_mos},
                 {"amc_method", settings.amc.describe()},
                 {"amc_months", months},
                 {"created_ms", store.now_ms()},
                 {"sent_ms", nullptr},
                 {"hlc", StoreWriter::hlc_of(store).tick(store.now_ms())}};
        Status s = upsert_row(store.db(), *find_table("requisitions"), row, nullptr);
        if (!s.ok()) return s;
        int line_no = 0;
        for (const auto& r : report->rows) {
            auto item = load_item(store.db(), r.item_id);
            if (!item.ok()) return item.status();
            if (!item->active) continue;
            const int64_t ordered = on_order->count(r.item_id) ? on_order->at(r.item_id) : 0;
            const int64_t raw = suggested_quantity(r.available, r.amc, o.min_mos, o.max_mos, ordered);
            const int64_t suggested = round_up_to_packs(raw, r.pack_size);
            std::string working = "AMC " + fixed1(r.amc) + "/month (" + months + "); min " + months_text(o.min_mos) +
                                  ", max " + months_text(o.max_mos) + " months; on hand " +
                                  std::to_string(r.available) + "; on order " + std::to_string(ordered) + " -> ";
            if (r.amc <= 0) working += "no consumption, nothing suggested";
            else if (raw == 0) working += "enough stock, nothing suggested";
            else
                working += "suggested " + std::to_string(suggested) + " (" + std::to_string(suggested / r.pack_size) +
                           (suggested / r.pack_size == 1 ? " pack" : " packs") + " of " + std::to_string(r.pack_size) +
                           ")";
            json line{{"id", derived_id("requisition_line|" + id + "|" + r.item_id)},
                      {"requisition_id", id},
                      {"site_id", me.site_id},
                      {"line_no", ++line_no},
                      {"item_id", r.item_id},
                      {"amc", r.amc},
                      {"available", r.available},
                      {"on_order", ordered},
                      {"suggested", suggested},
                      {"quantity", suggested},
                      {"reason", ""},
                      {"working", working}};
            s = upsert_row(store.db(), *find_table("requisition_lines"), line, nullptr);
            if (!s.ok()) return s;
        }
        return store.set_meta("hlc", StoreWriter::hlc_of(store).last());
    });
    if (!st.ok()) return st;
    ++StoreWriter::writes_of(store);
    return id;
}

Result<std::string> create_requisition(Store& store, const std::string& user_id) {
    return create_requisition(store, user_id, RequisitionSettings{});
}

static Status require_draft(Db& db, const std::string& requisition_id) {
    Stmt s = db.prepare("SELECT status FROM requisitions WHERE id=?");
    s.bind(1, requisition_id);
    if (!s.step()) return s.status().ok() ? Status::NotFound(i18n::format(i18n::tr("no requisition {0}"), {requisition_id})) : s.status();
    if (s.text(0) != "draft") return Status::Conflict(i18n::tr("this requisition was sent already; it can no longer change"));
    return Status::Ok();
}

Status set_requisition_quantity(Store& store, const std::string& user_id, const std::string& line_id,
                                int64_t quantity, const std::string& reason) {
    User actor;
    Status st = check_actor(store.db(), user_id, Role::kStorekeeper, &actor);
    if (!st.ok()) return st;
    if (quantity < 0) return Status::InvalidArgument(i18n::tr("an ordered quantity cannot be negative"));
    if (quantity > kMaxOrder) return Status::InvalidArgument(i18n::tr("that quantity is too large; check it"));
    st = check_person_text(i18n::tr("reason"), reason, 200);
    if (!st.ok()) return st;
    Stmt l = store.db().prepare(
        "SELECT l.requisition_id, l.suggested, i.pack_size, i.unit FROM requisition_lines l "
        "JOIN items i ON i.id=l.item_id WHERE l.id=?");
    l.bind(1, line_id);
    if (!l.step()) return l.status().ok() ? Status::NotFound(i18n::format(i18n::tr("no requisition line {0}"), {line_id})) : l.status();
    const std::string req = l.text(0);
    const int64_t suggested = l.i64(1), pack = l.i64(2);
    const std::string unit = l.text(3);
    l.reset();
    st = require_draft(store.db(), req);
    if (!st.ok()) return st;
    std::string why = reason;
    while (!why.empty() && std::isspace(static_cast<unsigned char>(why.back()))) why.pop_back();
    while (!why.empty() && std::isspace(static_cast<unsigned char>(why.front()))) why.erase(0, 1);
    if (why.empty() && requisition_change_needs_reason(suggested, quantity, pack))
        return Status::InvalidArgument(i18n::format(
            // xgettext:no-c-format
            i18n::tr("{0} is far from the suggested {1} (more than 20% and more than one pack): give a reason"),
            {count_with_unit(static_cast<double>(quantity), unit, i18n::screen_lang()), count_with_unit(static_cast<double>(suggested), unit, i18n::screen_lang())}));
    Stmt u = store.db().prepare("UPDATE requisition_lines SET quantity=?, reason=? WHERE id=?");
    u.bind(1, quantity).bind(2, why).bind(3, line_id);
    st = u.run();
    if (st.ok()) ++StoreWriter::writes_of(store);
    return st;
}

static json row_of(Stmt& s, const TableSpec& spec) {
    json r = json::object();
    for (size_t i = 0; i < spec.columns.size(); ++i) {
        const int c = static_cast<int>(i);
        if (s.is_null(c)) r[spec.columns[i]] = nullptr;
        else if (s.type(c) == SQLITE_INTEGER) r[spec.columns[i]] = s.i64(c);
        else if (s.type(c) == SQLITE_FLOAT) r[spec.columns[i]] = s.f64(c);
        else r[spec.columns[i]] = s.text(c);
    }
    return r;
}

static std::string select_of(const TableSpec& spec) {
    std::string cols;
    for (const char* c : spec.columns) cols += (cols.empty() ? "" : ",") + std::string(c);
    return "SELECT " + cols + " FROM " + spec.name + " ";
}

Status send_requisition(Store& store, const std::string& user_id, const std::string& requisition_id) {
    User actor;
    Status st = check_actor(store.db(), user_id, Role::kStorekeeper, &actor);
    if (!st.ok()) return st;
    st = require_draft(store.db(), requisition_id);
    if (!st.ok()) return st;
    st = in_transaction(store.db(), [&]() -> Status {
        const TableSpec& rs = *find_table("requisitions");
        const TableSpec& ls = *find_table("requisition_lines");
        StoreWriter w(store, "requisition");
        Stmt r = store.db().prepare(select_of(rs) + "WHERE id=?");
        r.bind(1, requisition_id);
        if (!r.step()) return r.status().ok() ? Status::NotFound(i18n::format(i18n::tr("no requisition {0}"), {requisition_id})) : r.status();
        json row = row_of(r, rs);
        r.reset();
        row["status"] = "sent";
        row["sent_ms"] = store.now_ms();
        row["user_id"] = actor.id;
        row["hlc"] = w.hlc();
        row["device_id"] = store.identity().device_id;
        Status s = w.write("requisitions", row);
        if (!s.ok()) return s;
        // Unordered lines stay here as the draft's working; only what is
        // ordered travels.
        Stmt l = store.db().prepare(select_of(ls) + "WHERE requisition_id=? AND quantity>0 ORDER BY line_no");
        l.bind(1, requisition_id);
        int ordered = 0;
        while (l.step()) {
            json line = row_of(l, ls);
            Stmt it = store.db().prepare("SELECT pack_size FROM items WHERE id=?");
            it.bind(1, line["item_id"].get<std::string>());
            const int64_t pack = it.step() ? it.i64(0) : 1;
            if (line["reason"].get<std::string>().empty() &&
                requisition_change_needs_reason(line["suggested"].get<int64_t>(), line["quantity"].get<int64_t>(), pack))
                return Status::InvalidArgument(i18n::tr("a line is far from its suggestion and has no reason; give one"));
            w.payload["requisition_lines"].push_back(line);
            ++ordered;
        }
        if (!l.status().ok()) return l.status();
        if (ordered == 0) return Status::InvalidArgument(i18n::tr("nothing is ordered: enter a quantity on at least one line"));
        return w.finish(requisition_id);
    });
    if (st.ok()) ++StoreWriter::writes_of(store);
    return st;
}

Status discard_requisition(Store& store, const std::string& user_id, const std::string& requisition_id) {
    User actor;
    Status st = check_actor(store.db(), user_id, Role::kStorekeeper, &actor);
    if (!st.ok()) return st;
    st = require_draft(store.db(), requisition_id);
    if (!st.ok()) return st;
    st = in_transaction(store.db(), [&]() -> Status {
        Stmt l = store.db().prepare("DELETE FROM requisition_lines WHERE requisition_id=?");
        l.bind(1, requisition_id);
        Status s = l.run();
        if (!s.ok()) return s;
        Stmt r = store.db().prepare("DELETE FROM requisitions WHERE id=? AND status='draft'");
        r.bind(1, requisition_id);
        return r.run();
    });
    if (st.ok()) ++StoreWriter::writes_of(store);
    return st;
}

// How many of a requisition's shipped lines are received (shipments.cpp).
Result<std::pair<int64_t, int64_t>> shipped_and_received(Store& store, const std::string& requisition_id);

static Result<RequisitionInfo> info_of(Store& store, Stmt& s) {
    RequisitionInfo r;
    r.id = s.text(0);
    r.user_name = s.text(1);
    r.created = date_of(s.i64(2));
    r.sent = s.is_null(3) ? "" : date_of(s.i64(3));
    r.amc_method = s.text(5);
    r.lines = s.i64(6);
    r.ordered_lines = s.i64(7);
    if (s.text(4) == "draft") {
        r.status = RequisitionStatus::kDraft;
        return r;
    }
    auto sr = shipped_and_received(store, r.id);
    if (!sr.ok()) return sr.status();
    const int64_t shipped = sr->first, received = sr->second;
    if (shipped == 0) r.status = RequisitionStatus::kSent;
    else if (received == 0) r.status = RequisitionStatus::kAnswered;
    else if (received < shipped) r.status = RequisitionStatus::kPartlyReceived;
    else r.status = RequisitionStatus::kReceived;
    return r;
}

static const char* kInfoSelect =
    "SELECT r.id, COALESCE(u.name,'a user not on this device'), r.created_ms, r.sent_ms, r.status, r.amc_method, "
    "(SELECT COUNT(*) FROM requisition_lines l WHERE l.requisition_id=r.id), "
    "(SELECT COUNT(*) FROM requisition_lines l WHERE l.requisition_id=r.id AND l.quantity>0) "
    "FROM requisitions r LEFT JOIN users u ON u.id=r.user_id ";

Result<std::vector<RequisitionInfo>> requisitions(Store& store) {
    Stmt s = store.db().prepare(std::string(kInfoSelect) + "WHERE r.site_id=? ORDER BY r.created_ms DESC, r.id DESC");
    s.bind(1, store.identity().site_id);
    std::vector<RequisitionInfo> out;
    while (s.step()) {
        auto r = info_of(store, s);
        if (!r.ok()) return r.status();
        out.push_back(std::move(*r));
    }
    if (!s.status().ok()) return s.status();
    return out;
}

Result<Requisition> requisition(Store& store, const std::string& requisition_id) {
    Stmt s = store.db().prepare(std::string(kInfoSelect) + "WHERE r.id=?");
    s.bind(1, requisition_id);
    if (!s.step()) return s.status().ok() ? Status::NotFound(i18n::format(i18n::tr("no requisition {0}"), {requisition_id})) : s.status();
    auto info = info_of(store, s);
    if (!info.ok()) return info.status();
    Requisition out;
    out.info = std::move(*info);
    Stmt m = store.db().prepare("SELECT min_mos, max_mos, amc_months FROM requisitions WHERE id=?");
    m.bind(1, requisition_id);
    double min_mos = 0, max_mos = 0;
    std::string months;
    if (m.step()) min_mos = m.f64(0), max_mos = m.f64(1), months = m.text(2);
    Stmt l = store.db().prepare(
        "SELECT l.id, l.item_id, i.code, i.name, i.unit, i.pack_size, l.amc, l.available, l.on_order, l.suggested, "
        "l.quantity, l.reason, l.working FROM requisition_lines l JOIN items i ON i.id=l.item_id "
        "WHERE l.requisition_id=? ORDER BY i.name, i.code");
    l.bind(1, requisition_id);
    while (l.step()) {
        RequisitionLine r;
        r.id = l.text(0);
        r.item_id = l.text(1);
        r.code = l.text(2);
        r.name = l.text(3);
        r.unit = l.text(4);
        r.pack_size = l.i64(5);
        r.amc = l.f64(6);
        r.on_hand = l.i64(7);
        r.on_order = l.i64(8);
        r.suggested = l.i64(9);
        r.quantity = l.i64(10);
        r.reason = l.text(11);
        r.working = l.text(12);
        r.min_mos = min_mos;
        r.max_mos = max_mos;
        r.amc_months = months;
        out.lines.push_back(std::move(r));
    }
    if (!l.status().ok()) return l.status();
    return out;
}

}  // namespace outpost

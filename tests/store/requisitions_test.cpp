// Orders (issue 12): suggested quantities at the boundaries (no consumption,
// overstocked, stock-out days counted or not by the AMC method, rounding to
// packs, stock on order), editing with a reason, sending as one outbox
// change, shipments pulled as central data and received once per line, also
// when two devices of the site both receive it.
#include <catch2/catch.hpp>
#include <cmath>

#include "report_days.h"
#include "requisitions.h"
#include "tables.h"
#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

namespace {

int64_t ms_at(const std::string& date, int hour) {
    int64_t d = 0;
    REQUIRE(parse_date(date, &d));
    return device_day_start_ms(d) + hour * 3600000LL;
}

// A clinic with three months of history (March to May 2026), asked on 10 June:
//  amoxicillin (packs of 100): 300 a month dispensed, 430 available -> MOS 1.43;
//  paracetamol: received, never dispensed (no consumption);
//  ORS (packs of 100): out of stock all of March (31 stock-out days), 400
//  used in the look-back, 300 available.
struct History {
    Clinic c{":memory:", false};
    void at(const std::string& date, int hour = 10) { c.clock.set(ms_at(date, hour)); }
    void receive(const std::string& date, const std::string& item, const std::string& batch, int64_t qty) {
        at(date);
        ReceiveInput in{item, batch, "2028-12-31", qty, QuantityUnit::kUnits, "CMS", ""};
        in.confirm_large = true;
        REQUIRE(c.store->receive(c.storekeeper, in).ok());
    }
    void dispense(const std::string& date, const std::string& item, int64_t qty) {
        at(date, 9);
        DispenseInput in;
        in.patient_id = c.patient;
        in.lines.push_back({item, qty, "1t bd x5/7", "", std::nullopt});
        in.confirm_large = true;
        REQUIRE(c.store->dispense(c.dispenser, in).ok());
    }
    History() {
        receive("2026-03-01", c.amox, "A1", 1330);
        dispense("2026-03-05", c.amox, 300);
        dispense("2026-04-05", c.amox, 300);
        dispense("2026-05-05", c.amox, 300);
        receive("2026-03-01", c.para, "P1", 5000);
        receive("2026-02-27", c.ors, "O1", 200);
        dispense("2026-02-28", c.ors, 200);  // out from 28 Feb to 31 March
        receive("2026-04-01", c.ors, "O2", 700);
        dispense("2026-04-10", c.ors, 200);
        dispense("2026-05-10", c.ors, 200);
        at("2026-06-10");
    }
    const RequisitionLine& line(const Requisition& r, const std::string& item) {
        for (const auto& l : r.lines)
            if (l.item_id == item) return l;
        FAIL("no line for the item");
        return r.lines.front();
    }
    Requisition draft(const RequisitionSettings& s = {}) {
        auto id = create_requisition(*c.store, c.storekeeper, s);
        REQUIRE(id.ok());
        auto r = requisition(*c.store, *id);
        REQUIRE(r.ok());
        return *r;
    }
};

}  // namespace

TEST_CASE("suggested quantities at the boundaries", "[requisitions]") {
    History h;
    const int64_t before = h.c.outbox();
    Requisition r = h.draft();
    CHECK(r.info.status == RequisitionStatus::kDraft);
    CHECK(h.c.outbox() == before);  // a draft stays on this device

    SECTION("understocked: target months x AMC - on hand, rounded up to packs, with its working") {
        const RequisitionLine& a = h.line(r, h.c.amox);
        CHECK(a.amc == Approx(300));
        CHECK(a.on_hand == 430);
        CHECK(a.on_order == 0);
        CHECK(a.suggested == 500);  // 3 x 300 - 430 = 470 -> 5 packs of 100
        CHECK(a.quantity == 500);
        CHECK(a.amc_months == "2026-03 to 2026-05");
        CHECK(a.working ==
              "AMC 300.0/month (2026-03 to 2026-05); min 2, max 3 months; on hand 430; on order 0 -> suggested 500 "
              "(5 packs of 100)");
    }
    SECTION("no consumption: nothing suggested") {
        const RequisitionLine& p = h.line(r, h.c.para);
        CHECK(p.amc == 0);
        CHECK(p.suggested == 0);
        CHECK(p.working.find("no consumption") != std::string::npos);
    }
    SECTION("overstocked: above the minimum gives 0") {
        RequisitionSettings s;
        s.min_mos = 1;  // amoxicillin's 1.43 months is above it
        Requisition r1 = h.draft(s);
        CHECK(h.line(r1, h.c.amox).suggested == 0);
        CHECK(h.line(r1, h.c.amox).working.find("enough stock") != std::string::npos);
    }
    SECTION("stock-out days: left as they are by default, scaled up by the adjusted method") {
        const RequisitionLine& plain = h.line(r, h.c.ors);
        CHECK(plain.amc == Approx(400.0 / 3));
        CHECK(plain.suggested == 0);  // MOS 300 / 133.3 = 2.25 > 2
        RequisitionSettings s;
        REQUIRE(parse_amc_method("msupply-adjusted", &s.amc));
        Requisition adj = h.draft(s);
        const RequisitionLine& a = h.line(adj, h.c.ors);
        const double d = 3 * 30.4375;
        CHECK(a.amc == Approx(400.0 / 3 * d / (d - 31)));  // 31 days out in March
        const int64_t raw = static_cast<int64_t>(std::ceil(3 * a.amc - 300));
        CHECK(a.suggested == round_up_to_packs(raw, 100));
        CHECK(a.suggested == 400);
    }
    SECTION("stock on order counts against the next suggestion") {
        REQUIRE(send_requisition(*h.c.store, h.c.storekeeper, r.info.id).ok());
        Requisition next = h.draft();
        CHECK(h.line(next, h.c.amox).on_order == 500);
        CHECK(h.line(next, h.c.amox).suggested == 0);  // 900 - 430 - 500 < 0
    }
}

TEST_CASE("editing a line: a reason when it changes a lot", "[requisitions]") {
    CHECK_FALSE(requisition_change_needs_reason(500, 600, 100));  // 20%, one pack
    CHECK(requisition_change_needs_reason(500, 700, 100));
    CHECK_FALSE(requisition_change_needs_reason(0, 100, 100));    // one pack of nothing suggested
    CHECK(requisition_change_needs_reason(0, 300, 100));
    CHECK(requisition_change_needs_reason(5000, 0, 100));         // dropping a line
    History h;
    Requisition r = h.draft();
    const std::string line = h.line(r, h.c.amox).id;
    Status s = set_requisition_quantity(*h.c.store, h.c.storekeeper, line, 1000, "");
    CHECK(s.code() == Status::Code::kInvalidArgument);
    CHECK(s.message().find("give a reason") != std::string::npos);
    CHECK(set_requisition_quantity(*h.c.store, h.c.storekeeper, line, 600, "").ok());
    CHECK(set_requisition_quantity(*h.c.store, h.c.storekeeper, line, 1000, "  measles campaign ").ok());
    CHECK(set_requisition_quantity(*h.c.store, h.c.dispenser, line, 1000, "x").code() ==
          Status::Code::kPermissionDenied);
    r = *requisition(*h.c.store, r.info.id);
    CHECK(h.line(r, h.c.amox).quantity == 1000);
    CHECK(h.line(r, h.c.amox).reason == "measles campaign");
}

TEST_CASE("sending: one outbox change with the ordered lines, then fixed", "[requisitions]") {
    History h;
    Requisition r = h.draft();
    const int64_t before = h.c.outbox();
    REQUIRE(send_requisition(*h.c.store, h.c.storekeeper, r.info.id).ok());
    CHECK(h.c.outbox() == before + 1);
    auto out = h.c.store->outbox_after(before, 10, 1 << 20);
    REQUIRE(out.ok());
    REQUIRE(out->size() == 1);
    json p = json::parse(out->front().payload);
    REQUIRE(p["requisitions"].size() == 1);
    CHECK(p["requisitions"][0]["status"] == "sent");
    REQUIRE(p["requisition_lines"].size() == 1);  // amoxicillin only: the others suggest 0
    CHECK(p["requisition_lines"][0]["quantity"] == 500);
    CHECK(requisition(*h.c.store, r.info.id)->info.status == RequisitionStatus::kSent);
    CHECK(send_requisition(*h.c.store, h.c.storekeeper, r.info.id).code() == Status::Code::kConflict);
    CHECK(set_requisition_quantity(*h.c.store, h.c.storekeeper, r.lines.front().id, 1, "x").code() ==
          Status::Code::kConflict);
    SECTION("nothing ordered is refused") {
        RequisitionSettings s;
        s.min_mos = 0.5;
        Requisition empty = h.draft(s);
        CHECK(send_requisition(*h.c.store, h.c.storekeeper, empty.info.id).message().find("nothing is ordered") !=
              std::string::npos);
        CHECK(discard_requisition(*h.c.store, h.c.storekeeper, empty.info.id).ok());
        CHECK(requisition(*h.c.store, empty.info.id).status().code() == Status::Code::kNotFound);
    }
}

namespace {

// Central's answer as it arrives in the site's feed.
std::string shipment_payload(const std::string& site, const std::string& req, const std::string& item) {
    json ship{{"id", "ship-1"}, {"site_id", site}, {"requisition_id", req}, {"reference", "CMS-77"},
              {"note", ""},     {"created_ms", kStartMs}};
    json lines = json::array();
    lines.push_back({{"id", "line-1"}, {"shipment_id", "ship-1"}, {"site_id", site}, {"line_no", 1},
                     {"item_id", item}, {"batch_no", "S1"}, {"expiry", "2028-06-30"}, {"quantity", 300}});
    lines.push_back({{"id", "line-2"}, {"shipment_id", "ship-1"}, {"site_id", site}, {"line_no", 2},
                     {"item_id", item}, {"batch_no", "S2"}, {"expiry", "2028-09-30"}, {"quantity", 200}});
    return json{{"shipments", json::array({ship})}, {"shipment_lines", lines}}.dump();
}

}  // namespace

TEST_CASE("a shipment: expected, received per line with differences, once", "[requisitions][shipments]") {
    History h;
    Store& s = *h.c.store;
    Requisition r = h.draft();
    REQUIRE(send_requisition(s, h.c.storekeeper, r.info.id).ok());
    REQUIRE(s.apply_remote({shipment_payload(s.identity().site_id, r.info.id, h.c.amox)}, "cursor", "1").ok());
    CHECK(requisition(s, r.info.id)->info.status == RequisitionStatus::kAnswered);
    auto expected = expected_shipment_lines(s);
    REQUIRE(expected.ok());
    REQUIRE(expected->size() == 2);
    CHECK(expected->front().reference == "CMS-77");
    const int64_t stock = h.c.item_on_hand(h.c.amox);

    // A difference needs a reason.
    auto refused = receive_shipment_lines(s, h.c.dispenser, {{"line-1", 280, ""}});
    CHECK(refused.status().code() == Status::Code::kInvalidArgument);
    CHECK(h.c.item_on_hand(h.c.amox) == stock);
    auto got = receive_shipment_lines(s, h.c.dispenser, {{"line-1", 280, "20 damaged in transit"}});
    REQUIRE(got.ok());
    CHECK(got->front() == shipment_receipt_event_id("line-1"));
    CHECK(h.c.item_on_hand(h.c.amox) == stock + 280);
    CHECK(requisition(s, r.info.id)->info.status == RequisitionStatus::kPartlyReceived);
    auto lines = shipment_lines(s, "ship-1");
    REQUIRE(lines.ok());
    CHECK(lines->front().received == 280);
    CHECK(lines->front().difference_reason == "20 damaged in transit");

    // Once per line.
    auto again = receive_shipment_lines(s, h.c.storekeeper, {{"line-1", std::nullopt, ""}});
    CHECK(again.status().code() == Status::Code::kConflict);
    CHECK(again.status().message().find("received already") != std::string::npos);
    REQUIRE(receive_shipment_lines(s, h.c.dispenser, {{"line-2", std::nullopt, ""}}).ok());
    CHECK(h.c.item_on_hand(h.c.amox) == stock + 480);
    CHECK(requisition(s, r.info.id)->info.status == RequisitionStatus::kReceived);
    CHECK(expected_shipment_lines(s)->empty());
    auto v = s.verify();
    REQUIRE(v.ok());
    CHECK(v->ok());
}

TEST_CASE("two devices of the site receive the same line: stock once", "[requisitions][shipments]") {
    History h;
    Store& a = *h.c.store;
    // Device B of the same site, with the catalogue and users as a pull brings them.
    FakeClock clock_b{ms_at("2026-06-10", 11)};
    auto opened = Store::Open({":memory:", true, &clock_b, false});
    REQUIRE(opened.ok());
    Store& b = **opened;
    Identity id = a.identity();
    id.device_id = "device-b";
    id.device_name = "store room";
    REQUIRE(b.init_registered(id).ok());
    json base = json::object();
    for (const char* t : {"sites", "users", "items"}) base[t] = *read_rows(a.db(), *find_table(t));
    REQUIRE(b.apply_remote({base.dump()}, "cursor", "0").ok());
    Requisition r = h.draft();
    REQUIRE(send_requisition(a, h.c.storekeeper, r.info.id).ok());
    const std::string ship = shipment_payload(a.identity().site_id, r.info.id, h.c.amox);
    REQUIRE(a.apply_remote({ship}, "cursor", "1").ok());
    REQUIRE(b.apply_remote({ship}, "cursor", "1").ok());
    const int64_t stock_a = h.c.item_on_hand(h.c.amox);

    // Both offline, both tap "Receive" on line 1 as shipped.
    const int64_t seq_a = a.outbox_last_seq(), seq_b = b.outbox_last_seq();
    REQUIRE(receive_shipment_lines(a, h.c.storekeeper, {{"line-1", std::nullopt, ""}}).ok());
    REQUIRE(receive_shipment_lines(b, h.c.storekeeper, {{"line-1", std::nullopt, ""}}).ok());
    auto from_a = a.outbox_after(seq_a, 10, 1 << 20), from_b = b.outbox_after(seq_b, 10, 1 << 20);
    REQUIRE(from_a.ok());
    REQUIRE(from_b.ok());
    // The link comes back: each applies the other's change (and its own echo).
    std::vector<std::string> pa, pb;
    for (const auto& c : *from_a) pa.push_back(c.payload);
    for (const auto& c : *from_b) pb.push_back(c.payload);
    REQUIRE(a.apply_remote(pb, "cursor", "2").ok());
    REQUIRE(a.apply_remote(pa, "cursor", "3").ok());
    REQUIRE(b.apply_remote(pa, "cursor", "2").ok());
    CHECK(h.c.item_on_hand(h.c.amox) == stock_a + 300);
    Stmt sb = b.db().prepare("SELECT COALESCE(SUM(quantity),0) FROM stock_on_hand WHERE item_id=?");
    sb.bind(1, h.c.amox);
    REQUIRE(sb.step());
    CHECK(sb.i64(0) == 300);  // B had no amoxicillin of its own: only the shipment, once
    Stmt n = a.db().prepare("SELECT COUNT(*) FROM stock_events WHERE id=?");
    n.bind(1, shipment_receipt_event_id("line-1"));
    REQUIRE(n.step());
    CHECK(n.i64(0) == 1);
    CHECK(a.verify()->ok());
    CHECK(b.verify()->ok());
}

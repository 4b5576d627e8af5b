// A stocktake's frontier is what the store held when the count started
// (issue 15): its version vector, plus the changes it held beyond it. With
// peers a store may hold another device's changes out of order (1 and 3,
// not yet 2); a count made then must still be corrected against exactly the
// balance the counter was shown, whichever change arrives afterwards. And a
// stocktake started by an older build ({device: highest seq}) finalises as
// it did.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "store_internal.h"
#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

namespace {

// Every change of `from` that `to` lacks, applied with its origin.
void exchange(Store& from, Store& to) {
    bool more = false;
    auto missing = from.changes_missing_from(to.version_vector().value(), 100000, SIZE_MAX, &more);
    REQUIRE(missing.ok());
    Status s = to.apply_remote(*missing, {});
    INFO(s.message());
    REQUIRE(s.ok());
}

// The changes of `from` after seq `after`, as they travel with their origin.
std::vector<RemoteChange> changes_of(Store& from, int64_t after) {
    std::vector<RemoteChange> out;
    for (const auto& c : from.outbox_after(after, 1000, SIZE_MAX).value())
        out.push_back({from.identity().device_id, c.seq, c.hlc, c.payload});
    return out;
}

Status dispense(Store& s, Clinic& a, int64_t units) {
    DispenseInput in;
    in.patient_id = a.patient;
    in.confirm_short = true;
    in.lines.push_back({a.amox, units, "", "", std::nullopt});
    return s.dispense(a.dispenser, in).status();
}

nlohmann::json frontier_of(Store& s, const std::string& stocktake_id) {
    Stmt st = s.db().prepare("SELECT frontier FROM stocktakes WHERE id=?");
    st.bind(1, stocktake_id);
    REQUIRE(st.step());
    return nlohmann::json::parse(st.text(0));
}

}  // namespace

TEST_CASE(
    "a count made while another device's changes are held out of order is corrected against what "
    "was shown",
    "[stocktake][holdings]") {
    Clinic a;
    auto tablet = second_device(a, a.clock, "tablet");
    exchange(*a.store, *tablet);  // the tablet holds the batches and the patient
    const std::string batch = a.store->item_detail(a.amox)->batches[0].id;
    const int64_t start = a.on_hand(batch);
    // The tablet dispenses three times; the kiosk gets the first and the
    // third from a peer, the second is still on its way.
    const int64_t mark = tablet->outbox_last_seq();
    REQUIRE(dispense(*tablet, a, 30).ok());
    REQUIRE(dispense(*tablet, a, 20).ok());
    REQUIRE(dispense(*tablet, a, 10).ok());
    auto three = changes_of(*tablet, mark);
    REQUIRE(three.size() == 3);
    REQUIRE(a.store->apply_remote({three[0], three[2]}, {}).ok());
    const std::string tablet_id = tablet->identity().device_id;
    CHECK(a.store->version_vector().value().at(tablet_id) == three[0].seq);

    // The kiosk counts amoxicillin: the sheet shows 40 gone, and the shelf
    // agrees with it.
    auto st = a.store->start_stocktake(a.storekeeper, "spot count", false, {a.amox});
    REQUIRE(st.ok());
    auto sheet = a.store->stocktake_sheet(*st, 0, 20);
    REQUIRE(sheet.ok());
    int64_t shown = -1;
    for (const auto& row : sheet->rows)
        if (row.batch_id == batch) shown = row.expected;
    REQUIRE(shown == start - 40);
    REQUIRE(a.store->enter_count(a.dispenser, *st, batch, shown).ok());
    // The frontier: the tablet's changes through the first, and the third.
    auto f = frontier_of(*a.store, *st);
    CHECK(f["v"] == 2);
    CHECK(f["held"][tablet_id] == three[0].seq);
    CHECK(f["beyond"][tablet_id] == nlohmann::json::array({three[2].seq}));

    // The second dispensing arrives, then the count is finalised: the shelf
    // matched what was shown, so no correction, and the 20 apply on top.
    REQUIRE(a.store->apply_remote({three[1]}, {}).ok());
    auto fin = a.store->finalise_stocktake(a.storekeeper, *st);
    REQUIRE(fin.ok());
    CHECK(fin->corrections == 0);
    CHECK(fin->net_change == 0);
    CHECK(a.on_hand(batch) == start - 60);
    CHECK(a.store->verify()->ok());

    // The tablet, taking the count, agrees.
    exchange(*a.store, *tablet);
    CHECK(tablet->item_detail(a.amox)->batches[0].on_hand == a.on_hand(batch));
}

TEST_CASE("a count with every change held in order records no changes beyond its vector",
          "[stocktake][holdings]") {
    Clinic a;
    auto tablet = second_device(a, a.clock, "tablet");
    exchange(*a.store, *tablet);
    REQUIRE(dispense(*tablet, a, 5).ok());
    exchange(*tablet, *a.store);
    auto st = a.store->start_stocktake(a.storekeeper, "monthly", false);
    REQUIRE(st.ok());
    auto f = frontier_of(*a.store, *st);
    CHECK(f["held"] == version_vector_json(a.store->version_vector().value()));
    CHECK_FALSE(f.contains("beyond"));
}

TEST_CASE("a stocktake started by an older build ({device: seq}) finalises as before",
          "[stocktake]") {
    Clinic a;
    auto tablet = second_device(a, a.clock, "tablet");
    exchange(*a.store, *tablet);
    const std::string batch = a.store->item_detail(a.amox)->batches[0].id;
    const int64_t start = a.on_hand(batch);
    auto st = a.store->start_stocktake(a.storekeeper, "monthly", false, {a.amox});
    REQUIRE(st.ok());
    // The frontier as an older build wrote it: the highest event seq of each
    // device whose events the store held (only its own here).
    nlohmann::json old = nlohmann::json::object();
    old[a.store->identity().device_id] = a.outbox();
    Stmt up = a.store->db().prepare("UPDATE stocktakes SET frontier=? WHERE id=?");
    up.bind(1, old.dump()).bind(2, *st);
    REQUIRE(up.run().ok());
    // The tablet's dispensing arrives after the count started: it applies on top.
    const int64_t mark = tablet->outbox_last_seq();
    REQUIRE(dispense(*tablet, a, 30).ok());
    REQUIRE(a.store->apply_remote(changes_of(*tablet, mark), {}).ok());
    REQUIRE(a.store->enter_count(a.dispenser, *st, batch, start - 10).ok());
    auto fin = a.store->finalise_stocktake(a.storekeeper, *st);
    REQUIRE(fin.ok());
    CHECK(fin->net_change == -10);
    CHECK(a.on_hand(batch) == start - 10 - 30);
}

TEST_CASE("a stocktake whose frontier cannot be read is not finalised and writes nothing",
          "[stocktake]") {
    Clinic a;
    auto st = a.store->start_stocktake(a.storekeeper, "monthly", false, {a.amox});
    REQUIRE(st.ok());
    const std::string batch = a.store->item_detail(a.amox)->batches[0].id;
    REQUIRE(a.store->enter_count(a.dispenser, *st, batch, 1).ok());
    Stmt up =
        a.store->db().prepare("UPDATE stocktakes SET frontier='{\"v\":2,\"held\":[]}' WHERE id=?");
    up.bind(1, *st);
    REQUIRE(up.run().ok());
    const int64_t outbox = a.outbox();
    auto fin = a.store->finalise_stocktake(a.storekeeper, *st);
    CHECK_FALSE(fin.ok());
    CHECK(a.outbox() == outbox);
    CHECK(a.store->stocktake(*st)->status == "open");
}

// Version vectors (issue 15): what a store holds per origin device, with
// gaps, replays, conflicting copies, own changes coming back, and the
// changes a peer lacks in the order this store came to hold them.
#include <catch2/catch.hpp>

#include "schema.h"
#include "store_internal.h"
#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

namespace {

// Every change of `from` (its own and the ones it holds of others) that
// `to` lacks, applied to `to` in one go. Returns how many travelled.
size_t exchange(Store& from, Store& to) {
    bool more = false;
    auto missing = from.changes_missing_from(to.version_vector().value(), 100000, SIZE_MAX, &more);
    REQUIRE(missing.ok());
    CHECK_FALSE(more);
    Status s = to.apply_remote(*missing, {});
    INFO(s.message());
    REQUIRE(s.ok());
    return missing->size();
}

int64_t held_rows(Store& s) { return s.db().query_i64("SELECT COUNT(*) FROM held_changes").value_or(-1); }

}  // namespace

TEST_CASE("a store's version vector is its outbox and what it applied per origin", "[holdings]") {
    Clinic a;
    const std::string me = a.store->identity().device_id;
    CHECK(a.store->version_vector().value() == VersionVector{{me, a.outbox()}});
    auto b = second_device(a, a.clock, "laptop");
    CHECK(b->version_vector().value().empty());
    CHECK(exchange(*a.store, *b) == static_cast<size_t>(a.outbox()));
    CHECK(b->version_vector().value() == VersionVector{{me, a.outbox()}});
    CHECK(b->verify()->ok());
    CHECK(b->item_detail(a.para)->on_hand == a.store->item_detail(a.para)->on_hand);
    // Nothing more to give either way.
    CHECK(exchange(*a.store, *b) == 0);
    CHECK(exchange(*b, *a.store) == 0);
}

TEST_CASE("a gap stops the version vector until it is filled", "[holdings]") {
    Clinic a;
    a.receive(a.para, "EXTRA", 300, 10);
    auto b = second_device(a, a.clock, "laptop");
    bool more = false;
    auto all = a.store->changes_missing_from({}, 1000, SIZE_MAX, &more).value();
    REQUIRE(all.size() >= 5);
    const std::string origin = a.store->identity().device_id;
    // 1, 2 and 4 arrive; 3 does not.
    REQUIRE(b->apply_remote({all[0], all[1], all[3]}, {}).ok());
    CHECK(b->version_vector().value() == VersionVector{{origin, 2}});
    REQUIRE(b->apply_remote({all[2]}, {}).ok());
    CHECK(b->version_vector().value() == VersionVector{{origin, 4}});
    // Without change 1 a store holds nothing contiguous of that device.
    auto c = second_device(a, a.clock, "tablet");
    REQUIRE(c->apply_remote({all[1], all[2]}, {}).ok());
    CHECK(c->version_vector().value().empty());
    // A peer asked with b's vector sends only what lies beyond it, 4 included
    // again (b's vector cannot say it holds 4 apart), which b ignores.
    auto rest = a.store->changes_missing_from(b->version_vector().value(), 1000, SIZE_MAX, &more).value();
    REQUIRE_FALSE(rest.empty());
    CHECK(rest.front().seq == 5);
    const int64_t before = held_rows(*b);
    REQUIRE(b->apply_remote(all, {}).ok());  // every change again: a replay
    CHECK(held_rows(*b) == static_cast<int64_t>(all.size()));
    CHECK(held_rows(*b) >= before);
    CHECK(b->verify()->ok());
    CHECK(b->item_detail(a.para)->on_hand == a.store->item_detail(a.para)->on_hand);
}

TEST_CASE("a replayed change is applied once and a different change under the same number is refused", "[holdings]") {
    Clinic a;
    auto b = second_device(a, a.clock, "laptop");
    exchange(*a.store, *b);
    const int64_t para = b->item_detail(a.para)->on_hand;
    bool more = false;
    auto all = a.store->changes_missing_from({}, 1000, SIZE_MAX, &more).value();
    REQUIRE(b->apply_remote(all, {{"k", "1"}}).ok());
    CHECK(b->item_detail(a.para)->on_hand == para);
    CHECK(b->meta("k") == "1");

    RemoteChange forged = all.back();
    forged.payload = R"({"patients":[{"id":"x","site_id":")" + a.store->identity().site_id +
                     R"(","family_name":"FORGED","given_name":"A","hlc":"0","device_id":"d"}]})";
    Status s = b->apply_remote({forged}, {{"k", "2"}});
    CHECK(s.code() == Status::Code::kConflict);
    CHECK(b->meta("k") == "1");  // nothing of the refused page was written
    CHECK_FALSE(b->patient("x").ok());
}

TEST_CASE("a change whose stock events name another device or number is refused", "[holdings]") {
    Clinic a;
    auto b = second_device(a, a.clock, "laptop");
    bool more = false;
    auto all = a.store->changes_missing_from({}, 1000, SIZE_MAX, &more).value();
    size_t receipt = 0;
    while (receipt < all.size() && all[receipt].payload.find("stock_events") == std::string::npos) ++receipt;
    REQUIRE(receipt < all.size());
    std::vector<RemoteChange> before(all.begin(), all.begin() + static_cast<long>(receipt));
    REQUIRE(b->apply_remote(before, {}).ok());
    // A receipt passed off as a change of some other device.
    RemoteChange relabelled = all[receipt];
    relabelled.origin = "0193aaaa-0000-7000-8000-000000000000";
    relabelled.seq = 1;
    Status s = b->apply_remote({relabelled}, {});
    CHECK(s.code() == Status::Code::kPermissionDenied);
    CHECK(held_rows(*b) == static_cast<int64_t>(receipt));
}

TEST_CASE("own changes coming back are skipped and relayed changes reach a third device", "[holdings]") {
    Clinic a;
    auto b = second_device(a, a.clock, "laptop");
    auto c = second_device(a, a.clock, "tablet");
    exchange(*a.store, *b);
    // b dispenses; a learns of it from b; c, which never meets b, from a.
    DispenseInput in;
    in.patient_id = a.patient;
    in.lines.push_back({a.amox, 30, "", "", std::nullopt});
    REQUIRE(b->dispense(a.dispenser, in).ok());
    const int64_t a_held = held_rows(*a.store);
    exchange(*b, *a.store);
    CHECK(held_rows(*a.store) == a_held + b->outbox_last_seq());
    // b gets back nothing of its own and nothing it had.
    CHECK(exchange(*a.store, *b) == 0);
    exchange(*a.store, *c);
    CHECK(c->version_vector().value() == a.store->version_vector().value());
    CHECK(c->version_vector().value() == b->version_vector().value());
    CHECK(c->item_detail(a.amox)->on_hand == b->item_detail(a.amox)->on_hand);
    CHECK(c->verify()->ok());
    // b's own changes handed back to b (a restored peer's view) change nothing.
    bool more = false;
    auto bs = b->changes_missing_from({}, 1000, SIZE_MAX, &more).value();
    const int64_t b_held = held_rows(*b);
    REQUIRE(b->apply_remote(bs, {}).ok());
    CHECK(held_rows(*b) == b_held);
}

TEST_CASE("changes a peer lacks come in the order this store held them paged", "[holdings]") {
    Clinic a;
    auto b = second_device(a, a.clock, "laptop");
    exchange(*a.store, *b);
    // b receives stock into a new batch, a dispenses from it after hearing:
    // a's dispensing builds on b's receipt and must follow it to a third store.
    ReceiveInput r;
    r.item_id = a.ors;
    r.batch_no = "ORS-NEW";
    r.expiry = add_days(a.store->today(), 200);
    r.quantity = 50;
    REQUIRE(b->receive(a.storekeeper, r).ok());
    exchange(*b, *a.store);
    DispenseInput in;
    in.patient_id = a.patient;
    std::string batch;
    auto detail = b->item_detail(a.ors);
    REQUIRE(detail.ok());
    for (const auto& row : detail->batches)
        if (row.batch_no == "ORS-NEW") batch = row.id;
    REQUIRE_FALSE(batch.empty());
    in.lines.push_back({a.ors, 5, "", "", batch});
    REQUIRE(a.store->dispense(a.dispenser, in).ok());

    auto c = second_device(a, a.clock, "tablet");
    size_t pages = 0;
    for (bool more = true; more; ++pages) {
        auto page = a.store->changes_missing_from(c->version_vector().value(), 2, SIZE_MAX, &more);
        REQUIRE(page.ok());
        REQUIRE(page->size() <= 2);
        Status s = c->apply_remote(*page, {});
        INFO(s.message());
        REQUIRE(s.ok());  // b's receipt arrived before a's dispensing from it
        REQUIRE(pages < 100);
    }
    CHECK(pages > 2);
    CHECK(c->version_vector().value() == a.store->version_vector().value());
    CHECK(c->item_detail(a.ors)->on_hand == a.store->item_detail(a.ors)->on_hand);
    // A byte limit still returns at least one change.
    bool more = false;
    CHECK(a.store->changes_missing_from({}, 100, 1, &more)->size() == 1);
    CHECK(more);
}

TEST_CASE("a restored device rebuilds the version vector of what it pulled", "[holdings]") {
    Clinic a;
    auto b = second_device(a, a.clock, "laptop");
    exchange(*a.store, *b);
    REQUIRE(b->adjust(a.storekeeper, {b->item_detail(a.para)->batches[0].id, -3, "damaged", ""}).ok());
    exchange(*b, *a.store);
    // b is lost; its replacement pulls everything a holds (b's changes relayed).
    auto b2 = second_device(a, a.clock, "laptop (restored)");
    exchange(*a.store, *b2);
    VersionVector expect = a.store->version_vector().value();
    CHECK(b2->version_vector().value() == expect);
    CHECK(expect.at(b->identity().device_id) == b->outbox_last_seq());
    CHECK(b2->item_detail(a.para)->on_hand == b->item_detail(a.para)->on_hand);
}

TEST_CASE("version vectors are read with their limits", "[holdings]") {
    VersionVector vv;
    std::string problem;
    CHECK(read_version_vector(json{{"d1", 3}, {"d2", 0}}, &vv, &problem));
    CHECK(vv == VersionVector{{"d1", 3}});
    CHECK_FALSE(read_version_vector(json{{"d1", -1}}, &vv, &problem));
    CHECK_FALSE(read_version_vector(json{{"d1", "3"}}, &vv, &problem));
    CHECK_FALSE(read_version_vector(json::array(), &vv, &problem));
    CHECK(problem.find("not an object") != std::string::npos);
}

TEST_CASE("migration 8 sends an upgraded store's pull cursor back to 0", "[holdings]") {
    auto db = Db::Open(":memory:", true);
    REQUIRE(db.ok());
    REQUIRE(migrate(*db, 7).ok());
    REQUIRE(db->exec("INSERT INTO meta(key,value) VALUES('pull_cursor','812')").ok());
    REQUIRE(migrate(*db, -1).ok());
    CHECK(db->query_text("SELECT value FROM meta WHERE key='pull_cursor'") == std::string("0"));
    CHECK(db->query_i64("SELECT COUNT(*) FROM held_changes") == 0);
}

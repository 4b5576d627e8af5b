// The count flag for pulled shortfalls: when a dispensing made on another
// device arrives by sync and takes a batch below zero here, the batch is
// flagged for a count as a local change that central and the other devices
// learn. Devices share changes through a small in-memory feed that stands
// for central (commit order, a device never pulls its own changes).
#include <catch2/catch.hpp>
#include <random>

#include "store_internal.h"
#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

namespace {

// Central's feed of site changes, and a device's place in it.
struct Device {
    std::unique_ptr<Store> owned;
    Store* store = nullptr;
    int64_t pushed = 0;  // last own outbox seq in the feed
    size_t pulled = 0;   // feed entries seen
};

struct Feed {
    std::vector<std::pair<Store*, std::string>> changes;  // origin, payload

    // Push what the device has not sent, then pull what others sent.
    void sync(Device& d) {
        auto out = d.store->outbox_after(d.pushed, 100000, SIZE_MAX);
        REQUIRE(out.ok());
        for (const auto& c : *out) {
            changes.push_back({d.store, c.payload});
            d.pushed = c.seq;
        }
        std::vector<std::string> payloads;
        for (size_t i = d.pulled; i < changes.size(); ++i)
            if (changes[i].first != d.store) payloads.push_back(changes[i].second);
        d.pulled = changes.size();
        if (payloads.empty()) return;
        Status s = d.store->apply_remote(payloads, "test_cursor", std::to_string(d.pulled));
        INFO(s.message());
        REQUIRE(s.ok());
    }
};

// A new device of base's site: central's rows (users, items, reason codes),
// then the whole feed from zero, as a registered or restored device does.
Device join(Clinic& base, Feed& feed, const std::string& name) {
    auto s = Store::Open({":memory:", true, &base.clock, false});
    REQUIRE(s.ok());
    Identity id = base.store->identity();
    id.device_id = new_uuid_v7(base.clock.now_ms());
    id.device_name = name;
    REQUIRE(s.value()->init_registered(id).ok());
    json central;
    for (const char* t : {"users", "items", "reason_codes"})
        central[t] = read_rows(base.store->db(), *find_table(t)).value();
    REQUIRE(s.value()->apply_remote({central.dump()}, "central_cursor", "0").ok());
    Device d;
    d.owned = std::move(s.value());
    d.store = d.owned.get();
    feed.sync(d);
    return d;
}

// The clinic's own store as a device; its set-up goes into the feed first.
Device first_device(Clinic& a, Feed& feed) {
    Device d;
    d.store = a.store.get();
    feed.sync(d);
    return d;
}

struct BatchVersion {
    int64_t needs_count = -1, on_hold = -1;
    std::string hlc, device_id;
    bool operator==(const BatchVersion& o) const {
        return needs_count == o.needs_count && on_hold == o.on_hold && hlc == o.hlc &&
               device_id == o.device_id;
    }
};

BatchVersion batch_version(Store& s, const std::string& batch_id) {
    Stmt st = s.db().prepare("SELECT needs_count,on_hold,hlc,device_id FROM batches WHERE id=?");
    st.bind(1, batch_id);
    BatchVersion v;
    if (st.step()) v = {st.i64(0), st.i64(1), st.text(2), st.text(3)};
    return v;
}

std::map<std::string, std::string> all_batches(Store& s) {
    std::map<std::string, std::string> m;
    Stmt st = s.db().prepare("SELECT id,on_hold,needs_count,hlc,device_id FROM batches");
    while (st.step())
        m[st.text(0)] = st.text(1) + "|" + st.text(2) + "|" + st.text(3) + "|" + st.text(4);
    return m;
}

bool flagged(Store& s, const std::string& item_id, const std::string& batch_id) {
    auto detail = s.item_detail(item_id);
    REQUIRE(detail.ok());
    for (const auto& b : detail->batches)
        if (b.id == batch_id) return b.needs_count;
    FAIL("no batch " << batch_id);
    return false;
}

Status dispense(Store& s, Clinic& a, const std::string& item, int64_t units,
                bool confirm_short = false) {
    DispenseInput in;
    in.patient_id = a.patient;
    in.confirm_short = confirm_short;
    in.lines.push_back({item, units, "", "", std::nullopt});
    return s.dispense(a.dispenser, in).status();
}

}  // namespace

TEST_CASE("a pulled dispensing that takes a batch below zero flags it for a count",
          "[replication][count_flag]") {
    Clinic a;
    Feed feed;
    Device da = first_device(a, feed);
    Device b = join(a, feed, "back room laptop");
    const std::string batch = a.store->item_detail(a.amox)->batches[0].id;  // A-1, 500 tablets
    // Both dispense 400 from the last box of A-1 while offline: each had 500 on record.
    REQUIRE(dispense(*a.store, a, a.amox, 400).ok());
    REQUIRE(dispense(*b.store, a, a.amox, 400).ok());
    CHECK_FALSE(flagged(*a.store, a.amox, batch));
    feed.sync(b);
    a.clock.advance(60000);
    const int64_t before = a.outbox();
    feed.sync(da);  // pulls B's dispensing: 500 - 400 - 400 < 0
    CHECK(a.on_hand(batch) == -300);
    CHECK(flagged(*a.store, a.amox, batch));
    // The flag is a change of its own, waiting to be sent.
    REQUIRE(a.outbox() == before + 1);
    OutboxChange change = a.store->outbox_after(before, 10, SIZE_MAX).value().at(0);
    CHECK(change.entity == "count_flag");
    CHECK(change.entity_id == batch);
    json rows = json::parse(change.payload)["batches"];
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["needs_count"] == 1);
    CHECK(rows[0]["device_id"] == a.store->identity().device_id);
    // Both devices end with the same version of the batch, flagged.
    for (int round = 0; round < 2; ++round)
        for (Device* x : {&b, &da}) feed.sync(*x);
    CHECK(flagged(*b.store, a.amox, batch));
    CHECK(batch_version(*a.store, batch) == batch_version(*b.store, batch));
    CHECK(a.store->verify()->ok());
    CHECK(b.store->verify()->ok());
}

TEST_CASE("a pulled dispensing that leaves the batch at zero or above flags nothing",
          "[replication][count_flag]") {
    Clinic a;
    Feed feed;
    Device da = first_device(a, feed);
    Device b = join(a, feed, "back room laptop");
    const std::string batch = a.store->item_detail(a.amox)->batches[0].id;
    REQUIRE(dispense(*a.store, a, a.amox, 400).ok());
    REQUIRE(dispense(*b.store, a, a.amox, 100).ok());
    feed.sync(b);
    const int64_t before = a.outbox();
    const BatchVersion version = batch_version(*a.store, batch);
    feed.sync(da);
    CHECK(a.on_hand(batch) == 0);  // exactly zero is not below zero
    CHECK_FALSE(flagged(*a.store, a.amox, batch));
    CHECK(batch_version(*a.store, batch) == version);
    // Only A's own dispensing was waiting; the pull wrote nothing to send.
    CHECK(a.outbox() == before);
}

TEST_CASE("replaying a pulled shortfall changes nothing and writes no second flag",
          "[replication][count_flag]") {
    Clinic a;
    Feed feed;
    Device da = first_device(a, feed);
    Device b = join(a, feed, "back room laptop");
    const std::string batch = a.store->item_detail(a.amox)->batches[0].id;
    const int64_t b_mark = b.store->outbox_last_seq();
    REQUIRE(dispense(*a.store, a, a.amox, 450).ok());
    REQUIRE(dispense(*b.store, a, a.amox, 450).ok());
    std::vector<std::string> from_b;
    for (const auto& c : b.store->outbox_after(b_mark, 100, SIZE_MAX).value())
        from_b.push_back(c.payload);
    REQUIRE(a.store->apply_remote(from_b, "c", "1").ok());
    REQUIRE(flagged(*a.store, a.amox, batch));
    const int64_t seq = a.outbox();
    const BatchVersion version = batch_version(*a.store, batch);
    const int64_t on_hand = a.on_hand(batch);
    for (int i = 0; i < 2; ++i) REQUIRE(a.store->apply_remote(from_b, "c", "2").ok());
    CHECK(a.outbox() == seq);
    CHECK(batch_version(*a.store, batch) == version);
    CHECK(a.on_hand(batch) == on_hand);
    CHECK(a.store->verify()->ok());
}

TEST_CASE("a short dispensing flagged by its own device adds no flag where it arrives",
          "[replication][count_flag]") {
    Clinic a;
    Feed feed;
    Device da = first_device(a, feed);
    Device b = join(a, feed, "back room laptop");
    const std::string batch = a.store->item_detail(a.amox)->batches[0].id;
    REQUIRE(dispense(*b.store, a, a.amox, 600, true).ok());  // 100 more than on record: B flags it
    REQUIRE(flagged(*b.store, a.amox, batch));
    feed.sync(b);
    const int64_t before = a.outbox();
    feed.sync(da);
    CHECK(flagged(*a.store, a.amox, batch));
    CHECK(a.outbox() == before);
    CHECK(batch_version(*a.store, batch) == batch_version(*b.store, batch));
}

TEST_CASE("a count that saw the shortfall clears the flag on a device that hears of both late",
          "[replication][count_flag]") {
    Clinic a;
    Feed feed;
    Device da = first_device(a, feed);
    Device b = join(a, feed, "back room laptop");
    Device c = join(a, feed, "store room laptop");
    const std::string batch = a.store->item_detail(a.amox)->batches[0].id;
    REQUIRE(dispense(*a.store, a, a.amox, 400).ok());
    REQUIRE(dispense(*b.store, a, a.amox, 400).ok());
    feed.sync(b);
    feed.sync(da);
    feed.sync(da);  // A's flag goes to the feed
    a.clock.advance(3600000);
    feed.sync(c);
    REQUIRE(flagged(*c.store, a.amox, batch));
    // The storekeeper counts the batch on C: 0 on the shelf. The count
    // settles the flag.
    auto st = c.store->start_stocktake(a.storekeeper, "A-1 after the shortfall", false, {a.amox});
    REQUIRE(st.ok());
    REQUIRE(c.store->enter_count(a.storekeeper, *st, batch, 0).ok());
    REQUIRE(c.store->finalise_stocktake(a.storekeeper, *st).ok());
    CHECK_FALSE(flagged(*c.store, a.amox, batch));
    feed.sync(c);
    // A week later a replacement laptop restores from zero: it meets B's
    // dispensing (below zero) long before the count in the feed. Its own
    // flag must not outrank the count, which happened after the dispensing.
    a.clock.advance(7 * 86400000LL);
    Device d = join(a, feed, "replacement laptop");
    CHECK(d.store->item_detail(a.amox)->on_hand == 0);
    CHECK_FALSE(flagged(*d.store, a.amox, batch));
    for (int round = 0; round < 3; ++round)
        for (Device* x : {&da, &b, &c, &d}) feed.sync(*x);
    for (Device* x : {&da, &b, &c, &d}) {
        CHECK_FALSE(flagged(*x->store, a.amox, batch));
        CHECK(batch_version(*x->store, batch) == batch_version(*c.store, batch));
    }
}

TEST_CASE("count flags converge on every device whatever the sync order",
          "[replication][count_flag][random]") {
    int64_t flags_raised = 0;
    for (uint32_t seed = 1; seed <= 20; ++seed) {
        INFO("seed " << seed);
        std::mt19937 rng(seed);
        Clinic a;
        Feed feed;
        std::vector<Device> devices;
        devices.push_back(first_device(a, feed));
        devices.push_back(join(a, feed, "b"));
        devices.push_back(join(a, feed, "c"));
        const std::vector<std::string> items = {a.para, a.amox};
        for (int step = 0; step < 60; ++step) {
            a.clock.advance(static_cast<int64_t>(rng() % 120000));
            Device& d = devices[rng() % devices.size()];
            const uint32_t what = rng() % 10;
            if (what < 6) {
                Status s = dispense(*d.store, a, items[rng() % 2], 1 + rng() % 150, true);
                INFO(s.message());
                REQUIRE(s.ok());
            } else if (what < 7) {
                ReceiveInput in;
                in.item_id = items[rng() % 2];
                in.batch_no = "R" + std::to_string(rng() % 3);
                in.expiry = add_days(a.store->today(), 90);
                in.quantity = static_cast<int64_t>(50 + rng() % 200);
                REQUIRE(d.store->receive(a.storekeeper, in).ok());
            } else if (what < 8) {
                const std::string item = items[rng() % 2];
                auto st = d.store->start_stocktake(a.storekeeper, "spot check", false, {item});
                REQUIRE(st.ok());
                auto sheet = d.store->stocktake_sheet(*st, 0, 50).value();
                for (const auto& row : sheet.rows)
                    REQUIRE(
                        d.store->enter_count(a.storekeeper, *st, row.batch_id, rng() % 50).ok());
                REQUIRE(d.store->finalise_stocktake(a.storekeeper, *st).ok());
            } else {
                feed.sync(d);
            }
        }
        // The network heals: sync until a whole round moves nothing, then a
        // device restored from zero joins and everyone settles again.
        auto settle = [&] {
            for (int round = 0; round < 10; ++round) {
                const size_t size = feed.changes.size();
                for (auto& d : devices) feed.sync(d);
                if (feed.changes.size() == size) return;
            }
            FAIL("devices kept writing flags after 10 rounds");
        };
        settle();
        devices.push_back(join(a, feed, "restored"));
        settle();
        const auto expected = all_batches(*devices[0].store);
        flags_raised += devices[0]
                            .store->db()
                            .query_i64("SELECT COUNT(*) FROM batches WHERE needs_count=1")
                            .value_or(0);
        for (auto& d : devices) {
            CHECK(all_batches(*d.store) == expected);
            CHECK(d.store->verify()->ok());
        }
    }
    CHECK(flags_raised > 0);  // the random walk did take batches below zero
}

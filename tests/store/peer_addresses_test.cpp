// The peer address book (Store::peer_addresses and friends, a device setting
// in meta): manual addresses checked as host:port, remembered devices one
// entry each, forgetting, and never synced.
#include <catch2/catch.hpp>

#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

TEST_CASE("peer addresses: host:port checked - kept - never synced") {
    Clinic c;
    CHECK(c.store->peer_addresses().value().empty());
    const int64_t outbox = c.outbox();
    const uint64_t version = c.store->data_version();
    REQUIRE(c.store->add_peer_address("  192.168.1.20:7610 ").ok());  // trimmed
    CHECK(c.store->data_version() != version);
    REQUIRE(c.store->add_peer_address("store-room.local:7611").ok());
    auto book = c.store->peer_addresses().value();
    REQUIRE(book.size() == 2);
    CHECK(book[0].address == "192.168.1.20:7610");
    CHECK(book[0].manual);
    CHECK(book[1].address == "store-room.local:7611");
    CHECK(c.outbox() == outbox);  // a device setting: nothing to sync

    Status again = c.store->add_peer_address("192.168.1.20:7610");
    CHECK(again.code() == Status::Code::kConflict);
    for (const std::string& bad : std::vector<std::string>{
             "", "192.168.1.20", ":7610", "host:", "host:76x0", "host:0", "host:70000",
             "two words:7610", "http://host:7610", std::string(300, 'a') + ":1"}) {
        INFO(bad);
        Status st = c.store->add_peer_address(bad);
        CHECK(st.code() == Status::Code::kInvalidArgument);
        CHECK_FALSE(st.message().empty());
    }
    CHECK(c.store->peer_addresses().value().size() == 2);  // refusals keep nothing
    CHECK_THAT(c.store->add_peer_address("192.168.1.20").message(), Catch::Contains("HOST:PORT"));
}

TEST_CASE(
    "peer addresses: a remembered device is one entry, newest first, forgotten by its address") {
    Clinic c;
    REQUIRE(c.store->add_peer_address("10.0.0.5:7610").ok());
    REQUIRE(c.store->remember_peer("dev-a", "Dispensary tablet", "10.0.0.5:7610", 1000).ok());
    REQUIRE(c.store->remember_peer("dev-b", "Store room", "10.0.0.6:7610", 2000).ok());
    REQUIRE(
        c.store->remember_peer("dev-a", "Dispensary tablet", "10.0.0.9:7610", 3000).ok());  // moved
    auto book = c.store->peer_addresses().value();
    REQUIRE(book.size() == 3);
    CHECK(book[0].manual);
    CHECK(book[1].device_id == "dev-a");  // newest success first
    CHECK(book[1].address == "10.0.0.9:7610");
    CHECK(book[1].device_name == "Dispensary tablet");
    CHECK(book[1].last_success_ms == 3000);
    CHECK(book[2].device_id == "dev-b");
    CHECK(c.store->remember_peer("", "x", "10.0.0.1:1", 1).code() ==
          Status::Code::kInvalidArgument);
    CHECK(c.store->remember_peer("dev-c", "x", "nonsense", 1).code() ==
          Status::Code::kInvalidArgument);

    REQUIRE(c.store->forget_peer_address("10.0.0.6:7610").ok());
    CHECK(c.store->peer_addresses().value().size() == 2);
    REQUIRE(c.store->remember_peer("dev-b", "Store room", "10.0.0.5:7610", 4000).ok());
    REQUIRE(c.store->forget_peer_address("10.0.0.5:7610").ok());  // the manual entry and dev-b
    book = c.store->peer_addresses().value();
    REQUIRE(book.size() == 1);
    CHECK(book[0].device_id == "dev-a");
    CHECK(c.store->forget_peer_address("10.0.0.5:7610").code() == Status::Code::kNotFound);
}

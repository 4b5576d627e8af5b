// Barcode links (Store::link_barcode / item_for_gtin): who may link, what a
// GTIN must be, relinking, and that a link is one outbox change. The pull on
// a second device is in replication_test.cpp.
#include <catch2/catch.hpp>
#include <cstdint>

#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

TEST_CASE("barcode links: a storekeeper or admin links a GTIN to an item") {
    Clinic c;
    const std::string gtin = "04006381333931";  // EAN-13 4006381333931, padded
    CHECK(c.store->item_for_gtin(gtin).status().code() == Status::Code::kNotFound);
    Status denied = c.store->link_barcode(c.dispenser, gtin, c.amox);
    CHECK(denied.code() == Status::Code::kPermissionDenied);
    CHECK(c.store->item_for_gtin(gtin).status().code() == Status::Code::kNotFound);

    const int64_t before = c.outbox();
    REQUIRE(c.store->link_barcode(c.storekeeper, gtin, c.amox).ok());
    CHECK(c.outbox() == before + 1);
    CHECK(c.store->item_for_gtin(gtin)->id == c.amox);
    // The same link again writes nothing; another item replaces it.
    REQUIRE(c.store->link_barcode(c.admin, gtin, c.amox).ok());
    CHECK(c.outbox() == before + 1);
    REQUIRE(c.store->link_barcode(c.admin, gtin, c.para).ok());
    CHECK(c.outbox() == before + 2);
    CHECK(c.store->item_for_gtin(gtin)->id == c.para);
    // The sync screen says what waits to be sent in plain words.
    auto waiting = c.store->outbox_after(before + 1, 10, SIZE_MAX);
    REQUIRE(waiting.ok());
    REQUIRE(waiting->size() == 1);
    const std::string said = c.store->describe_change(waiting->front());
    CHECK(said.rfind("Barcode 04006381333931 linked to Paracetamol", 0) == 0);
}

TEST_CASE("barcode links: a GTIN must be 14 digits with its check digit, the item must exist") {
    Clinic c;
    for (const char* bad : {"4006381333931", "04006381333932", "0400638133393x", ""}) {
        INFO(bad);
        CHECK(c.store->link_barcode(c.admin, bad, c.amox).code() ==
              Status::Code::kInvalidArgument);
    }
    CHECK(c.store->link_barcode(c.admin, "04006381333931", "no-such-item").code() ==
          Status::Code::kNotFound);
    CHECK(c.store->item_for_gtin("04006381333931").status().code() == Status::Code::kNotFound);
}

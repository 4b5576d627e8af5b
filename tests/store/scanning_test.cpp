// The scanner setting (Store::scanner_separators, a device setting in meta)
// and finding a scanned batch on a count sheet (Store::stocktake_position).
#include <catch2/catch.hpp>

#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

TEST_CASE("scanner setting: printable signs only - kept - never synced") {
    Clinic c;
    CHECK(c.store->scanner_separators().value().empty());  // never set
    const int64_t outbox = c.outbox();
    const uint64_t version = c.store->data_version();
    REQUIRE(c.store->set_scanner_separators("~|").ok());
    CHECK(c.store->data_version() != version);  // the frame loop notices (scanner_setting.h)
    CHECK(c.store->scanner_separators().value() == "~|");
    CHECK(c.outbox() == outbox);  // a device setting: nothing to sync
    for (const std::string bad : {"a", "5", " ", "~~", "\xc3\xa9", "\t", "123456789"}) {
        INFO(bad);
        Status st = c.store->set_scanner_separators(bad);
        CHECK(st.code() == Status::Code::kInvalidArgument);
        CHECK_FALSE(st.message().empty());
    }
    CHECK(c.store->scanner_separators().value() == "~|");  // a refusal changes nothing
    REQUIRE(c.store->set_scanner_separators("").ok());
    CHECK(c.store->scanner_separators().value().empty());
    REQUIRE(c.store->set_meta("scanner.separator_substitutes", "x").ok());
    CHECK(c.store->scanner_separators().status().code() == Status::Code::kCorruption);
}

TEST_CASE("stocktake position: the scanned batch's line and its place in the sheet") {
    Clinic c;
    c.receive(c.amox, "A-LATE", 300, 20);
    auto id = c.store->start_stocktake(c.storekeeper, "June", false);
    REQUIRE(id.ok());
    auto sheet = c.store->stocktake_sheet(*id, 0, 100);
    REQUIRE(sheet.ok());
    REQUIRE(sheet->rows.size() >= 2);
    for (size_t i = 0; i < sheet->rows.size(); ++i) {
        const SheetRow& r = sheet->rows[i];
        INFO(r.item_name << " " << r.batch_no);
        auto p = c.store->stocktake_position(*id, r.item_id, r.batch_no);
        REQUIRE(p.ok());
        CHECK(p->batch_id == r.batch_id);
        CHECK(p->index == static_cast<int64_t>(i));
    }
    auto missing = c.store->stocktake_position(*id, c.amox, "NO-SUCH");
    CHECK(missing.status().code() == Status::Code::kNotFound);
    CHECK(missing.status().message().find("NO-SUCH") != std::string::npos);
}

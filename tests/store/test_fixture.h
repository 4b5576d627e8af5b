// A small clinic in memory for store tests: a fake clock fixed at a known
// date, a standalone site, one user of each role and three items with stock.
#pragma once

#include <memory>
#include <string>

#include "store.h"

namespace outpost::test {

// 2026-06-15 10:00 UTC
constexpr int64_t kStartMs = 1781517600000LL;

struct Clinic {
    FakeClock clock{kStartMs};
    std::unique_ptr<Store> store;
    std::string admin, storekeeper, dispenser;  // user ids, PINs 1111/2222/3333
    std::string para, amox, ors;                // item ids
    std::string patient;

    // path empty: in memory.
    explicit Clinic(const std::string& path = ":memory:", bool with_stock = true);
    // Receives qty units of item in batch expiring `days` from today.
    std::string receive(const std::string& item, const std::string& batch, int days, int64_t qty);
    int64_t on_hand(const std::string& batch_id);
    int64_t item_on_hand(const std::string& item_id);
    int64_t outbox();
};

std::string temp_path(const std::string& name);

// A second device of base's site (a new device id) holding the central data
// base has (users, items, reason codes) and none of its site changes.
std::unique_ptr<Store> second_device(Clinic& base, FakeClock& clock, const std::string& device_name);

}  // namespace outpost::test

// Orders: the settings a draft's suggested quantities are worked out with
// (they name consumption.h's AMC method). Everything else is in orders.h,
// which the screens include (consumption.h's StockState would clash with
// theirs).
#pragma once

#include <string>

#include "consumption.h"
#include "orders.h"

namespace outpost {

// How a draft's suggested quantities are worked out. min_mos: at or below
// this many months of stock the item is ordered; max_mos: the target months
// it is ordered up to (domain facts 2.3; Open mSupply's default 3). The same
// for every item: the catalogue has no per-item min/max yet.
struct RequisitionSettings {
    AmcMethod amc;          // default: Open mSupply, 3 whole months, no stock-out adjustment
    double min_mos = 2.0;
    double max_mos = 3.0;
};

// create_requisition with these settings instead of the defaults.
Result<std::string> create_requisition(Store& store, const std::string& user_id, const RequisitionSettings& settings);

}  // namespace outpost

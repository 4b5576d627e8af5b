// The simulation's checks of central's relational copy (issue 10,
// sync/central/projection/): after convergence, central's per-batch stock on
// hand equals every device's, verify finds nothing per site, the monthly
// aggregates equal a fresh walk of the ledger, and a rebuild from the feed
// gives the same rows as the copy kept push by push.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "central_core.h"
#include "store.h"

namespace outpost {

// devices: (site code, store) of every converged device. Appends each failed
// invariant to *problems. Rebuilds central's copy (at now_ms) as its last step.
void check_projection(CentralCore& core, const std::vector<std::pair<std::string, Store*>>& devices,
                      int64_t now_ms, std::vector<std::string>* problems);

}  // namespace outpost

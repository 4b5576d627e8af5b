// Demo scenarios: a demo store rebuilt from scratch in a known state, for
// training and for showing Outpost to someone. Every scenario is the standard
// demo (a small clinic with 90 days of history) plus one situation to
// practise: expiring stock, a stock-out, a stocktake whose counts differ from
// the record, or two devices that dispensed the last stock while one was
// offline (a balance below zero, flagged to resolve).
//
// Demo stores and real stores never mix: these functions open stores with
// OpenOptions.demo = true and refuse to touch a file that is not a demo store.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "generator.h"
#include "store.h"

namespace outpost {

enum class DemoScenario {
    kStandard,               // "standard": the clinic as it is, some expired and expiring stock
    kExpiringStock,          // "expiring-stock": several well-stocked batches expire within 6 weeks
    kStockOut,               // "stock-out": artemether + lumefantrine has run out
    kStocktakeDiscrepancy,   // "stocktake": an open stocktake with counts that differ
    kTwoDevicesLastBox,      // "two-devices": two devices dispensed the last stock; balance below zero
};

std::vector<DemoScenario> all_scenarios();
const char* scenario_name(DemoScenario s);   // the command-line word, e.g. "stock-out"
const char* scenario_title(DemoScenario s);  // for a screen, e.g. "Stock-out"
bool parse_scenario(const std::string& name, DemoScenario* out);
ScenarioPlan plan_for(DemoScenario s);

// Deletes the demo store at path (if any) and generates it again for the
// scenario, as of today_ms (0: now). Refuses, touching nothing, when the file
// exists and is not an Outpost demo store (a real clinic's store, or any
// other file). Twice with the same arguments gives the same rows (only the
// PIN hashes differ: libsodium salts them).
Status reset_demo(const std::string& path, DemoScenario scenario, uint64_t seed, int64_t today_ms = 0);

// "Undo the reset": before a reset the app keeps a copy of the demo store
// as it was (demo_undo_path: "<path>.before-reset", one copy, replaced by the
// next); undo_demo_reset() puts it back and removes it. Both refuse files that
// are not demo stores. REQUIRES: the store is closed (between sessions).
std::string demo_undo_path(const std::string& path);
Status keep_demo_for_undo(const std::string& path);
bool demo_undo_available(const std::string& path);
Status undo_demo_reset(const std::string& path);

// Opens the demo store at path with demo = true, generating it first (as of
// now) when the file does not exist. The store uses the system clock.
Result<std::unique_ptr<Store>> open_demo_store(const std::string& path,
                                               DemoScenario scenario = DemoScenario::kStandard,
                                               uint64_t seed = 1);

}  // namespace outpost

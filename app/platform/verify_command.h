// `outpost verify --db PATH`: the operator's check that stock on hand agrees
// with the ledger it is derived from. Needs no window, so it also runs on a
// headless build (OUTPOST_BUILD_APP=OFF) and over ssh.
#pragma once

#include <iosfwd>

#include "kiosk_config.h"

namespace outpost {

// Opens the store at config.db_path (never creates it; a demo store as
// well as a real one, whatever config.demo says) and runs
// Store::verify(). Prints "verified N events over M batches: stock on hand
// matches the ledger" (with " (demo store)" after "batches" for a demo
// store) to out, or one line per difference. Returns the exit
// status: 0 agree, 1 differences found, 2 error (message on err).
int run_verify(const KioskConfig& config, std::ostream& out, std::ostream& err);

}  // namespace outpost

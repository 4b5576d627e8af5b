// Start-up step 1: open the store the app runs on, creating its file (and
// its folder) when missing. With --demo, the training store of the chosen
// scenario (seeded on first use); otherwise the real store at --db, which a
// fresh file leaves empty until an administrator sets it up (the app never
// invents a site: it says how to set it up and starts on the set-up screen).
#pragma once

#include <memory>

#include "kiosk_config.h"
#include "store.h"

namespace outpost {

// Main thread. Returns null when the folder, the file or the demo scenario
// is unusable; the message, one a person can act on, is on stderr. A real
// store without an identity is returned (not an error) after the set-up hint
// is printed on stderr.
std::unique_ptr<Store> open_or_create_store(const KioskConfig& config);

}  // namespace outpost

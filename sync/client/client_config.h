// Settings of the device's sync client, one documented field each (type,
// default, unit). The app fills this from its command line / kiosk config;
// the server URL and the token normally come from the store's meta table,
// where register_device() saved them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "backoff.h"
#include "sync_status.h"

namespace outpost {

class Clock;

// This build's app version (the project's VERSION in CMakeLists.txt).
const char* client_app_version();

struct SyncConfig {
    // ---- where and who -------------------------------------------------------
    // Central's base URL, e.g. "https://central.example:8443". Empty: the
    // value saved in the store's meta "sync_server" at registration.
    std::string server_url;
    // The device's bearer token. Empty: meta "sync_token".
    std::string token;
    // PEM file of the authority that signed central's certificate. Empty: the
    // system's trusted authorities. Certificates are always verified.
    std::string ca_file;
    // Sent as X-Outpost-App on every request (docs/protocol.md). Empty: this
    // build's version, client_app_version().
    std::string app_version;
    // Open the store as a demo store (demo and real data never mix).
    bool demo = false;

    // ---- network timeouts (seconds) ------------------------------------------
    int connect_timeout_s = 10;
    int read_timeout_s = 30;
    int write_timeout_s = 30;

    // ---- page sizes (rows and bytes of payload per push or pull) -------------
    // A page halves (down to the minimum) after a timeout or a 413 and
    // doubles (up to the maximum) after a full page answered quickly.
    int page_rows_initial = 200;
    int page_rows_min = 1;
    int page_rows_max = 2000;
    size_t page_bytes_initial = 256 * 1024;
    size_t page_bytes_min = 8 * 1024;
    size_t page_bytes_max = 4 * 1024 * 1024;
    // A page answered within this many ms counts as fast.
    int64_t fast_page_ms = 2000;

    // ---- schedule (ms) --------------------------------------------------------
    // Sync this often while healthy (default 5 minutes).
    int64_t periodic_ms = 5 * 60 * 1000;
    // Sync this long after the first local write not yet synced (default 3 s),
    // so a burst of dispensing goes up in one push.
    int64_t debounce_ms = 3000;
    // After a failure: capped exponential backoff with full jitter.
    BackoffOptions backoff;
    // Seed for the backoff jitter; 0: seeded from std::random_device.
    uint64_t backoff_seed = 0;

    // ---- health shown to people (ms without a successful sync) ---------------
    // Amber after a day, red after three (design: "Schedule"). The demo
    // shortens both so a trainer can show them within minutes.
    int64_t amber_after_ms = kAmberAfterMs;
    int64_t red_after_ms = kRedAfterMs;

    // Time source for timestamps in the status (not owned). Null: the system
    // clock. Waiting always uses a steady clock.
    Clock* clock = nullptr;
};

}  // namespace outpost

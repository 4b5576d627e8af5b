// The HTTP front of outpost-central: cpp-httplib (HTTPS when given a
// certificate) in front of CentralCore. Kept out of outpost_central so the core
// links without an HTTP library.
#pragma once

#include <string>

namespace outpost {

struct ServeOptions {
    std::string db_path;  // central's SQLite file (created if missing) or postgresql:// address
    std::string host = "127.0.0.1";
    int port = 8443;            // 0: any free port (printed once bound)
    std::string cert_path, key_path;  // both set: HTTPS
    bool demo = false;          // a demo central (demo sites and devices only)
    // ---- limits against slow or idle clients (docs/security.md) ----
    int read_timeout_s = 10;     // longest wait for any one read of a request
    int request_timeout_s = 60;  // a whole request must arrive within this
    int threads = 64;            // requests served at once
    // Database connections (central_pool.h): sync requests beyond this many
    // wait up to db_wait_ms, then get 503 busy with Retry-After.
    int db_connections = 1;
    int64_t db_wait_ms = 5000;
};

// Serves until SIGINT or SIGTERM, then stops cleanly. Prints
// "listening on HOST:PORT" to stdout once bound, and one line per request to
// stderr. Returns the process exit code (0 after a clean stop, 1 when the
// database cannot be opened or the address cannot be bound).
int serve_central(const ServeOptions& options);

}  // namespace outpost

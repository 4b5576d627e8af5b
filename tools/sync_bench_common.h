// sync_bench's parts shared by its two modes (sync_bench.cpp: in one
// process; sync_bench_link.cpp: over a real link, --through-proxy): figures
// printed as JSON lines, a busy day of store operations, and the link mode's
// options. The top of sync_bench.cpp says what each mode measures.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "status.h"
#include "store.h"

namespace outpost::sync_bench {

double seconds_since(std::chrono::steady_clock::time_point t0);
// Prints "sync_bench: what: message" and exits 1 (a benchmark that cannot
// go on has no figure to give).
[[noreturn]] void fail(const std::string& what, const Status& s);
int64_t count(Store& s, const char* sql);
// Stock events so far: the ledger is append-only, so its highest rowid is the
// count without a full scan (COUNT(*) per operation made building a big site
// quadratic).
int64_t events_so_far(Store& s);
// One figure as a JSON line in outpost-bench's format
// {"metric","value","unit","baseline","ratio","target"}.
void emit(const std::string& metric, double value, const std::string& unit, std::optional<double> baseline = {},
          std::optional<double> target = {});
// Dispensing-heavy activity: per 100 events about 80 dispense lines, 10
// receipts, 10 adjustments. Returns the number of stock events written.
int64_t busy_day(Store& s, const std::string& user, const std::vector<Item>& items, int64_t events,
                 std::mt19937_64& rng);

// --through-proxy (sync_bench_link.cpp).
struct LinkOptions {
    int64_t day_events = 2000;
    std::string dir = "/tmp";
    int delay_ms = 300;             // fault_proxy: half a round trip
    long long bandwidth_bps = 3750; // fault_proxy: bytes per second (30 kbit/s)
    double drop_rate = 0.1;         // share of new connections refused
    double reset_rate = 0.005;      // per forwarded chunk (~bandwidth/20 bytes)
    unsigned long long seed = 1;
    double limit_s = 240;           // per direction and phase
    std::string central_bin, proxy_bin, outpost_bin;
};
int run_through_proxy(LinkOptions o);

}  // namespace outpost::sync_bench

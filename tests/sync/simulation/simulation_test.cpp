// The deterministic sync simulation under Catch2 (sync/simulation/simulation.h). CI runs
// 1,000 seeds of each scenario (fewer in the sanitizer build, see
// kPeerSeeds); OUTPOST_SIM_SEEDS=N runs N, OUTPOST_SIM_SEED=k replays only
// seed k (with OUTPOST_SIM_VERBOSE=1 it narrates every step);
// OUTPOST_SIM_FIRST_SEED=f starts at seed f instead of 1 (a long run split
// across processes). A failing seed's number and the broken invariants are
// printed, and a progress line every 1,000 seeds. Select one scenario
// with its Catch2 name or tag, e.g. sync_tests "[island]".
#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "simulation.h"

using namespace outpost;

namespace {

uint64_t env_u64(const char* name, uint64_t fallback) {
    const char* v = std::getenv(name);
    if (!v || !*v) return fallback;
    return std::strtoull(v, nullptr, 10);
}

struct Totals {
    int64_t events = 0, crashes = 0, restores = 0, lost = 0, dups = 0, stale = 0, failures = 0;
    int64_t shipments = 0, lines_received = 0, lines_received_twice = 0;  // orders (issue 12)
    int64_t peer_changes = 0;  // changes that moved by peer sync (issue 15)
    int64_t peer_exchanges = 0, peer_failures = 0, peer_crashes = 0, island_days = 0;
    int64_t peer_dropped = 0, peer_lost = 0, peer_dups = 0, peer_replayed = 0;
    int64_t stocktake_lines = 0, stocktakes_spanning = 0;
};

// Runs the seeds (or the one seed asked for) with options shaped by tweak.
Totals run_seeds(const char* what, uint64_t default_seeds, void (*tweak)(SimulationOptions*)) {
    const uint64_t only = env_u64("OUTPOST_SIM_SEED", 0);
    const uint64_t seeds = only ? 1 : env_u64("OUTPOST_SIM_SEEDS", default_seeds);
    const uint64_t first = env_u64("OUTPOST_SIM_FIRST_SEED", 1);
    const bool verbose = env_u64("OUTPOST_SIM_VERBOSE", 0) != 0;
    Totals t;
    auto t0 = std::chrono::steady_clock::now();
    for (uint64_t i = 0; i < seeds; ++i) {
        SimulationOptions o;
        o.seed = only ? only : first + i;
        if (i > 0 && i % 1000 == 0)
            std::fprintf(stderr, "%s: %llu seeds done (%.0f s), %lld failed\n", what, static_cast<unsigned long long>(i),
                         std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(),
                         static_cast<long long>(t.failures));
        o.verbose = verbose;
        tweak(&o);
        SimulationResult r = run_simulation(o);
        t.events += r.events;
        t.crashes += r.crashes;
        t.restores += r.restores;
        t.lost += r.faults.lost_replies;
        t.dups += r.faults.duplicated;
        t.stale += r.faults.replayed_late;
        t.shipments += r.shipments;
        t.lines_received += r.lines_received;
        t.lines_received_twice += r.lines_received_twice;
        t.peer_changes += r.peer_changes;
        t.peer_exchanges += r.peer_exchanges;
        t.peer_failures += r.peer_failures;
        t.peer_crashes += r.peer_crashes;
        t.island_days += r.island_days;
        t.peer_dropped += r.peer_faults.dropped;
        t.peer_lost += r.peer_faults.lost_replies;
        t.peer_dups += r.peer_faults.duplicated;
        t.peer_replayed += r.peer_faults.replayed_late;
        t.stocktake_lines += r.stocktakes_checked;
        t.stocktakes_spanning += r.stocktakes_spanning;
        if (!r.ok()) {
            ++t.failures;
            std::string all;
            for (const auto& p : r.problems) all += "\n  - " + p;
            std::fprintf(stderr, "%s: seed %llu FAILED (replay: OUTPOST_SIM_SEED=%llu):%s\n  %s\n", what,
                         static_cast<unsigned long long>(o.seed), static_cast<unsigned long long>(o.seed),
                         all.c_str(), r.summary().c_str());
            if (t.failures >= 5) break;  // enough to act on
        } else if (verbose) {
            std::fprintf(stderr, "seed %llu ok: %s\n", static_cast<unsigned long long>(o.seed), r.summary().c_str());
        }
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr,
                 "%s: %llu seeds in %.1f s, %lld events, %lld crashes, %lld restores, %lld lost replies, "
                 "%lld duplicates, %lld stale replays, %lld failed; %lld shipments, %lld lines received, %lld on two "
                 "devices\n",
                 what, static_cast<unsigned long long>(seeds), secs, static_cast<long long>(t.events),
                 static_cast<long long>(t.crashes), static_cast<long long>(t.restores), static_cast<long long>(t.lost),
                 static_cast<long long>(t.dups), static_cast<long long>(t.stale), static_cast<long long>(t.failures),
                 static_cast<long long>(t.shipments), static_cast<long long>(t.lines_received),
                 static_cast<long long>(t.lines_received_twice));
    if (t.peer_exchanges)
        std::fprintf(stderr,
                     "%s: peers: %lld exchanges (%lld broken off), %lld changes moved, %lld crashes mid-exchange, "
                     "%lld island days; peer link: %lld dropped, %lld replies lost, %lld duplicated, %lld replayed "
                     "late; %lld stocktake lines checked, %lld counts left open across rounds\n",
                     what, static_cast<long long>(t.peer_exchanges), static_cast<long long>(t.peer_failures),
                     static_cast<long long>(t.peer_changes), static_cast<long long>(t.peer_crashes),
                     static_cast<long long>(t.island_days), static_cast<long long>(t.peer_dropped),
                     static_cast<long long>(t.peer_lost), static_cast<long long>(t.peer_dups),
                     static_cast<long long>(t.peer_replayed), static_cast<long long>(t.stocktake_lines),
                     static_cast<long long>(t.stocktakes_spanning));
    return t;
}

// The peer scenarios' seed counts: 1,000 in the plain build (CI's first
// run), fewer under the sanitizers (several times slower, whole suite again).
// Measured (2 cores shared with other builds, user CPU): the faulty LAN
// about 0.1 s a seed, the island about 0.24 s a seed (18 rounds, 4 devices).
#ifdef OUTPOST_SANITIZED_BUILD
constexpr uint64_t kPeerSeeds = 250, kIslandSeeds = 100;
#else
constexpr uint64_t kPeerSeeds = 1000, kIslandSeeds = 1000;
#endif

// The faults of the peer link: as central's link, less the busy answers
// (a peer has no Retry-After) and the slow ones.
NetworkFaults peer_link_faults() {
    NetworkFaults f;
    f.drop_request = 0.08;
    f.lose_reply = 0.10;
    f.duplicate = 0.08;
    f.hold_back = 0.08;
    return f;
}

}  // namespace

TEST_CASE("sync simulation: every seed converges with no lost or doubled events", "[sync][simulation]") {
    // Realistic sharing: devices receive the same batch numbers offline and
    // may cancel each other's dispensings (the store merges both by natural
    // keys). run_seeds' tweak leaves the defaults as they are.
    Totals t = run_seeds("sync simulation", 1000, [](SimulationOptions* o) {
        o->shared_batch_numbers = true;
        o->cross_device_cancels = true;
    });
    CHECK(t.failures == 0);
    // The faults really happened (a simulation that injects nothing proves nothing).
    if (t.events > 1000) {
        CHECK(t.crashes > 0);
        CHECK(t.restores > 0);
        CHECK(t.lost > 0);
        CHECK(t.dups > 0);
        CHECK(t.stale > 0);
        // Requisitions were answered, shipments received, and some line was
        // received by two devices while apart (and still counted once).
        CHECK(t.shipments > 0);
        CHECK(t.lines_received > 0);
        CHECK(t.lines_received_twice > 0);
    }
}

TEST_CASE("sync simulation with peers: LAN islands converge with no lost or doubled events", "[sync][simulation][peer]") {
    // Devices of the main site meet and peer-sync in half the rounds, and the
    // site is cut off from central in a quarter of them: changes reach central
    // by relays as well as directly, and must still be there exactly once.
    Totals t = run_seeds("sync simulation with peers", kPeerSeeds, [](SimulationOptions* o) { o->peer_chance = 0.5; });
    CHECK(t.failures == 0);
    if (t.events > 1000) CHECK(t.peer_changes > 0);
}

TEST_CASE("sync simulation with peers: a faulty LAN with crashes mid-exchange and restores and open counts",
          "[sync][simulation][peer][peer_faults]") {
    // The peer link drops requests, loses replies, duplicates messages (the
    // copy is refused as a replay) and replays held-back copies later (to a
    // device that may have crashed, forgetting the nonces it saw, or been
    // restored as a new device); a device crashes mid-exchange in some
    // exchanges; restores are twice as likely; counts stay open while
    // changes arrive. Exchanges break off; nothing may be lost or doubled.
    Totals t = run_seeds("sync simulation, faulty LAN", kPeerSeeds, [](SimulationOptions* o) {
        o->peer_chance = 0.6;
        o->peer_faults = peer_link_faults();
        o->peer_crash_chance = 0.15;
        o->restore_chance = 0.06;
        o->stocktakes_span_rounds = true;
    });
    CHECK(t.failures == 0);
    if (t.events > 1000) {
        CHECK(t.peer_changes > 0);
        CHECK(t.peer_failures > 0);
        CHECK(t.peer_crashes > 0);
        CHECK(t.peer_dropped > 0);
        CHECK(t.peer_lost > 0);
        CHECK(t.peer_dups > 0);
        CHECK(t.peer_replayed > 0);
        CHECK(t.restores > 0);
        CHECK(t.stocktakes_spanning > 0);
        CHECK(t.stocktake_lines > 0);
    }
}

TEST_CASE("sync simulation with peers: a chain of devices on a LAN island for weeks to months",
          "[sync][simulation][peer][island]") {
    // Four devices in a chain (A0-A1-A2-A3: the ends never meet, and each
    // end only ever meets one peer), cut off from central for 10-16
    // consecutive rounds of 1-5 days (weeks to months), meeting on a faulty
    // LAN every island round; then the link returns. A0's changes reach A3
    // only through A1 and A2.
    Totals t = run_seeds("sync simulation, chain on an island", kIslandSeeds, [](SimulationOptions* o) {
        o->site_devices = 4;
        o->rounds = 18;
        o->island_rounds = 10 + static_cast<int>(o->seed % 7);
        o->topology = SimulationOptions::Topology::kChain;
        o->peer_chance = 0.3;
        o->peer_faults = peer_link_faults();
        o->peer_crash_chance = 0.1;
        o->stocktakes_span_rounds = true;
    });
    CHECK(t.failures == 0);
    if (t.events > 1000) {
        CHECK(t.peer_changes > 0);
        CHECK(t.island_days > 0);
        CHECK(t.stocktake_lines > 0);
    }
}

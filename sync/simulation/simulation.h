// The deterministic sync simulation (design "How it is tested"): one seed
// drives an in-process CentralCore on a FakeClock, several devices of one
// site plus one device of a second site, each with its own seeded faulty
// network (drops, lost replies after commit, duplicates, stale replays,
// slow links, busy answers), device crashes between pages, and device
// restores (a wiped device registers anew and pulls from zero). Between sync
// rounds devices dispense, receive, adjust, register patients and count
// stock. Then the network heals, everyone syncs until quiet, and the checks
// run: convergence with central, every committed event exactly once, stock
// on hand equal to the ledger, cursors never back, replays change nothing,
// outboxes drained, and no row of one site on the other's devices.
//
// No threads: the simulation calls SyncSession::run_once() directly. Ids are
// UUIDv7 from the system's random source, so a seed replays the same choices
// and faults, not the same id strings.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "transport_faulty.h"

namespace outpost {

struct SimulationOptions {
    uint64_t seed = 1;
    int site_devices = 3;        // devices of the main site (plus one of a second site)
    int rounds = 8;              // rounds of operations and sync under faults
    int max_ops_per_round = 3;   // per device per round
    double sync_chance = 0.7;    // a device syncs in a round with this chance
    double crash_chance = 0.06;  // per device sync: crash after a random page
    double restore_chance = 0.03;  // per round: wipe one device and restore it
    // Devices receive the same batch numbers (a delivery split between the
    // dispensary and the store room): the first receipt of a batch happens
    // on two offline devices at once. Off: each device's batch numbers are
    // its own.
    bool shared_batch_numbers = true;
    // Any device may cancel any dispensing it has pulled, so two offline
    // devices can cancel the same one. Off: a device cancels only its own.
    bool cross_device_cancels = true;
    // Per round: two devices of the main site meet on the clinic's network
    // and peer-sync (sync/peer/) with this chance, and with half of it the
    // main site's central link is down for the round (a LAN island: nobody
    // of the site syncs with central). 0: no peers (the default).
    double peer_chance = 0;
    // Faults on the peer link (each ordered pair of devices has its own
    // seeded FaultyTransport): dropped requests, lost replies, duplicates
    // (the second copy is refused as a replay) and held-back copies replayed
    // before a later request, in a later meeting, or after a crash or a
    // restore of the device they were meant for. None by default.
    NetworkFaults peer_faults;
    // Per peer exchange: one of the two devices crashes after a random
    // request (its in-memory state, the peer server's nonce memory included,
    // is dropped and its store reopened); the request it died on was or was
    // not handled.
    double peer_crash_chance = 0;
    // One long LAN island: for this many consecutive rounds (starting at a
    // seeded round) the main site has no link to central, each round lasts
    // 1-5 days instead of minutes (so 10 rounds are about a month), and
    // devices meet on the LAN every round. 0: none.
    int island_rounds = 0;
    // Who meets whom on the LAN: any two devices of the main site, or a
    // chain (device i meets only i-1 and i+1: the ends never meet directly
    // and each end only ever meets one peer).
    enum class Topology { kAnyPair, kChain };
    Topology topology = Topology::kAnyPair;
    // Spot stocktakes stay open for a while (finalised by the same device in
    // a later operation), so changes arrive between the count and its
    // correction; the checks then hold every correction to "counted minus
    // the balance the counter was shown". Off: counted and finalised at once.
    bool stocktakes_span_rounds = false;
    bool file_backed_device = true;  // device 0 lives in a file (/dev/shm) and is reopened on crash
    NetworkFaults faults = default_faults();
    bool verbose = false;        // print a line per step to stderr

    static NetworkFaults default_faults();
};

struct SimulationResult {
    bool ok() const { return problems.empty(); }
    std::vector<std::string> problems;  // each a failed invariant, in words
    // What happened, for reports and tuning.
    int64_t operations = 0, failed_operations = 0, events = 0, sync_cycles = 0, crashes = 0, restores = 0,
            heal_rounds = 0, shipments = 0, lines_received = 0, lines_received_twice = 0, peer_exchanges = 0,
            peer_changes = 0, peer_failures = 0, peer_crashes = 0, island_days = 0, stocktakes_checked = 0,
            stocktakes_spanning = 0;
    FaultyTransport::Counts faults, peer_faults;
    std::string summary() const;
};

SimulationResult run_simulation(const SimulationOptions& options);

}  // namespace outpost

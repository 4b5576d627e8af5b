// The training demo's sync world, entirely inside the app (issue 5): an
// in-process demo central (CentralCore on an in-memory database) that takes
// in the demo store's site, and a simulated second device of the same clinic
// ("Dispensary tablet", an in-memory store restored from that central) that
// dispenses a prescription now and then on its own thread and syncs. The
// kiosk's own SyncClient reaches the demo central through
// transport_factory(), whose transports obey the "simulate offline" switch.
//
// Nothing here opens a socket or reads a server address: demo data cannot
// reach a real central, and the demo central refuses real stores
// (CentralCore demo flag, Store demo flag).
//
// Lifetime: the demo central lives while the app runs and starts afresh with
// every start and every demo reset. Start() rewrites the demo store's sync
// settings (a new token, cursors at zero), so the kiosk pushes its history to
// the fresh central; the second device's work of an earlier run stays in the
// demo store but not in the new central.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "central_core.h"
#include "client.h"
#include "client_config.h"
#include "demo_rng.h"
#include "status.h"
#include "store.h"

namespace outpost {

struct DemoCentralOptions {
    // The second device dispenses a prescription about this often: each wait
    // is uniform between half and one and a half times it. 0: the device is
    // restored but does nothing by itself (tests drive a DemoPeer instead).
    int64_t peer_every_ms = 45000;
    // The second device restores itself this long after Start, so the
    // kiosk's first push (its history) is usually in central by then.
    int64_t peer_start_delay_ms = 3000;
    // Every request the kiosk makes to the demo central takes this long, as
    // on a real link, so "Syncing..." can be seen. 0 in tests.
    int64_t request_latency_ms = 150;
    // Seed of the second device's choices; 0: from std::random_device.
    uint64_t seed = 0;
    std::string peer_name = "Dispensary tablet";
};

// What the simulated second device has done, for the trainer's panel.
struct DemoPeerReport {
    std::string name;
    bool ready = false;         // restored from the demo central
    int64_t dispensings = 0;    // prescriptions it dispensed in this run
    std::string last;           // "Paracetamol 500 mg tablet x 20 for BANDA, Ruth"
    std::string error;          // plain words when its last step failed
};

// The simulated second device. Not thread safe: DemoCentral's thread owns
// one; tests drive one directly.
class DemoPeer {
public:
    // core: not owned, must outlive the peer.
    DemoPeer(CentralCore& core, std::string name, uint64_t seed);
    ~DemoPeer();

    // Registers with a code the demo central issues and pulls the whole site
    // into an in-memory demo store. Must succeed before anything else.
    Status restore();
    // Dispenses one prescription of one to three lines for a random patient,
    // from stock this device sees as available (never short, never expired).
    // Returns what it dispensed, in words. NotFound when nothing is in stock.
    Result<std::string> dispense_one();
    // Pushes its changes and pulls everyone else's.
    Status sync();
    Store* store() { return store_.get(); }

private:
    CentralCore& core_;
    std::string name_;
    DemoRng rng_;
    std::unique_ptr<Transport> transport_;
    std::unique_ptr<Store> store_;
    std::string user_id_;
};

class DemoCentral {
public:
    // Where the demo store says it syncs to (meta sync_server); no URL, so no
    // command-line tool can mistake it for a server.
    static constexpr const char* kServerName = "the demo central inside this app";

    // Opens the demo store at demo_store_path (refused when it is not a demo
    // store), builds the demo central from it, gives the store a fresh token
    // and, with peer_every_ms > 0, starts the second device's thread. After
    // each sync in which the second device sent a dispensing, on_peer_synced
    // runs on that thread (the app asks its SyncClient to sync, so the change
    // shows up at once; a real device would find it at its next periodic
    // sync).
    static Result<std::unique_ptr<DemoCentral>> Start(const std::string& demo_store_path,
                                                      const DemoCentralOptions& options,
                                                      std::function<void()> on_peer_synced = {});
    ~DemoCentral();  // stops the second device's thread
    DemoCentral(const DemoCentral&) = delete;
    DemoCentral& operator=(const DemoCentral&) = delete;

    // For the kiosk's SyncClient: transports to the demo central that fail
    // with Unavailable while offline() is true.
    SyncClient::TransportFactory transport_factory();
    // The kiosk's sync settings in demo mode: the demo store, a periodic sync
    // every minute, pages of 1,000 changes to start with, backoff capped at
    // 20 s, and a minute standing for a day
    // in the health colours (amber after 1 min, red after 3).
    static SyncConfig kiosk_sync_config();

    // "Simulate offline": cuts (true) or restores the kiosk's link. The
    // second device keeps its own link.
    void set_offline(bool offline) { offline_->store(offline); }
    bool offline() const { return offline_->load(); }

    DemoPeerReport peer() const;
    CentralCore& core() { return *core_; }

private:
    DemoCentral() = default;
    void run_peer(const DemoCentralOptions& options, uint64_t seed);

    std::unique_ptr<CentralCore> core_;
    std::shared_ptr<std::atomic<bool>> offline_ = std::make_shared<std::atomic<bool>>(false);
    int64_t latency_ms_ = 0;
    std::function<void()> on_peer_synced_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
    DemoPeerReport report_;  // guarded by mu_
    std::thread peer_thread_;
};

}  // namespace outpost

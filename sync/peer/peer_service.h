// The device's background peer sync (issue 15): serves the site's other
// devices on the clinic's network and asks every known one for what it
// lacks, so a dispensing on the kiosk shows on the store-room laptop while
// central is out of reach. "Known" is the address book in the store
// (manual and remembered addresses, peer_addresses.h), the devices that
// asked this one (it remembers where they serve), and what DNS-SD finds
// (peer_discovery.h). After every change it publishes a PeerSnapshot to a
// PeerStatusBoard and calls on_change (the app wakes its frame loop).
//
// Schedule: every known peer is asked every period_ms while it answers;
// debounce_ms after a local write (or after a peer gave this device changes,
// so they are relayed); at once on sync_now() (backoff ignored) or when a new
// address appears. A peer that fails waits a capped, jittered backoff of its
// own. For each peer the last address that worked is tried first, then the
// ones discovery found for it.
//
// Off (enabled=false with plain words in why_disabled) while the store has
// no site key (never synced with a version 3 central) and on a demo store;
// the key is looked for again every period.
//
// Threads: a worker (asks peers, with its own Store connection) and a server
// (answers peers, with its own connection); add_peer / forget_peer use a
// third connection under a lock. Every public method may be called from
// the UI thread and returns without waiting on the network; stop() aborts a
// request in flight and joins.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "backoff.h"
#include "clock.h"
#include "peer_discovery.h"
#include "peer_exchange.h"
#include "peer_http.h"
#include "peer_status.h"
#include "status.h"
#include "store.h"
#include "transport.h"

namespace outpost {
namespace peer {

// The default port devices serve peers on (the app's --peer-port).
constexpr int kDefaultPeerPort = 7610;

struct PeerServiceConfig {
    // The store file the app opened (not ":memory:": the service opens its
    // own connections). Required.
    std::string store_path;
    // Open the store as a demo store; the service then stays off and says so.
    bool demo = false;
    // Where to answer peers. listen_port 0: any free port (tests; see
    // listening_port()); -1: do not serve, only ask. Default 0.0.0.0:7610.
    std::string listen_host = "0.0.0.0";
    int listen_port = kDefaultPeerPort;
    // Ask every peer this often while it answers (ms). Default 30 s.
    int64_t period_ms = 30 * 1000;
    // Ask this long after a local write (ms), so a burst goes in one round.
    int64_t debounce_ms = 2000;
    // A peer that fails waits up to base * 2^failures (ms), at most cap.
    BackoffOptions backoff{2000, 2 * 60 * 1000};
    uint64_t backoff_seed = 0;  // 0: from std::random_device
    // Network timeouts of each request to a peer (seconds). Short connect:
    // a dead address should not hold up the next one.
    PeerTimeouts timeouts{3, 30, 30};
    // Timestamps in the snapshot and in seals; null: the system clock (not
    // owned). Waiting always uses a steady clock.
    Clock* clock = nullptr;
    // Called after every publish (from the service's threads).
    std::function<void()> on_change;
    // DNS-SD; null: no discovery (the snapshot says so). Not owned; started
    // and stopped by the service.
    PeerDiscovery* discovery = nullptr;
    // Makes the transport to host:port (tests count and redirect attempts);
    // default: PeerHttpTransport with `timeouts`.
    std::function<std::unique_ptr<Transport>(const std::string& host, int port)> make_transport;
};

class PeerService {
  public:
    // board: not owned, outlives the service.
    PeerService(PeerServiceConfig config, PeerStatusBoard* board);
    ~PeerService();  // stop()
    PeerService(const PeerService&) = delete;
    PeerService& operator=(const PeerService&) = delete;

    // Opens the connections and starts the threads. Fails (nothing started)
    // when the store cannot be opened or a thread cannot start.
    Status start();
    // Stops discovery, aborts a request in flight, joins. Idempotent.
    void stop();

    // An admin typed an address (UiOptions::add_peer): checked and kept in
    // the store's address book (Store::add_peer_address: InvalidArgument or
    // Conflict with plain words), then tried at once.
    Status add_peer(const std::string& host_port);
    // Forgets a manual or remembered address (Store::forget_peer_address).
    Status forget_peer(const std::string& address);
    // Ask every known peer now, even one backing off.
    void sync_now();
    // A local operation committed: ask peers debounce_ms after the first one.
    void notify_local_write();

    // The port bound (0 until serving). Rounds finished (tests).
    int listening_port() const { return bound_port_.load(); }
    int64_t rounds() const { return rounds_.load(); }

  private:
    struct Target;
    void run_worker();
    void run_server();
    void publish();
    void wait_until(std::chrono::steady_clock::time_point due);
    void round(Store& store, Clock& clock, bool everyone);
    void rebuild_targets(Store& store, Clock& clock);
    void ask(Store& store, Clock& clock, Target& t);
    void note_caller(const PeerCaller& caller);
    void copy_peers_locked();  // targets_ -> snap_.peers; REQUIRES: mu_ held

    PeerServiceConfig config_;
    PeerStatusBoard* board_;
    std::unique_ptr<Store> book_;  // for add_peer / forget_peer, under book_mu_
    std::mutex book_mu_;

    std::thread worker_, server_;
    std::atomic<bool> stop_serving_{false};
    std::atomic<int> bound_port_{0};
    std::atomic<int64_t> rounds_{0};

    mutable std::mutex mu_;  // guards everything below
    std::condition_variable cv_;
    bool stop_ = false, now_ = false, book_changed_ = false;
    std::optional<std::chrono::steady_clock::time_point> write_due_;
    Transport* live_transport_ = nullptr;  // for stop()
    std::vector<PeerCaller> callers_;      // devices that asked us, not yet looked at
    PeerSnapshot snap_;
    std::optional<PeerSnapshot> published_;  // the last one on the board

    // The worker's own (no lock): the peers it knows, in asking order.
    std::vector<std::unique_ptr<Target>> targets_;
};

}  // namespace peer
}  // namespace outpost

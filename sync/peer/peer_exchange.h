// Peer exchange between devices of one site (issue 15; docs/protocol.md
// "Peer exchange"). PeerServer answers sealed requests against a store;
// sync_with_peer() is the asking side: it asks with its version vector and
// applies what the peer holds that it lacks (pages), then gives the peer
// what it lacks, so one call brings both devices level. Changes are applied
// through Store::apply_remote (idempotent by origin and seq, one transaction
// per page), so a refused or broken message writes nothing.
//
// The wire is POST kPeerPath with a sealed body (peer_seal.h) both ways;
// refusals are plain JSON {"error","message"} with 400, 403 or 413.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include "clock.h"
#include "peer_seal.h"
#include "status.h"
#include "store.h"
#include "transport.h"

namespace outpost {
namespace peer {

constexpr const char* kPeerPath = "/peer/v1/exchange";
// A page of changes: at most this many rows and about this many payload bytes.
constexpr int kPageRows = 500;
constexpr size_t kPageBytes = 1024 * 1024;

// The site keys this store holds (meta site_key / site_key_previous and
// their numbers, written by the sync client); current unset when none.
SiteKeys site_keys_of(Store& store);

struct PeerReply {
    int status = 200;
    std::string body;  // sealed answer (200) or {"error","message"} JSON
};

// Who asked, after a request that opened and was answered (PeerServer's
// on_answered): the asking device's id and name (name empty from a peer
// before names were sent), the port it serves peers on (0: not said), the
// host the request came from ("" outside HTTP), and how many changes it gave.
struct PeerCaller {
    std::string device_id, name, host;
    int port = 0;
    int64_t given = 0;
};

// Thread safety: handle() may be called from several threads; it takes a
// lock and uses the one store it was given (not owned, must outlive it).
class PeerServer {
  public:
    PeerServer(Store& store, Clock& clock) : store_(store), clock_(clock) {}
    // Answers one sealed request. Nothing is written unless the request
    // opened (right site, right key, fresh, new nonce, well formed) and its
    // changes applied as a whole. from_host: where it came from (for
    // on_answered; "" when unknown).
    PeerReply handle(const std::string& sealed_request, const std::string& from_host = "");
    size_t remembered_nonces() const { return seen_.size(); }
    // Called (under the server's lock, so it must be quick) after each
    // request answered with 200. Set before serving.
    void set_on_answered(std::function<void(const PeerCaller&)> f) { on_answered_ = std::move(f); }

  private:
    std::function<void(const PeerCaller&)> on_answered_;
    PeerReply refuse(int status, const std::string& error, const std::string& message);
    std::mutex mu_;
    Store& store_;
    Clock& clock_;
    SeenNonces seen_;
};

struct PeerReport {
    Status status;
    // Who answered (from its first answer): its device id and its name
    // (empty from a peer that does not send names).
    std::string peer_device_id, peer_name;
    int64_t received = 0;  // changes taken from the peer
    int64_t given = 0;     // changes the peer took from us
    int64_t requests = 0;
    int64_t bytes_sent = 0, bytes_received = 0;
};

// One exchange with the peer behind transport (both directions; see above).
// Stops at the first failure; pages applied before it are kept.
// listen_port > 0: told to the peer ("port"), so it can remember where this
// device answers and ask it back. A peer that turns out to be this very
// device (same device id) is refused with Conflict before anything moves.
// deflate false: never ask for nor send deflated messages (as builds before
// compression; for the benchmark's same-run baseline and the tests).
PeerReport sync_with_peer(Store& store, Transport& transport, Clock& clock, int listen_port = 0,
                          bool deflate = true);

}  // namespace peer
}  // namespace outpost

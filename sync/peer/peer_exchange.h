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

// Thread safety: handle() may be called from several threads; it takes a
// lock and uses the one store it was given (not owned, must outlive it).
class PeerServer {
public:
    PeerServer(Store& store, Clock& clock) : store_(store), clock_(clock) {}
    // Answers one sealed request. Nothing is written unless the request
    // opened (right site, right key, fresh, new nonce, well formed) and its
    // changes applied as a whole.
    PeerReply handle(const std::string& sealed_request);
    size_t remembered_nonces() const { return seen_.size(); }

private:
    PeerReply refuse(int status, const std::string& error, const std::string& message);
    std::mutex mu_;
    Store& store_;
    Clock& clock_;
    SeenNonces seen_;
};

struct PeerReport {
    Status status;
    int64_t received = 0;  // changes taken from the peer
    int64_t given = 0;     // changes the peer took from us
    int64_t requests = 0;
    int64_t bytes_sent = 0, bytes_received = 0;
};

// One exchange with the peer behind transport (both directions; see above).
// Stops at the first failure; pages applied before it are kept. deflate
// false: never ask for nor send deflated messages (as builds before
// compression; for the benchmark's same-run baseline and the tests).
PeerReport sync_with_peer(Store& store, Transport& transport, Clock& clock, bool deflate = true);

}  // namespace peer
}  // namespace outpost

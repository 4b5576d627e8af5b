// The peer exchange over HTTP on the clinic's network: a Transport that
// posts sealed messages to a peer at HOST:PORT, and the server behind
// `outpost peer serve`. The seal (peer_seal.h) is the security; the HTTP is
// plain, since devices of a clinic have no certificates of their own.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "peer_addresses.h"
#include "peer_exchange.h"
#include "transport.h"

namespace httplib {
class Client;
}

namespace outpost {
namespace peer {

// Splits "host:port" (port 0 allowed: "any free port" for a listen
// address); false with a plain-words *problem when it is not one. The same
// check as the store's peer address book (split_host_port, peer_addresses.h).
bool parse_host_port(const std::string& text, std::string* host, int* port, std::string* problem);

// Timeouts in seconds; all of them are always set.
struct PeerTimeouts {
    int connect_s = 5;
    int read_s = 30;
    int write_s = 30;
};

// Not thread safe, except cancel() (from another thread: aborts a request in
// flight, which fails with Unavailable).
class PeerHttpTransport : public Transport {
  public:
    PeerHttpTransport(const std::string& host, int port, PeerTimeouts timeouts = {});
    ~PeerHttpTransport() override;
    Result<HttpReply> post(const std::string& path, const std::string& body,
                           const protocol::Headers& headers) override;
    Result<HttpReply> get(const std::string& path, const protocol::Headers& headers) override;
    std::string where() const override { return where_; }
    void cancel() override;

  private:
    std::string where_;
    std::unique_ptr<httplib::Client> client_;
};

// Serves kPeerPath with server until *stop is set (checked every 200 ms) or
// the listen fails. on_listening(port) is called once the socket is bound
// (port 0 picks one). Bodies over kMaxMessageBytes are refused with 413
// before they are read whole. Returns the failure, or Ok after a stop.
Status serve_peers(PeerServer& server, const std::string& host, int port,
                   const std::atomic<bool>* stop, const std::function<void(int)>& on_listening);

}  // namespace peer
}  // namespace outpost

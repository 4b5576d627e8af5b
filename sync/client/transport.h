// The seam between the sync client and the network. SyncSession speaks the
// protocol (docs/protocol.md) through a Transport, so the same client code
// runs over HTTP (transport_http.h), in-process against CentralCore
// (transport_loopback.h) and through a seeded faulty network in the
// simulation (transport_faulty.h).
//
// Contract: a Transport returns Status::Unavailable (with words a clinic
// worker can read, e.g. "cannot reach central at https://...: connection
// refused") when no HTTP answer arrived; any HTTP answer, error statuses
// included, is a successful HttpReply. Request bodies are uncompressed JSON
// text: a transport may compress them on the wire. Implementations need not
// be thread safe; each SyncClient owns one.
#pragma once

#include <string>

#include "protocol.h"
#include "status.h"

namespace outpost {

struct HttpReply {
    int status = 0;
    protocol::Headers headers;  // names compare case-insensitively
    std::string body;           // decompressed
};

class Transport {
public:
    virtual ~Transport() = default;
    // POST body (JSON text) to path with the given extra headers.
    virtual Result<HttpReply> post(const std::string& path, const std::string& body,
                                   const protocol::Headers& headers) = 0;
    virtual Result<HttpReply> get(const std::string& path, const protocol::Headers& headers) = 0;
    // Where requests go, for messages: "https://central.example:8443".
    virtual std::string where() const = 0;
    // True when the last Unavailable was a timeout or a link that died
    // mid-transfer (the page size shrinks); false for refused connections.
    virtual bool last_failure_was_timeout() const { return false; }
    // Aborts a request in flight (it fails with Unavailable). The only method
    // that may be called from another thread; used by SyncClient::stop().
    virtual void cancel() {}
};

}  // namespace outpost

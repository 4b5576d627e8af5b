// A Transport that hands requests straight to an in-process CentralCore: no
// sockets, no threads. The sync simulation and the client tests run the real
// client against the real server logic through it. It can also gzip each
// body only to count the bytes a real link would carry.
#pragma once

#include <cstdint>
#include <string>

#include "central_core.h"
#include "transport.h"

namespace outpost {

class LoopbackTransport : public Transport {
public:
    // core: not owned, must outlive the transport. remote_addr: what central
    // sees as the client's address (registration rate limits).
    explicit LoopbackTransport(CentralCore& core, std::string remote_addr = "127.0.0.1")
        : core_(core), remote_addr_(std::move(remote_addr)) {}

    Result<HttpReply> post(const std::string& path, const std::string& body,
                           const protocol::Headers& headers) override;
    Result<HttpReply> get(const std::string& path, const protocol::Headers& headers) override;
    std::string where() const override { return "loopback://central"; }

    // When on, every request body is also gzip-compressed to count
    // compressed_bytes_sent() (costs time; off by default).
    void measure_compression(bool on) { measure_ = on; }
    uint64_t plain_bytes_sent() const { return plain_; }
    uint64_t compressed_bytes_sent() const { return compressed_; }
    uint64_t reply_bytes() const { return replies_; }
    int64_t requests() const { return requests_; }

private:
    CentralCore& core_;
    std::string remote_addr_;
    bool measure_ = false;
    uint64_t plain_ = 0, compressed_ = 0, replies_ = 0;
    int64_t requests_ = 0;
};

}  // namespace outpost

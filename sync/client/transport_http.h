// The real network: HTTP/1.1 (HTTPS when the URL says so) to outpost-central
// through cpp-httplib. Every timeout is set, certificates are verified
// (against ca_file when given, else the system store), request bodies are
// gzip-compressed and gzip answers are accepted. See docs/protocol.md.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "transport.h"

namespace httplib {
class Client;
}

namespace outpost {

struct HttpTransportOptions {
    // "https://central.example:8443" or "http://127.0.0.1:8080" (no path).
    std::string server_url;
    // PEM file of the authority that signed central's certificate; empty:
    // the system's trusted authorities. Verification is always on.
    std::string ca_file;
    int connect_timeout_s = 10;  // TCP (and TLS) connection set-up
    int read_timeout_s = 30;     // waiting for each read of the answer
    int write_timeout_s = 30;    // waiting for each write of the request
    // Bodies at least this long are gzip-compressed (Content-Encoding: gzip).
    size_t compress_min_bytes = 256;
};

class HttpTransport : public Transport {
public:
    explicit HttpTransport(HttpTransportOptions options);
    ~HttpTransport() override;

    Result<HttpReply> post(const std::string& path, const std::string& body,
                           const protocol::Headers& headers) override;
    Result<HttpReply> get(const std::string& path, const protocol::Headers& headers) override;
    std::string where() const override { return options_.server_url; }
    bool last_failure_was_timeout() const override { return last_timeout_; }
    void cancel() override;

    // Bytes of request bodies put on the wire (after compression) and before
    // compression, since construction: for the bytes-per-event figure.
    uint64_t wire_bytes_sent() const { return wire_sent_; }
    uint64_t plain_bytes_sent() const { return plain_sent_; }

private:
    HttpTransportOptions options_;
    std::unique_ptr<httplib::Client> client_;
    bool last_timeout_ = false;
    uint64_t wire_sent_ = 0, plain_sent_ = 0;
};

// gzip (RFC 1952) of text with zlib; empty on failure (never for valid input).
std::string gzip_compress(const std::string& text);
// The inverse, for tests; false when data is not valid gzip.
bool gzip_decompress(const std::string& data, std::string* out);

}  // namespace outpost

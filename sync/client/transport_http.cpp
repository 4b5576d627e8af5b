// HttpTransport: cpp-httplib client with all timeouts set, certificate
// verification on, gzip request bodies (zlib directly, so the wire size is
// known) and gzip answers (httplib decompresses them). Failures without an
// HTTP answer become Status::Unavailable in plain words.
#include "transport_http.h"

#include <httplib.h>
#include <zlib.h>

#include <chrono>

#include "i18n.h"

namespace outpost {

std::string gzip_compress(const std::string& text) {
    z_stream zs{};
    // windowBits 15 + 16: write a gzip header and trailer, not raw zlib.
    // Level 9 and the largest memory level: push bodies are small next to a
    // slow link's time, so every byte saved is worth the CPU.
    if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY) != Z_OK)
        return {};
    std::string out;
    out.resize(deflateBound(&zs, text.size()) + 32);
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
    zs.avail_in = static_cast<uInt>(text.size());
    zs.next_out = reinterpret_cast<Bytef*>(&out[0]);
    zs.avail_out = static_cast<uInt>(out.size());
    int rc = deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return rc == Z_STREAM_END ? out : std::string();
}

bool gzip_decompress(const std::string& data, std::string* out) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) return false;
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    out->clear();
    char buf[16384];
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef*>(buf);
        zs.avail_out = sizeof buf;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) break;
        out->append(buf, sizeof buf - zs.avail_out);
    }
    inflateEnd(&zs);
    return rc == Z_STREAM_END;
}

HttpTransport::HttpTransport(HttpTransportOptions options) : options_(std::move(options)) {
    client_ = std::make_unique<httplib::Client>(options_.server_url);
    client_->set_connection_timeout(options_.connect_timeout_s, 0);
    client_->set_read_timeout(options_.read_timeout_s, 0);
    client_->set_write_timeout(options_.write_timeout_s, 0);
    client_->set_keep_alive(true);
    client_->set_decompress(true);  // gzip answers arrive decompressed
    if (!options_.ca_file.empty()) client_->set_ca_cert_path(options_.ca_file.c_str());
    client_->enable_server_certificate_verification(true);
}

HttpTransport::~HttpTransport() = default;

// httplib's stop() shuts the socket down, which is safe while another thread
// is inside a request: that request then fails.
void HttpTransport::cancel() { client_->stop(); }

namespace {

std::string failure_words(httplib::Error e, bool timed_out) {
    if (timed_out) return i18n::tr("no answer in time");
    switch (e) {
        case httplib::Error::Connection: return i18n::tr("connection refused or no route");
        case httplib::Error::ConnectionTimeout: return i18n::tr("connection timed out");
        case httplib::Error::Read: return i18n::tr("the connection dropped while waiting for the answer");
        case httplib::Error::Write: return i18n::tr("the connection dropped while sending");
        case httplib::Error::SSLConnection: return i18n::tr("secure connection failed");
        case httplib::Error::SSLLoadingCerts: return i18n::tr("the certificate authority file could not be read");
        case httplib::Error::SSLServerVerification: return i18n::tr("central's certificate is not trusted");
        case httplib::Error::Compression: return i18n::tr("a compressed answer was damaged");
        default: return i18n::format(i18n::tr("network error ({0})"), {httplib::to_string(e)});
    }
}

// "cannot reach central at URL: connection refused or no route".
std::string cannot_reach(const std::string& url, const std::string& why) {
    return i18n::format(i18n::tr("cannot reach central at {0}: {1}"), {url, why});
}

}  // namespace

namespace {

// An answer whose body was kept only up to protocol::kMaxAnswerBytes (gzip
// already undone by httplib): a larger answer is stopped while it arrives, so
// a wrong or hostile "central" cannot fill the device's memory.
struct CappedReply {
    std::string body;
    bool over_cap = false;
};

httplib::Result send_capped(httplib::Client& client, httplib::Request& req, CappedReply& out) {
    out.body.reserve(16 * 1024);
    req.content_receiver = [&out](const char* data, size_t n, uint64_t, uint64_t) {
        if (out.body.size() + n > protocol::kMaxAnswerBytes) {
            out.over_cap = true;
            return false;
        }
        out.body.append(data, n);
        return true;
    };
    return client.send(req);
}

std::string answer_too_large(const std::string& where) {
    return "central at " + where + " sent an answer over " +
           std::to_string(protocol::kMaxAnswerBytes / (1024 * 1024)) +
           " MiB, which a device refuses: check that the central address is right";
}

HttpReply to_reply(const httplib::Result& res, CappedReply& reply) {
    HttpReply r;
    r.status = res->status;
    for (const auto& kv : res->headers) r.headers[kv.first] = kv.second;
    r.body = std::move(reply.body);
    return r;
}

}  // namespace

Result<HttpReply> HttpTransport::post(const std::string& path, const std::string& body,
                                      const protocol::Headers& headers) {
    httplib::Headers h;
    for (const auto& kv : headers) h.emplace(kv.first, kv.second);
    h.emplace(protocol::kHeaderAcceptEncoding, "gzip");
    std::string wire = body;
    if (body.size() >= options_.compress_min_bytes) {
        std::string z = gzip_compress(body);
        if (!z.empty()) {
            wire = std::move(z);
            h.emplace(protocol::kHeaderContentEncoding, "gzip");
        }
    }
    plain_sent_ += body.size();
    wire_sent_ += wire.size();
    auto t0 = std::chrono::steady_clock::now();
    httplib::Request req;
    req.method = "POST";
    req.path = path;
    req.headers = std::move(h);
    req.headers.emplace("Content-Type", protocol::kContentTypeJson);
    req.body = std::move(wire);
    CappedReply reply;
    auto res = send_capped(*client_, req, reply);
    auto secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!res) {
        const httplib::Error e = res.error();
        if (reply.over_cap) {
            last_timeout_ = false;
            client_->stop();  // the rest of the answer is still on the socket
            return Status::Unavailable(answer_too_large(options_.server_url));
        }
        // A timeout, or a link that died mid-transfer: a smaller page has a
        // better chance next time. (httplib reports a read timeout as a plain
        // read error, so the two are told apart by how long the request took.)
        last_timeout_ = e == httplib::Error::ConnectionTimeout || e == httplib::Error::Read ||
                        e == httplib::Error::Write;
        const bool timed_out = e == httplib::Error::Read && secs >= options_.read_timeout_s - 0.5;
        client_->stop();  // drop a half-dead keep-alive connection
        return Status::Unavailable(cannot_reach(options_.server_url, failure_words(e, timed_out)));
    }
    last_timeout_ = false;
    return to_reply(res, reply);
}

Result<HttpReply> HttpTransport::get(const std::string& path, const protocol::Headers& headers) {
    httplib::Headers h;
    for (const auto& kv : headers) h.emplace(kv.first, kv.second);
    h.emplace(protocol::kHeaderAcceptEncoding, "gzip");
    httplib::Request req;
    req.method = "GET";
    req.path = path;
    req.headers = std::move(h);
    CappedReply reply;
    auto res = send_capped(*client_, req, reply);
    if (!res) {
        last_timeout_ = false;
        client_->stop();
        if (reply.over_cap) return Status::Unavailable(answer_too_large(options_.server_url));
        last_timeout_ = res.error() == httplib::Error::ConnectionTimeout;
        return Status::Unavailable(cannot_reach(options_.server_url, failure_words(res.error(), false)));
    }
    last_timeout_ = false;
    return to_reply(res, reply);
}

}  // namespace outpost

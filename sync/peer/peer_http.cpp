// PeerHttpTransport and serve_peers. See peer_http.h.
#include "peer_http.h"

#include <httplib.h>

#include <thread>

namespace outpost {
namespace peer {

bool parse_host_port(const std::string& text, std::string* host, int* port, std::string* problem) {
    return split_host_port(text, host, port, problem, 0);
}

PeerHttpTransport::PeerHttpTransport(const std::string& host, int port, PeerTimeouts timeouts)
    : where_(host + ":" + std::to_string(port)),
      client_(std::make_unique<httplib::Client>(host, port)) {
    client_->set_connection_timeout(timeouts.connect_s, 0);
    client_->set_read_timeout(timeouts.read_s, 0);
    client_->set_write_timeout(timeouts.write_s, 0);
}

void PeerHttpTransport::cancel() {
    client_->stop();
}

PeerHttpTransport::~PeerHttpTransport() = default;

Result<HttpReply> PeerHttpTransport::post(const std::string& path, const std::string& body,
                                          const protocol::Headers& headers) {
    httplib::Headers h;
    std::string type = "application/octet-stream";
    for (const auto& [k, v] : headers) {
        if (k == protocol::kHeaderContentType)
            type = v;
        else
            h.emplace(k, v);
    }
    auto r = client_->Post(path, h, body, type);
    if (!r)
        return Status::Unavailable("cannot reach the device at " + where_ + ": " +
                                   httplib::to_string(r.error()));
    if (r->body.size() > kMaxMessageBytes)
        return Status::Unavailable("the device at " + where_ +
                                   " sent an answer over 8 MiB; refused");
    HttpReply out;
    out.status = r->status;
    for (const auto& [k, v] : r->headers) out.headers[k] = v;
    out.body = std::move(r->body);
    return out;
}

Result<HttpReply> PeerHttpTransport::get(const std::string&, const protocol::Headers&) {
    return Status::InvalidArgument("the peer exchange has no GET requests");
}

Status serve_peers(PeerServer& server, const std::string& host, int port,
                   const std::atomic<bool>* stop, const std::function<void(int)>& on_listening) {
    httplib::Server http;
    http.set_payload_max_length(kMaxMessageBytes);
    http.set_read_timeout(30, 0);
    http.set_write_timeout(30, 0);
    http.Post(kPeerPath, [&](const httplib::Request& req, httplib::Response& res) {
        PeerReply reply = server.handle(req.body, req.remote_addr);
        res.status = reply.status;
        res.set_content(reply.body,
                        reply.status == 200 ? "application/octet-stream" : "application/json");
    });
    const int bound =
        port == 0 ? http.bind_to_any_port(host) : (http.bind_to_port(host, port) ? port : -1);
    if (bound < 0)
        return Status::Unavailable("cannot listen on " + host + ":" + std::to_string(port) +
                                   " (address in use, or not an address of this device)");
    if (on_listening) on_listening(bound);
    std::atomic<bool> finished{false};
    std::thread watcher([&] {
        while (!finished.load() && !(stop && stop->load()))
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        http.stop();
    });
    const bool ok = http.listen_after_bind();
    const bool stopped = stop && stop->load();
    finished = true;
    watcher.join();
    return ok || stopped ? Status::Ok() : Status::Unavailable("the peer server stopped listening");
}

}  // namespace peer
}  // namespace outpost

// LoopbackTransport: see transport_loopback.h.
#include "transport_loopback.h"

#include "transport_http.h"

namespace outpost {

Result<HttpReply> LoopbackTransport::post(const std::string& path, const std::string& body,
                                          const protocol::Headers& headers) {
    protocol::Request req{"POST", path, headers, body, remote_addr_};
    plain_ += body.size();
    if (measure_) compressed_ += gzip_compress(body).size();
    ++requests_;
    protocol::Response res = core_.handle(req);
    replies_ += res.body.size();
    return HttpReply{res.status, res.headers, res.body};
}

Result<HttpReply> LoopbackTransport::get(const std::string& path, const protocol::Headers& headers) {
    protocol::Request req{"GET", path, headers, "", remote_addr_};
    ++requests_;
    protocol::Response res = core_.handle(req);
    replies_ += res.body.size();
    return HttpReply{res.status, res.headers, res.body};
}

}  // namespace outpost

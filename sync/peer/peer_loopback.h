// A Transport to a PeerServer in the same process: the peer exchange with no
// socket, for the sync simulation and the tests. It keeps every request and
// answer that went by (replay tests) and can change them on their way
// (tamper_request, tamper_answer). Not thread safe.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "peer_exchange.h"
#include "transport.h"

namespace outpost {
namespace peer {

class PeerLoopbackTransport : public Transport {
public:
    explicit PeerLoopbackTransport(PeerServer& server) : server_(server) {}
    std::vector<std::string> requests, answers;
    std::function<void(std::string*)> tamper_request, tamper_answer;
    // Set false to stop keeping requests and answers (long simulations).
    bool keep = true;

    Result<HttpReply> post(const std::string&, const std::string& body, const protocol::Headers&) override {
        std::string sent = body;
        if (tamper_request) tamper_request(&sent);
        PeerReply r = server_.handle(sent);
        if (tamper_answer) tamper_answer(&r.body);
        if (keep) {
            requests.push_back(sent);
            answers.push_back(r.body);
        }
        HttpReply out;
        out.status = r.status;
        out.body = std::move(r.body);
        return out;
    }
    Result<HttpReply> get(const std::string&, const protocol::Headers&) override {
        return Status::InvalidArgument("the peer exchange has no GET requests");
    }
    std::string where() const override { return "a peer in this process"; }

private:
    PeerServer& server_;
};

}  // namespace peer
}  // namespace outpost

// The sync simulation's peer parts (issue 15): the wire between two devices
// on the clinic's network, which hands a sealed message to whatever peer
// server the serving device has at that moment (so a message held back by
// the faulty link reaches the device after its crash or restore, as a late
// packet would), and the check that stocktake corrections are neither lost
// nor counted twice wherever the changes came from.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "peer_exchange.h"
#include "store.h"
#include "transport.h"

namespace outpost {
namespace sim {

// A Transport to a peer server found by server() at each request (null: the
// device is away, Unavailable). intercept, when set (during one meeting),
// may answer instead (a crash on either side); it returns nullopt to let the
// request through.
class PeerWire : public Transport {
  public:
    std::function<peer::PeerServer*()> server;
    std::function<std::optional<Result<HttpReply>>(const std::string& body)> intercept;

    Result<HttpReply> post(const std::string& path, const std::string& body,
                           const protocol::Headers& headers) override;
    Result<HttpReply> get(const std::string&, const protocol::Headers&) override {
        return Status::InvalidArgument("the peer exchange has no GET requests");
    }
    std::string where() const override { return "a peer on the simulated LAN"; }
};

// Hands body to server()'s handle(), as HTTP would.
Result<HttpReply> deliver_to_peer(peer::PeerServer* server, const std::string& body);

// Checks, on a store holding the whole site (central's copy), every counted
// line of every finalised stocktake: at most one stocktake correction per
// stocktake and batch, and it equals the count minus the balance the sheet
// showed when the count started (the expected column: stock on hand then,
// which is the sum of the events the store held then). A correction taken
// against another balance (an event the frontier wrongly included or left
// out) is counted twice or lost. Appends each failure to *problems;
// returns the number of lines checked.
int64_t check_stocktake_corrections(Store& site_copy, std::vector<std::string>* problems);

}  // namespace sim
}  // namespace outpost

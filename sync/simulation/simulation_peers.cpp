// See simulation_peers.h.
#include "simulation_peers.h"

namespace outpost {
namespace sim {

Result<HttpReply> deliver_to_peer(peer::PeerServer* server, const std::string& body) {
    if (!server) return Status::Unavailable("the peer is not on the network");
    peer::PeerReply r = server->handle(body);
    HttpReply out;
    out.status = r.status;
    out.body = std::move(r.body);
    return out;
}

Result<HttpReply> PeerWire::post(const std::string&, const std::string& body,
                                 const protocol::Headers&) {
    if (intercept)
        if (auto answered = intercept(body)) return std::move(*answered);
    return deliver_to_peer(server ? server() : nullptr, body);
}

int64_t check_stocktake_corrections(Store& site_copy, std::vector<std::string>* problems) {
    int64_t checked = 0;
    Stmt lines = site_copy.db().prepare(
        "SELECT l.stocktake_id, l.batch_id, l.expected, l.counted FROM stocktake_lines l "
        "JOIN stocktakes s ON s.id=l.stocktake_id WHERE s.status='finalised' AND l.counted IS NOT "
        "NULL "
        "ORDER BY l.stocktake_id, l.batch_id");
    Stmt events = site_copy.db().prepare(
        "SELECT COUNT(*), COALESCE(SUM(quantity),0) FROM stock_events WHERE kind='stocktake' AND "
        "stocktake_id=? "
        "AND batch_id=?");
    while (lines.step()) {
        ++checked;
        events.reset();
        events.bind(1, lines.text(0)).bind(2, lines.text(1));
        if (!events.step()) {
            problems->push_back("stocktake " + lines.text(0) +
                                ": its corrections could not be read");
            continue;
        }
        const int64_t n = events.i64(0), correction = events.i64(1);
        const int64_t want = lines.i64(3) - lines.i64(2);
        if (n > 1)
            problems->push_back("stocktake " + lines.text(0) + " corrected batch " + lines.text(1) +
                                " " + std::to_string(n) + " times");
        if (correction != want)
            problems->push_back("stocktake " + lines.text(0) + ", batch " + lines.text(1) +
                                ": counted " + std::to_string(lines.i64(3)) + " against " +
                                std::to_string(lines.i64(2)) + " shown, but corrected by " +
                                std::to_string(correction) + " (not " + std::to_string(want) +
                                "): an event counted twice or lost");
    }
    if (!lines.status().ok())
        problems->push_back("stocktake lines could not be read: " + lines.status().message());
    return checked;
}

}  // namespace sim
}  // namespace outpost

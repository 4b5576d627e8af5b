// What a store holds, per origin device (issue 15, peer sync): the types of
// the version vector and of a change with its origin, shared by the store's
// apply path (replication.cpp), the holdings queries (holdings.cpp), the
// sync client and the peer exchange (sync/peer/). docs/protocol.md, "Peer
// exchange", is the wire form.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace outpost {

// Per origin device id, the highest sequence number n such that this store
// holds that device's changes 1..n (its own outbox for itself, applied
// changes for the others). Devices it holds nothing of are absent (0).
using VersionVector = std::map<std::string, int64_t>;

// One change of some device of the site, as it travels between stores.
// origin empty and seq 0: central data (catalogue, users, shipments), which
// has no origin device and is applied but not held for relaying.
struct RemoteChange {
    std::string origin;   // the device that made the change
    int64_t seq = 0;      // its sequence number on that device
    std::string hlc;      // the change's clock ("" when not known)
    std::string payload;  // {"table": [rows]} as text
};

// {"device": seq, ...}
nlohmann::json version_vector_json(const VersionVector& vv);
// Reads a version vector: an object of device id -> whole number >= 0 (at
// most 10,000 entries). False with a plain-words *problem otherwise.
bool read_version_vector(const nlohmann::json& j, VersionVector* out, std::string* problem);

}  // namespace outpost

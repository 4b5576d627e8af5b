// What this store holds, per origin device (issue 15): the version vector
// and the changes a peer lacks, read from the outbox (this device's own
// changes, gap-free from 1) and held_changes (other devices' changes this
// store applied, schema migration 8). The apply side is replication.cpp.
#include "holdings.h"

#include "store_internal.h"

namespace outpost {

json version_vector_json(const VersionVector& vv) {
    json j = json::object();
    for (const auto& [device, seq] : vv) j[device] = seq;
    return j;
}

bool read_version_vector(const json& j, VersionVector* out, std::string* problem) {
    out->clear();
    if (!j.is_object()) {
        *problem = "the version vector is not an object of device -> sequence number";
        return false;
    }
    if (j.size() > 10000) {
        *problem = "the version vector names more than 10,000 devices";
        return false;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key().empty() || it.key().size() > 64 || !it->is_number_integer() || it->get<int64_t>() < 0) {
            *problem = "the version vector's entry for '" + it.key().substr(0, 64) +
                       "' is not a device id with a whole number, 0 or more";
            return false;
        }
        if (it->get<int64_t>() > 0) (*out)[it.key()] = it->get<int64_t>();
    }
    return true;
}

Result<VersionVector> Store::version_vector() {
    VersionVector vv;
    if (!has_identity()) return vv;
    if (const int64_t own = outbox_last_seq(); own > 0) vv[identity_.device_id] = own;
    // Per origin, the first held seq whose successor is missing, counted only
    // when the run starts at 1: {1,2,3,5} holds through 3, {2,3} through 0.
    Stmt s = db_.prepare(
        "SELECT h.origin_device, MIN(h.seq) FROM held_changes h "
        "WHERE NOT EXISTS (SELECT 1 FROM held_changes g WHERE g.origin_device=h.origin_device AND g.seq=h.seq+1) "
        "AND EXISTS (SELECT 1 FROM held_changes f WHERE f.origin_device=h.origin_device AND f.seq=1) "
        "GROUP BY h.origin_device");
    while (s.step()) vv[s.text(0)] = s.i64(1);
    if (!s.status().ok()) return s.status();
    return vv;
}

Result<std::vector<RemoteChange>> Store::changes_missing_from(const VersionVector& theirs, int max_rows,
                                                              size_t max_bytes, bool* more) {
    *more = false;
    std::vector<RemoteChange> out;
    if (!has_identity()) return out;
    if (max_rows <= 0) max_rows = 1;
    auto mine = theirs.find(identity_.device_id);
    // Own changes sort as (seq, 0); a held change as (own changes made before
    // it arrived, arrival): the order this device came to hold them in.
    Stmt s = db_.prepare(
        "SELECT origin, seq, hlc, payload FROM ("
        " SELECT ?1 AS origin, seq, hlc, payload, seq AS k1, 0 AS k2 FROM outbox WHERE seq > ?2"
        " UNION ALL"
        " SELECT origin_device, seq, hlc, payload, own_before, arrival FROM held_changes h"
        " WHERE seq > COALESCE((SELECT value FROM json_each(?3) WHERE key = h.origin_device), 0)"
        ") ORDER BY k1, k2 LIMIT ?4");
    s.bind(1, identity_.device_id).bind(2, mine == theirs.end() ? int64_t{0} : mine->second);
    s.bind(3, version_vector_json(theirs).dump()).bind(4, static_cast<int64_t>(max_rows) + 1);
    size_t bytes = 0;
    while (s.step()) {
        RemoteChange c{s.text(0), s.i64(1), s.text(2), s.text(3)};
        if (static_cast<int>(out.size()) == max_rows || (!out.empty() && bytes + c.payload.size() > max_bytes)) {
            *more = true;
            break;
        }
        bytes += c.payload.size();
        out.push_back(std::move(c));
    }
    if (!s.status().ok()) return s.status();
    return out;
}

}  // namespace outpost

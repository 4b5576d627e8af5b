// What a device's store holds, reduced to the facts convergence is judged
// on (stock per batch, event ids, patient and batch details), and a short
// description of how two holdings differ. Used by the sync simulation.
#pragma once

#include <map>
#include <set>
#include <string>

#include "store.h"

namespace outpost {

struct Holdings {
    std::map<std::string, int64_t> stock;            // batch -> on hand
    std::set<std::string> events;                    // stock event ids
    std::map<std::string, std::string> patients;     // id -> "family|given|village|phone"
    std::map<std::string, std::string> batches;      // id -> "item|no|expiry|hold|needs count"
    // Sent requisitions: id -> "status|ordered lines|units"; shipments: id -> "lines|units".
    std::map<std::string, std::string> requisitions, shipments;
    bool operator==(const Holdings& o) const {
        return stock == o.stock && events == o.events && patients == o.patients && batches == o.batches &&
               requisitions == o.requisitions && shipments == o.shipments;
    }
};

Holdings holdings(Store& s);
// The same holdings with each batch's "needs count" flag left out (the last
// field of Holdings::batches). For comparing a device restored from central
// with the live devices when peers relayed changes: see the known gap in
// docs/known-gaps.md ("Peer sync", the count flag on a restored device).
Holdings without_count_flags(Holdings h);
// Sizes of both, then the first batch whose stock differs.
std::string describe_difference(const Holdings& a, const Holdings& b);

}  // namespace outpost

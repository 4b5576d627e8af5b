// The simulation's orders (see simulation_orders.h).
#include "simulation_orders.h"

#include <algorithm>

#include "requisitions.h"

namespace outpost::sim {

namespace {

// The same draws as World::pick and World::chance.
int pick(std::mt19937_64& rng, int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); }
bool chance(std::mt19937_64& rng, double p) {
    return p > 0 && std::uniform_real_distribution<double>(0, 1)(rng) < p;
}

}  // namespace

Status send_a_requisition(Store& s, const std::string& user) {
    auto id = create_requisition(s, user);
    if (!id.ok()) return id.status();
    auto r = requisition(s, *id);
    if (!r.ok()) return r.status();
    if (r->lines.empty()) return discard_requisition(s, user, *id);
    bool any = false;
    for (const auto& l : r->lines) any = any || l.quantity > 0;
    if (!any) {
        Status q = set_requisition_quantity(s, user, r->lines.front().id, 2 * r->lines.front().pack_size,
                                            "simulated campaign");
        if (!q.ok()) return q;
    }
    return send_requisition(s, user, *id);
}

Status receive_a_shipment_line(Store& s, const std::string& user, std::mt19937_64& rng) {
    auto lines = expected_shipment_lines(s);
    if (!lines.ok()) return lines.status();
    if (lines->empty()) return Status::Ok();
    const auto& l = (*lines)[pick(rng, 0, static_cast<int>(lines->size()) - 1)];
    auto r = receive_shipment_lines(s, user, {{l.id, std::nullopt, ""}});
    return r.status();
}

std::vector<std::string> answer_requisitions(CentralCore& core, std::mt19937_64& rng, int* next_shipment,
                                             int64_t* shipments) {
    std::vector<std::string> problems;
    auto reqs = core.list_requisitions("");
    if (!reqs.ok()) return {"central could not list requisitions: " + reqs.status().message()};
    for (const auto& r : *reqs) {
        if (!r.shipment_id.empty() || !chance(rng, 0.6)) continue;
        std::vector<ShipmentLineInput> lines;
        for (const auto& l : r.lines) {
            if (l.quantity <= 0) continue;
            const int split = pick(rng, 1, 2);
            for (int k = 0; k < split; ++k)
                lines.push_back({l.item_code, "SH" + std::to_string(*next_shipment) + "-" + std::to_string(k),
                                 "2027-1" + std::to_string(k) + "-28", std::max<int64_t>(1, l.quantity / split)});
        }
        if (lines.empty()) continue;
        auto id = core.ship(r.id, lines, "SIM-" + std::to_string((*next_shipment)++));
        if (!id.ok())
            problems.push_back("central could not ship requisition " + r.id + ": " + id.status().message());
        else
            ++*shipments;
    }
    return problems;
}

}  // namespace outpost::sim

// See simulation_holdings.h.
#include "simulation_holdings.h"

#include <sstream>

namespace outpost {

Holdings holdings(Store& s) {
    Holdings h;
    Db& db = s.db();
    for (Stmt st = db.prepare("SELECT batch_id, quantity FROM stock_on_hand"); st.step();)
        h.stock[st.text(0)] = st.i64(1);
    for (Stmt st = db.prepare("SELECT id FROM stock_events"); st.step();) h.events.insert(st.text(0));
    for (Stmt st = db.prepare("SELECT id, family_name, given_name, village, phone FROM patients"); st.step();)
        h.patients[st.text(0)] = st.text(1) + "|" + st.text(2) + "|" + st.text(3) + "|" + st.text(4);
    for (Stmt st = db.prepare("SELECT id, item_id, batch_no, expiry, on_hold, needs_count FROM batches"); st.step();)
        h.batches[st.text(0)] = st.text(1) + "|" + st.text(2) + "|" + st.text(3) + "|" + st.text(4) + "|" + st.text(5);
    // Drafts stay on the device that made them; what was sent (the ordered
    // lines: the sender also keeps its unordered draft lines) must agree.
    for (Stmt st = db.prepare(
             "SELECT r.id, r.status, COUNT(l.id), COALESCE(SUM(l.quantity),0) FROM requisitions r "
             "LEFT JOIN requisition_lines l ON l.requisition_id=r.id AND l.quantity>0 WHERE r.status<>'draft' GROUP BY r.id");
         st.step();)
        h.requisitions[st.text(0)] = st.text(1) + "|" + st.text(2) + "|" + st.text(3);
    for (Stmt st = db.prepare(
             "SELECT s.id, COUNT(l.id), COALESCE(SUM(l.quantity),0) FROM shipments s "
             "LEFT JOIN shipment_lines l ON l.shipment_id=s.id GROUP BY s.id");
         st.step();)
        h.shipments[st.text(0)] = st.text(1) + "|" + st.text(2);
    return h;
}

Holdings without_count_flags(Holdings h) {
    for (auto& kv : h.batches) {
        const auto bar = kv.second.rfind('|');
        if (bar != std::string::npos) kv.second.resize(bar);
    }
    return h;
}

std::string describe_difference(const Holdings& a, const Holdings& b) {
    std::ostringstream o;
    o << "stock rows " << a.stock.size() << " vs " << b.stock.size() << ", events " << a.events.size() << " vs "
      << b.events.size() << ", patients " << a.patients.size() << " vs " << b.patients.size() << ", batches "
      << a.batches.size() << " vs " << b.batches.size() << ", requisitions " << a.requisitions.size() << " vs "
      << b.requisitions.size() << ", shipments " << a.shipments.size() << " vs " << b.shipments.size();
    for (const auto& kv : a.stock) {
        auto it = b.stock.find(kv.first);
        if (it == b.stock.end() || it->second != kv.second) {
            o << "; batch " << kv.first << ": " << kv.second << " vs "
              << (it == b.stock.end() ? std::string("none") : std::to_string(it->second));
            break;
        }
    }
    // The first row of each kind whose content differs (same counts can hide it).
    auto first_text_difference = [&o](const char* what, const std::map<std::string, std::string>& x,
                                      const std::map<std::string, std::string>& y) {
        for (const auto& kv : x) {
            auto it = y.find(kv.first);
            if (it == y.end() || it->second != kv.second) {
                o << "; " << what << " " << kv.first << ": '" << kv.second << "' vs '"
                  << (it == y.end() ? std::string("none") : it->second) << "'";
                return;
            }
        }
    };
    first_text_difference("patient", a.patients, b.patients);
    first_text_difference("batch", a.batches, b.batches);
    first_text_difference("requisition", a.requisitions, b.requisitions);
    first_text_difference("shipment", a.shipments, b.shipments);
    for (const auto& e : a.events)
        if (!b.events.count(e)) {
            o << "; event " << e << " only on the first";
            break;
        }
    return o.str();
}

}  // namespace outpost

// Helpers for the peer sync tests (issue 15): central in memory with two
// sites (each with an admin and a two-item catalogue), devices registered
// and synced once through the loopback transport (so each holds its site's
// key), and a Transport that hands sealed messages to an in-process
// PeerServer, keeping what went by for the replay tests. Header-only.
#pragma once

#include <catch2/catch.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "central_core.h"
#include "client_register.h"
#include "client_session.h"
#include "peer_exchange.h"
#include "peer_loopback.h"
#include "transport_loopback.h"

namespace outpost::peer_test {

using json = nlohmann::json;

constexpr int64_t kStart = 1781517600000LL;  // 2026-06-15 10:00 UTC

struct World {
    FakeClock clock{kStart};
    std::unique_ptr<CentralCore> central;
    std::unique_ptr<LoopbackTransport> wire;
    SyncConfig config;

    World() {
        central = CentralCore::Open(":memory:", &clock, false).value();
        for (const char* site : {"HC01", "HC02"}) {
            REQUIRE(central->create_site(site, std::string("Site ") + site, false).ok());
            REQUIRE(central->add_user(site, "Amina", "admin", "1234").ok());
        }
        REQUIRE(central
                    ->import_catalogue_csv("code,name,strength,form,unit,pack_size,default_directions,warning,"
                                           "reorder_level,cold_chain,controlled\n"
                                           "AMOX250,Amoxicillin,250 mg,tablet,tablet,100,1t tds,,10,0,0\n"
                                           "PARA500,Paracetamol,500 mg,tablet,tablet,100,2t qid,,10,0,0\n")
                    .ok());
        wire = std::make_unique<LoopbackTransport>(*central);
        config.clock = &clock;
    }
    // A device of site, registered and synced once.
    std::unique_ptr<Store> device(const std::string& site, const std::string& name) {
        auto s = Store::Open({":memory:", true, &clock, false}).value();
        REQUIRE(register_device(*wire, central->issue_code(site).value(), name, *s).ok());
        REQUIRE(sync(*s).status.ok());
        return s;
    }
    CycleReport sync(Store& s) {
        SyncSession session(s, *wire, clock, config);
        return session.run_once();
    }
};

// Receives qty of AMOX250 into batch L1.
inline void receive(Store& s, int64_t qty, const std::string& batch = "L1") {
    ReceiveInput in;
    in.item_id = s.item_by_code("AMOX250")->id;
    in.batch_no = batch;
    in.expiry = "2027-01-31";
    in.quantity = qty;
    auto r = s.receive(s.users().at(0).id, in);
    INFO(r.status().message());
    REQUIRE(r.ok());
}

inline int64_t amox_on_hand(Store& s) { return s.item_detail(s.item_by_code("AMOX250")->id)->on_hand; }
inline int64_t held_rows(Store& s) { return s.db().query_i64("SELECT COUNT(*) FROM held_changes").value_or(-1); }

// The peer behind the wire is a PeerServer in this process.
using PeerLoopback = peer::PeerLoopbackTransport;

}  // namespace outpost::peer_test

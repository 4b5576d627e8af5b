// A central with three sites in two regions, each with a real device store
// that received and dispensed stock, sent a requisition (HC01's answered by
// a shipment) and synced it through the real client
// (in-process, LoopbackTransport), plus an administrator and a viewer
// limited to the North region's sites. Shared by the access and browser
// tests. Header-only.
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "admin_accounts.h"
#include "central_core.h"
#include "client_register.h"
#include "client_session.h"
#include "orders.h"
#include "projection.h"
#include "store.h"
#include "transport_loopback.h"

namespace outpost::web_test {

struct Sites {
    // The wall clock, so a server process started on the same file agrees
    // on "today" and the data is minutes old, not months.
    FakeClock clock{SystemClock().now_ms()};
    std::unique_ptr<CentralCore> central;
    std::unique_ptr<LoopbackTransport> wire;
    std::vector<std::unique_ptr<Store>> devices;
    static constexpr const char* kAdminPassword = "administrator-pw";
    static constexpr const char* kViewerPassword = "north-viewer-pw";

    explicit Sites(const std::string& path = ":memory:") {
        central = CentralCore::Open(path, &clock, false).value();
        const char* sites[][3] = {{"HC01", "Mbala Health Centre", "North"},
                                  {"HC02", "Kasama Clinic", "North"},
                                  {"HC03", "Zomba Rural Post", "South"}};
        REQUIRE(central
                    ->import_catalogue_csv("code,name,strength,form,unit,pack_size,default_directions,warning,"
                                           "reorder_level,cold_chain,controlled\n"
                                           "AMOX250,Amoxicillin,250 mg,tablet,tablet,100,1t tds,,10,0,0\n"
                                           "PARA500,Paracetamol,500 mg,tablet,tablet,100,2t qid,,10,0,0\n")
                    .ok());
        wire = std::make_unique<LoopbackTransport>(*central);
        int n = 0;
        for (auto& s : sites) {
            REQUIRE(central->create_site(s[0], s[1], false).ok());
            REQUIRE(central->read([&](Db& db) { return projection::set_region(db, s[0], s[2]); }).ok());
            REQUIRE(central->add_user(s[0], "Amina", "admin", "1234").ok());
            auto store = Store::Open({":memory:", true, &clock, false}).value();
            REQUIRE(register_device(*wire, central->issue_code(s[0]).value(), std::string("kiosk ") + s[0], *store).ok());
            SyncConfig config;
            config.clock = &clock;
            REQUIRE(SyncSession(*store, *wire, clock, config).run_once().status.ok());
            const std::string user = store->users().at(0).id;
            const std::string amox = store->item_by_code("AMOX250")->id;
            // Each site a different amount, so rows are told apart.
            ReceiveInput in;
            in.item_id = amox;
            in.batch_no = std::string("L-") + s[0];
            in.expiry = "2030-01-31";
            in.quantity = 300 + 100 * n;
            REQUIRE(store->receive(user, in).ok());
            ReceiveInput soon = in;
            soon.item_id = store->item_by_code("PARA500")->id;
            soon.batch_no = std::string("P-") + s[0];
            soon.expiry = expiry_in_days(20);  // expiring within six weeks
            soon.quantity = 50;
            REQUIRE(store->receive(user, soon).ok());
            PatientInput p;
            p.family_name = "Phiri";
            p.given_name = "Joseph";
            p.sex = "M";
            auto patient = store->register_patient(user, p);
            REQUIRE(patient.ok());
            DispenseInput d;
            d.patient_id = *patient;
            d.prescriber = "Dr Banda";
            d.lines.push_back({amox, 15 + n, "1t tds x5/7", "", std::nullopt});
            auto dispensed = store->dispense(user, d);
            INFO(dispensed.status().message());
            REQUIRE(dispensed.ok());
            // A requisition per site: AMOX250, one pack more per site.
            auto req = create_requisition(*store, user);
            REQUIRE(req.ok());
            for (const auto& line : requisition(*store, *req).value().lines)
                if (line.code == "AMOX250")
                    REQUIRE(set_requisition_quantity(*store, user, line.id, 100 * (n + 1), "rainy season").ok());
            REQUIRE(send_requisition(*store, user, *req).ok());
            REQUIRE(SyncSession(*store, *wire, clock, config).run_once().status.ok());
            devices.push_back(std::move(store));
            ++n;
        }
        // Central answers HC01's requisition (80 units); the others stay open.
        auto hc01 = central->list_requisitions("HC01");
        REQUIRE(hc01.ok());
        REQUIRE(hc01->size() == 1);
        REQUIRE(central->ship(hc01->at(0).id, {{"AMOX250", "S-100", expiry_in_days(400), 80}}, "CMS-1").ok());
        REQUIRE(central->read([&](Db& db) {
                           web::AdminStore admins(db, clock);
                           Status s = admins.migrate();
                           if (s.ok()) s = admins.add("ada", web::AdminRole::kAdministrator, {}, kAdminPassword).status();
                           if (s.ok())
                               s = admins.add("north", web::AdminRole::kViewer, {"HC01", "HC02"}, kViewerPassword).status();
                           return s;
                       })
                    .ok());
    }

    std::string expiry_in_days(int days) {
        time_t t = static_cast<time_t>(clock.now_ms() / 1000 + days * 86400LL);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char buf[16];
        std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
        return buf;
    }
};

}  // namespace outpost::web_test

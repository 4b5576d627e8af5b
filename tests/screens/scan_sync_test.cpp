// "Linked once and known everywhere after sync" (issue 11): a storekeeper
// links an unknown barcode on one device's Stock screen, the devices sync
// through the in-process loopback central (the real client and server logic,
// no sockets), and a scan of the same pack on a second device opens the item
// with no link asked for. Scans go through the shell's input queue.
#include <catch2/catch.hpp>

#include "central_core.h"
#include "client_register.h"
#include "client_session.h"
#include "transport_loopback.h"
#include "ui_harness.h"
#include "wedge_scanner.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

const std::string kGtin = "09506000134352";
const std::string kPack = "]d201" + kGtin + "17280131" "10L1";

void sync(Clinic& device, LoopbackTransport& wire) {
    SyncConfig config;
    config.clock = &device.clock;
    SyncSession session(*device.store, wire, device.clock, config);
    const auto report = session.run_once();
    INFO(report.status.message());
    REQUIRE(report.status.ok());
}

}  // namespace

TEST_CASE("a barcode linked on one device is known on another after sync", "[screens][scan][sync]") {
    FakeClock central_clock{kStartMs};
    auto central = CentralCore::Open(":memory:", &central_clock, false).value();
    REQUIRE(central->create_site("HC01", "Mbala Health Centre", false).ok());
    REQUIRE(central->add_user("HC01", kStorekeeper, "storekeeper", kStorekeeperPin).ok());
    REQUIRE(central
                ->import_catalogue_csv("code,name,strength,form,unit,pack_size,default_directions,warning,"
                                       "reorder_level,cold_chain,controlled\n"
                                       "AMOX250,Amoxicillin,250 mg,tablet,tablet,100,1t tds,,10,0,0\n"
                                       "PARA500,Paracetamol,500 mg,tablet,tablet,100,2t qid,,10,0,0\n")
                .ok());
    LoopbackTransport wire(*central);
    Clinic a(false), b(false);  // two empty devices of the site
    REQUIRE(register_device(wire, central->issue_code("HC01").value(), "kiosk-a", *a.store).ok());
    REQUIRE(register_device(wire, central->issue_code("HC01").value(), "kiosk-b", *b.store).ok());
    sync(a, wire);
    sync(b, wire);
    const std::string amox = a.store->item_by_code("AMOX250")->id;
    const std::string user = a.store->users().at(0).id;
    ReceiveInput in;
    in.item_id = amox;
    in.batch_no = "L1";
    in.expiry = "2028-01-31";
    in.quantity = 300;
    auto batch = a.store->receive(user, in);
    REQUIRE(batch.ok());

    {  // Device A: the scan asks to link; the storekeeper picks the item.
        Ui ui(a);
        WedgeScanner scanner(ui);
        REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
        REQUIRE(ui.tap("Stock##nav"));
        REQUIRE(scanner.scan(kPack) == 1);
        REQUIRE(ui.probe.text("link:gtin") == kGtin);
        REQUIRE(ui.type_into("##link_search", "AMOX"));
        REQUIRE(ui.tap_prefix("AMOX250  "));
        INFO(ui.error());
        CHECK(ui.visible("Hold##hold-" + batch->batch_id));  // the item opened
    }
    CHECK(b.store->item_for_gtin(kGtin).status().code() == Status::Code::kNotFound);
    sync(a, wire);  // A pushes the link
    sync(b, wire);  // B pulls it
    auto on_b = b.store->item_for_gtin(kGtin);
    REQUIRE(on_b.ok());
    CHECK(on_b->id == amox);

    {  // Device B: the same pack opens the item, no link asked.
        Ui ui(b);
        WedgeScanner scanner(ui);
        REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
        REQUIRE(ui.tap("Stock##nav"));
        REQUIRE(scanner.scan(kPack) == 1);
        CHECK(ui.probe.text("link:gtin").empty());
        INFO(ui.error());
        CHECK(ui.visible("Hold##hold-" + batch->batch_id));
    }
}

// outpost-central administration: sites, users, the catalogue import (all or
// nothing, line numbers), sync health; and a device store that applies what
// central serves (the rows central writes are rows a store accepts).
#include <sodium.h>

#include <fstream>
#include <sstream>

#include "central_test_util.h"
#include "store.h"

using namespace outpost;
using namespace outpost::central_test;

namespace {
const char* kHeader =
    "code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,cold_chain,controlled\n";

int64_t items(Central& c) {
    return c.core->sql().query_i64("SELECT COUNT(*) FROM items").value_or(-1);
}
}  // namespace

TEST_CASE("central admin: sites and users", "[central]") {
    Central c;
    const std::string hc01 = c.site("HC01");
    CHECK(c.core->create_site("HC01", "Again", false).status().code() == Status::Code::kConflict);
    CHECK(c.core->create_site("", "No code", false).status().code() == Status::Code::kInvalidArgument);
    CHECK(c.core->create_site("HC 9", "Space", false).status().code() == Status::Code::kInvalidArgument);
    CHECK(c.core->create_site("HC09", "", false).status().code() == Status::Code::kInvalidArgument);
    // The site row is in its own feed.
    CHECK(c.core->sql().query_i64("SELECT COUNT(*) FROM feed WHERE site_id='" + hc01 +
                                  "' AND payload LIKE '{\"sites\"%'") == 1);

    CHECK(c.core->add_user("HC01", "Grace", "pharmacist", "1234").status().code() == Status::Code::kInvalidArgument);
    CHECK(c.core->add_user("HC01", "Grace", "dispenser", "12").status().code() == Status::Code::kInvalidArgument);
    CHECK(c.core->add_user("HC01", "Grace", "dispenser", "12ab").status().code() == Status::Code::kInvalidArgument);
    CHECK(c.core->add_user("HC99", "Grace", "dispenser", "1234").status().code() == Status::Code::kNotFound);
    auto grace = c.core->add_user("HC01", "Grace", "dispenser", "1234");
    REQUIRE(grace.ok());
    CHECK(c.core->add_user("HC01", "Grace", "admin", "9999").status().code() == Status::Code::kConflict);

    auto row_text = c.core->sql().query_text(
        "SELECT payload FROM feed WHERE payload LIKE '{\"users\"%' ORDER BY cursor DESC");
    REQUIRE(row_text);
    json row = json::parse(*row_text)["users"][0];
    CHECK(row["id"] == *grace);
    CHECK(row["site_id"] == hc01);
    CHECK(row["active"] == 1);
    const std::string hash = row["pin_hash"];
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(crypto_pwhash_str_verify(hash.c_str(), "1234", 4) == 0);
    CHECK(crypto_pwhash_str_verify(hash.c_str(), "1235", 4) != 0);

    REQUIRE(c.core->disable_user("HC01", "Grace").ok());
    row = json::parse(*c.core->sql().query_text(
        "SELECT payload FROM feed WHERE payload LIKE '{\"users\"%' ORDER BY cursor DESC"))["users"]
                                                                                          [0];
    CHECK(row["active"] == 0);
    CHECK(row["hlc"].get<std::string>() > json::parse(*row_text)["users"][0]["hlc"].get<std::string>());
    CHECK(c.core->disable_user("HC01", "Grace").code() == Status::Code::kNotFound);
}

TEST_CASE("central admin: sync health per device", "[central]") {
    Central c;
    c.site("HC01");
    auto d = c.register_device("HC01", "store room laptop");
    c.clock.advance(60000);
    c.push(d, json::array({Central::event_change(d, 1)}), 200, 12);
    c.clock.advance(60000);
    c.pull(d, 0);
    auto sites = c.core->list_sites();
    REQUIRE(sites.ok());
    REQUIRE(sites->size() == 1);
    const auto& site = sites->front();
    CHECK(site.code == "HC01");
    REQUIRE(site.devices.size() == 1);
    const auto& dev = site.devices.front();
    CHECK(dev.name == "store room laptop");
    CHECK(dev.accepted_through == 1);
    CHECK(dev.pending == 12);
    CHECK(dev.last_push_ms == kStartMs + 60000);
    CHECK(dev.last_pull_ms == kStartMs + 120000);
    CHECK(dev.last_error.empty());
    CHECK_FALSE(dev.revoked);
    REQUIRE(c.core->revoke_device(d.device_id).ok());
    CHECK(c.core->list_sites()->front().devices.front().revoked);
}

TEST_CASE("central catalogue: the shipped catalogue imports and re-import keeps ids", "[central]") {
    Central c;
    const int64_t feed_before = c.feed_rows();
    auto n = c.core->import_catalogue_file(std::string(OUTPOST_ASSETS_DIR) + "/catalogue.csv");
    REQUIRE(n.status().ToString() == "ok");
    CHECK(*n >= 50);
    CHECK(items(c) == *n);
    CHECK(c.feed_rows() == feed_before + *n);
    CHECK(c.core->sql().query_i64("SELECT COUNT(*) FROM feed WHERE site_id IS NOT NULL") == 0);
    auto id = c.core->sql().query_text("SELECT id FROM items WHERE code='PARA500T'");
    REQUIRE(id);
    CHECK(c.core->sql().query_text("SELECT search FROM items WHERE code='PARA500T'") ==
          std::string("para500t paracetamol 500 mg"));

    REQUIRE(c.core->import_catalogue_csv(std::string(kHeader) +
                                         "PARA500T,Paracetamol,500 mg,tablet,tablet,500,,,100,0,0\n")
                .ok());
    CHECK(c.core->sql().query_text("SELECT id FROM items WHERE code='PARA500T'") == id);
    CHECK(c.core->sql().query_i64("SELECT pack_size FROM items WHERE code='PARA500T'") == 500);
}

TEST_CASE("central catalogue: all or nothing with the line number of the problem", "[central]") {
    Central c;
    REQUIRE(c.core->import_catalogue_csv(std::string(kHeader) + "ORS,ORS,20.5 g,sachet,sachet,1,,,50,0,0\n").ok());
    const int64_t feed_before = c.feed_rows();

    struct Case {
        std::string csv, expect;
    };
    const std::string ok1 = "AMOX250,Amoxicillin,250 mg,tablet,tablet,100,1t tds x5/7,,200,0,0\n";
    const Case cases[] = {
        {"", "empty"},
        {"code,name\nX,Y\n", "line 1"},
        {std::string(kHeader) + ok1 + "BAD,Thing,,,,zero,,,0,0,0\n", "line 3: pack_size 'zero'"},
        {std::string(kHeader) + ok1 + "BAD,Thing,,,,0,,,0,0,0\n", "line 3: pack_size '0'"},
        {std::string(kHeader) + ok1 + ok1, "line 3: item code AMOX250 is already on line 2"},
        {std::string(kHeader) + ok1 + "\n" + ",No code,,,,1,,,0,0,0\n", "line 4: the item code"},
        {std::string(kHeader) + ok1 + "X,No,,,,1,,,-5,0,0\n", "line 3: reorder_level"},
        {std::string(kHeader) + ok1 + "X,Y,,,,1,,,0,maybe,0\n", "line 3: cold_chain"},
        {std::string(kHeader) + ok1 + "X,Y,,,,1,,,0,0\n", "line 3: has 10 fields"},
        {std::string(kHeader) + ok1 + "X,,,,,1,,,0,0,0\n", "line 3: item X has no name"},
        {std::string(kHeader) + "X,\"unclosed,,,,1,,,0,0,0\n", "line 2: a quoted field is never closed"},
        {std::string(kHeader), "no items"},
        {std::string("code,name,strength,form,unit,pack_size,default_directions,warning,reorder_level,cold_chain,"
                     "controlled,colour\n") + ok1,
         "unknown column 'colour'"},
    };
    for (const auto& tc : cases) {
        auto r = c.core->import_catalogue_csv(tc.csv);
        INFO(tc.csv);
        REQUIRE_FALSE(r.ok());
        CHECK(r.status().code() == Status::Code::kInvalidArgument);
        CHECK_THAT(r.status().message(), Catch::Contains(tc.expect));
    }
    CHECK(items(c) == 1);  // nothing of any bad file was written
    CHECK(c.feed_rows() == feed_before);

    SECTION("quoted fields, CRLF, a byte-order mark and yes/no flags") {
        auto r = c.core->import_catalogue_csv(
            "\xEF\xBB\xBF" + std::string(kHeader) +
            "INS,\"Insulin, soluble\",100 IU/mL,injection,vial,1,\"as directed, \"\"cold\"\"\",Keep cold,10,yes,no\r\n");
        REQUIRE(r.status().ToString() == "ok");
        CHECK(c.core->sql().query_text("SELECT name FROM items WHERE code='INS'") ==
              std::string("Insulin, soluble"));
        CHECK(c.core->sql().query_text("SELECT default_directions FROM items WHERE code='INS'") ==
              std::string("as directed, \"cold\""));
        CHECK(c.core->sql().query_i64("SELECT cold_chain FROM items WHERE code='INS'") == 1);
    }
}

// The end-to-end contract with the device store: what central serves, a
// registered store applies; what a store pushes, central accepts and a second
// device of the site receives.
TEST_CASE("central and device stores: register pull push pull elsewhere", "[central]") {
    Central c;
    c.site("HC01");
    REQUIRE(c.core->import_catalogue_file(std::string(OUTPOST_ASSETS_DIR) + "/catalogue.csv").ok());
    auto grace = c.core->add_user("HC01", "Grace", "storekeeper", "2468");
    REQUIRE(grace.ok());

    auto open_device = [&](const Registered& d, const std::string& name) {
        OpenOptions o;
        o.path = ":memory:";
        o.clock = &c.clock;
        auto s = Store::Open(o);
        REQUIRE(s.ok());
        Identity id;
        id.site_id = d.site_id;
        id.site_code = "HC01";
        id.site_name = "Site HC01";
        id.device_id = d.device_id;
        id.device_name = name;
        REQUIRE((*s)->init_registered(id).ToString() == "ok");
        return std::move(s).value();
    };
    auto pull_all = [&](const Registered& d, Store& store) {
        int64_t after = 0;
        for (int guard = 0; guard < 100; ++guard) {
            json page = c.pull(d, after, 7);
            std::vector<std::string> payloads;
            for (const auto& ch : page["changes"]) payloads.push_back(ch["payload"].dump());
            after = page["next"];
            REQUIRE(store.apply_remote(payloads, "pull_cursor", std::to_string(after)).ToString() == "ok");
            if (!page["more"].get<bool>()) return;
        }
        FAIL("pull did not finish");
    };

    auto d1 = c.register_device("HC01", "kiosk");
    auto s1 = open_device(d1, "kiosk");
    pull_all(d1, *s1);
    CHECK(s1->reason_codes().size() == 9);
    REQUIRE(s1->users().size() == 1);
    CHECK(s1->verify_pin(*grace, "2468").ok());
    auto para = s1->item_by_code("PARA500T");
    REQUIRE(para.ok());
    CHECK(s1->search_items("paracet").value().size() >= 1);

    ReceiveInput in;
    in.item_id = para->id;
    in.batch_no = "B1";
    in.expiry = add_days(s1->today(), 300);
    in.quantity = 2000;
    REQUIRE(s1->receive(*grace, in).ok());
    auto outbox = s1->outbox_after(0, 100, 1 << 20);
    REQUIRE(outbox.ok());
    REQUIRE(!outbox->empty());
    json changes = json::array();
    for (const auto& ch : *outbox)
        changes.push_back({{"seq", ch.seq}, {"hlc", ch.hlc}, {"entity", ch.entity}, {"entity_id", ch.entity_id},
                           {"payload", json::parse(ch.payload)}});
    json answer = c.push(d1, changes);
    CHECK(answer["rejected"].empty());
    CHECK(answer["accepted_through"] == outbox->back().seq);

    auto d2 = c.register_device("HC01", "laptop");
    auto s2 = open_device(d2, "laptop");
    pull_all(d2, *s2);
    auto para2 = s2->item_by_code("PARA500T");
    REQUIRE(para2.ok());
    auto detail = s2->item_detail(para2->id);
    REQUIRE(detail.ok());
    CHECK(detail->on_hand == 2000);
    CHECK(s2->verify()->ok());
}

// The app version per device (X-Outpost-App, docs/protocol.md): the client
// sends it on registration and on every sync request, central records it in
// the devices table, and the dashboard's Sites page, its JSON and its CSV
// show it. A device that sends none (an older app) keeps syncing and keeps
// the version last recorded; a value central does not accept is not stored.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "web_client.h"
#include "web_fixture.h"

using namespace outpost;
using namespace outpost::web_test;
using nlohmann::json;

namespace {

std::string version_in_db(Sites& sites, const std::string& site_code) {
    return sites.central
        ->read([&](Db& db) {
            return db.query_text("SELECT d.app_version FROM devices d JOIN sites s ON s.id = d.site_id WHERE s.code = '" +
                                 site_code + "'");
        })
        .value_or("(no device)");
}

// The app_version cell of the site's row in /api/sites.
std::string version_on_page(Browser& b, const std::string& site_code) {
    json t = json::parse(b.get("/api/sites", {{"site", site_code}}).body);
    int col = -1;
    for (size_t i = 0; i < t["columns"].size(); ++i)
        if (t["columns"][i]["key"] == "app_version") col = static_cast<int>(i);
    REQUIRE(col >= 0);
    REQUIRE(t["rows"].size() == 1);
    const json& cell = t["rows"][0][col];
    return cell.is_string() ? cell.get<std::string>() : "(blank)";
}

}  // namespace

TEST_CASE("app version: the client sends it, central records it, the Sites page shows it",
          "[central_web][app_version]") {
    Sites sites;
    auto app = web::WebApp::Create(*sites.central, sites.clock).value();
    Browser admin{*app};
    REQUIRE(admin.login("ada", Sites::kAdminPassword).status == 303);
    const std::string built = client_app_version();
    REQUIRE(!built.empty());

    // The fixture's devices registered and synced through the real client.
    CHECK(version_in_db(sites, "HC01") == built);
    CHECK(version_on_page(admin, "HC01") == built);
    const std::string html = admin.get("/sites").body;
    CHECK(html.find("data-label=\"App version\">" + built + "<") != std::string::npos);
    const std::string csv = admin.get("/csv/sites").body;
    CHECK(csv.find("App version") != std::string::npos);
    CHECK(csv.find("," + built + ",") != std::string::npos);

    SyncConfig config;
    config.clock = &sites.clock;
    SECTION("a new version is recorded at the next sync") {
        config.app_version = "0.2.0-test";
        REQUIRE(SyncSession(*sites.devices[0], *sites.wire, sites.clock, config).run_once().status.ok());
        CHECK(version_in_db(sites, "HC01") == "0.2.0-test");
        CHECK(version_on_page(admin, "HC01") == "0.2.0-test");
        CHECK(version_in_db(sites, "HC02") == built);  // other devices untouched
    }
    SECTION("an older device without the header keeps working; its last version stays") {
        protocol::Request r;
        r.method = "GET";
        r.path = protocol::kPathStatus;
        r.headers[protocol::kHeaderProtocol] = "2";
        r.headers[protocol::kHeaderAuthorization] =
            std::string(protocol::kBearerPrefix) + sites.devices[1]->meta(sync_meta::kToken).value();
        CHECK(sites.central->handle(r).status == 200);
        CHECK(version_in_db(sites, "HC02") == built);
    }
    SECTION("a value that is too long or not printable ASCII is not recorded") {
        config.app_version = std::string(protocol::kMaxAppVersionChars + 1, '9');
        REQUIRE(SyncSession(*sites.devices[2], *sites.wire, sites.clock, config).run_once().status.ok());
        CHECK(version_in_db(sites, "HC03") == built);
        config.app_version = "1.0\n<script>";
        REQUIRE(SyncSession(*sites.devices[2], *sites.wire, sites.clock, config).run_once().status.ok());
        CHECK(version_in_db(sites, "HC03") == built);
    }
}

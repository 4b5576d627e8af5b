// Who may see the dashboard (sync/central/web/web_app.h): a viewer limited to
// the North region's two sites never sees the South site in any page, JSON or
// CSV, whatever the filters; a device token gets 401 on every dashboard path
// and a session never pushes or pulls; POSTs without their CSRF token are
// refused; login always issues a new session id; cookie flags.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>

#include "dashboard_data.h"
#include "login_limit.h"
#include "web_client.h"
#include "web_fixture.h"

using namespace outpost;
using namespace outpost::web_test;
using nlohmann::json;

namespace {

struct Rig {
    Sites sites;
    std::unique_ptr<web::WebApp> app;
    Rig() {
        auto a = web::WebApp::Create(*sites.central, sites.clock);
        REQUIRE(a.ok());
        app = std::move(a).value();
    }
    Browser browser() { return Browser{*app}; }
};

// Every dashboard path with the query it needs.
const std::vector<std::pair<std::string, web::Params>>& pages() {
    static const std::vector<std::pair<std::string, web::Params>> p = {
        {"sites", {}},
        {"stock", {}},
        {"item", {{"item", "AMOX250"}}},
        {"site", {{"site", "HC01"}}},
        {"site", {{"site", "HC01"}, {"part", "batches"}}},
        {"site", {{"site", "HC01"}, {"part", "stocktakes"}}},
        {"card", {{"site", "HC01"}, {"item", "AMOX250"}}},
        {"expiring", {}},
        {"trend", {}},
        {"requisitions", {}},
    };
    return p;
}

}  // namespace

TEST_CASE("dashboard: a viewer limited to the North never sees the South site", "[central_web][access]") {
    Rig rig;
    Browser admin = rig.browser(), north = rig.browser();
    REQUIRE(admin.login("ada", Sites::kAdminPassword).status == 303);
    REQUIRE(north.login("north", Sites::kViewerPassword).status == 303);

    for (const auto& [name, params] : pages()) {
        for (const char* prefix : {"/", "/api/", "/csv/"}) {
            const std::string path = prefix + name;
            INFO(path);
            auto seen = north.get(path, params);
            REQUIRE(seen.status == 200);
            CHECK(seen.body.find("HC03") == std::string::npos);
            CHECK(seen.body.find("Zomba") == std::string::npos);
            // (A site's batches and stocktakes name no site in their rows.)
            const bool names_site = name != "card" && !(name == "site" && params.count("part") && prefix != std::string("/"));
            if (names_site) CHECK(seen.body.find("HC01") != std::string::npos);
            // The administrator sees the South on the pages across sites.
            auto all = admin.get(path, params);
            REQUIRE(all.status == 200);
            if (name == "sites" || name == "stock" || name == "item" || name == "expiring" || name == "trend" ||
                name == "requisitions")
                CHECK(all.body.find("HC03") != std::string::npos);
        }
    }
    // Filters cannot reach round the limit.
    for (const char* prefix : {"/", "/api/", "/csv/"}) {
        for (web::Params p : {web::Params{{"site", "HC03"}}, web::Params{{"region", "South"}},
                              web::Params{{"item", "AMOX250"}, {"site", "HC03"}}, web::Params{{"sort", "site_code"}, {"desc", "1"}}}) {
            for (const char* page : {"sites", "stock", "expiring", "trend", "item", "requisitions"}) {
                if (std::string(page) == "item") p.emplace("item", "AMOX250");
                auto r = north.get(std::string(prefix) + page, p);
                INFO(prefix << page << " " << p.begin()->first);
                // A page echoes its own filter into the form; no row, total
                // or "data as of" of the site may show.
                if (std::string(prefix) == "/") {
                    CHECK(r.body.find(">HC03<") == std::string::npos);
                    CHECK(r.body.find("data-site=\"HC03\"") == std::string::npos);
                } else {
                    CHECK(r.body.find("HC03") == std::string::npos);
                }
                CHECK(r.body.find("Zomba") == std::string::npos);
                CHECK(r.body.find("L-HC03") == std::string::npos);
            }
        }
        // The same checks do see the site when it is allowed.
        const std::string admin_sees = admin.get(std::string(prefix) + "stock", {{"site", "HC03"}}).body;
        CHECK(admin_sees.find(std::string(prefix) == "/" ? ">HC03<" : "HC03") != std::string::npos);
        // The South site's own pages are not found for the viewer.
        CHECK(north.get(std::string(prefix) + "site", {{"site", "HC03"}}).status == 404);
        CHECK(north.get(std::string(prefix) + "card", {{"site", "HC03"}, {"item", "AMOX250"}}).body.find("HC03 ") ==
              std::string::npos);
        CHECK(admin.get(std::string(prefix) + "site", {{"site", "HC03"}}).status == 200);
    }
    // The JSON's own figures agree with the limit.
    json j = json::parse(north.get("/api/stock", {{"page_size", "500"}}).body);
    size_t site_col = 0;
    while (site_col < j["columns"].size() && j["columns"][site_col]["key"] != "site_code") ++site_col;
    REQUIRE(site_col < j["columns"].size());
    REQUIRE(j["rows"].size() > 0);
    for (const auto& row : j["rows"]) CHECK((row[site_col] == "HC01" || row[site_col] == "HC02"));
    CHECK(j["data_as_of_ms"].size() == 2);
    CHECK_FALSE(j["data_as_of_ms"].contains("HC03"));
    json everyone = json::parse(admin.get("/api/stock", {{"page_size", "500"}}).body);
    CHECK(everyone["data_as_of_ms"].size() == 3);
    CHECK(everyone["total_rows"].get<int64_t>() > j["total_rows"].get<int64_t>());
}

TEST_CASE("dashboard: tiles count with the very filter their drill-down list uses", "[central_web][access]") {
    Rig rig;
    Browser admin = rig.browser();
    REQUIRE(admin.login("ada", Sites::kAdminPassword).status == 303);
    const std::string html = admin.get("/stock", {{"region", "North"}}).body;
    for (const char* state : {"stocked_out", "below_minimum", "ok", "overstocked", "no_consumption"}) {
        INFO(state);
        const std::string marker = std::string("data-state=\"") + state + "\" href=\"";
        const size_t at = html.find(marker);
        REQUIRE(at != std::string::npos);
        const std::string href = html.substr(at + marker.size(), html.find('"', at + marker.size()) - at - marker.size());
        CHECK(href.find("region=North") != std::string::npos);
        CHECK(href.find(std::string("state=") + state) != std::string::npos);
        const size_t count_at = html.find("<span class=\"count\">", at) + 20;
        const int64_t shown = std::stoll(html.substr(count_at, html.find('<', count_at) - count_at));
        json list = json::parse(admin.get("/api/stock", {{"region", "North"}, {"state", state}}).body);
        CHECK(shown == list["total_rows"].get<int64_t>());
    }
    // A CSV holds every row whatever page the page showed.
    json first = json::parse(admin.get("/api/stock", {{"page_size", "1"}}).body);
    REQUIRE(first["rows"].size() == 1);
    const std::string csv = admin.get("/csv/stock", {{"page_size", "1"}}).body;
    size_t lines = 0;
    for (char c : csv) lines += c == '\n';
    CHECK(static_cast<int64_t>(lines) == first["total_rows"].get<int64_t>() + 1);
    CHECK(csv.find("\r\n") != std::string::npos);
    CHECK(csv.rfind("\xEF\xBB\xBFSite,", 0) == 0);  // UTF-8 byte-order mark, then the header
}

TEST_CASE("dashboard: device tokens get 401 everywhere and sessions never sync", "[central_web][access]") {
    Rig rig;
    // A real device token of a registered kiosk.
    auto code = rig.sites.central->issue_code("HC01");
    REQUIRE(code.ok());
    protocol::Request reg;
    reg.method = "POST";
    reg.path = protocol::kPathRegister;
    reg.headers[protocol::kHeaderProtocol] = "1";
    reg.body = json{{"code", *code}, {"device_name", "probe"}, {"demo", false}}.dump();
    auto answer = rig.sites.central->handle(reg);
    REQUIRE(answer.status == 200);
    const json registered = json::parse(answer.body);

    Browser device = rig.browser();
    device.authorization = "Bearer " + registered["token"].get<std::string>();
    REQUIRE(device.login("ada", Sites::kAdminPassword).status == 401);  // not even the login form
    Browser logged = rig.browser();
    REQUIRE(logged.login("ada", Sites::kAdminPassword).status == 303);
    device.cookies = logged.cookies;  // a token beside a good session is still refused
    std::vector<std::string> paths = {"/", "/login", "/logout", "/assets/dashboard.css", "/assets/dashboard.js",
                                      "/assets/chart.min.js", "/nothing-here"};
    for (const auto& p : pages())
        for (const char* prefix : {"/", "/api/", "/csv/"}) paths.push_back(prefix + p.first);
    for (const auto& path : paths) {
        for (const char* method : {"GET", "POST"}) {
            INFO(method << " " << path);
            auto r = device.send(method, path, {{"site", "HC01"}, {"item", "AMOX250"}});
            CHECK(r.status == 401);
            CHECK(r.body.find("HC01") == std::string::npos);
        }
    }
    // And the session cookie opens nothing on the device protocol.
    for (const char* path : {protocol::kPathPush, protocol::kPathPull, protocol::kPathStatus}) {
        protocol::Request r;
        r.method = std::string(path) == protocol::kPathStatus ? "GET" : "POST";
        r.path = path;
        r.headers[protocol::kHeaderProtocol] = "1";
        r.headers["Cookie"] = "outpost_session=" + logged.cookies["outpost_session"];
        r.body = json{{"device_id", registered["device_id"]}, {"after", 0}, {"pending", 0}, {"changes", json::array()}}.dump();
        INFO(path);
        CHECK(rig.sites.central->handle(r).status == 401);
    }
    CHECK_FALSE(web::is_dashboard_path("/v1/push"));
    CHECK(web::is_dashboard_path("/"));
    CHECK(web::is_dashboard_path("/api/stock"));
}

TEST_CASE("dashboard: not logged in, pages send to the login and data is 401", "[central_web][access]") {
    Rig rig;
    Browser b = rig.browser();
    auto page = b.get("/stock");
    CHECK(page.status == 303);
    CHECK(page.header("Location") == "/login");
    for (const auto& p : pages())
        for (const char* prefix : {"/api/", "/csv/"}) {
            auto r = b.get(prefix + p.first, p.second);
            INFO(prefix << p.first);
            CHECK(r.status == 401);
            CHECK(r.body.find("HC0") == std::string::npos);
        }
    // A made-up session id is no session.
    b.cookies["outpost_session"] = std::string(64, 'a');
    CHECK(b.get("/api/sites").status == 401);
    // Wrong password: the login form again, with the words.
    auto wrong = b.login("ada", "not-the-password");
    CHECK(wrong.status == 403);
    CHECK(wrong.body.find("wrong name or password") != std::string::npos);
    CHECK(b.get("/api/sites").status == 401);
}

TEST_CASE("dashboard: CSRF tokens on every POST, a new session id at login, cookie flags", "[central_web][access]") {
    Rig rig;
    SECTION("cookie flags over HTTP and HTTPS") {
        for (bool https : {false, true}) {
            Browser b = rig.browser();
            b.https = https;
            auto form = b.get("/login");
            CHECK(form.header("Set-Cookie").find("HttpOnly; SameSite=Strict") != std::string::npos);
            auto r = b.login("ada", Sites::kAdminPassword);
            REQUIRE(r.status == 303);
            std::string session_cookie;
            for (const auto& h : r.headers)
                if (h.first == "Set-Cookie" && h.second.rfind("outpost_session=", 0) == 0) session_cookie = h.second;
            INFO(session_cookie);
            CHECK(session_cookie.find("; Path=/; HttpOnly; SameSite=Strict") != std::string::npos);
            CHECK((session_cookie.find("; Secure") != std::string::npos) == https);
            CHECK(session_cookie.find("Max-Age") == std::string::npos);  // gone with the browser
            CHECK(r.header("Content-Security-Policy").find("default-src 'self'") != std::string::npos);
            CHECK(r.header("X-Frame-Options") == "DENY");
        }
    }
    SECTION("login forms need their own token") {
        Browser b = rig.browser();
        CHECK(b.post("/login", {{"name", "ada"}, {"password", Sites::kAdminPassword}}).status == 403);
        const std::string token = Browser::csrf_in(b.get("/login").body);
        REQUIRE(token.size() == 64);
        CHECK(b.post("/login", {{"name", "ada"}, {"password", Sites::kAdminPassword}, {"csrf", std::string(64, 'b')}})
                  .status == 403);
        Browser other = rig.browser();  // a token from someone else's form without its cookie
        CHECK(other.post("/login", {{"name", "ada"}, {"password", Sites::kAdminPassword}, {"csrf", token}}).status == 403);
        CHECK(other.cookies.count("outpost_session") == 0);
    }
    SECTION("logout and any other POST need the session's token") {
        Browser b = rig.browser();
        REQUIRE(b.login("ada", Sites::kAdminPassword).status == 303);
        const std::string csrf = Browser::csrf_in(b.get("/sites").body);
        REQUIRE(csrf.size() == 64);
        CHECK(b.post("/logout").status == 403);
        CHECK(b.post("/logout", {{"csrf", std::string(64, 'c')}}).status == 403);
        CHECK(b.post("/sites", {}).status == 403);
        CHECK(b.get("/api/sites").status == 200);  // still logged in
        auto out = b.post("/logout", {{"csrf", csrf}});
        CHECK(out.status == 303);
        CHECK(b.cookies.count("outpost_session") == 0);
    }
    SECTION("session fixation: login never keeps a session id it was given") {
        Browser victim = rig.browser(), attacker = rig.browser();
        REQUIRE(attacker.login("north", Sites::kViewerPassword).status == 303);
        const std::string planted = attacker.cookies["outpost_session"];
        victim.cookies["outpost_session"] = planted;  // planted before the victim logs in
        REQUIRE(victim.login("ada", Sites::kAdminPassword).status == 303);
        CHECK(victim.cookies["outpost_session"] != planted);
        CHECK(attacker.get("/api/sites").status == 401);  // the planted id died at the login
        json as_admin = json::parse(victim.get("/api/sites").body);
        CHECK(as_admin["data_as_of_ms"].contains("HC03"));  // the victim is ada, not north
        // A chosen, never-issued id is not adopted either.
        Browser chooser = rig.browser();
        chooser.cookies["outpost_session"] = std::string(64, 'd');
        REQUIRE(chooser.login("ada", Sites::kAdminPassword).status == 303);
        CHECK(chooser.cookies["outpost_session"] != std::string(64, 'd'));
    }
    SECTION("lockout through the login form") {
        // The account's lockout takes failures from more than one address
        // (each address is stopped at kMaxAddressFailures).
        Browser b = rig.browser();
        for (int i = 0; i < web::kMaxFailures; ++i) {
            b.remote_addr = "198.51.100." + std::to_string(i / web::kMaxAddressFailures);
            CHECK(b.login("north", "wrong-password").status == 403);
        }
        b.remote_addr = "198.51.100.200";
        auto locked = b.login("north", Sites::kViewerPassword);
        CHECK(locked.status == 403);
        CHECK(locked.body.find("locked") != std::string::npos);
        rig.sites.clock.advance(web::kLockMs + 1000);
        CHECK(b.login("north", Sites::kViewerPassword).status == 303);
    }
}

TEST_CASE("dashboard: failed logins are limited per client address", "[central_web][access][login_limit]") {
    Rig rig;
    Browser guesser = rig.browser(), ada = rig.browser();
    guesser.remote_addr = "203.0.113.7";
    ada.remote_addr = "192.0.2.44";
    // Spread over accounts (and unknown names): the address is what counts.
    const char* names[] = {"north", "ada", "nobody", "north", "ada"};
    static_assert(sizeof names / sizeof names[0] == web::kMaxAddressFailures, "one guess per allowed failure");
    for (const char* n : names) CHECK(guesser.login(n, "wrong-password").status == 403);
    // The next try from that address is refused before any password is
    // checked, even the right one, and says when to come back.
    auto limited = guesser.login("north", Sites::kViewerPassword);
    CHECK(limited.status == 429);
    CHECK(limited.body.find("Too many failed logins from this address") != std::string::npos);
    CHECK(std::stoll(limited.header("Retry-After")) == web::kAddressWindowMs / 1000);
    // The accounts were not locked by one address: their owners log in
    // from elsewhere, and the limit is kept in central's file.
    CHECK(ada.login("ada", Sites::kAdminPassword).status == 303);
    Browser north = rig.browser();
    north.remote_addr = "192.0.2.45";
    CHECK(north.login("north", Sites::kViewerPassword).status == 303);
    CHECK(rig.sites.central->read([](Db& db) {
              return db.query_i64("SELECT COUNT(*) FROM central_login_failures WHERE address = '203.0.113.7'");
          }) == web::kMaxAddressFailures);
    // A second web front on the same database (another central process)
    // refuses the address too.
    auto second = web::WebApp::Create(*rig.sites.central, rig.sites.clock).value();
    Browser elsewhere{*second};
    elsewhere.remote_addr = "203.0.113.7";
    CHECK(elsewhere.login("north", Sites::kViewerPassword).status == 429);
    // Once the oldest failure is older than the window, one more try is allowed.
    rig.sites.clock.advance(web::kAddressWindowMs + 1000);
    CHECK(guesser.login("north", Sites::kViewerPassword).status == 303);
}

TEST_CASE("dashboard: requisitions per site with their lines and shipments", "[central_web][access][requisitions]") {
    Rig rig;
    Browser admin = rig.browser(), north = rig.browser();
    REQUIRE(admin.login("ada", Sites::kAdminPassword).status == 303);
    REQUIRE(north.login("north", Sites::kViewerPassword).status == 303);
    auto cols = [](const json& t) {
        std::map<std::string, size_t> c;
        for (size_t i = 0; i < t["columns"].size(); ++i) c[t["columns"][i]["key"]] = i;
        return c;
    };
    json all = json::parse(admin.get("/api/requisitions").body);
    auto c = cols(all);
    REQUIRE(all["rows"].size() == 3);  // one AMOX250 line per site
    std::map<std::string, json> by_site;
    for (const auto& row : all["rows"]) by_site[row[c["site_code"]]] = row;
    // What each site asked for, what central shipped (HC01 only), the status.
    CHECK(by_site["HC01"][c["asked"]] == 100);
    CHECK(by_site["HC01"][c["status"]] == "answered");
    CHECK(by_site["HC01"][c["shipped"]] == 80);
    CHECK(by_site["HC01"][c["shipment"]] == "CMS-1");
    CHECK(by_site["HC02"][c["asked"]] == 200);
    CHECK(by_site["HC02"][c["status"]] == "open");
    CHECK(by_site["HC02"][c["shipped"]].is_null());
    CHECK(by_site["HC03"][c["asked"]] == 300);
    CHECK(by_site["HC01"][c["item_code"]] == "AMOX250");
    CHECK(by_site["HC01"][c["suggested"]].is_number_integer());
    CHECK(by_site["HC02"][c["reason"]] == "rainy season");
    // The id is the one `outpost-central ship --requisition` takes.
    CHECK(by_site["HC02"][c["requisition_id"]] == rig.sites.central->list_requisitions("HC02").value().at(0).id);
    CHECK(all["data_as_of_ms"].size() == 3);
    // Filters: status, site, region; the viewer sees only their sites.
    CHECK(json::parse(admin.get("/api/requisitions", {{"state", "open"}}).body)["total_rows"] == 2);
    CHECK(json::parse(admin.get("/api/requisitions", {{"state", "answered"}}).body)["total_rows"] == 1);
    CHECK(json::parse(admin.get("/api/requisitions", {{"region", "South"}}).body)["total_rows"] == 1);
    CHECK(json::parse(admin.get("/api/requisitions", {{"site", "HC02"}}).body)["total_rows"] == 1);
    CHECK(admin.get("/api/requisitions", {{"state", "lost"}}).status == 400);
    json mine = json::parse(north.get("/api/requisitions").body);
    CHECK(mine["total_rows"] == 2);
    CHECK(json::parse(north.get("/api/requisitions", {{"region", "South"}}).body)["total_rows"] == 0);
    // The page: tiles whose counts are the filtered lists' totals, formulas
    // as tooltips, "data as of", and the CSV with the filters applied.
    const std::string html = admin.get("/requisitions").body;
    for (const char* state : {"open", "answered"}) {
        INFO(state);
        const std::string marker = std::string("data-state=\"") + state + "\"";
        const size_t at = html.find(marker);
        REQUIRE(at != std::string::npos);
        const size_t count_at = html.find("<span class=\"count\">", at) + 20;
        const int64_t shown = std::stoll(html.substr(count_at, html.find('<', count_at) - count_at));
        CHECK(shown == json::parse(admin.get("/api/requisitions", {{"state", state}}).body)["total_rows"]);
    }
    CHECK(html.find("title=\"Sum of the answering shipment") != std::string::npos);
    CHECK(html.find("Data as of") != std::string::npos);
    CHECK(html.find("outpost-central ship") != std::string::npos);
    const std::string csv = north.get("/csv/requisitions", {{"state", "open"}}).body;
    CHECK(csv.find("Asked") != std::string::npos);
    CHECK(csv.find("HC02") != std::string::npos);
    CHECK(csv.find("HC01") == std::string::npos);  // answered: filtered out
    CHECK(csv.find("HC03") == std::string::npos);  // not the viewer's
}

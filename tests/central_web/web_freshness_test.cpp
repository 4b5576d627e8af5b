// Freshness end to end with real processes: a dispensing written into a
// device's store reaches the dashboard's JSON after `outpost sync` (the
// real client over HTTP) against a real `outpost-central serve`, read
// through a logged-in session. Prints how long the sync command plus the
// dashboard read took (the device's sync interval comes on top of that in
// the app: its thread syncs every interval and after each change).
#include <catch2/catch.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>

#include "admin_accounts.h"
#include "central_core.h"
#include "central_process_util.h"
#include "store.h"

using namespace outpost;
using nlohmann::json;

namespace {

// consumed units of AMOX250 at HC01 this month from /api/trend; -1 when no row.
int64_t consumed(httplib::Client& http, const httplib::Headers& session) {
    auto r = http.Get("/api/trend?site=HC01&item=AMOX250", session);
    REQUIRE(r);
    REQUIRE(r->status == 200);
    json t = json::parse(r->body);
    size_t col = 0;
    while (col < t["columns"].size() && t["columns"][col]["key"] != "consumed") ++col;
    REQUIRE(col < t["columns"].size());
    int64_t total = -1;
    for (const auto& row : t["rows"]) total = std::max<int64_t>(total, 0) + row[col].get<int64_t>();
    return total;
}

}  // namespace

#ifdef OUTPOST_BIN
TEST_CASE("a dispensing reaches the dashboard JSON through outpost sync and a real central", "[central_web][freshness]") {
    const std::string dir = process_test::temp_dir("dashboard-freshness");
    const std::string db = dir + "/central.db", dev = dir + "/device.db";
    std::string code;
    {
        auto core = CentralCore::Open(db, nullptr, false).value();
        REQUIRE(core->create_site("HC01", "Mbala Health Centre", false).ok());
        REQUIRE(core->add_user("HC01", "Amina", "admin", "1234").ok());
        REQUIRE(core->import_catalogue_csv("code,name,strength,form,unit,pack_size,default_directions,warning,"
                                           "reorder_level,cold_chain,controlled\n"
                                           "AMOX250,Amoxicillin,250 mg,tablet,tablet,100,1t tds,,10,0,0\n")
                    .ok());
        SystemClock clock;
        REQUIRE(core->read([&](Db& d) {
                        web::AdminStore a(d, clock);
                        Status s = a.migrate();
                        return s.ok() ? a.add("ada", web::AdminRole::kAdministrator, {}, "administrator-pw").status() : s;
                    })
                    .ok());
        code = core->issue_code("HC01").value();
    }
    process_test::CentralServer server(db, dir + "/central.log");
    const std::string url = "http://127.0.0.1:" + std::to_string(server.port);
    process_test::shell(std::string(OUTPOST_BIN) + " register --db " + dev + " --central " + url + " --code " + code +
                        " --device-name kiosk >/dev/null");

    // Log in as a browser would: the form's token and its cookie, then the session cookie.
    httplib::Client http("127.0.0.1", server.port);
    http.set_connection_timeout(5, 0);
    http.set_read_timeout(10, 0);
    http.set_write_timeout(10, 0);
    auto form = http.Get("/login");
    REQUIRE(form);
    const std::string login_cookie = form->get_header_value("Set-Cookie").substr(0, form->get_header_value("Set-Cookie").find(';'));
    const size_t at = form->body.find("name=\"csrf\" value=\"") + 19;
    auto logged = http.Post("/login", {{"Cookie", login_cookie}},
                            httplib::Params{{"name", "ada"}, {"password", "administrator-pw"}, {"csrf", form->body.substr(at, 64)}});
    REQUIRE(logged);
    REQUIRE(logged->status == 303);
    std::string session_cookie;
    for (const auto& h : logged->headers)
        if (h.first == "Set-Cookie" && h.second.rfind("outpost_session=", 0) == 0)
            session_cookie = h.second.substr(0, h.second.find(';'));
    REQUIRE(!session_cookie.empty());
    const httplib::Headers session{{"Cookie", session_cookie}};
    CHECK(consumed(http, session) <= 0);

    {  // The kiosk: a delivery and a dispensing of 21 tablets.
        auto store = Store::Open({dev, false, nullptr, false}).value();
        const std::string user = store->users().at(0).id, item = store->item_by_code("AMOX250")->id;
        ReceiveInput in;
        in.item_id = item;
        in.batch_no = "L1";
        in.expiry = "2030-01-31";
        in.quantity = 100;
        REQUIRE(store->receive(user, in).ok());
        PatientInput p;
        p.family_name = "Phiri";
        p.given_name = "Joseph";
        p.sex = "M";
        DispenseInput d;
        d.patient_id = store->register_patient(user, p).value();
        d.lines.push_back({item, 21, "1t tds x7/7", "", std::nullopt});
        REQUIRE(store->dispense(user, d).ok());
    }
    CHECK(consumed(http, session) <= 0);  // not synced yet

    const auto t0 = std::chrono::steady_clock::now();
    process_test::shell(std::string(OUTPOST_BIN) + " sync --db " + dev + " >/dev/null");
    int64_t seen = consumed(http, session);
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    CHECK(seen == 21);  // visible at the first read after the sync: nothing waits on a batch job
    std::printf("freshness: `outpost sync` (real HTTP) + dashboard JSON read showed the dispensing after %.0f ms\n", ms);
    CHECK(server.stop() == 0);
}
#endif

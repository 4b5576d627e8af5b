// HTTPS end to end: the test makes its own certificate authority and a
// server certificate for 127.0.0.1 with the openssl command line, starts
// outpost-central with --cert/--key, and checks that a device trusting that
// authority registers and syncs, while a device trusting another authority
// (a man in the middle's view) is refused before anything is sent, and a
// plain-HTTP client gets nothing either.
#include <catch2/catch.hpp>

#if defined(OUTPOST_CENTRAL_BIN)

#include "central_process_util.h"
#include "client_register.h"
#include "client_session.h"
#include "store.h"
#include "transport_http.h"

using namespace outpost;
using process_test::shell;

namespace {

// A CA (ca.pem, ca.key) in dir/name; with server=true also a certificate for
// 127.0.0.1 signed by it (server.pem, server.key). EC keys keep it fast.
void make_ca(const std::string& dir, const std::string& name, bool server) {
    const std::string d = dir + "/" + name;
    const std::string q = " 2>>" + dir + "/openssl.log";
    shell("mkdir -p " + d);
    shell("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout " + d + "/ca.key -out " +
          d + "/ca.pem -days 2 -subj '/CN=Outpost test CA " + name + "'" + q);
    if (!server) return;
    shell("openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout " + d + "/server.key -out " +
          d + "/server.csr -subj '/CN=127.0.0.1'" + q);
    shell("printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nbasicConstraints=CA:FALSE\\n' > " + d + "/ext.cnf");
    shell("openssl x509 -req -in " + d + "/server.csr -CA " + d + "/ca.pem -CAkey " + d + "/ca.key -CAcreateserial -out " +
          d + "/server.pem -days 2 -extfile " + d + "/ext.cnf" + q);
}

}  // namespace

TEST_CASE("https: a device trusting central's CA syncs - one trusting another CA is refused", "[sync][security][https]") {
    const std::string dir = process_test::temp_dir("https");
    make_ca(dir, "right", true);
    make_ca(dir, "wrong", false);
    const std::string cli = std::string(OUTPOST_CENTRAL_BIN) + " ";
    const std::string db = " --db " + dir + "/central.db 2>/dev/null";
    shell(cli + "site create --code HC01 --name Clinic" + db);
    shell(cli + "user add --site HC01 --name Amina --role admin --pin 1234" + db);
    const std::string code = shell(cli + "code --site HC01" + db);

    process_test::CentralServer central(dir + "/central.db", dir + "/log.txt",
                                        {"--cert", dir + "/right/server.pem", "--key", dir + "/right/server.key"});
    const std::string url = "https://127.0.0.1:" + std::to_string(central.port);

    SECTION("the wrong authority: refused, and the code is not used up") {
        auto store = Store::Open({":memory:", true});
        REQUIRE(store.ok());
        HttpTransport wrong({url, dir + "/wrong/ca.pem", 3, 5, 5});
        auto reg = register_device(wrong, code, "kiosk", **store);
        INFO(reg.status().message());
        CHECK(reg.status().code() == Status::Code::kUnavailable);
        CHECK_FALSE((*store)->has_identity());
        // Nothing reached central: the same code still works with the right CA.
        HttpTransport right({url, dir + "/right/ca.pem", 3, 5, 5});
        CHECK(register_device(right, code, "kiosk", **store).ok());
    }
    SECTION("the right authority: register, restore and push over TLS") {
        auto store = Store::Open({":memory:", true});
        REQUIRE(store.ok());
        HttpTransport right({url, dir + "/right/ca.pem", 3, 5, 5});
        SyncConfig config;
        config.server_url = url;
        config.ca_file = dir + "/right/ca.pem";
        REQUIRE(restore_device(right, code, "kiosk", **store, config).ok());
        auto users = (*store)->users();
        REQUIRE(users.size() == 1);  // pulled over TLS
        PatientInput p;
        p.family_name = "Banda";
        p.given_name = "Grace";
        p.sex = "F";
        auto patient = (*store)->register_patient(users[0].id, p);
        INFO(patient.status().message());
        REQUIRE(patient.ok());
        SystemClock clock;
        SyncSession session(**store, right, clock, config);
        CycleReport r = session.run_once();
        INFO(r.status.message());
        CHECK(r.status.ok());
        CHECK(r.pushed == 1);
        // A plain-HTTP client gets no answer from the TLS port.
        HttpTransport plain({"http://127.0.0.1:" + std::to_string(central.port), "", 3, 3, 3});
        auto answer = plain.get(protocol::kPathStatus, {{protocol::kHeaderProtocol, "1"}});
        CHECK((!answer.ok() || answer->status == 400));
    }
}

#endif

// libFuzzer target: central's request handling. One CentralCore in memory
// (made once) with two sites and a registered device of site A; each input
// is a body sent to /v1/register, /v1/push or /v1/pull (chosen by the first
// byte) with the device's valid token. Whatever the body, central must answer
// with a documented status and a JSON body, and must never write a row into
// site B's feed nor accept a change naming site B.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "central_core.h"

using namespace outpost;
using json = nlohmann::json;

namespace {

struct World {
    FakeClock clock{1781517600000LL};
    std::unique_ptr<CentralCore> core;
    std::string token, device_id, site_a, site_b;
    int64_t site_b_rows = 0;

    World() {
        auto c = CentralCore::Open(":memory:", &clock, false);
        if (!c.ok()) __builtin_trap();
        core = std::move(c).value();
        core->use_deterministic_random(1);
        auto a = core->create_site("HC01", "Site A", false);
        if (!a.ok()) __builtin_trap();
        site_a = *a;
        auto b = core->create_site("HC02", "Site B", false);
        if (!b.ok()) __builtin_trap();
        site_b = *b;
        auto code = core->issue_code("HC01");
        protocol::Request r;
        r.method = "POST";
        r.path = protocol::kPathRegister;
        r.headers[protocol::kHeaderProtocol] = "1";
        r.body = json{{"code", *code}, {"device_name", "fuzz"}, {"demo", false}}.dump();
        r.remote_addr = "10.0.0.1";
        auto answer = core->handle(r);
        if (answer.status != 200) __builtin_trap();
        json j = json::parse(answer.body);
        token = j["token"];
        device_id = j["device_id"];
        site_b_rows = rows_of_b();
    }
    int64_t rows_of_b() {
        return core->db().query_i64("SELECT COUNT(*) FROM feed WHERE site_id='" + site_b + "'").value_or(-1);
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static World w;
    if (size == 0) return 0;
    static const char* kPaths[] = {protocol::kPathPush, protocol::kPathPull, protocol::kPathRegister,
                                   protocol::kPathStatus};
    protocol::Request r;
    r.method = data[0] & 0x80 ? "GET" : "POST";
    r.path = kPaths[data[0] % 4];
    r.headers[protocol::kHeaderProtocol] = "1";
    if (!(data[0] & 0x40)) r.headers[protocol::kHeaderAuthorization] = "Bearer " + w.token;
    // Registration failures are rate limited per address: vary it so the
    // fuzzer keeps reaching the parser.
    r.remote_addr = "10.1." + std::to_string(size % 250) + "." + std::to_string(data[size - 1]);
    r.body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
    // Seeds name the device and its site as $DEV and $SITE (their ids are
    // only known at run time), so fuzzing starts from bodies central accepts.
    for (const auto& [mark, value] : {std::pair<std::string, std::string>{"$DEV", w.device_id}, {"$SITE", w.site_a}})
        for (size_t at; (at = r.body.find(mark)) != std::string::npos;) r.body.replace(at, mark.size(), value);
    w.clock.advance(1000);
    auto answer = w.core->handle(r);
    static const int kStatuses[] = {200, 400, 401, 403, 404, 405, 409, 413, 426, 429, 500, 503};
    bool documented = false;
    for (int s : kStatuses) documented |= answer.status == s;
    if (!documented) __builtin_trap();
    if (answer.status == 500) __builtin_trap();  // central's own failure: a bug
    if (json::parse(answer.body, nullptr, false).is_discarded()) __builtin_trap();
    if (w.rows_of_b() != w.site_b_rows) __builtin_trap();
    return 0;
}

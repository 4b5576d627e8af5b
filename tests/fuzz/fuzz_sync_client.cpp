// libFuzzer target: the device side of a sync conversation. A fresh
// registered store in memory (a user, two items, a receipt and a dispensing
// in its outbox) runs SyncSession::run_once against a fake Transport whose
// answers come from the input: one answer per line, the first character
// picking the HTTP status, the rest the body. Whatever central seems to say,
// the session must not crash, the push cursor must never pass the outbox,
// and stock on hand must still equal the ledger (Store::verify).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "client_session.h"
#include "store.h"
#include "transport.h"

using namespace outpost;

namespace {

class ScriptedTransport : public Transport {
public:
    explicit ScriptedTransport(std::vector<std::string> answers) : answers_(std::move(answers)) {}
    Result<HttpReply> post(const std::string&, const std::string&, const protocol::Headers&) override {
        return next();
    }
    Result<HttpReply> get(const std::string&, const protocol::Headers&) override { return next(); }
    std::string where() const override { return "http://fuzz.invalid"; }

private:
    Result<HttpReply> next() {
        if (i_ >= answers_.size()) return Status::Unavailable("the script ran out");
        const std::string& a = answers_[i_++];
        static const int kStatuses[] = {200, 400, 401, 403, 409, 413, 426, 429, 500, 503};
        HttpReply r;
        r.status = a.empty() ? 200 : kStatuses[static_cast<unsigned char>(a[0]) % 10];
        if (!a.empty() && static_cast<unsigned char>(a[0]) % 3 == 0) r.headers["Retry-After"] = "2";
        r.body = a.empty() ? a : a.substr(1);
        return r;
    }
    std::vector<std::string> answers_;
    size_t i_ = 0;
};

const char* kSeedPayloads[] = {
    R"({"users":[{"id":"u1","site_id":"site-A","name":"Amina","role":"admin","pin_hash":"x","active":1,"hlc":"0193a2b4c5d60000"}]})",
    R"({"items":[{"id":"i1","code":"AMOX250","name":"Amoxicillin","unit":"tablet","pack_size":100},{"id":"i2","code":"ORS","name":"ORS","unit":"sachet","pack_size":50}]})",
    R"({"reason_codes":[{"code":"damaged","label":"Damaged","direction":-1,"active":1}]})",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static FakeClock clock(1781517600000LL);
    auto opened = Store::Open({":memory:", true, &clock, false});
    if (!opened.ok()) __builtin_trap();
    Store& store = **opened;
    if (!store.init_registered({"site-A", "A", "Clinic A", "device-1", "kiosk", false}).ok()) __builtin_trap();
    std::vector<std::string> seed(std::begin(kSeedPayloads), std::end(kSeedPayloads));
    if (!store.apply_remote(seed, sync_meta::kPullCursor, "3").ok()) __builtin_trap();
    store.set_meta(sync_meta::kPushCursor, "0");
    store.set_meta(sync_meta::kToken, "t");
    auto got = store.receive("u1", {"i1", "B1", "2027-01-01", 100, QuantityUnit::kUnits, "", ""});
    if (!got.ok()) __builtin_trap();
    PatientInput patient;
    patient.family_name = "Banda";
    patient.given_name = "Grace";
    patient.sex = "F";
    auto pid = store.register_patient("u1", patient);
    if (!pid.ok()) __builtin_trap();
    DispenseInput d;
    d.patient_id = *pid;
    d.lines.push_back({"i1", 10, "1t tds", "", std::nullopt});
    if (!store.dispense("u1", d).ok()) __builtin_trap();

    std::string text(reinterpret_cast<const char*>(data), size);
    std::vector<std::string> answers;
    size_t start = 0;
    for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
        answers.push_back(text.substr(start, nl - start));
    answers.push_back(text.substr(start));

    ScriptedTransport transport(std::move(answers));
    SyncConfig config;
    config.page_rows_initial = 2;
    SyncSession session(store, transport, clock, config);
    for (int i = 0; i < 3; ++i) session.run_once();
    if (session.push_cursor() > store.outbox_last_seq()) __builtin_trap();
    auto v = store.verify();
    if (!v.ok() || !v->ok()) __builtin_trap();
    return 0;
}

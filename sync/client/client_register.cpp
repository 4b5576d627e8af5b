// register_device / restore_device: see client_register.h.
#include "client_register.h"

#include <nlohmann/json.hpp>

#include "json_read.h"

#include "client_session.h"

namespace outpost {

using nlohmann::json;

std::vector<std::pair<std::string, std::string>> fresh_sync_meta(const std::string& token, const std::string& server,
                                                                 bool restoring) {
    return {{sync_meta::kToken, token},         {sync_meta::kServer, server},
            {sync_meta::kPushCursor, "0"},      {sync_meta::kPullCursor, "0"},
            {sync_meta::kRestoring, restoring ? "1" : ""},
            {sync_meta::kRestorePulled, "0"},   {sync_meta::kStopped, ""},
            {sync_meta::kLastSuccess, ""}};
}

Result<Registration> register_device(Transport& transport, const std::string& code,
                                     const std::string& device_name, Store& store) {
    if (store.has_identity())
        return Status::Conflict("this store already belongs to site " + store.identity().site_name +
                                "; a device is set up once (restore onto a new, empty store)");
    const bool demo = store.meta("demo").value_or("0") == "1";
    json body = {{protocol::field::kCode, code},
                 {protocol::field::kDeviceName, device_name},
                 {protocol::field::kDemo, demo}};
    protocol::Headers h;
    h[protocol::kHeaderProtocol] = std::to_string(protocol::kVersion);
    h[protocol::kHeaderContentType] = protocol::kContentTypeJson;
    h[protocol::kHeaderApp] = client_app_version();
    auto reply = transport.post(protocol::kPathRegister, body.dump(), h);
    if (!reply.ok()) return reply.status();
    json answer;
    std::string unreadable;
    (void)parse_json(reply->body, &answer, &unreadable);  // unreadable leaves answer null: refused below
    if (reply->status != 200) {
        std::string err = answer.is_object() ? text_of(answer, protocol::field::kError) : "";
        std::string msg = answer.is_object() ? text_of(answer, protocol::field::kMessage) : "";
        const std::string said = msg.empty() ? "" : " (central said: " + msg + ")";
        if (err == "bad_code")
            return Status::PermissionDenied("the set-up code is wrong, used or expired; ask for a new one" + said);
        if (err == "rate_limited")
            return Status::Unavailable("too many set-up attempts; wait a few minutes and try again" + said);
        if (err == "demo_mismatch")
            return Status::PermissionDenied("demo data cannot be set up with a real central (or the reverse)" +
                                            said);
        if (err == "version_too_old") return Status::Unavailable("this Outpost is too old for central; update it");
        return Status::Unavailable("central could not set up this device (HTTP " + std::to_string(reply->status) +
                                   ")" + said);
    }
    const json* site = answer.is_object() ? &answer[protocol::field::kSite] : nullptr;
    if (!site || !site->is_object() || !answer[protocol::field::kDeviceId].is_string() ||
        !answer[protocol::field::kToken].is_string())
        return Status::Unavailable("central's set-up answer could not be read");
    Registration r;
    r.identity.device_id = answer[protocol::field::kDeviceId];
    r.identity.device_name = device_name;
    r.identity.site_id = text_of(*site, protocol::field::kId);
    r.identity.site_code = text_of(*site, protocol::field::kCode);
    r.identity.site_name = text_of(*site, protocol::field::kName);
    auto demo_flag = site->find(protocol::field::kIsDemo);
    r.identity.demo = demo_flag != site->end() && demo_flag->is_boolean() && demo_flag->get<bool>();
    if (r.identity.site_id.empty()) return Status::Unavailable("central's set-up answer names no site");
    r.token = answer[protocol::field::kToken];
    // Identity, token and cursors in one transaction: a crash here leaves
    // either a blank store or a fully registered one, never an identity
    // without the token that the (now spent) code bought.
    auto meta = fresh_sync_meta(r.token, transport.where(), true);
    // Version 3: the site key for peer sync (an older central sends none;
    // the device then gets it with its first version 3 pull).
    if (auto key = answer.find(protocol::field::kSiteKey); key != answer.end() && key->is_object() &&
        (*key)[protocol::field::kKey].is_string() && (*key)[protocol::field::kKeyNo].is_number_integer()) {
        meta.push_back({sync_meta::kSiteKey, (*key)[protocol::field::kKey].get<std::string>()});
        meta.push_back({sync_meta::kSiteKeyNo, std::to_string((*key)[protocol::field::kKeyNo].get<int64_t>())});
    }
    Status s = store.init_registered(r.identity, meta);
    if (!s.ok()) return s;
    return r;
}

Status continue_restore(Transport& transport, Store& store, const SyncConfig& config,
                        const RestoreProgress& progress) {
    SystemClock system;
    Clock& clock = config.clock ? *config.clock : static_cast<Clock&>(system);
    SyncSession session(store, transport, clock, config);
    if (progress)
        session.set_on_page([&] {
            SyncSnapshot snap;
            session.fill_snapshot(&snap);
            progress(snap.restore_done, snap.restore_total);
        });
    CycleReport report;
    return session.pull_all(&report);
}

Status restore_device(Transport& transport, const std::string& code, const std::string& device_name,
                      Store& store, const SyncConfig& config, const RestoreProgress& progress) {
    auto reg = register_device(transport, code, device_name, store);
    if (!reg.ok()) return reg.status();
    return continue_restore(transport, store, config, progress);
}

}  // namespace outpost

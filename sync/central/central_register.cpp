// Device registration (POST /v1/register): a one-time code becomes a device
// id and a token. Codes are single use and expire; failed attempts are rate
// limited per client address; demo and real never mix.
#include <algorithm>
#include <cctype>

#include "central_core.h"
#include "central_internal.h"

namespace outpost {

using central::error_response;
using central::json;
using protocol::Error;
namespace field = protocol::field;

bool CentralCore::rate_limited(const std::string& remote_addr, int64_t* retry_after_s) {
    const int64_t now = clock_->now_ms();
    std::lock_guard<std::mutex> l(register_limit_->mu);
    auto& failures = register_limit_->failures;
    auto it = failures.find(remote_addr);
    if (it == failures.end()) return false;
    auto& times = it->second;
    times.erase(std::remove_if(times.begin(), times.end(),
                               [&](int64_t t) { return t + protocol::kRegisterFailureWindowMs <= now; }),
                times.end());
    if (times.empty()) {
        failures.erase(it);
        return false;
    }
    if (static_cast<int>(times.size()) < protocol::kRegisterFailuresAllowed) return false;
    // Free again when the oldest failure leaves the window.
    const int64_t wait_ms = times.front() + protocol::kRegisterFailureWindowMs - now;
    *retry_after_s = std::max<int64_t>(1, (wait_ms + 999) / 1000);
    return true;
}

void CentralCore::note_register_failure(const std::string& remote_addr) {
    const int64_t now = clock_->now_ms();
    std::lock_guard<std::mutex> l(register_limit_->mu);
    auto& failures = register_limit_->failures;
    // Addresses that never come back would otherwise stay for ever.
    if (failures.size() > 10000) {
        for (auto it = failures.begin(); it != failures.end();)
            it = it->second.back() + protocol::kRegisterFailureWindowMs <= now ? failures.erase(it)
                                                                               : std::next(it);
    }
    failures[remote_addr].push_back(now);
}

// "k7q 4xp-9md" -> "K7Q4XP9MD": people retype codes from paper.
static std::string normalise_code(const std::string& code) {
    std::string out;
    for (char c : code) {
        if (c == '-' || std::isspace(static_cast<unsigned char>(c))) continue;
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

protocol::Response CentralCore::handle_register(const Request& request) {
    int64_t retry_after = 0;
    if (rate_limited(request.remote_addr, &retry_after)) {
        Response r = error_response(Error::kRateLimited,
                                    "too many wrong registration codes from this address; try again in " +
                                        std::to_string(retry_after) + " seconds");
        r.headers[protocol::kHeaderRetryAfter] = std::to_string(retry_after);
        return r;
    }
    json body;
    std::string unreadable;
    if (!parse_json(request.body, &body, &unreadable))
        return error_response(Error::kBadRequest, "the registration request " + unreadable);
    if (!body.is_object())
        return error_response(Error::kBadRequest, "the registration request is not a JSON object");
    std::string code, device_name, problem;
    if (!central::get_string(body, field::kCode, &code, &problem) ||
        !central::get_string(body, field::kDeviceName, &device_name, &problem))
        return error_response(Error::kBadRequest, "registration: " + problem);
    bool demo = false;
    if (auto d = body.find(field::kDemo); d != body.end()) {
        if (!d->is_boolean()) return error_response(Error::kBadRequest, "registration: \"demo\" must be true or false");
        demo = d->get<bool>();
    }
    if (device_name.empty() || device_name.size() > 100)
        return error_response(Error::kBadRequest, "registration: the device name must be 1 to 100 characters");
    if (demo != demo_)
        return error_response(Error::kDemoMismatch,
                              demo ? "this is a real central server; a demo store cannot sync with it"
                                   : "this is a demo central server; a real store cannot sync with it");

    const int64_t now = clock_->now_ms();
    sql::Stmt c = db_->prepare(
        "SELECT r.site_id, r.expires_ms, r.used_ms, s.code, s.name, s.is_demo "
        "FROM registration_codes r JOIN sites s ON s.id = r.site_id WHERE r.code_sha256 = ?");
    c.bind(1, central::sha256_hex(normalise_code(code)));
    if (!c.step()) {
        if (!c.status().ok()) return error_response(Error::kInternal, c.status().message());
        note_register_failure(request.remote_addr);
        return error_response(Error::kBadCode, "central does not know this registration code; check it or ask "
                                               "the administrator for a new one");
    }
    if (!c.is_null(2)) {
        note_register_failure(request.remote_addr);
        return error_response(Error::kBadCode, "this registration code was already used; ask the administrator "
                                               "for a new one");
    }
    if (c.i64(1) <= now) {
        note_register_failure(request.remote_addr);
        return error_response(Error::kBadCode, "this registration code has expired (codes last 24 hours); ask "
                                               "the administrator for a new one");
    }
    const std::string site_id = c.text(0), site_code = c.text(3), site_name = c.text(4);
    const bool site_demo = c.i64(5) != 0;
    c.reset();
    if (site_demo != demo_)
        return error_response(Error::kDemoMismatch, "demo and real data never mix on one central");

    const std::string device_id = new_id();
    const std::string token = random_hex(32);
    sql::Tx tx(*db_);
    if (!tx.begin_status().ok()) return error_response(Error::kBusy, tx.begin_status().message());
    sql::Stmt ins = db_->prepare(
        "INSERT INTO devices(id,site_id,name,token_sha256,created_ms) VALUES(?,?,?,?,?)");
    ins.bind(1, device_id).bind(2, site_id).bind(3, device_name).bind(4, central::sha256_hex(token)).bind(5, now);
    Status s = ins.run();
    if (s.ok()) {
        if (const std::string app = central::app_version_of(request); !app.empty())
            central::note_app_version(*db_, device_id, app);
        // "AND used_ms IS NULL": another central process may have taken the
        // code since it was read above; the loser registers nothing.
        sql::Stmt used = db_->prepare(
            "UPDATE registration_codes SET used_ms=?, device_id=? WHERE code_sha256=? AND used_ms "
            "IS NULL");
        used.bind(1, now).bind(2, device_id).bind(3, central::sha256_hex(normalise_code(code)));
        s = used.run();
        if (s.ok() && db_->changes() != 1)
            return error_response(Error::kBadCode,
                                  "this registration code was already used; ask the administrator "
                                  "for a new one");
    }
    if (s.ok()) {
        json row{{"id", device_id}, {"site_id", site_id}, {"name", device_name}};
        s = append_feed(site_id, "", 0, json{{"devices", json::array({row})}}.dump());
    }
    // Version 3: the site's key for peer sync; older devices ignore it.
    Result<SiteKey> key = s.ok() ? site_key(site_id) : Result<SiteKey>(s);
    if (!key.ok()) s = key.status();
    if (s.ok()) s = tx.commit();
    if (!s.ok()) return error_response(Error::kInternal, "central could not record the device: " + s.message());

    json answer{{field::kDeviceId, device_id},
                {field::kToken, token},
                {field::kSite,
                 {{field::kId, site_id}, {field::kCode, site_code}, {field::kName, site_name}, {field::kIsDemo, site_demo}}},
                {field::kSiteKey, site_key_json(*key)}};
    return central::json_response(200, answer.dump());
}

}  // namespace outpost

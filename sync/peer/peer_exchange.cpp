// The peer exchange: PeerServer (answering) and sync_with_peer (asking).
// Messages (inside the seal, docs/protocol.md "Peer exchange"):
//   ask    {"kind":"ask","held":{vv},"max_rows","max_bytes"}
//          -> {"kind":"answer","held":{peer's vv},"changes":[...],"more"}
//   give   {"kind":"give","changes":[...]}  -> {"kind":"answer","held":{vv}}
// Every message also has "site", "from" (device id), "name" (the device's
// name, since the peer service; ignored by older peers), "at" (ms), and a
// request may have "port" (where the asker serves peers); an answer
// has "reply_to" (the request's nonce, hex), so an old answer cannot be
// passed off as the reply to a new request. "deflate": true in a request
// says the asker opens deflated ("OPZ1") answers; in an answer, that the
// server opens deflated requests (docs/protocol.md, "Compression").
#include "peer_exchange.h"

#include <sodium.h>

#include <limits>

#include "client_session.h"
#include "json_read.h"

namespace outpost {
namespace peer {

using nlohmann::json;

namespace {

std::string hex(const std::string& bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(&out[0], out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                   bytes.size());
    out.pop_back();
    return out;
}

json envelope(Store& store, Clock& clock, const char* kind) {
    return json{{"kind", kind},
                {"site", store.identity().site_id},
                {"from", store.identity().device_id},
                {"name", store.identity().device_name},
                {"at", clock.now_ms()}};
}

json changes_json(const std::vector<RemoteChange>& changes) {
    json out = json::array();
    for (const auto& c : changes) {
        json payload = json::parse(c.payload, nullptr, false);
        out.push_back({{"origin", c.origin}, {"seq", c.seq}, {"hlc", c.hlc}, {"payload", payload}});
    }
    return out;
}

// Reads "changes": every one must name its origin device and seq (peers
// relay site changes only, never central data).
bool read_changes(const json& msg, std::vector<RemoteChange>* out, std::string* problem) {
    auto list = msg.find("changes");
    if (list == msg.end() || !list->is_array()) {
        *problem = "the message has no list of changes";
        return false;
    }
    for (const auto& c : *list) {
        if (!c.is_object() || !c.value("origin", json()).is_string() ||
            !c.value("seq", json()).is_number_integer() || c["seq"].get<int64_t>() < 1 ||
            !c.value("payload", json()).is_object()) {
            *problem = "a change lacks its origin device, sequence number or payload";
            return false;
        }
        const std::string origin = c["origin"].get<std::string>();
        if (origin.empty() || origin.size() > 64) {
            *problem = "a change names no device";
            return false;
        }
        out->push_back(
            {origin, c["seq"].get<int64_t>(), c.value("hlc", std::string()), c["payload"].dump()});
    }
    return true;
}

// True when msg says "deflate": true (anything else, or nothing: false).
bool says_deflate(const json& msg) {
    auto d = msg.find("deflate");
    return d != msg.end() && d->is_boolean() && d->get<bool>();
}

int64_t clamp_int(const json& msg, const char* key, int64_t fallback, int64_t most) {
    auto v = msg.find(key);
    if (v == msg.end() || !v->is_number_integer() || v->get<int64_t>() < 1) return fallback;
    return std::min(v->get<int64_t>(), most);
}

}  // namespace

SiteKeys site_keys_of(Store& store) {
    SiteKeys keys;
    keys.site_id = store.identity().site_id;
    auto number = [&](const char* key) {
        try {
            return std::stoll(store.meta(key).value_or("0"));
        } catch (...) {
            return 0LL;
        }
    };
    if (auto k = store.meta(sync_meta::kSiteKey); k && !k->empty())
        keys.current = key_from_hex(number(sync_meta::kSiteKeyNo), *k);
    if (auto k = store.meta(sync_meta::kSiteKeyPrevious); k && !k->empty())
        keys.previous = key_from_hex(number(sync_meta::kSiteKeyPreviousNo), *k);
    return keys;
}

PeerReply PeerServer::refuse(int status, const std::string& error, const std::string& message) {
    return PeerReply{status, json{{"error", error}, {"message", message}}.dump()};
}

PeerReply PeerServer::handle(const std::string& sealed, const std::string& from_host) {
    std::lock_guard<std::mutex> lock(mu_);
    if (!store_.has_identity())
        return refuse(403, "no_site", "this device is not set up for a site yet");
    const SiteKeys keys = site_keys_of(store_);
    const int64_t now = clock_.now_ms();
    Opened in;
    Refusal why;
    std::string problem;
    if (!open(sealed, keys, now, &in, &why, &problem))
        return refuse(why == Refusal::kOversized   ? 413
                      : why == Refusal::kMalformed ? 400
                                                   : 403,
                      refusal_name(why), problem);
    if (!seen_.remember(in.nonce, in.message["at"].get<int64_t>(), now))
        return refuse(403, refusal_name(Refusal::kReplayed),
                      "this message was received before (a replay)");
    const std::string kind = in.message.value("kind", std::string());
    PeerCaller caller;
    caller.device_id = text_of(in.message, "from");
    caller.name = text_of(in.message, "name");
    caller.host = from_host;
    if (auto p = in.message.find("port"); p != in.message.end() && p->is_number_integer() &&
                                          p->get<int64_t>() > 0 && p->get<int64_t>() <= 65535)
        caller.port = static_cast<int>(p->get<int64_t>());
    json answer = envelope(store_, clock_, "answer");
    answer["reply_to"] = hex(in.nonce);
    // An asker that opens deflated answers gets them, and learns we open
    // deflated requests.
    const bool deflate = says_deflate(in.message);
    if (deflate) answer["deflate"] = true;
    if (kind == "ask") {
        VersionVector theirs;
        auto held = in.message.find("held");
        if (held == in.message.end() || !read_version_vector(*held, &theirs, &problem))
            return refuse(400, "malformed",
                          "ask: " + (held == in.message.end() ? "no version vector" : problem));
        bool more = false;
        auto page = store_.changes_missing_from(
            theirs, static_cast<int>(clamp_int(in.message, "max_rows", kPageRows, 2000)),
            static_cast<size_t>(clamp_int(in.message, "max_bytes", kPageBytes, 4 << 20)), &more);
        if (!page.ok()) return refuse(500, "internal", page.status().message());
        answer["changes"] = changes_json(*page);
        answer["more"] = more;
    } else if (kind == "give") {
        std::vector<RemoteChange> changes;
        if (!read_changes(in.message, &changes, &problem))
            return refuse(400, "malformed", "give: " + problem);
        Status s = store_.apply_remote(changes, {{sync_meta::kPeerAppliedMs, std::to_string(now)}});
        if (!s.ok())
            return refuse(s.code() == Status::Code::kPermissionDenied ? 403 : 400, "refused_change",
                          "the changes were refused, none written: " + s.message());
        caller.given = static_cast<int64_t>(changes.size());
    } else {
        return refuse(400, "malformed", "the message is neither an ask nor a give");
    }
    auto vv = store_.version_vector();
    if (!vv.ok()) return refuse(500, "internal", vv.status().message());
    answer["held"] = version_vector_json(*vv);
    if (on_answered_) on_answered_(caller);
    return PeerReply{200, seal(answer, keys, nullptr, deflate)};
}

namespace {

// Sends one sealed request and opens its answer, checking it replies to it.
// deflate: seal the request deflated (the peer said it opens them).
Result<json> ask_peer(Store& store, Transport& transport, Clock& clock, const SiteKeys& keys,
                      const json& request, bool deflate, PeerReport* report) {
    std::string nonce;
    const std::string body = seal(request, keys, &nonce, deflate);
    protocol::Headers h;
    h[protocol::kHeaderContentType] = "application/octet-stream";
    ++report->requests;
    report->bytes_sent += static_cast<int64_t>(body.size());
    auto reply = transport.post(kPeerPath, body, h);
    if (!reply.ok()) return reply.status();
    report->bytes_received += static_cast<int64_t>(reply->body.size());
    if (reply->status != 200) {
        json err;
        std::string unreadable;
        (void)parse_json(reply->body, &err, &unreadable);
        const std::string said = err.is_object() ? text_of(err, "message") : std::string();
        return Status::PermissionDenied(
            "the peer at " + transport.where() + " refused the exchange" +
            (said.empty() ? " (HTTP " + std::to_string(reply->status) + ")" : ": " + said));
    }
    Opened out;
    Refusal why;
    std::string problem;
    if (!open(reply->body, keys, clock.now_ms(), &out, &why, &problem))
        return Status::PermissionDenied("the answer of the peer at " + transport.where() +
                                        " was refused: " + problem);
    if (out.message.value("kind", std::string()) != "answer" ||
        out.message.value("reply_to", std::string()) != hex(nonce))
        return Status::PermissionDenied("the peer at " + transport.where() +
                                        " answered another request (a replay?)");
    (void)store;
    return out.message;
}

}  // namespace

PeerReport sync_with_peer(Store& store, Transport& transport, Clock& clock, int listen_port,
                          bool deflate) {
    PeerReport report;
    if (!store.has_identity()) {
        report.status = Status::Conflict("this store is not set up for a site yet");
        return report;
    }
    const SiteKeys keys = site_keys_of(store);
    if (!keys.current) {
        report.status = Status::PermissionDenied(
            "this device has no site key yet: sync it with central once before syncing with other "
            "devices");
        return report;
    }
    VersionVector theirs;
    std::string problem;
    bool peer_deflates = false;  // its answers said it opens deflated requests
    // Take: ask until the peer has nothing more we lack.
    for (bool more = true; more;) {
        auto mine = store.version_vector();
        if (!mine.ok()) return report.status = mine.status(), report;
        json ask = envelope(store, clock, "ask");
        ask["held"] = version_vector_json(*mine);
        ask["max_rows"] = kPageRows;
        ask["max_bytes"] = static_cast<int64_t>(kPageBytes);
        if (listen_port > 0) ask["port"] = listen_port;
        if (deflate) ask["deflate"] = true;
        auto answer = ask_peer(store, transport, clock, keys, ask, false, &report);
        if (!answer.ok()) return report.status = answer.status(), report;
        if (report.peer_device_id.empty()) {
            report.peer_device_id = text_of(*answer, "from");
            report.peer_name = text_of(*answer, "name");
            if (report.peer_device_id == store.identity().device_id) {
                report.status =
                    Status::Conflict("the address " + transport.where() + " is this device's own");
                return report;
            }
        }
        std::vector<RemoteChange> changes;
        if (!read_changes(*answer, &changes, &problem) ||
            !read_version_vector((*answer)["held"], &theirs, &problem)) {
            report.status = Status::Unavailable("the peer's answer could not be read: " + problem);
            return report;
        }
        more = answer->value("more", false);
        peer_deflates = deflate && says_deflate(*answer);
        if (changes.empty()) break;
        Status s = store.apply_remote(
            changes, {{sync_meta::kPeerAppliedMs, std::to_string(clock.now_ms())}});
        if (!s.ok()) {
            const std::string words =
                "changes from the peer were refused, none written: " + s.message();
            report.status = s.code() == Status::Code::kConflict ? Status::Conflict(words)
                                                                : Status::PermissionDenied(words);
            return report;
        }
        report.received += static_cast<int64_t>(changes.size());
    }
    // Give: what we hold beyond the peer's vector, until it holds it all.
    for (int pages = 0;; ++pages) {
        bool more = false;
        auto page = store.changes_missing_from(theirs, kPageRows, kPageBytes, &more);
        if (!page.ok()) return report.status = page.status(), report;
        if (page->empty()) break;
        json give = envelope(store, clock, "give");
        give["changes"] = changes_json(*page);
        if (deflate) give["deflate"] = true;
        auto answer = ask_peer(store, transport, clock, keys, give, peer_deflates, &report);
        if (!answer.ok()) return report.status = answer.status(), report;
        VersionVector after;
        if (!read_version_vector((*answer)["held"], &after, &problem)) {
            report.status = Status::Unavailable("the peer's answer could not be read: " + problem);
            return report;
        }
        int64_t taken = 0;
        for (const auto& [device, seq] : after) {
            auto b = theirs.find(device);
            taken += seq - (b == theirs.end() ? 0 : b->second);
        }
        theirs = std::move(after);
        if (taken <= 0) break;  // the peer took nothing new (a gap it cannot fill): stop
        report.given += taken;
    }
    report.status = Status::Ok();
    return report;
}

}  // namespace peer
}  // namespace outpost

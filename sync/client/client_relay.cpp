// Relaying (protocol version 3, issue 15): after its own outbox, a device
// pushes the changes of its site's other devices that it holds (from peers)
// and central lacks, so central gets everything exactly once whichever path
// a change took. Central names what it holds per device ("held") in every
// push answer; a central older than version 3 names nothing and is never
// sent a relayed change (it would take it for the pusher's own). Also the
// site key a version 3 central hands out (docs/security.md).
#include "client_session.h"
#include "json_read.h"

namespace outpost {

using nlohmann::json;

void SyncSession::note_central_held(const json& answer) {
    auto held = answer.find(protocol::field::kHeld);
    if (held == answer.end()) return;
    VersionVector vv;
    std::string problem;
    if (!read_version_vector(*held, &vv, &problem)) return;  // unreadable: relay nothing this cycle
    central_relays_ = true;
    central_held_ = std::move(vv);
}

bool SyncSession::peer_changes_waiting() {
    return store_.meta(sync_meta::kPeerAppliedMs) &&
           meta_i64(sync_meta::kPeerAppliedMs) >= meta_i64(sync_meta::kRelayedThroughMs);
}

Status SyncSession::push_merged(CycleReport* report) {
    const int64_t started = clock_.now_ms();
    const std::string& me = store_.identity().device_id;
    const std::string& site = store_.identity().site_id;
    for (int round = 0;; ++round) {
        if (cancelled()) return Status::Unavailable("sync was stopped");
        std::vector<RemoteChange> page;
        if (central_relays_) {
            bool more = false;
            auto missing = store_.changes_missing_from(central_held_, rows_, bytes_, &more);
            if (!missing.ok()) return missing.status();
            if (missing->empty())  // central holds all we hold: relaying is done until a peer brings more
                return store_.set_meta(sync_meta::kRelayedThroughMs, std::to_string(started));
            page = std::move(*missing);
        } else if (round > 0) {
            return push_own(report);  // central did not say what it holds: older than version 3
        }
        // Round 0 before any answer: an empty push asks central what it holds.
        json changes = json::array();
        for (const auto& c : page) {
            json payload = json::parse(c.payload, nullptr, false);
            if (payload.is_discarded())
                return Status::Corruption("change " + std::to_string(c.seq) + " of device " + c.origin +
                                          " is damaged; run verify and ask for support");
            const protocol::ChangeContext ctx{site, c.origin, c.hlc, c.seq};
            json change = {{protocol::field::kSeq, c.seq},
                           {protocol::field::kHlc, c.hlc},
                           {protocol::field::kPacked, protocol::pack_payload(payload, ctx)}};
            if (c.origin != me) change[protocol::field::kOrigin] = c.origin;
            changes.push_back(std::move(change));
        }
        json body = {{protocol::field::kDeviceId, me},
                     {protocol::field::kPending, store_.outbox_count_after(push_cursor())},
                     {protocol::field::kChanges, std::move(changes)}};
        auto reply = post(protocol::kPathPush, body.dump(), report);
        if (!reply.ok()) {
            if (transport_.last_failure_was_timeout()) shrink_page();
            return reply.status();
        }
        if (reply->status == 413 && rows_ > config_.page_rows_min) {
            shrink_page();
            continue;
        }
        if (reply->status != 200) return answer_error(*reply, report);
        json answer;
        std::string unreadable;
        if (!parse_json(reply->body, &answer, &unreadable) || !answer.is_object() ||
            !answer[protocol::field::kAcceptedThrough].is_number_integer())
            return Status::Unavailable("central's answer to a push could not be read; will try again");
        if (Status q = quarantine_refused(answer, report); !q.ok()) return q;
        const VersionVector before = central_held_;
        note_central_held(answer);
        const int64_t accepted = answer[protocol::field::kAcceptedThrough].get<int64_t>();
        const int64_t cursor = push_cursor();
        if (accepted > cursor) {
            Status s = store_.set_meta(sync_meta::kPushCursor, std::to_string(accepted));
            if (!s.ok()) return s;
            report->pushed += accepted - cursor;
        }
        if (page.empty()) continue;
        int64_t taken = 0, relayed = 0;
        for (const auto& [device, seq] : central_held_) {
            auto b = before.find(device);
            const int64_t moved = seq - (b == before.end() ? 0 : b->second);
            taken += moved;
            if (device != me) relayed += moved;
        }
        report->relayed += relayed;
        if (taken <= 0) return Status::Ok();  // central took nothing (a gap, refusals): try next cycle
        if (on_page_) on_page_();
    }
}

Status SyncSession::adopt_site_key(const json& key) {
    if (!key.is_object() || !key[protocol::field::kKeyNo].is_number_integer() || !key[protocol::field::kKey].is_string() ||
        key[protocol::field::kKey].get<std::string>().size() != 64)
        return Status::Unavailable("central sent a site key this device cannot read; will try again");
    const std::string no = std::to_string(key[protocol::field::kKeyNo].get<int64_t>());
    std::vector<std::pair<std::string, std::string>> meta = {{sync_meta::kSiteKey, key[protocol::field::kKey]},
                                                             {sync_meta::kSiteKeyNo, no}};
    if (auto old = store_.meta(sync_meta::kSiteKey); old && !old->empty() && *old != key[protocol::field::kKey]) {
        meta.push_back({sync_meta::kSiteKeyPrevious, *old});
        meta.push_back({sync_meta::kSiteKeyPreviousNo, store_.meta(sync_meta::kSiteKeyNo).value_or("0")});
    }
    return store_.set_meta(meta);
}

}  // namespace outpost

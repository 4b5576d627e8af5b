// FaultyTransport: see transport_faulty.h. The order of the dice rolls is
// part of a seed's meaning: change it and old failing seed numbers replay
// something else.
#include "transport_faulty.h"

namespace outpost {

bool FaultyTransport::roll(double p) {
    if (p <= 0) return false;
    return std::uniform_real_distribution<double>(0, 1)(rng_) < p;
}

void FaultyTransport::deliver_held_back() {
    while (!held_.empty()) {
        Held h = std::move(held_.front());
        held_.pop_front();
        (void)inner_.post(h.path, h.body, h.headers);  // the answer goes nowhere
        ++counts_.replayed_late;
    }
}

void FaultyTransport::heal() {
    faults_ = NetworkFaults{};
    deliver_held_back();
}

Result<HttpReply> FaultyTransport::post(const std::string& path, const std::string& body,
                                        const protocol::Headers& headers) {
    ++counts_.requests;
    last_timeout_ = false;
    // A copy held back earlier arrives now, before this request.
    if (!held_.empty() && roll(0.5)) {
        Held h = std::move(held_.front());
        held_.pop_front();
        (void)inner_.post(h.path, h.body, h.headers);
        ++counts_.replayed_late;
    }
    if (roll(faults_.drop_request)) {
        ++counts_.dropped;
        return Status::Unavailable("cannot reach central at " + where() + ": the link dropped the request");
    }
    if (roll(faults_.busy)) {
        ++counts_.busy;
        HttpReply r;
        r.status = 503;
        r.headers[protocol::kHeaderRetryAfter] = "7";
        r.body = protocol::error_body(protocol::Error::kBusy, "central is busy (simulated)");
        return r;
    }
    if (roll(faults_.hold_back)) {
        ++counts_.held_back;
        held_.push_back({path, body, headers});
    }
    if (roll(faults_.duplicate)) {
        ++counts_.duplicated;
        (void)inner_.post(path, body, headers);
    }
    bool slow = roll(faults_.slow);
    Result<HttpReply> reply = inner_.post(path, body, headers);
    if (slow) {
        ++counts_.slow;
        if (clock_) clock_->advance(faults_.slow_ms);
        if (faults_.slow_ms >= faults_.timeout_ms) {
            last_timeout_ = true;
            return Status::Unavailable("cannot reach central at " + where() + ": no answer in time");
        }
    }
    if (roll(faults_.lose_reply)) {
        ++counts_.lost_replies;
        return Status::Unavailable("cannot reach central at " + where() + ": the connection dropped");
    }
    return reply;
}

Result<HttpReply> FaultyTransport::get(const std::string& path, const protocol::Headers& headers) {
    ++counts_.requests;
    if (roll(faults_.drop_request)) {
        ++counts_.dropped;
        return Status::Unavailable("cannot reach central at " + where() + ": the link dropped the request");
    }
    return inner_.get(path, headers);
}

}  // namespace outpost

// SyncSession: push then pull, synchronously, through a Transport. See
// client_session.h for the invariants and docs/protocol.md for the wire.
#include "client_session.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "i18n.h"
#include "json_read.h"

namespace outpost {

using nlohmann::json;
using i18n::format;
using i18n::tr;

namespace {

// ---- reading a pull page without building it ---------------------------------
// A restore moves hundreds of megabytes of payload text. Building the whole
// page as JSON, dumping each payload back to text and letting apply_remote
// parse it again cost more than the database writes, so the page is scanned
// instead: the scanner checks the page's structure and cuts out each
// payload's text, which apply_remote then parses (and fully checks) once.
constexpr size_t kBad = std::string::npos;
constexpr int kMaxDepth = 64;

size_t skip_space(const std::string& t, size_t i) {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\n' || t[i] == '\r' || t[i] == '\t')) ++i;
    return i;
}

// t[i] is '"'; returns the index after the closing quote.
size_t skip_string(const std::string& t, size_t i) {
    for (++i; i < t.size(); ++i) {
        if (t[i] == '\\') ++i;
        else if (t[i] == '"') return i + 1;
    }
    return kBad;
}

// Returns the index after the JSON value that starts at or after i.
size_t skip_value(const std::string& t, size_t i, int depth) {
    i = skip_space(t, i);
    if (i >= t.size()) return kBad;
    const char open = t[i];
    if (open == '"') return skip_string(t, i);
    if (open != '{' && open != '[') {  // number, true, false, null
        size_t j = i;
        while (j < t.size() && (std::isalnum(static_cast<unsigned char>(t[j])) || t[j] == '-' || t[j] == '+' ||
                                t[j] == '.'))
            ++j;
        return j == i ? kBad : j;
    }
    if (depth >= kMaxDepth) return kBad;
    const char close = open == '{' ? '}' : ']';
    i = skip_space(t, i + 1);
    if (i < t.size() && t[i] == close) return i + 1;
    for (;;) {
        if (open == '{') {
            i = skip_space(t, i);
            if (i >= t.size() || t[i] != '"') return kBad;
            i = skip_space(t, skip_string(t, i));
            if (i >= t.size() || t[i] != ':') return kBad;
            ++i;
        }
        i = skip_space(t, skip_value(t, i, depth + 1));
        if (i >= t.size()) return kBad;
        if (t[i] == close) return i + 1;
        if (t[i] != ',') return kBad;
        ++i;
    }
}

// Calls member(key, value_start, value_end) for each member of the object
// at t[i]; the key is taken as written (our names need no escapes). Returns
// the index after the object, or kBad.
template <typename F>
size_t each_member(const std::string& t, size_t i, F member) {
    i = skip_space(t, i);
    if (i >= t.size() || t[i] != '{') return kBad;
    i = skip_space(t, i + 1);
    if (i < t.size() && t[i] == '}') return i + 1;
    for (;;) {
        if (i >= t.size() || t[i] != '"') return kBad;
        const size_t key_end = skip_string(t, i);
        if (key_end == kBad) return kBad;
        const std::string key = t.substr(i + 1, key_end - i - 2);
        i = skip_space(t, key_end);
        if (i >= t.size() || t[i] != ':') return kBad;
        const size_t start = skip_space(t, i + 1);
        const size_t end = skip_value(t, start, 1);
        if (end == kBad || !member(key, start, end)) return kBad;
        i = skip_space(t, end);
        if (i >= t.size()) return kBad;
        if (t[i] == '}') return i + 1;
        if (t[i] != ',') return kBad;
        i = skip_space(t, i + 1);
    }
}

bool read_integer(const std::string& t, size_t start, size_t end, int64_t* out) {
    if (start >= end || end - start > 19) return false;
    size_t i = start;
    const bool negative = t[i] == '-';
    if (negative) ++i;
    if (i == end) return false;
    int64_t v = 0;
    for (; i < end; ++i) {
        if (t[i] < '0' || t[i] > '9') return false;
        v = v * 10 + (t[i] - '0');
    }
    *out = negative ? -v : v;
    return true;
}

}  // namespace

bool read_pull_page(const std::string& text, PulledPage* page) {
    *page = PulledPage{};
    bool has_changes = false, has_next = false, ok = true;
    size_t end = each_member(text, 0, [&](const std::string& key, size_t start, size_t stop) {
        if (key == protocol::field::kChanges) {
            has_changes = true;
            if (text[start] != '[') return false;
            size_t i = skip_space(text, start + 1);
            if (text[i] == ']') return true;
            for (;;) {
                bool has_payload = false;
                RemoteChange change;
                i = each_member(text, i, [&](const std::string& k, size_t s, size_t e) {
                    if (k == protocol::field::kOrigin) {
                        if (text[s] != '"' || e - s < 3 || e - s > 66) return false;
                        change.origin = text.substr(s + 1, e - s - 2);
                        return change.origin.find('\\') == std::string::npos;
                    }
                    if (k == protocol::field::kSeq) return read_integer(text, s, e, &change.seq) && change.seq > 0;
                    if (k != protocol::field::kPayload) return true;
                    if (text[s] != '{') return false;  // a change without content
                    change.payload = text.substr(s, e - s);
                    has_payload = true;
                    return true;
                });
                if (i == kBad || !has_payload) return false;
                if (change.origin.empty() != (change.seq == 0)) return false;  // origin and seq go together
                page->changes.push_back(std::move(change));
                i = skip_space(text, i);
                if (text[i] == ']') return true;
                if (text[i] != ',') return false;
                i = skip_space(text, i + 1);
            }
        }
        if (key == protocol::field::kSiteKey) {
            page->site_key_json = text.substr(start, stop - start);
            return text[start] == '{';
        }
        if (key == protocol::field::kNext) return has_next = read_integer(text, start, stop, &page->next);
        if (key == protocol::field::kRemaining) return read_integer(text, start, stop, &page->remaining);
        if (key == protocol::field::kMore) {
            page->more = text.compare(start, stop - start, "true") == 0;
            return page->more || text.compare(start, stop - start, "false") == 0;
        }
        return true;  // a field this client does not know
    });
    ok = end != kBad && skip_space(text, end) == text.size();
    return ok && has_changes && has_next;
}

SyncSession::SyncSession(Store& store, Transport& transport, Clock& clock, const SyncConfig& config)
    : store_(store),
      transport_(transport),
      clock_(clock),
      config_(config),
      rows_(config.page_rows_initial),
      bytes_(config.page_bytes_initial) {}

int64_t SyncSession::meta_i64(const char* key) {
    auto v = store_.meta(key);
    if (!v || v->empty()) return 0;
    try {
        return std::stoll(*v);
    } catch (...) {
        return 0;
    }
}

int64_t SyncSession::push_cursor() { return meta_i64(sync_meta::kPushCursor); }
int64_t SyncSession::pull_cursor() { return meta_i64(sync_meta::kPullCursor); }

void SyncSession::shrink_page() {
    rows_ = std::max(config_.page_rows_min, rows_ / 2);
    bytes_ = std::max(config_.page_bytes_min, bytes_ / 2);
}

void SyncSession::grow_page() {
    rows_ = std::min(config_.page_rows_max, rows_ * 2);
    bytes_ = std::min(config_.page_bytes_max, bytes_ * 2);
}

Result<HttpReply> SyncSession::post(const std::string& path, const std::string& body, CycleReport* report) {
    std::string token = config_.token.empty() ? store_.meta(sync_meta::kToken).value_or("") : config_.token;
    protocol::Headers h;
    h[protocol::kHeaderProtocol] = std::to_string(protocol::kVersion);
    h[protocol::kHeaderAuthorization] = std::string(protocol::kBearerPrefix) + token;
    h[protocol::kHeaderContentType] = protocol::kContentTypeJson;
    h[protocol::kHeaderApp] = config_.app_version.empty() ? client_app_version() : config_.app_version;
    ++report->requests;
    return transport_.post(path, body, h);
}

Status SyncSession::answer_error(const HttpReply& r, CycleReport* report) {
    json body;
    std::string unreadable;
    (void)parse_json(r.body, &body, &unreadable);  // an unreadable error answer is told by its HTTP status
    std::string code, message;
    if (body.is_object()) {
        code = text_of(body, protocol::field::kError);
        message = text_of(body, protocol::field::kMessage);
    }
    auto retry = r.headers.find(protocol::kHeaderRetryAfter);
    if (retry != r.headers.end()) report->retry_after_ms = parse_retry_after_ms(retry->second);
    const std::string said = message.empty() ? "" : format(tr(" (central said: {0})"), {message});
    protocol::Error e;
    if (!protocol::parse_error(code, &e)) {
        if (r.status >= 500) return Status::Unavailable(
                format(tr("central had a problem (HTTP {0}); will try again"), {std::to_string(r.status)}) + said);
        return Status::Unavailable(
            format(tr("central gave an unexpected answer (HTTP {0}); will try again"), {std::to_string(r.status)}) +
            said);
    }
    switch (e) {
        case protocol::Error::kBadToken:
            report->fatal = true;
            return Status::PermissionDenied(tr("central no longer accepts this device; set up sync again") + said);
        case protocol::Error::kWrongSite:
            report->fatal = true;
            return Status::PermissionDenied(
                std::string(tr("central says this device belongs to another site; set up sync again")) + said);
        case protocol::Error::kDemoMismatch:
            report->fatal = true;
            return Status::PermissionDenied(tr("demo data cannot sync with a real central (or the reverse)") + said);
        case protocol::Error::kSequenceConflict:
            report->fatal = true;
            return Status::Conflict(
                std::string(tr("this device must be set up again (restore): central holds different changes "
                               "under the same numbers")) +
                said);
        case protocol::Error::kVersionTooOld:
            report->fatal = true;
            return Status::Unavailable(tr("this Outpost is too old for central; update Outpost") + said);
        case protocol::Error::kRateLimited:
        case protocol::Error::kBusy:
            return Status::Unavailable(tr("central is busy; will try again") + said);
        case protocol::Error::kPayloadTooLarge:
            return Status::Unavailable(tr("a change is too large for central to accept") + said);
        case protocol::Error::kBadRequest:
            return Status::Unavailable(tr("central could not read a sync request; will try again") + said);
        default:
            return Status::Unavailable(format(tr("central refused a sync request ({0}); will try again"), {code}) + said);
    }
}

Status SyncSession::push_all(CycleReport* report) {
    // Changes from a peer since the last complete relay: push everything
    // held in the order this store came to hold it (client_relay.cpp).
    if (peer_changes_waiting()) return push_merged(report);
    return push_own(report);
}

Status SyncSession::quarantine_refused(const json& answer, CycleReport* report) {
    auto rej = answer.find(protocol::field::kRejected);
    if (rej == answer.end() || !rej->is_array()) return Status::Ok();
    for (const auto& r : *rej) {
        if (!r.is_object()) continue;
        auto seq = r.find(protocol::field::kSeq);
        if (seq == r.end() || !seq->is_number_integer()) continue;
        std::string why = text_of(r, protocol::field::kMessage);
        std::string code = text_of(r, protocol::field::kError);
        if (why.empty()) why = "refused by central (" + code + ")";
        Status q = store_.quarantine_change(seq->get<int64_t>(), why);
        if (!q.ok() && q.code() != Status::Code::kNotFound) return q;
        if (q.ok()) ++report->quarantined;
    }
    return Status::Ok();
}

Status SyncSession::push_own(CycleReport* report) {
    int64_t cursor = push_cursor();
    int64_t after = cursor;
    bool rewound = false;
    const std::string device_id = store_.identity().device_id;
    const std::string site_id = store_.identity().site_id;
    while (store_.outbox_count_after(after) > 0) {
        if (cancelled()) return Status::Unavailable("sync was stopped");
        auto page = store_.outbox_after(after, rows_, bytes_);
        if (!page.ok()) return page.status();
        if (page->empty()) break;
        json changes = json::array();
        for (const auto& c : *page) {
            json payload = json::parse(c.payload, nullptr, false);
            if (payload.is_discarded())
                return Status::Corruption("outbox change " + std::to_string(c.seq) +
                                          " is damaged; run verify and ask for support");
            if (send_packed_) {
                // Version 2: rows as value lists, columns named once, and the
                // device, site, seq and hlc each row repeats left to central.
                const protocol::ChangeContext ctx{site_id, device_id, c.hlc, c.seq};
                changes.push_back({{protocol::field::kSeq, c.seq},
                                   {protocol::field::kHlc, c.hlc},
                                   {protocol::field::kPacked, protocol::pack_payload(payload, ctx)}});
            } else {
                changes.push_back({{protocol::field::kSeq, c.seq},
                                   {protocol::field::kHlc, c.hlc},
                                   {protocol::field::kEntity, c.entity},
                                   {protocol::field::kEntityId, c.entity_id},
                                   {protocol::field::kPayload, std::move(payload)}});
            }
        }
        const int64_t last_sent = page->back().seq;
        json body = {{protocol::field::kDeviceId, device_id},
                     {protocol::field::kPending, store_.outbox_count_after(last_sent)},
                     {protocol::field::kChanges, std::move(changes)}};
        const int64_t t0 = clock_.now_ms();
        auto reply = post(protocol::kPathPush, body.dump(), report);
        const int64_t took = clock_.now_ms() - t0;
        if (!reply.ok()) {
            if (transport_.last_failure_was_timeout()) shrink_page();
            return reply.status();
        }
        if (reply->status == 413 && rows_ > config_.page_rows_min) {
            shrink_page();
            continue;
        }
        if (reply->status == 400 && send_packed_) {
            // A central older than version 2 cannot read packed changes:
            // send this session's pushes in the version 1 form instead.
            send_packed_ = false;
            continue;
        }
        if (reply->status != 200) return answer_error(*reply, report);
        json answer;
        std::string unreadable;
        if (!parse_json(reply->body, &answer, &unreadable) || !answer.is_object() || !answer[protocol::field::kAcceptedThrough].is_number_integer())
            return Status::Unavailable("central's answer to a push could not be read; will try again");
        const int64_t accepted = answer[protocol::field::kAcceptedThrough].get<int64_t>();
        note_central_held(answer);
        // Quarantine refusals before moving the cursor: a crash in between
        // then replays the push instead of forgetting the refusal.
        if (Status q = quarantine_refused(answer, report); !q.ok()) return q;
        if (accepted > cursor) {
            Status s = store_.set_meta(sync_meta::kPushCursor, std::to_string(accepted));
            if (!s.ok()) return s;
            report->pushed += accepted - cursor;
            cursor = accepted;
        }
        if (accepted <= after) {
            // Central holds less than we believed (its copy was restored from
            // an older backup): send again from what it holds, once.
            if (accepted < after && !rewound && accepted >= 0) {
                rewound = true;
                after = accepted;
                continue;
            }
            return Status::Unavailable("central did not accept change " + std::to_string(after + 1) +
                                       "; will try again");
        }
        after = accepted;
        if (took < config_.fast_page_ms && static_cast<int>(page->size()) >= rows_) grow_page();
        if (on_page_) on_page_();
    }
    return Status::Ok();
}

Status SyncSession::pull_all(CycleReport* report) {
    int64_t after = pull_cursor();
    const std::string device_id = store_.identity().device_id;
    const bool restoring = store_.meta(sync_meta::kRestoring).value_or("") == "1";
    for (;;) {
        if (cancelled()) return Status::Unavailable("sync was stopped");
        json body = {{protocol::field::kDeviceId, device_id},
                     {protocol::field::kAfter, after},
                     {protocol::field::kMaxRows, rows_},
                     {protocol::field::kMaxBytes, static_cast<int64_t>(bytes_)},
                     {protocol::field::kSkipOwn, true}};
        // Version 3: what this store holds, so central passes over what it
        // had from a peer, and the key number it holds.
        auto held = store_.version_vector();
        if (!held.ok()) return held.status();
        body[protocol::field::kHeld] = version_vector_json(*held);
        body[protocol::field::kSiteKeyNo] =
            store_.meta(sync_meta::kSiteKey).value_or("").empty() ? 0 : meta_i64(sync_meta::kSiteKeyNo);
        const int64_t t0 = clock_.now_ms();
        auto reply = post(protocol::kPathPull, body.dump(), report);
        const int64_t took = clock_.now_ms() - t0;
        if (!reply.ok()) {
            if (transport_.last_failure_was_timeout()) shrink_page();
            return reply.status();
        }
        if (reply->status == 413 && rows_ > config_.page_rows_min) {
            shrink_page();
            continue;
        }
        if (reply->status != 200) return answer_error(*reply, report);
        PulledPage page;
        if (!read_pull_page(reply->body, &page))
            return Status::Unavailable("central's answer to a pull could not be read; will try again");
        const int64_t next = page.next;
        remaining_ = page.remaining;
        if (!page.site_key_json.empty()) {
            json key;
            std::string unreadable;
            if (!parse_json(page.site_key_json, &key, &unreadable))
                return Status::Unavailable("central's site key could not be read; will try again");
            Status k = adopt_site_key(key);
            if (!k.ok()) return k;
        }
        if (page.changes.empty() && next <= after) {
            if (page.more) return Status::Unavailable("central sent an empty page; will try again");
            break;
        }
        if (next <= after)
            return Status::Unavailable("central's feed cursor went backwards; will try again");
        // An empty page that moves the cursor passed over this device's own
        // changes ("skip_own"): the cursor is stored all the same.
        Status s = store_.apply_remote(page.changes, {{sync_meta::kPullCursor, std::to_string(next)}});
        if (!s.ok()) return Status(s.code() == Status::Code::kPermissionDenied
                                       ? Status::PermissionDenied("changes from central were refused: " + s.message())
                                       : Status::IoError("changes from central could not be saved: " + s.message()));
        const auto& changes = page.changes;
        const bool more = page.more;
        report->pulled += static_cast<int64_t>(changes.size());
        after = next;
        if (restoring) {
            int64_t done = meta_i64(sync_meta::kRestorePulled) + static_cast<int64_t>(changes.size());
            (void)store_.set_meta(sync_meta::kRestorePulled, std::to_string(done));
        }
        if (took < config_.fast_page_ms && static_cast<int64_t>(changes.size()) >= rows_) grow_page();
        if (on_page_) on_page_();
        if (!more) break;
    }
    if (restoring) (void)store_.set_meta(sync_meta::kRestoring, "0");
    return Status::Ok();
}

CycleReport SyncSession::run_once() {
    CycleReport report;
    report.status = push_all(&report);
    if (report.status.ok()) report.status = pull_all(&report);
    if (report.status.ok()) {
        (void)store_.set_meta(sync_meta::kLastSuccess, std::to_string(clock_.now_ms()));
        (void)store_.set_meta(sync_meta::kStopped, "");
    } else if (report.fatal) {
        (void)store_.set_meta(sync_meta::kStopped, report.status.message());
    }
    return report;
}

void SyncSession::fill_snapshot(SyncSnapshot* s) {
    s->configured = !(config_.token.empty() && store_.meta(sync_meta::kToken).value_or("").empty());
    s->server = config_.server_url.empty() ? store_.meta(sync_meta::kServer).value_or("") : config_.server_url;
    s->changes_waiting = store_.outbox_count_after(push_cursor());
    auto q = store_.quarantined();
    s->quarantined = q.ok() ? static_cast<int64_t>(q->size()) : 0;
    s->last_success_ms = meta_i64(sync_meta::kLastSuccess);
    s->restoring = store_.meta(sync_meta::kRestoring).value_or("") == "1";
    s->restore_done = meta_i64(sync_meta::kRestorePulled);
    s->restore_total = remaining_ >= 0 ? s->restore_done + remaining_ : 0;
}

}  // namespace outpost

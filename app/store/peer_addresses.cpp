// The peer address book (peer_addresses.h; store.h "peer addresses"). Each
// entry is one `meta` row, so the UI thread adding an address and the peer
// service remembering a device never rewrite each other's entries:
//   peer.manual.<address>     -> when it was added (UTC ms)
//   peer.seen.<device id>     -> {"name","address","at"} (JSON)
#include "peer_addresses.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "i18n.h"
#include "store.h"
#include "store_internal.h"

namespace outpost {

namespace {

constexpr const char* kManualPrefix = "peer.manual.";
constexpr const char* kSeenPrefix = "peer.seen.";
constexpr size_t kMaxAddress = 255;

std::string trimmed(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return "";
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

// Why address cannot be kept as a peer's address; "" when it can.
std::string address_problem(const std::string& address) {
    std::string host, problem;
    int port = 0;
    if (!split_host_port(address, &host, &port, &problem, 1)) return problem;
    return "";
}

}  // namespace

bool split_host_port(const std::string& text, std::string* host, int* port, std::string* problem,
                     int lowest_port) {
    const size_t colon = text.rfind(':');
    if (text.size() > kMaxAddress) {
        *problem = i18n::tr("the address is too long for a device on this network");
        return false;
    }
    if (colon == std::string::npos || colon == 0 || colon + 1 == text.size()) {
        *problem = i18n::format(i18n::tr("'{0}' is not HOST:PORT (for example 192.168.1.20:7610)"),
                                {text});
        return false;
    }
    for (size_t i = 0; i < colon; ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c <= 0x20 || c == '/' || c == '@' || c >= 0x7f) {
            *problem =
                i18n::format(i18n::tr("'{0}' is not HOST:PORT: the host has a space or a sign no "
                                      "address has"),
                             {text});
            return false;
        }
    }
    int p = 0;
    for (size_t i = colon + 1; i < text.size(); ++i) {
        if (text[i] < '0' || text[i] > '9' || p > 65535) {
            *problem = i18n::format(i18n::tr("'{0}' has no port number after the colon"), {text});
            return false;
        }
        p = p * 10 + (text[i] - '0');
    }
    if (p > 65535 || p < lowest_port) {
        *problem = i18n::format(i18n::tr("port {0} is not a port a device listens on (1 to 65535)"),
                                {std::to_string(p)});
        return false;
    }
    *host = text.substr(0, colon);
    *port = p;
    return true;
}

Result<std::vector<PeerAddress>> Store::peer_addresses() {
    Stmt s = db_.prepare(
        "SELECT key, value FROM meta WHERE key >= 'peer.' AND key < 'peer/' ORDER BY key");
    std::vector<PeerAddress> manual, seen;
    while (s.step()) {
        const std::string key = s.text(0), value = s.text(1);
        if (key.rfind(kManualPrefix, 0) == 0) {
            PeerAddress a;
            a.address = key.substr(std::string(kManualPrefix).size());
            a.manual = true;
            manual.push_back(a);
        } else if (key.rfind(kSeenPrefix, 0) == 0) {
            auto j = nlohmann::json::parse(value, nullptr, false);
            if (!j.is_object() || !j.value("address", nlohmann::json()).is_string())
                continue;  // not ours to read
            PeerAddress a;
            a.device_id = key.substr(std::string(kSeenPrefix).size());
            a.device_name = j.value("name", std::string());
            a.address = j["address"].get<std::string>();
            a.last_success_ms = j.value("at", int64_t{0});
            seen.push_back(a);
        }
    }
    if (!s.status().ok()) return s.status();
    std::stable_sort(seen.begin(), seen.end(), [](const PeerAddress& a, const PeerAddress& b) {
        return a.last_success_ms > b.last_success_ms;
    });
    manual.insert(manual.end(), seen.begin(), seen.end());
    return manual;
}

Status Store::add_peer_address(const std::string& host_port) {
    const std::string address = trimmed(host_port);
    const std::string problem = address_problem(address);
    if (!problem.empty()) return Status::InvalidArgument(problem);
    if (meta(kManualPrefix + address))
        return Status::Conflict(i18n::format(i18n::tr("{0} is in the list already"), {address}));
    Status st = set_meta(kManualPrefix + address, std::to_string(now_ms()));
    if (st.ok()) ++local_writes_;  // screens re-read by data_version()
    return st;
}

Status Store::forget_peer_address(const std::string& host_port) {
    const std::string address = trimmed(host_port);
    auto book = peer_addresses();
    if (!book.ok()) return book.status();
    std::vector<std::string> keys;
    for (const PeerAddress& a : *book)
        if (a.address == address)
            keys.push_back(a.manual ? kManualPrefix + address : kSeenPrefix + a.device_id);
    if (keys.empty())
        return Status::NotFound(i18n::format(i18n::tr("{0} is not in the list"), {address}));
    Status st = in_transaction(db_, [&]() -> Status {
        for (const std::string& k : keys) {
            Stmt d = db_.prepare("DELETE FROM meta WHERE key=?");
            d.bind(1, k);
            Status r = d.run();
            if (!r.ok()) return r;
        }
        return Status::Ok();
    });
    if (st.ok()) ++local_writes_;
    return st;
}

Status Store::remember_peer(const std::string& device_id, const std::string& device_name,
                            const std::string& address, int64_t at_ms) {
    const std::string problem = address_problem(address);
    if (!problem.empty()) return Status::InvalidArgument(problem);
    if (device_id.empty() || device_id.size() > 64)
        return Status::InvalidArgument(i18n::tr("the device that answered gave no device id"));
    return set_meta(
        kSeenPrefix + device_id,
        nlohmann::json{{"name", device_name}, {"address", address}, {"at", at_ms}}.dump());
}

}  // namespace outpost

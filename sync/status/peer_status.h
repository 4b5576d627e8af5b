// A thread-safe snapshot of peer sync on the clinic's network (issue 15),
// published by the app's background peer service and read by the screens
// every frame (the status line and the Sync screen's peer list). Header-only,
// like sync_status.h, so screens can draw "no peers" before a service exists.
//
// Contract between the service (writer) and the screens (readers):
// - The service publishes a whole PeerSnapshot after every change (an
//   exchange ended, a peer was found or lost, serving started or failed).
// - Times are UTC milliseconds since 1970 (the screens show local time);
//   0 means "never".
// - Strings are plain words a person can act on, in the language the service
//   was given (the screens do not parse them).
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace outpost {

// How this device learnt of a peer.
enum class PeerSource {
    kManual,      // an address an admin typed (or read from a QR code)
    kDiscovered,  // announced by DNS-SD/mDNS on this network
    kRemembered,  // the last address that worked, kept from an earlier run
};

// One other device of this site, as this device last saw it.
struct PeerState {
    std::string device_id;    // the peer's device id; empty until a first exchange
    std::string name;         // "Dispensary tablet"; the address when unknown
    std::string address;      // "192.168.1.20:7610"
    PeerSource source = PeerSource::kManual;
    int64_t last_success_ms = 0;  // last exchange that completed; 0: never
    int64_t last_attempt_ms = 0;  // 0: never tried
    // After the last successful exchange neither side lacked anything the
    // other held ("in step"). False while an exchange is due or failed.
    bool in_step = false;
    int64_t received_last = 0;  // changes taken from the peer in the last exchange
    int64_t given_last = 0;     // changes the peer took from us in the last exchange
    std::string last_error;     // empty when the last attempt went well
};

struct PeerSnapshot {
    bool enabled = false;          // false: peer sync is off or not possible (no site key)
    std::string why_disabled;      // plain words when !enabled ("no site key yet: sync with central once")
    bool serving = false;          // listening for peers
    std::string listen_address;    // "0.0.0.0:7610" while serving
    std::string serve_error;       // why serving failed; empty when fine
    bool discovery_running = false;  // DNS-SD browsing and announcing
    std::string discovery_problem;   // e.g. "mDNS not available (avahi-daemon not running)"
    std::vector<PeerState> peers;
};

// Peers in step within this window count as "up to date here" on the status
// line (a peer not heard from for longer is shown by its age instead).
constexpr int64_t kPeerFreshMs = 10LL * 60 * 1000;

// How many peers were in step and heard from within kPeerFreshMs of now_ms.
inline int peers_in_step(const PeerSnapshot& s, int64_t now_ms) {
    int n = 0;
    for (const PeerState& p : s.peers)
        if (p.in_step && p.last_success_ms > 0 && now_ms - p.last_success_ms <= kPeerFreshMs) ++n;
    return n;
}

// Where the peer service publishes and the UI reads. Thread safe.
class PeerStatusBoard {
public:
    void publish(const PeerSnapshot& s) {
        std::lock_guard<std::mutex> l(mu_);
        snap_ = s;
    }
    PeerSnapshot read() const {
        std::lock_guard<std::mutex> l(mu_);
        return snap_;
    }

private:
    mutable std::mutex mu_;
    PeerSnapshot snap_;
};

}  // namespace outpost

// Finding the site's other devices on the clinic's network by DNS-SD/mDNS
// (issue 15): each device announces a `_outpost-peer._tcp` service with TXT
// records naming its site and device ids (never the site key), and browses
// for the same service of its own site. Discovery is a convenience only: the
// peer service always tries manual and remembered addresses too, and a
// device found here still has to open the site key's seal to be talked to.
//
// PeerDiscovery is the seam: the Avahi one (avahi_discovery.cpp, built when
// CMake finds avahi-client) for the app, ListDiscovery for tests.
// Thread safety: every method may be called from any thread.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace outpost {
namespace peer {

constexpr const char* kServiceType = "_outpost-peer._tcp";

// What this device announces.
struct Announcement {
    std::string site_id, device_id, device_name;
    int port = 0;  // where it serves peers; 0: browse only, announce nothing
};

// A device of this site seen on the network.
struct DiscoveredPeer {
    std::string device_id;
    std::string address;  // "192.168.1.20:7610"
};

class PeerDiscovery {
  public:
    virtual ~PeerDiscovery() = default;
    // Starts announcing `me` (unless me.port is 0) and browsing for devices
    // of me.site_id. Returns at once; a failure (no mDNS daemon) shows in
    // problem(). on_change is called, from any thread, each time found(),
    // running() or problem() changed. Calling start again restarts.
    virtual void start(const Announcement& me, std::function<void()> on_change) = 0;
    // Stops announcing and browsing; found() empties. Idempotent.
    virtual void stop() = 0;
    virtual bool running() const = 0;
    // Plain words when discovery is not working ("" when it is).
    virtual std::string problem() const = 0;
    // Devices of the site seen now, this device excluded.
    virtual std::vector<DiscoveredPeer> found() const = 0;
};

// The system's mDNS discovery: Avahi when this build has it, otherwise one
// that never finds anything and says why in problem().
std::unique_ptr<PeerDiscovery> make_mdns_discovery();

// A discovery whose findings the test sets (and that can be told to fail).
class ListDiscovery : public PeerDiscovery {
  public:
    void start(const Announcement& me, std::function<void()> on_change) override {
        std::lock_guard<std::mutex> l(mu_);
        me_ = me;
        on_change_ = std::move(on_change);
        started_ = true;
    }
    void stop() override {
        std::lock_guard<std::mutex> l(mu_);
        started_ = false;
    }
    bool running() const override {
        std::lock_guard<std::mutex> l(mu_);
        return started_ && problem_.empty();
    }
    std::string problem() const override {
        std::lock_guard<std::mutex> l(mu_);
        return problem_;
    }
    std::vector<DiscoveredPeer> found() const override {
        std::lock_guard<std::mutex> l(mu_);
        return started_ && problem_.empty() ? found_ : std::vector<DiscoveredPeer>{};
    }
    // ---- the test's side ----
    void set_found(std::vector<DiscoveredPeer> peers) {
        change([&] { found_ = std::move(peers); });
    }
    void set_problem(std::string words) {
        change([&] { problem_ = std::move(words); });
    }
    Announcement announced() const {
        std::lock_guard<std::mutex> l(mu_);
        return me_;
    }

  private:
    template <typename F>
    void change(F f) {
        std::function<void()> notify;
        {
            std::lock_guard<std::mutex> l(mu_);
            f();
            notify = on_change_;
        }
        if (notify) notify();
    }
    mutable std::mutex mu_;
    Announcement me_;
    std::function<void()> on_change_;
    bool started_ = false;
    std::string problem_;
    std::vector<DiscoveredPeer> found_;
};

}  // namespace peer
}  // namespace outpost

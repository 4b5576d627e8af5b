// PeerService::rebuild_targets (peer_service.h): which devices the service
// asks and at which addresses, gathered from the address book (remembered
// devices first, newest success first), what discovery sees, the addresses
// typed by hand, and the devices that asked us (remembered where they serve).
#include <algorithm>
#include <random>

#include "peer_service_target.h"

namespace outpost {
namespace peer {

void PeerService::rebuild_targets(Store& store, Clock& clock) {
    const std::string self = store.identity().device_id;
    // Devices that asked us: remember where they serve (if they said), so
    // one device with the other's address is enough for both to ask.
    std::vector<PeerCaller> callers;
    {
        std::lock_guard<std::mutex> l(mu_);
        callers.swap(callers_);
    }
    auto book = store.peer_addresses();
    std::vector<PeerAddress> entries = book.ok() ? *book : std::vector<PeerAddress>{};
    for (const PeerCaller& c : callers) {
        if (c.device_id.empty() || c.device_id == self || c.host.empty() || c.port <= 0) continue;
        const std::string address = c.host + ":" + std::to_string(c.port);
        const bool known = std::any_of(entries.begin(), entries.end(), [&](const PeerAddress& a) {
            return !a.manual && a.device_id == c.device_id && a.address == address;
        });
        if (known) continue;
        if (store.remember_peer(c.device_id, c.name, address, clock.now_ms()).ok()) {
            PeerAddress a;
            a.device_id = c.device_id;
            a.device_name = c.name;
            a.address = address;
            a.last_success_ms = clock.now_ms();
            entries.erase(std::remove_if(entries.begin(), entries.end(),
                                         [&](const PeerAddress& e) {
                                             return !e.manual && e.device_id == c.device_id;
                                         }),
                          entries.end());
            entries.push_back(a);
        }
    }

    std::vector<std::unique_ptr<Target>> old;
    old.swap(targets_);
    const uint64_t seed_base = config_.backoff_seed ? config_.backoff_seed : std::random_device{}();
    auto target = [&](const std::string& key) -> Target& {
        for (auto& t : targets_)
            if (t->key == key) return *t;
        auto was =
            std::find_if(old.begin(), old.end(), [&](const auto& t) { return t && t->key == key; });
        if (was != old.end()) {
            targets_.push_back(std::move(*was));
            Target& t = *targets_.back();
            t.addresses.clear();
            t.manual = t.discovered = t.remembered = false;
            return t;
        }
        targets_.push_back(std::make_unique<Target>(seed_base + targets_.size(), config_.backoff));
        Target& t = *targets_.back();
        t.key = key;
        t.due = steady::now();  // new: try it now
        return t;
    };
    // Remembered devices first (newest success first, as the book lists them).
    for (const PeerAddress& a : entries) {
        if (a.manual || a.device_id == self) continue;
        Target& t = target(a.device_id);
        add_unique(&t.addresses, a.address);
        t.remembered = true;
        t.state.device_id = a.device_id;
        if (t.state.name.empty() || t.state.name == t.state.address)
            t.state.name = a.device_name.empty() ? a.address : a.device_name;
        if (t.state.address.empty()) t.state.address = a.address;
        if (t.state.last_success_ms == 0) t.state.last_success_ms = a.last_success_ms;
    }
    // Then what discovery sees of the same devices, or of new ones.
    if (config_.discovery) {
        for (const DiscoveredPeer& d : config_.discovery->found()) {
            if (d.device_id.empty() || d.device_id == self) continue;
            Target& t = target(d.device_id);
            add_unique(&t.addresses, d.address);
            t.discovered = true;
            t.state.device_id = d.device_id;
            if (t.state.address.empty()) t.state.address = d.address;
            if (t.state.name.empty()) t.state.name = d.address;
        }
    }
    // Manual addresses: of a device already known at that address, or their own target.
    for (const PeerAddress& a : entries) {
        if (!a.manual) continue;
        Target* owner = nullptr;
        for (auto& t : targets_)
            if (!t->addresses.empty() && t->addresses.front() == a.address) owner = t.get();
        Target& t = owner ? *owner : target("@" + a.address);
        add_unique(&t.addresses, a.address);
        t.manual = true;
        if (t.state.address.empty()) t.state.address = a.address;
        if (t.state.name.empty()) t.state.name = a.address;
    }
    for (auto& t : targets_)
        t->state.source = t->manual       ? PeerSource::kManual
                          : t->discovered ? PeerSource::kDiscovered
                                          : PeerSource::kRemembered;
    std::lock_guard<std::mutex> l(mu_);
    copy_peers_locked();
}

}  // namespace peer
}  // namespace outpost

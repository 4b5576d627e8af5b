// The peer service as a background service; see peer_sync_service.h.
#include "peer_sync_service.h"

#include <cstdio>

#include "i18n.h"
#include "window.h"

namespace outpost {

void PeerSyncService::start(Store& store) {
    outbox_seen_ = store.outbox_last_seq();
    if (config_.peer_port <= 0) return;  // --no-peer
    if (config_.demo) {
        // Never on the network in training; the board says so.
        PeerSnapshot off;
        off.why_disabled =
            i18n::tr("peer sync is off in demo mode: training data stays on this device");
        board_.publish(off);
        return;
    }
    peer::PeerServiceConfig c;
    c.store_path = config_.db_path;
    c.listen_port = config_.peer_port;
    c.on_change = [] { request_redraw(); };
    discovery_ = peer::make_mdns_discovery();
    c.discovery = discovery_.get();
    service_ = std::make_unique<peer::PeerService>(c, &board_);
    Status st = service_->start();
    if (!st.ok()) {
        std::fprintf(stderr, "outpost: peer sync did not start: %s\n", st.message().c_str());
        service_.reset();
        discovery_.reset();
    }
}

void PeerSyncService::stop() {
    if (service_) service_->stop();
    service_.reset();
    discovery_.reset();
}

void PeerSyncService::after_frame(Store& store) {
    const int64_t last = store.outbox_last_seq();
    if (last != outbox_seen_ && service_) service_->notify_local_write();
    outbox_seen_ = last;
}

void PeerSyncService::add_to_ui(UiOptions& options) {
    if (config_.peer_port <= 0) return;
    options.peers = &board_;
    if (!service_) return;
    options.add_peer = [this](const std::string& host_port) {
        return service_->add_peer(host_port);
    };
    options.forget_peer = [this](const std::string& address) {
        return service_->forget_peer(address);
    };
    options.peer_sync_now = [this] { service_->sync_now(); };
}

}  // namespace outpost

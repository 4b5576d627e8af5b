// The sync client (and, in the demo, the in-process demo central) as a
// background service; see sync_service.h.
#include "sync_service.h"

#include <cstdio>
#include <string>

#include "client_session.h"
#include "i18n.h"
#include "window.h"

namespace outpost {

void SyncService::start(Store& store) {
    if (config_.demo) {
        start_demo();
    } else if (store.meta(sync_meta::kToken)) {
        client_ = std::make_unique<SyncClient>(SyncConfig{}, config_.db_path, board_, [] { request_redraw(); });
        Status st = client_->start();
        if (!st.ok()) std::fprintf(stderr, "outpost: sync did not start: %s\n", st.message().c_str());
    }
    outbox_seen_ = store.outbox_last_seq();
}

void SyncService::start_demo() {
    if (!config_.demo_sync) return;
    auto dc = DemoCentral::Start(config_.db_path, DemoCentralOptions{}, [this] {
        peer_synced_ = true;
        request_redraw();
    });
    if (!dc.ok()) {
        std::fprintf(stderr, "outpost: the demo central did not start (the demo goes on without sync): %s\n",
                     dc.status().message().c_str());
        return;
    }
    demo_central_ = std::move(dc.value());
    board_->publish(SyncSnapshot{});
    client_ = std::make_unique<SyncClient>(DemoCentral::kiosk_sync_config(), config_.db_path, board_,
                                           [] { request_redraw(); }, demo_central_->transport_factory());
    Status st = client_->start();
    if (!st.ok()) std::fprintf(stderr, "outpost: demo sync did not start: %s\n", st.message().c_str());
}

void SyncService::stop() {
    if (client_) client_->stop();
    client_.reset();
    demo_central_.reset();
}

void SyncService::on_wake() {
    if (peer_synced_.exchange(false) && client_) client_->sync_now();
}

void SyncService::after_frame(Store& store) {
    if (!client_) return;
    const int64_t last = store.outbox_last_seq();
    if (last != outbox_seen_) client_->notify_local_write();
    outbox_seen_ = last;
}

void SyncService::add_to_ui(UiOptions& options) {
    if (demo_central_) {
        options.simulated_offline = demo_central_->offline();
        options.simulate_offline = [this](bool offline) {
            demo_central_->set_offline(offline);
            if (client_) client_->sync_now();  // fail at once, or recover at once
        };
        options.demo_peer_status = [this] {
            const DemoPeerReport p = demo_central_->peer();
            // The training panel's line on the simulated second device.
            std::string what;
            if (!p.error.empty()) {
                what = p.error;
            } else if (!p.ready) {
                what = i18n::tr("being set up from the demo central");
            } else {
                what = i18n::format(
                    i18n::trn("{0} prescription dispensed", "{0} prescriptions dispensed",
                              static_cast<unsigned long>(p.dispensings)),
                    {std::to_string(p.dispensings)});
                if (!p.last.empty())
                    what = i18n::format(i18n::tr("{0}; the last: {1}"), {what, p.last});
            }
            return i18n::format(i18n::tr("{0} (simulated): {1}"), {p.name, what});
        };
    }
    if (client_) {
        options.sync = board_;
        options.sync_now = [this] { client_->sync_now(); };
    }
}

}  // namespace outpost

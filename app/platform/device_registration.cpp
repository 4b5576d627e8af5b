// See device_registration.h.
#include "device_registration.h"

#include "client_register.h"
#include "client_session.h"
#include "store.h"
#include "transport_http.h"

namespace outpost {

DeviceRegistration::DeviceRegistration(std::string db_path, std::string device_name, SyncStatusBoard* board,
                                       std::function<void()> wake)
    : db_path_(std::move(db_path)), device_name_(std::move(device_name)), board_(board), wake_(std::move(wake)) {}

DeviceRegistration::~DeviceRegistration() {
    if (thread_.joinable()) thread_.join();
}

void DeviceRegistration::start(const std::string& url, const std::string& code) {
    if (running_.exchange(true)) return;
    if (thread_.joinable()) thread_.join();  // an earlier, finished attempt
    SyncSnapshot s;
    s.server = url;
    s.restoring = true;
    board_->publish(s);  // the screen must not show an earlier attempt's error
    thread_ = std::thread([this, url, code] { run(url, code); });
}

void DeviceRegistration::run(std::string url, std::string code) {
    SyncSnapshot snap;
    snap.server = url;
    snap.restoring = true;
    auto fail = [&](const std::string& why) {
        snap.restoring = false;
        snap.last_error = why;
        board_->publish(snap);
        running_ = false;
        if (wake_) wake_();
    };
    auto store = Store::Open({db_path_, true, nullptr, false});
    if (!store.ok()) return fail(store.status().message());
    HttpTransportOptions t;
    t.server_url = url;
    HttpTransport transport(t);
    SyncConfig config;
    Status st = restore_device(transport, code, device_name_, **store, config, [&](int64_t done, int64_t total) {
        snap.restore_done = done;
        snap.restore_total = total;
        board_->publish(snap);
        if (wake_) wake_();
    });
    if (!st.ok()) {
        // Registered but the pull stopped: the sync client resumes it.
        if ((*store)->has_identity()) succeeded_ = true;
        return fail(st.message());
    }
    snap.restoring = false;
    board_->publish(snap);
    succeeded_ = true;
    running_ = false;
    if (wake_) wake_();
}

}  // namespace outpost

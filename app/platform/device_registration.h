// Registration and restore started from the set-up screen: runs on its own
// thread with its own Store connection (a Store is not thread safe), reports
// progress and errors on the SyncStatusBoard the screens read, and wakes the
// main loop after every step. The main loop polls succeeded() between frames
// and then reopens the store and starts the sync client.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "sync_status.h"

namespace outpost {

class DeviceRegistration {
public:
    // board: not owned, outlives this. wake: called from the worker thread.
    DeviceRegistration(std::string db_path, std::string device_name, SyncStatusBoard* board,
                       std::function<void()> wake);
    ~DeviceRegistration();  // joins
    DeviceRegistration(const DeviceRegistration&) = delete;
    DeviceRegistration& operator=(const DeviceRegistration&) = delete;

    // UI thread; returns at once. Ignored while an attempt is running.
    void start(const std::string& url, const std::string& code);
    bool running() const { return running_.load(); }
    // True once an attempt registered this store and pulled the whole site.
    bool succeeded() const { return succeeded_.load(); }

private:
    void run(std::string url, std::string code);

    std::string db_path_, device_name_;
    SyncStatusBoard* board_;
    std::function<void()> wake_;
    std::thread thread_;
    std::atomic<bool> running_{false}, succeeded_{false};
};

}  // namespace outpost

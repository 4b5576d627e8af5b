// Start-up step 4: the background services, the app's parts that run on
// their own threads beside the screens: the sync client (sync_service.h), the
// LAN peer service (peer_sync_service.h) and the label print queue
// (print_service.h). Each one is a
// BackgroundService, and the app holds them in one BackgroundServices list
// that the frame loop and the shut-down go through, so no part of the app
// names a service but the one line that adds it.
//
// Adding a service is one line in add_background_services() in
// app_services.cpp, e.g.:
//     services.add(std::make_unique<PeerSyncService>(deps.config));
// with the service a BackgroundService in its own file here, listed in
// app/CMakeLists.txt. Its contract is the one below.
//
// The contract, all calls on the main thread:
//   start(store)       the app's store is open (at start-up, and again after
//                      a demo reset or a registration reopened it). Start
//                      the thread(s), each with its own Store connection (a
//                      Store is not thread safe; never keep `store`), or do
//                      nothing when the service does not apply. A failure is
//                      reported on stderr ("outpost: ...") and the app goes
//                      on without the service; start() never throws.
//   stop()             join every thread and close every connection before
//                      returning: the store file may be rebuilt (demo reset)
//                      or closed next. Idempotent; start() may follow.
//   wake               a thread that has news for the screens calls
//                      request_redraw() (window.h, thread safe): it posts
//                      glfwPostEmptyEvent, so the frame loop, blocked in
//                      glfwWaitEventsTimeout, wakes and draws a couple of
//                      frames. An idle app draws nothing: never wake on a timer.
//   on_wake()          every time the frame loop wakes, before it decides to
//                      draw: act on what a thread noted (cheap, no blocking).
//   after_frame(store) after each drawn frame: notice what the screens did
//                      with the store (e.g. a committed operation). Cheap.
//   add_to_ui(options) when the screens start (each session): what they may
//                      read or call. Whatever is set must stay valid until
//                      stop(); the screens go before stop() is called.
// Order: services start in the order added and stop in the reverse order,
// all of them before the store closes and before the window goes.
#pragma once

#include <memory>
#include <vector>

#include "kiosk_config.h"
#include "store.h"
#include "sync_status.h"
#include "ui_root.h"

namespace outpost {

class BackgroundService {
public:
    virtual ~BackgroundService() = default;
    virtual void start(Store& store) = 0;
    virtual void stop() = 0;
    virtual void on_wake() {}
    virtual void after_frame(Store& store) { (void)store; }
    virtual void add_to_ui(UiOptions& options) { (void)options; }
};

class BackgroundServices {
public:
    BackgroundServices() = default;
    BackgroundServices(BackgroundServices&&) = default;
    ~BackgroundServices() { stop_all(); }

    // Adds a service (not started); returns it for the caller's own use.
    template <typename T>
    T& add(std::unique_ptr<T> service) {
        T& ref = *service;
        services_.push_back(std::move(service));
        return ref;
    }

    void start_all(Store& store);   // in the order added
    void stop_all();                // in the reverse order
    void on_wake();
    void after_frame(Store& store);
    void add_to_ui(UiOptions& options);

private:
    std::vector<std::unique_ptr<BackgroundService>> services_;
};

// What the services are made from. Not owned; outlive the services.
struct ServiceDeps {
    const KioskConfig& config;
    SyncStatusBoard* sync_board;  // the sync client's board (registration shares it)
};

// The app's services, in start order: the one place a service is added
// (app_services.cpp).
BackgroundServices add_background_services(const ServiceDeps& deps);

}  // namespace outpost

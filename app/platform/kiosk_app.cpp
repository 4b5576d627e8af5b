// The app's start-up, session loop and shut-down (see kiosk_app.h), as a
// list of named steps; each step is in app/platform/startup/ with its
// contract at the top of its header.
#include "kiosk_app.h"

#include <cstdio>
#include <functional>
#include <memory>
#include <string>

#include "local_time.h"
#include "startup/background_services.h"
#include "startup/bench_observer.h"
#include "startup/demo_world.h"
#include "startup/display.h"
#include "startup/first_registration.h"
#include "startup/frame_loop.h"
#include "startup/open_store.h"
#include "startup/run_figures.h"
#include "startup/screenshot_driver.h"

namespace outpost {
namespace {

// What the screens of one session get: the command line's choices, then
// what the demo, the background services and the registration add.
UiOptions screens_options(const KioskConfig& config, Store& store, DemoWorld& demo,
                          BackgroundServices& services, FirstRegistration& registration) {
    UiOptions options;
    options.kiosk = config.kiosk;
    options.demo = config.demo;
    options.idle_logout_seconds = config.idle_logout_seconds;
    options.scale = config.scale;
    demo.add_to_ui(store, options);
    services.add_to_ui(options);
    registration.add_to_ui(options);  // only while no sync client shows on the board
    return options;
}

// The device's stored time zone, unless --tz was given (local_time.h). On the
// main thread before the services start. A stored zone the tz database no
// longer has is reported and the system's is used.
void use_stored_time_zone(Store& store) {
    auto zone = store.time_zone_setting();
    Status st = zone.ok() ? use_time_zone_setting(*zone) : zone.status();
    if (!st.ok()) std::fprintf(stderr, "outpost: %s\n", st.message().c_str());
}

}  // namespace

int run_kiosk_app(const KioskConfig& config, RunStats* stats) {
    RunFigures figures(config);
    std::unique_ptr<Store> store = open_or_create_store(config);
    if (!store) return 2;
    use_stored_time_zone(*store);
    figures.store_opened();

    std::string error;
    std::unique_ptr<Display> display = Display::Open(config, &error);
    if (!display) {
        std::fprintf(stderr, "outpost: %s\n", error.c_str());
        return 2;
    }

    SyncStatusBoard sync_board;
    BackgroundServices services = add_background_services({config, &sync_board});
    services.start_all(*store);
    FirstRegistration registration(config, *store, &sync_board);
    DemoWorld demo(config);

    ScreenshotDriver screenshot(config);
    std::unique_ptr<BenchObserver> bench = BenchObserver::For(config, *store);
    FrameObservers observers;
    if (!config.screenshot_path.empty()) observers.push_back(&screenshot);
    observers.push_back(&figures);
    if (bench) observers.push_back(bench.get());

    RunStats run;
    int exit_status = 0;
    FrameLoop loop(config, *display, services, observers, &run);
    const std::function<bool()> session_over = [&] { return demo.restart_requested() || registration.done(); };
    for (bool session = true; session;) {
        {  // the screens go before the store they hold is closed or reopened
            UiRoot ui(*store, screens_options(config, *store, demo, services, registration));
            loop.run_session(ui, *store, session_over, &exit_status);
            for (FrameObserver* o : observers) o->session_ended(run.frames, demo.restart_requested());
        }
        session = demo.restart_requested() || registration.done();
        if (!session) break;
        // Registered (and restored) on another connection, or a demo reset:
        // the services close their connections, the store is reopened (the
        // screens then see the identity) and the services start again.
        const bool registered = registration.done();
        if (registered) registration.finish();
        services.stop_all();
        store.reset();
        store = registered ? open_or_create_store(config) : demo.rebuild();
        if (!store) {
            exit_status = 2;
            break;
        }
        use_stored_time_zone(*store);
        services.start_all(*store);
    }

    for (FrameObserver* o : observers) exit_status = o->run_ended(exit_status);
    services.stop_all();  // every thread before the store closes
    display.reset();
    figures.print_run(run);
    if (stats) *stats = run;
    return exit_status;
}

}  // namespace outpost

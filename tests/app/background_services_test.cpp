// The background-service list's contract (app/platform/startup/
// background_services.h), which the frame loop and the shut-down rely on and
// the next services (printer queue, LAN peers) will be added to: services
// start in the order added and stop in the reverse order, every frame-loop
// call reaches every service, and the list stops what it holds when it goes.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "background_services.h"
#include "store.h"

namespace outpost {
namespace {

struct Recorder : BackgroundService {
    Recorder(std::string name, std::vector<std::string>* log) : name(std::move(name)), log(log) {}
    void start(Store&) override { log->push_back("start " + name); }
    void stop() override { log->push_back("stop " + name); }
    void on_wake() override { log->push_back("wake " + name); }
    void after_frame(Store&) override { log->push_back("frame " + name); }
    void add_to_ui(UiOptions& options) override {
        log->push_back("ui " + name);
        options.demo_scenarios.push_back(name);
    }
    std::string name;
    std::vector<std::string>* log;
};

std::unique_ptr<Store> memory_store() {
    OpenOptions o;
    o.path = ":memory:";
    o.create = true;
    auto s = Store::Open(o);
    REQUIRE(s.ok());
    return std::move(s.value());
}

}  // namespace

TEST_CASE("background services start in order, stop in reverse, and each gets the loop's calls",
          "[services]") {
    std::vector<std::string> log;
    auto store = memory_store();
    {
        BackgroundServices services;
        Recorder& sync = services.add(std::make_unique<Recorder>("sync", &log));
        services.add(std::make_unique<Recorder>("printer", &log));
        CHECK(sync.name == "sync");
        services.start_all(*store);
        services.on_wake();
        services.after_frame(*store);
        UiOptions options;
        services.add_to_ui(options);
        CHECK(options.demo_scenarios == std::vector<std::string>{"sync", "printer"});
        services.stop_all();
        CHECK(log == std::vector<std::string>{"start sync", "start printer", "wake sync", "wake printer",
                                               "frame sync", "frame printer", "ui sync", "ui printer",
                                               "stop printer", "stop sync"});
        log.clear();
        services.start_all(*store);  // a demo reset or a registration reopened the store
        CHECK(log == std::vector<std::string>{"start sync", "start printer"});
        log.clear();
    }  // the list stops its services when it goes (stop is idempotent for each)
    CHECK(log == std::vector<std::string>{"stop printer", "stop sync"});
}

}  // namespace outpost

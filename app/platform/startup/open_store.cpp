// Opening (creating when missing) the app's store at start-up and after a
// registration; see open_store.h.
#include "open_store.h"

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "scenarios.h"

namespace outpost {

std::unique_ptr<Store> open_or_create_store(const KioskConfig& c) {
    std::error_code ec;
    const std::filesystem::path parent = std::filesystem::path(c.db_path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) {
        std::fprintf(stderr, "outpost: cannot create the folder '%s' for the store: %s\n",
                     parent.c_str(), ec.message().c_str());
        return nullptr;
    }
    if (c.demo) {
        DemoScenario scenario;
        if (!parse_scenario(c.demo_scenario, &scenario)) {
            std::fprintf(stderr, "outpost: '%s' is not a demo scenario; choose standard, expiring-stock, "
                                 "stock-out, stocktake or two-devices\n", c.demo_scenario.c_str());
            return nullptr;
        }
        auto demo = open_demo_store(c.db_path, scenario, 1);
        if (!demo.ok()) {
            std::fprintf(stderr, "outpost: %s\n", demo.status().message().c_str());
            return nullptr;
        }
        return std::move(demo.value());
    }
    OpenOptions o;
    o.path = c.db_path;
    o.create = true;
    o.demo = false;
    auto store = Store::Open(o);
    if (!store.ok()) {
        std::fprintf(stderr, "outpost: %s\n", store.status().message().c_str());
        return nullptr;
    }
    std::unique_ptr<Store> s = std::move(store.value());
    if (!s->has_identity()) {
        // A real store starts empty: an administrator sets it up (standalone
        // site or registration with central); the app never invents a site.
        std::fprintf(stderr,
                     "outpost: %s is not set up yet. Set it up with\n"
                     "  outpost setup --db %s --site-code CODE --site-name NAME --admin NAME --pin PIN\n"
                     "or try the training demo with: outpost --demo\n",
                     c.db_path.c_str(), c.db_path.c_str());
    }
    return s;
}

}  // namespace outpost

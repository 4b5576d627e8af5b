// The training demo's additions to the screens and its reset / undo between
// sessions; see demo_world.h.
#include "demo_world.h"

#include <cstdio>

#include "scenarios.h"

namespace outpost {

void DemoWorld::add_to_ui(Store& store, UiOptions& options) {
    if (!config_.demo) return;
    for (const User& u : store.users()) {  // the login screen says "Dispenser, PIN 1111"
        const DemoUser* d = demo_user_for(u.role);
        if (d) options.login_hints.emplace_back(u.name, d->pin);
    }
    for (DemoScenario sc : all_scenarios()) options.demo_scenarios.push_back(scenario_title(sc));
    options.reset_demo = [this](int index) { pending_reset_ = index; };
    if (!undo_title_.empty()) {
        options.demo_reset_to = undo_title_;
        options.undo_demo_reset = [this] { pending_undo_ = true; };
    }
}

std::unique_ptr<Store> DemoWorld::rebuild() {
    const auto scenarios = all_scenarios();
    DemoScenario sc = DemoScenario::kStandard;
    if (pending_reset_ >= 0) sc = scenarios[static_cast<size_t>(pending_reset_) % scenarios.size()];
    if (pending_undo_) {
        Status st = undo_demo_reset(config_.db_path);
        if (!st.ok()) std::fprintf(stderr, "outpost: undoing the demo reset failed: %s\n", st.message().c_str());
        undo_title_.clear();
    } else {
        // One tap resets; the demo as it was is kept for Undo.
        Status keep = keep_demo_for_undo(config_.db_path);
        if (!keep.ok()) std::fprintf(stderr, "outpost: %s (the reset goes on without Undo)\n", keep.message().c_str());
        Status st = reset_demo(config_.db_path, sc, 1);
        if (!st.ok()) std::fprintf(stderr, "outpost: demo reset failed: %s\n", st.message().c_str());
        undo_title_ = keep.ok() && st.ok() ? scenario_title(sc) : "";
    }
    pending_reset_ = -1;
    pending_undo_ = false;
    auto reopened = open_demo_store(config_.db_path, sc, 1);
    if (!reopened.ok()) {
        std::fprintf(stderr, "outpost: %s\n", reopened.status().message().c_str());
        return nullptr;
    }
    return std::move(reopened.value());
}

}  // namespace outpost

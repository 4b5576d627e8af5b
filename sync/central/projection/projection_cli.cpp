// projection_cli.h
#include "projection_cli.h"

#include <chrono>
#include <cstdio>

#include "projection.h"

namespace outpost {

int projection_command(CentralCore& core, const std::string& command, std::map<std::string, std::string>& opt) {
    SystemClock clock;
    if (command == "site region") {
        Status s = core.read([&](Db& db) { return projection::set_region(db, opt["code"], opt["region"]); });
        if (!s.ok()) return std::fprintf(stderr, "outpost-central: %s\n", s.message().c_str()), 1;
        if (opt["region"].empty()) std::printf("site %s has no region now\n", opt["code"].c_str());
        else std::printf("site %s is in region %s\n", opt["code"].c_str(), opt["region"].c_str());
        return 0;
    }
    if (command == "rebuild") {
        const auto t0 = std::chrono::steady_clock::now();
        auto n = core.read([&](Db& db) { return projection::rebuild(db, clock.now_ms()); });
        if (!n.ok()) return std::fprintf(stderr, "outpost-central: rebuild failed, the copy is as it was: %s\n",
                                         n.status().message().c_str()), 1;
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::printf("rebuilt central's copy of the sites' data from %lld feed changes in %.1f s\n",
                    static_cast<long long>(*n), s);
        return 0;
    }
    // verify
    std::vector<std::string> diff;
    Status s = core.read([&](Db& db) { return projection::verify_site(db, opt["site"], &diff); });
    if (!s.ok()) return std::fprintf(stderr, "outpost-central: %s\n", s.message().c_str()), 1;
    for (const auto& d : diff) std::printf("%s\n", d.c_str());
    if (!diff.empty()) {
        std::printf("site %s: %zu difference(s); `outpost-central rebuild` makes the copy again from the feed\n",
                    opt["site"].c_str(), diff.size());
        return 1;
    }
    std::printf("site %s: every batch's stock on hand equals its ledger sum, and the ledger equals the feed\n",
                opt["site"].c_str());
    return 0;
}

}  // namespace outpost

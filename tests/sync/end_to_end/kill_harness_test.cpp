// The kill harness (tools/kill_harness.cpp) as a bounded test: a device
// process that registers, dispenses, receives, adjusts and syncs with a real
// outpost-central is SIGKILLed 25 times at seeded random moments; after every
// kill the store must pass integrity_check and verify and hold every
// dispensing it reported once, and at the end a store restored from central
// must match the device. The long run (1,000 kills) is in docs/security.md.
#include <catch2/catch.hpp>

#if defined(OUTPOST_KILL_HARNESS_BIN)

#include <unistd.h>

#include <cstdio>
#include <string>

TEST_CASE("a syncing device SIGKILLed 25 times loses nothing and converges with central", "[sync][kill]") {
    const std::string dir = "/tmp/outpost-kill-test-" + std::to_string(getpid());
    const std::string cmd = std::string(OUTPOST_KILL_HARNESS_BIN) + " --kills 25 --seed 11 --dir " + dir + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[512];
    while (std::fgets(buf, sizeof buf, p)) out += buf;
    const int rc = pclose(p);
    INFO(out);
    CHECK(rc == 0);
    CHECK(out.find("kills: 25,") != std::string::npos);
    CHECK(out.find("problems: 0") != std::string::npos);
}

#endif

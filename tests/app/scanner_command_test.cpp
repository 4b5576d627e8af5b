// `outpost scanner` (the device's scanner setting) and the frame loop's
// ScannerSettingFollower, which hands a changed setting to the input queue.
#include <catch2/catch.hpp>

#include <sstream>
#include <unistd.h>

#include "input_queue.h"
#include "scanner_command.h"
#include "scanner_setting.h"
#include "store.h"

using namespace outpost;

namespace {

std::string temp_db() {
    const std::string path = "/tmp/outpost-scanner-" + std::to_string(getpid()) + ".db";
    std::remove(path.c_str());
    auto s = Store::Open({path, true, nullptr, false});
    REQUIRE(s.ok());
    REQUIRE((*s)->init_standalone("TST", "Hilltop", "kiosk").ok());
    return path;
}

int run(const std::vector<std::string>& args, std::string* out, std::string* err) {
    std::ostringstream o, e;
    const int status = run_scanner_command(args, o, e);
    *out = o.str();
    *err = e.str();
    return status;
}

}  // namespace

TEST_CASE("outpost scanner shows and sets the separator characters") {
    const std::string db = temp_db();
    std::string out, err;
    CHECK(run({"scanner", "--db", db}, &out, &err) == 0);
    CHECK(out == "separator characters: none (Ctrl+] and F8 only)\n");
    CHECK(run({"scanner", "--db", db, "--gs-char", "~"}, &out, &err) == 0);
    CHECK(out == "separator characters: ~\n");
    CHECK(run({"scanner", "--db", db, "--gs-char", "x"}, &out, &err) == 1);
    CHECK(err.find("letter or digit") != std::string::npos);
    CHECK(run({"scanner", "--db", db}, &out, &err) == 0);
    CHECK(out == "separator characters: ~\n");  // unchanged by the refusal
    CHECK(run({"scanner", "--db", db, "--clear"}, &out, &err) == 0);
    CHECK(out == "separator characters: none (Ctrl+] and F8 only)\n");
    CHECK(run({"scanner"}, &out, &err) == 2);
    CHECK(run({"scanner", "--db", db, "--bogus"}, &out, &err) == 2);
    CHECK(run({"scanner", "--db", db + ".missing"}, &out, &err) == 1);
    std::remove(db.c_str());
}

TEST_CASE("the scanner setting reaches the input queue once it changes") {
    FakeClock clock(1000);
    auto store = Store::Open({":memory:", true, &clock, false}).value();
    REQUIRE(store->init_standalone("TST", "Hilltop", "kiosk").ok());
    InputQueue queue;
    queue.enable_scanning(ScanSettings{}, &clock);
    ScannerSettingFollower follower;
    follower.update(*store, queue);
    CHECK(queue.scan_settings().separator_substitutes.empty());
    REQUIRE(store->set_scanner_separators("~").ok());
    follower.update(*store, queue);
    CHECK(queue.scan_settings().separator_substitutes == "~");

    // A burst with '~' now gives GS.
    for (char c : std::string("010950600013435210AB~21S1")) {
        queue.push(InputEvent::key(c, true));
        queue.push(InputEvent::character_typed(static_cast<unsigned char>(c)));
        queue.push(InputEvent::key(c, false));
        clock.advance(2);
    }
    queue.push(InputEvent::key(keycode::kEnter, true));
    queue.push(InputEvent::key(keycode::kEnter, false));
    std::optional<std::string> scan;
    for (int i = 0; i < 100 && !queue.empty(); ++i) {
        clock.advance(16);
        FrameInput f = queue.take_frame();
        if (f.scan) scan = f.scan;
    }
    REQUIRE(scan);
    CHECK(*scan == "010950600013435210AB\x1d" "21S1");
}

// The outpost command line: every option, the defaults, and bad input.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "cli.h"

using outpost::CommandLine;

namespace {

CommandLine parse(std::vector<std::string> args, std::map<std::string, std::string> env = {
                                                      {"HOME", "/home/nurse"}}) {
    return outpost::parse_command_line(args, [env](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    });
}

}  // namespace

TEST_CASE("no arguments run the app windowed with documented defaults") {
    CommandLine c = parse({});
    REQUIRE(c.action == CommandLine::Action::kRun);
    CHECK(c.config.db_path == "/home/nurse/.local/share/outpost/outpost.db");
    CHECK_FALSE(c.config.kiosk);
    CHECK_FALSE(c.config.touch);
    CHECK_FALSE(c.config.gl3);
    CHECK(c.config.scale == 1.0f);
    CHECK(c.config.idle_logout_seconds == 120);
    CHECK(c.config.screenshot_path.empty());
}

TEST_CASE("the default store follows XDG_DATA_HOME when set") {
    CHECK(parse({}, {{"XDG_DATA_HOME", "/data"}, {"HOME", "/home/x"}}).config.db_path ==
          "/data/outpost/outpost.db");
    CHECK(parse({}, {{"XDG_DATA_HOME", ""}, {"HOME", "/home/x"}}).config.db_path ==
          "/home/x/.local/share/outpost/outpost.db");
    CHECK(parse({}, {}).config.db_path == "outpost.db");
}

TEST_CASE("every option is parsed into the config") {
    CommandLine c = parse({"--db", "/tmp/a.db", "--kiosk", "--scale", "1.25", "--gl3", "--size",
                           "1024x600", "--screenshot", "x.png", "--frames", "7", "--idle-logout",
                           "300", "--demo", "--run-for", "10", "--frame-stats"});
    REQUIRE(c.action == CommandLine::Action::kRun);
    CHECK(c.config.db_path == "/tmp/a.db");
    CHECK(c.config.kiosk);
    CHECK(c.config.touch);  // on by default in kiosk mode
    CHECK(c.config.scale == 1.25f);
    CHECK(c.config.gl3);
    CHECK(c.config.window_width == 1024);
    CHECK(c.config.window_height == 600);
    CHECK(c.config.screenshot_path == "x.png");
    CHECK(c.config.screenshot_frames == 7);
    CHECK(c.config.idle_logout_seconds == 300);
    CHECK(c.config.demo);
    CHECK(c.config.run_for_seconds == 10.0);
    CHECK(c.config.frame_stats);
}

TEST_CASE("touch can be switched either way whatever the order") {
    CHECK(parse({"--touch"}).config.touch);
    CHECK_FALSE(parse({"--no-touch", "--kiosk"}).config.touch);
    CHECK_FALSE(parse({"--kiosk", "--no-touch"}).config.touch);
}

TEST_CASE("help and version win over everything else") {
    CHECK(parse({"--kiosk", "--help"}).action == CommandLine::Action::kHelp);
    CHECK(parse({"-h"}).action == CommandLine::Action::kHelp);
    CHECK(parse({"--version"}).action == CommandLine::Action::kVersion);
    CHECK(outpost::usage_text().find("--screenshot") != std::string::npos);
}

TEST_CASE("verify takes the store path and nothing the window needs") {
    CommandLine c = parse({"verify", "--db", "/srv/clinic.db"});
    REQUIRE(c.action == CommandLine::Action::kVerify);
    CHECK(c.config.db_path == "/srv/clinic.db");
    CHECK(parse({"verify"}).config.db_path == "/home/nurse/.local/share/outpost/outpost.db");
    CommandLine bad = parse({"verify", "--kiosk"});
    CHECK(bad.action == CommandLine::Action::kError);
    CHECK(bad.error.find("--kiosk") != std::string::npos);
    CHECK(parse({"--db", "a.db", "verify"}).action == CommandLine::Action::kError);
}

TEST_CASE("bad arguments give an error naming the problem") {
    struct Case {
        std::vector<std::string> args;
        const char* mentions;
    };
    const Case cases[] = {
        {{"--bogus"}, "--bogus"},
        {{"--db"}, "--db"},
        {{"--db", ""}, "--db"},
        {{"--scale"}, "--scale"},
        {{"--scale", "big"}, "--scale"},
        {{"--scale", "1.5x"}, "--scale"},
        {{"--scale", "0.1"}, "--scale"},
        {{"--scale", "nan"}, "--scale"},
        {{"--size", "1024"}, "--size"},
        {{"--size", "1024x"}, "--size"},
        {{"--size", "x600"}, "--size"},
        {{"--size", "10x10"}, "--size"},
        {{"--size", "-5x600"}, "--size"},
        {{"--frames", "0"}, "--frames"},
        {{"--screenshot", "a.png", "--frames", "three"}, "--frames"},
        {{"--frames", "5"}, "--screenshot"},  // frames without a screenshot
        {{"--idle-logout", "5"}, "--idle-logout"},
        {{"--idle-logout", "99999999999"}, "--idle-logout"},
        {{"--run-for", "0"}, "--run-for"},
        {{"--screenshot"}, "--screenshot"},
    };
    for (const Case& k : cases) {
        CommandLine c = parse(k.args);
        INFO(k.args[0]);
        CHECK(c.action == CommandLine::Action::kError);
        CHECK(c.error.find(k.mentions) != std::string::npos);
    }
}

TEST_CASE("demo mode uses its own store file and takes a scenario", "[cli][demo]") {
    auto env = [](const char* name) -> const char* {
        return std::string(name) == "XDG_DATA_HOME" ? "/data" : nullptr;
    };
    auto c = outpost::parse_command_line({"--demo"}, env);
    REQUIRE(c.action == outpost::CommandLine::Action::kRun);
    CHECK(c.config.db_path == "/data/outpost/demo.db");
    CHECK(c.config.demo_scenario == "standard");
    c = outpost::parse_command_line({"--demo", "--scenario", "stock-out"}, env);
    CHECK(c.config.demo_scenario == "stock-out");
    CHECK(outpost::parse_command_line({}, env).config.db_path == "/data/outpost/outpost.db");
    CHECK(outpost::parse_command_line({"--scenario", "stock-out"}, env).action == outpost::CommandLine::Action::kError);
    CHECK(outpost::parse_command_line({"--demo", "--scenario"}, env).action == outpost::CommandLine::Action::kError);
    CHECK(outpost::parse_command_line({"--demo", "--db", "/x/d.db"}, env).config.db_path == "/x/d.db");
}

TEST_CASE("demo mode syncs with its in-process central unless told not to", "[cli][demo]") {
    auto env = [](const char*) -> const char* { return nullptr; };
    CHECK(outpost::parse_command_line({"--demo"}, env).config.demo_sync);
    auto c = outpost::parse_command_line({"--demo", "--no-demo-sync"}, env);
    REQUIRE(c.action == outpost::CommandLine::Action::kRun);
    CHECK_FALSE(c.config.demo_sync);
    c = outpost::parse_command_line({"--no-demo-sync"}, env);
    CHECK(c.action == outpost::CommandLine::Action::kError);
    CHECK(c.error.find("--demo") != std::string::npos);
}

TEST_CASE("peer sync's port: 7610 by default, --peer-port sets it, --no-peer turns it off", "[cli][peer]") {
    auto env = [](const char*) -> const char* { return nullptr; };
    CHECK(outpost::parse_command_line({}, env).config.peer_port == 7610);
    auto c = outpost::parse_command_line({"--peer-port", "7611"}, env);
    REQUIRE(c.action == outpost::CommandLine::Action::kRun);
    CHECK(c.config.peer_port == 7611);
    CHECK(outpost::parse_command_line({"--no-peer"}, env).config.peer_port == 0);
    for (const char* bad : {"70000", "-1", "x"}) {
        c = outpost::parse_command_line({"--peer-port", bad}, env);
        CHECK(c.action == outpost::CommandLine::Action::kError);
        CHECK(c.error.find("--peer-port") != std::string::npos);
    }
    CHECK(outpost::parse_command_line({"--peer-port"}, env).action == outpost::CommandLine::Action::kError);
}

TEST_CASE("the benchmark options parse and refuse combinations that cannot run") {
    CommandLine c = parse({"--demo", "--frame-stats", "--warm-up", "2", "--first-frame-stats", "--bench-scroll", "300"});
    REQUIRE(c.action == CommandLine::Action::kRun);
    CHECK(c.config.warm_up_seconds == 2.0);
    CHECK(c.config.first_frame_stats);
    CHECK(c.config.bench_scroll_frames == 300);
    CHECK(parse({"--bench-empty", "50"}).config.bench_empty_frames == 50);
    CHECK(parse({"--warm-up", "2"}).action == CommandLine::Action::kError);            // needs --frame-stats
    CHECK(parse({"--bench-scroll", "10"}).action == CommandLine::Action::kError);      // demo PINs: --demo
    CHECK(parse({"--demo", "--bench-scroll", "0"}).action == CommandLine::Action::kError);
    CHECK(parse({"--demo", "--bench-scroll", "5", "--bench-empty", "5"}).action == CommandLine::Action::kError);
    CHECK(parse({"--bench-empty", "5", "--screenshot", "x.png"}).action == CommandLine::Action::kError);
}

TEST_CASE("the options --lang and --tz set the device's language and time zone") {
    CommandLine c = parse({"--lang", "pt", "--tz", "Africa/Maputo"});
    REQUIRE(c.action == CommandLine::Action::kRun);
    CHECK(c.config.lang == "pt");
    CHECK(c.config.time_zone == "Africa/Maputo");
    CHECK(parse({}).config.lang.empty());
    CHECK(parse({}).config.time_zone.empty());
    CommandLine bad = parse({"--lang", "de"});
    CHECK(bad.action == CommandLine::Action::kError);
    CHECK(bad.error.find("en, fr, pt or es") != std::string::npos);
    CHECK(parse({"--tz"}).action == CommandLine::Action::kError);
}

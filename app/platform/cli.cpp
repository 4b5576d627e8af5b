// Parsing of the outpost command line into a KioskConfig. Each option is
// checked for a value, a valid number and a sensible range, so a typo on a
// kiosk's start-up script fails loudly at once instead of misbehaving later.
#include "cli.h"

#include <cerrno>
#include <cstdlib>

namespace outpost {
namespace {

bool parse_int(const std::string& s, long lo, long hi, int* out) {
    if (s.empty()) return false;
    char* end = nullptr;
    errno = 0;
    long v = std::strtol(s.c_str(), &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi) return false;
    *out = static_cast<int>(v);
    return true;
}

bool parse_double(const std::string& s, double lo, double hi, double* out) {
    if (s.empty()) return false;
    char* end = nullptr;
    errno = 0;
    double v = std::strtod(s.c_str(), &end);
    if (errno != 0 || *end != '\0' || !(v >= lo && v <= hi)) return false;
    *out = v;
    return true;
}

// "1366x768" -> 1366, 768.
bool parse_size(const std::string& s, int* w, int* h) {
    auto x = s.find('x');
    if (x == std::string::npos) return false;
    return parse_int(s.substr(0, x), 200, 16384, w) && parse_int(s.substr(x + 1), 200, 16384, h);
}

CommandLine fail(std::string message) {
    CommandLine c;
    c.action = CommandLine::Action::kError;
    c.error = std::move(message);
    return c;
}

}  // namespace

std::string default_db_path(const EnvLookup& env) {
    const char* xdg = env("XDG_DATA_HOME");
    if (xdg && *xdg) return std::string(xdg) + "/outpost/outpost.db";
    const char* home = env("HOME");
    if (home && *home) return std::string(home) + "/.local/share/outpost/outpost.db";
    return "outpost.db";
}

CommandLine parse_command_line(const std::vector<std::string>& args, const EnvLookup& env) {
    CommandLine c;
    KioskConfig& k = c.config;
    bool touch_given = false, frames_given = false, scenario_given = false, no_demo_sync_given = false;
    size_t i = 0;
    if (!args.empty() && args[0] == "verify") {
        c.action = CommandLine::Action::kVerify;
        i = 1;
    }
    const bool verify = c.action == CommandLine::Action::kVerify;
    for (; i < args.size(); ++i) {
        const std::string& a = args[i];
        // Options that take a value: the value must follow.
        auto value = [&](std::string* out) {
            if (i + 1 >= args.size()) return false;
            *out = args[++i];
            return true;
        };
        std::string v;
        if (a == "--help" || a == "-h") {
            c.action = CommandLine::Action::kHelp;
            return c;
        } else if (a == "--version") {
            c.action = CommandLine::Action::kVersion;
            return c;
        } else if (a == "--db") {
            if (!value(&v) || v.empty()) return fail("--db needs a file path");
            k.db_path = v;
        } else if (a == "--demo") {
            k.demo = true;
        } else if (verify) {
            return fail("'" + a + "' is not an option of `outpost verify` (it takes --db PATH and --demo)");
        } else if (a == "--scenario") {
            if (!value(&v) || v.empty()) return fail("--scenario needs a demo scenario name, for example stock-out");
            k.demo_scenario = v;
            scenario_given = true;
        } else if (a == "--no-demo-sync") {
            k.demo_sync = false;
            no_demo_sync_given = true;
        } else if (a == "--peer-port") {
            if (!value(&v) || !parse_int(v, 0, 65535, &k.peer_port))
                return fail("--peer-port needs a port number from 1 to 65535 (0: no peer sync), for example "
                            "--peer-port 7610");
        } else if (a == "--no-peer") {
            k.peer_port = 0;
        } else if (a == "--kiosk") {
            k.kiosk = true;
        } else if (a == "--touch") {
            k.touch = true;
            touch_given = true;
        } else if (a == "--no-touch") {
            k.touch = false;
            touch_given = true;
        } else if (a == "--gl3") {
            k.gl3 = true;
        } else if (a == "--scale") {
            double s = 0;
            if (!value(&v) || !parse_double(v, 0.5, 4.0, &s))
                return fail("--scale needs a number from 0.5 to 4, for example --scale 1.25");
            k.scale = static_cast<float>(s);
        } else if (a == "--size") {
            if (!value(&v) || !parse_size(v, &k.window_width, &k.window_height))
                return fail("--size needs WIDTHxHEIGHT in pixels, for example --size 1024x600");
        } else if (a == "--lang") {
            if (!value(&v) || (v != "en" && v != "fr" && v != "pt" && v != "es"))
                return fail("--lang needs en, fr, pt or es, for example --lang fr");
            k.lang = v;
        } else if (a == "--tz") {
            if (!value(&v) || v.empty() || v.find("..") != std::string::npos)
                return fail("--tz needs a time zone name, for example --tz Africa/Nairobi");
            k.time_zone = v;
        } else if (a == "--screenshot") {
            if (!value(&v) || v.empty()) return fail("--screenshot needs a PNG file path");
            k.screenshot_path = v;
        } else if (a == "--frames") {
            if (!value(&v) || !parse_int(v, 1, 100000, &k.screenshot_frames))
                return fail("--frames needs a whole number of frames, 1 or more");
            frames_given = true;
        } else if (a == "--idle-logout") {
            if (!value(&v) || !parse_int(v, 10, 7 * 24 * 3600, &k.idle_logout_seconds))
                return fail("--idle-logout needs a number of seconds, 10 or more");
        } else if (a == "--run-for") {
            if (!value(&v) || !parse_double(v, 0.001, 1e7, &k.run_for_seconds))
                return fail("--run-for needs a number of seconds greater than 0");
        } else if (a == "--frame-stats") {
            k.frame_stats = true;
        } else if (a == "--warm-up") {
            if (!value(&v) || !parse_double(v, 0, 1e6, &k.warm_up_seconds))
                return fail("--warm-up needs a number of seconds, 0 or more");
        } else if (a == "--first-frame-stats") {
            k.first_frame_stats = true;
        } else if (a == "--bench-scroll") {
            if (!value(&v) || !parse_int(v, 1, 1000000, &k.bench_scroll_frames))
                return fail("--bench-scroll needs a whole number of frames, 1 or more");
        } else if (a == "--bench-empty") {
            if (!value(&v) || !parse_int(v, 1, 1000000, &k.bench_empty_frames))
                return fail("--bench-empty needs a whole number of frames, 1 or more");
        } else if (a == "verify") {
            return fail("`verify` must come first: outpost verify --db PATH");
        } else {
            return fail("unknown argument '" + a + "'");
        }
    }
    if (frames_given && k.screenshot_path.empty())
        return fail("--frames only applies with --screenshot FILE.png");
    if (scenario_given && !k.demo) return fail("--scenario only applies with --demo");
    if (no_demo_sync_given && !k.demo) return fail("--no-demo-sync only applies with --demo");
    if (k.warm_up_seconds > 0 && !k.frame_stats) return fail("--warm-up only applies with --frame-stats");
    if (k.bench_scroll_frames > 0 && k.bench_empty_frames > 0)
        return fail("--bench-scroll and --bench-empty are separate runs; give one of them");
    if ((k.bench_scroll_frames > 0 || k.bench_empty_frames > 0) && !k.screenshot_path.empty())
        return fail("--bench-scroll and --bench-empty do not take --screenshot");
    if (k.bench_scroll_frames > 0 && !k.demo)
        return fail("--bench-scroll logs in with the demo PINs, so it needs --demo");
    if (!touch_given) k.touch = k.kiosk;
    if (k.db_path.empty()) {
        k.db_path = default_db_path(env);
        if (k.demo) {  // the demo never opens the real store's file
            const size_t slash = k.db_path.find_last_of('/');
            k.db_path = (slash == std::string::npos ? "" : k.db_path.substr(0, slash + 1)) + "demo.db";
        }
    }
    return c;
}

CommandLine parse_command_line(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return parse_command_line(args, [](const char* name) { return std::getenv(name); });
}

std::string usage_text() {
    return "Usage:\n"
           "  outpost [options]            run the dispensary and stock app\n"
           "  outpost verify [--db PATH]   check stock on hand against the ledger\n"
           "\n"
           "Options:\n"
           "  --db PATH            store file (default: $XDG_DATA_HOME/outpost/outpost.db\n"
           "                       or ~/.local/share/outpost/outpost.db)\n"
           "  --kiosk              borderless full screen; leaving needs an admin PIN\n"
           "  --touch, --no-touch  clear hover when a finger lifts (default: on with --kiosk)\n"
           "  --scale S            text size multiplier, 0.5 to 4 (default 1)\n"
           "  --gl3                use OpenGL 3.0 instead of OpenGL 2.1\n"
           "  --size WxH           window size in pixels (default 1366x768, or what fits)\n"
           "  --idle-logout SECS   log the dispenser out after this long idle (default 120)\n"
           "  --lang L             device language: en, fr, pt or es (default: from\n"
           "                       LANGUAGE or LANG, else en); users may have their own\n"
           "  --tz ZONE            device time zone, e.g. Africa/Nairobi (default: the\n"
           "                       system's); clocks on screen, labels and reports use it\n"
           "  --demo               training mode with a demo store and a DEMO banner\n"
           "                       (default store: demo.db beside the real one)\n"
           "  --scenario NAME      with --demo: standard, expiring-stock, stock-out,\n"
           "                       stocktake or two-devices (default standard)\n"
           "  --no-demo-sync       with --demo: no in-process demo central and no simulated\n"
           "                       second device (benchmarks, still pictures)\n"
           "  --peer-port PORT     answer the site's other devices on this network on PORT\n"
           "                       (default 7610); --no-peer: no peer sync at all\n"
           "  --screenshot F.png   draw --frames N frames (default 5), save PNG, exit\n"
           "  --run-for SECS       quit after SECS seconds (benchmarks)\n"
           "  --frame-stats        print frames drawn and CPU time at exit\n"
           "  --warm-up SECS       with --frame-stats: also report frames and CPU after\n"
           "                       the first SECS seconds (JSON lines, benchmarks)\n"
           "  --first-frame-stats  print ms from process start to the first frame and the\n"
           "                       resident memory at exit (JSON lines, benchmarks)\n"
           "  --bench-scroll N     with --demo: log in as the admin, open Stock, scroll the\n"
           "                       list for N frames, print CPU ms/frame, exit\n"
           "  --bench-empty N      draw N frames of an empty window (the scroll baseline)\n"
           "  --version            print the version\n"
           "  --help               print this help\n"
           "\n"
           "Exit status of verify: 0 stock on hand matches the ledger, 1 differences, 2 error.\n";
}

}  // namespace outpost

// Every setting of the outpost executable in one place. The command line
// (cli.h) fills a KioskConfig; the shell (window, fonts, main loop) and the
// verify subcommand read it. Each field says its type, default and unit so
// an operator can read this file instead of the code.
#pragma once

#include <string>

namespace outpost {

struct KioskConfig {
    // SQLite store file. Default: $XDG_DATA_HOME/outpost/outpost.db, or
    // ~/.local/share/outpost/outpost.db when XDG_DATA_HOME is unset. The
    // directory is created when the app starts (not by `verify`).
    std::string db_path;

    // Borderless full screen on the current monitor; closing the window asks
    // the screens for an admin PIN instead of quitting. Default: false.
    bool kiosk = false;

    // Pointer is a touchscreen: after a release with no further motion the
    // hover is cleared on the next frame, so no button stays highlighted
    // under a lifted finger. Default: false, but true when --kiosk is given
    // (unless --no-touch).
    bool touch = false;

    // User multiplier on the automatic font size (which follows the window
    // height: about 18 px at 600 px tall, 20 px at 768, 26 px at 1080).
    // Unitless, 0.5 to 4. Default: 1.0.
    float scale = 1.0f;

    // Use the OpenGL 3.0 backend (GLSL "#version 130") instead of the
    // OpenGL 2.1 backend, which is the floor for old clinic laptops.
    // Default: false.
    bool gl3 = false;

    // Window size in screen pixels when not in kiosk mode. 0: 1366x768, or
    // smaller to fit the monitor's work area. Default: 0 x 0.
    int window_width = 0;
    int window_height = 0;

    // When not empty: draw `screenshot_frames` frames (even if idle), save the
    // last one to this PNG file and exit 0. For documentation and smoke
    // tests. Default: "" (no screenshot).
    std::string screenshot_path;
    // Frames drawn before the screenshot is taken, >= 1. Default: 5.
    int screenshot_frames = 5;

    // Log the dispenser out after this long without input. Seconds, >= 10.
    // Default: 120.
    int idle_logout_seconds = 120;

    // Training mode: opens (or creates) a demo store, shows a DEMO banner.
    // Demo and real stores never mix. Default: false. Without --db the demo
    // store is demo.db beside the real store's default path, never the real
    // file.
    bool demo = false;

    // The demo scenario a new demo store starts with (and "Reset demo" goes
    // back to): standard, expiring-stock, stock-out, stocktake, two-devices.
    // Checked when the app starts. Default: "standard".
    std::string demo_scenario = "standard";

    // With demo: start the demo's in-process sync world (an in-process demo
    // central on no network and a simulated second device that dispenses now
    // and then; app/demo/demo_central.h), so trainees watch the sync state
    // move and can "simulate offline". Off (--no-demo-sync) for benchmarks
    // and pictures that must not change while they run. Default: true.
    bool demo_sync = true;

    // Peer sync on the clinic's network (issue 15, docs/peers.md): the TCP
    // port this device answers the site's other devices on (all of its
    // addresses), and announces by mDNS. 1 to 65535; 0 turns peer sync off
    // (no serving, no asking; --no-peer). It runs only on a store that holds
    // the site key (after a sync with central); never in demo mode.
    // Default: 7610.
    int peer_port = 7610;

    // Quit by itself after this long. Seconds; 0 means never. For benchmarks
    // and the idle-CPU measurement. Default: 0.
    double run_for_seconds = 0;

    // At exit, print frames drawn and CPU seconds used to stdout. For
    // benchmarks. Default: false.
    bool frame_stats = false;

    // ---- benchmark-only settings (tools/bench-app.sh, BENCHMARKS.md) ----

    // With frame_stats: also report frames drawn and CPU used after the first
    // `warm_up_seconds` of the run (start-up excluded), as JSON lines.
    // Seconds, >= 0; 0: no such report. Default: 0.
    double warm_up_seconds = 0;

    // Print, as JSON lines, the milliseconds from process start to the first
    // frame swapped, and at exit the resident memory (VmRSS) the process held
    // after its frames. Default: false.
    bool first_frame_stats = false;

    // Scroll benchmark: log in as the first administrator by scripted taps
    // (demo PINs, so --demo only), open Stock, then draw this many frames
    // while the mouse wheel scrolls the stock list one notch per frame, and
    // print CPU and wall milliseconds per frame as JSON lines, then exit.
    // Frames, 0 means off. Default: 0.
    int bench_scroll_frames = 0;

    // The scroll benchmark's baseline: draw this many frames of an empty
    // full-screen ImGui window, with the same scripted wheel input, print
    // the same figures and exit. Frames, 0 means off. Default: 0.
    int bench_empty_frames = 0;

    // ---- language and time (issue 13) ----
    // The device's default language: "en", "fr", "pt" or "es" (--lang).
    // Empty: from LANGUAGE, LC_ALL, LC_MESSAGES or LANG, else English. The
    // login screen uses it; a user's own language takes over at login.
    // Default: "".
    std::string lang;
    // The device's time zone, an IANA name such as "Africa/Nairobi" (--tz).
    // Empty: the system's (TZ, else /etc/localtime). Every clock on screen,
    // label and report is in this zone; stored times stay UTC. Default: "".
    std::string time_zone;
};

}  // namespace outpost

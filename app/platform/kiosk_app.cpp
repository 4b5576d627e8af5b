// Start-up, main loop and shut-down of the app (see kiosk_app.h). The loop
// blocks in glfwWaitEventsTimeout() for as long as the redraw policy allows,
// so an idle kiosk draws nothing and uses no CPU.
#include "kiosk_app.h"

#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>
#include <vector>

#include "bench_driver.h"
#include "fonts.h"
#include "gl_backend.h"
#include "imgui_input.h"
#include "input_queue.h"
#include "client.h"
#include "device_registration.h"
#include "client_session.h"
#include "demo_central.h"
#include "redraw_policy.h"
#include "scenarios.h"
#include "screenshot.h"
#include "store.h"
#include "theme.h"
#include "ui_root.h"
#include "ui_scale.h"
#include "window.h"

namespace outpost {
namespace {

// Opens (creating when missing) the store; a fresh file gets a standalone
// identity so the app can start. REQUIRES nothing; errors go to stderr.
std::unique_ptr<Store> open_store(const KioskConfig& c) {
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
    if (!s->has_identity() && !c.demo) {
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

// fonts/ next to the installed binary, in the build tree, and in the sources.
std::vector<std::string> font_dirs() {
    std::vector<std::string> dirs;
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        dirs.push_back((exe.parent_path().parent_path() / "share/outpost/fonts").string());
        dirs.push_back((exe.parent_path().parent_path() / "fonts").string());
        dirs.push_back((exe.parent_path() / "fonts").string());
    }
#ifdef OUTPOST_SOURCE_FONTS_DIR
    dirs.push_back(OUTPOST_SOURCE_FONTS_DIR);
#endif
    return dirs;
}

double wall_clock_seconds() {
    using namespace std::chrono;
    return duration<double>(system_clock::now().time_since_epoch()).count();
}

void install_clipboard(ImGuiIO& io, GLFWwindow* window) {
    io.ClipboardUserData = window;
    io.SetClipboardTextFn = [](void* w, const char* text) {
        glfwSetClipboardString(static_cast<GLFWwindow*>(w), text);
    };
    io.GetClipboardTextFn = [](void* w) { return glfwGetClipboardString(static_cast<GLFWwindow*>(w)); };
}

}  // namespace

int run_kiosk_app(const KioskConfig& config, RunStats* stats) {
    std::unique_ptr<Store> store = open_store(config);
    if (!store) return 2;
    if (config.first_frame_stats)  // the share of the first frame's wait that is the store
        print_metric("store_opened_ms_after_process_start", ms_since_process_start(), "ms");

    InputQueue queue(config.touch);
    // Barcode scanning (issue 11): keyboard-wedge scans become UiRoot::scan
    // calls instead of typed characters (input_queue.h, docs/barcodes.md).
    SystemClock scan_clock;
    queue.enable_scanning(ScanSettings{}, &scan_clock);
    std::string error;
    std::unique_ptr<AppWindow> window = AppWindow::Create(config, &queue, &error);
    if (!window) {
        std::fprintf(stderr, "outpost: %s\n", error.c_str());
        return 2;
    }

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // a kiosk keeps no layout file in whatever folder it started in
    io.BackendPlatformName = "outpost_glfw_input_queue";
    install_key_map(io);
    install_clipboard(io, window->handle());

    int win_w = 0, win_h = 0;
    window->window_size(&win_w, &win_h);
    const float font_px = font_pixels(win_h, config.scale);
    load_fonts(io, font_px, font_dirs());
    // ImGui's paddings and spacings are designed for its 13 px font.
    ImGui::GetStyle().ScaleAllSizes(font_px / kImGuiDesignFontPixels);

    GlBackend backend;
    if (!backend.init(config.gl3)) {
        std::fprintf(stderr, "outpost: the OpenGL renderer did not start%s\n",
                     config.gl3 ? "; try without --gl3" : "");
        ImGui::DestroyContext();
        return 2;
    }

    if (config.first_frame_stats)  // which GL the figures were measured on (llvmpipe under Xvfb)
        std::fprintf(stderr, "outpost: GL renderer: %s\n", reinterpret_cast<const char*>(glGetString(GL_RENDERER)));

    // Background sync, when this store was registered with central, or in
    // demo mode with the in-process demo central. It has its own store
    // connection; the UI reads its board.
    SyncStatusBoard sync_board;
    std::unique_ptr<SyncClient> sync;
    auto start_sync = [&] {
        sync = std::make_unique<SyncClient>(SyncConfig{}, config.db_path, &sync_board, [] { request_redraw(); });
        Status st = sync->start();
        if (!st.ok()) std::fprintf(stderr, "outpost: sync did not start: %s\n", st.message().c_str());
    };
    if (!config.demo && store->meta(sync_meta::kToken)) start_sync();
    // Demo mode: the demo central and its simulated second device live in
    // this process (no network). After the second device synced, the kiosk
    // syncs too (set on that device's thread, acted on here), so trainees
    // see its dispensing arrive.
    std::unique_ptr<DemoCentral> demo_central;
    std::atomic<bool> peer_synced{false};
    auto start_demo_sync = [&] {
        if (!config.demo || !config.demo_sync) return;
        auto dc = DemoCentral::Start(config.db_path, DemoCentralOptions{}, [&peer_synced] {
            peer_synced = true;
            request_redraw();
        });
        if (!dc.ok()) {
            std::fprintf(stderr, "outpost: the demo central did not start (the demo goes on without sync): %s\n",
                         dc.status().message().c_str());
            return;
        }
        demo_central = std::move(dc.value());
        sync_board.publish(SyncSnapshot{});
        sync = std::make_unique<SyncClient>(DemoCentral::kiosk_sync_config(), config.db_path, &sync_board,
                                            [] { request_redraw(); }, demo_central->transport_factory());
        Status st = sync->start();
        if (!st.ok()) std::fprintf(stderr, "outpost: demo sync did not start: %s\n", st.message().c_str());
    };
    // The sync client talks to the demo central: it goes first.
    auto stop_demo_sync = [&] {
        if (!demo_central) return;
        if (sync) sync->stop();
        sync.reset();
        demo_central.reset();
    };
    start_demo_sync();
    // A fresh real store: the set-up screen registers it with central (and
    // restores the site) on this object's thread.
    std::unique_ptr<DeviceRegistration> registration;
    if (!config.demo && !store->has_identity())
        registration = std::make_unique<DeviceRegistration>(config.db_path, "kiosk", &sync_board,
                                                            [] { request_redraw(); });
    int64_t outbox_seen = store->outbox_last_seq();

    int exit_status = 0;
    RunStats run;
    // Benchmark-only (--bench-scroll / --bench-empty): scripted input and a
    // clock around a fixed number of frames.
    std::unique_ptr<FrameBench> bench;
    if (config.bench_scroll_frames > 0)
        bench = std::make_unique<FrameBench>(FrameBench::Kind::kScrollStockList, config.bench_scroll_frames, *store);
    else if (config.bench_empty_frames > 0)
        bench = std::make_unique<FrameBench>(FrameBench::Kind::kEmptyWindow, config.bench_empty_frames, *store);
    const bool empty_window = bench && bench->kind() == FrameBench::Kind::kEmptyWindow;
    // --frame-stats --warm-up: frames and CPU when the warm-up ended.
    bool warmed_up = config.warm_up_seconds <= 0;
    uint64_t frames_at_warm_up = 0;
    double cpu_at_warm_up = 0, time_at_warm_up = 0;
    // A demo reset asked for by the screens; done between frames, after the
    // screens that hold the store are gone, then the screens start again.
    int pending_reset = -1;
    // "Undo the reset": the title of the scenario last reset to in this run
    // (empty: nothing to undo) and the trainer's request to undo it.
    std::string undo_title;
    bool pending_undo = false;
    for (bool session = true; session;) {
        session = false;
        UiOptions options;
        options.kiosk = config.kiosk;
        options.demo = config.demo;
        options.idle_logout_seconds = config.idle_logout_seconds;
        options.scale = config.scale;
        if (config.demo) {
            for (const User& u : store->users()) {  // "Dispenser, PIN 1111" under the tile
                const DemoUser* d = demo_user_for(u.role);
                if (!d) continue;
                std::string role = role_name(u.role);
                role[0] = static_cast<char>(role[0] - 'a' + 'A');
                options.login_hints.emplace_back(u.name, role + ", PIN " + d->pin);
            }
            for (DemoScenario sc : all_scenarios()) options.demo_scenarios.push_back(scenario_title(sc));
            options.reset_demo = [&pending_reset](int index) { pending_reset = index; };
            if (!undo_title.empty()) {
                options.demo_reset_to = undo_title;
                options.undo_demo_reset = [&pending_undo] { pending_undo = true; };
            }
        }
        if (demo_central) {
            options.simulated_offline = demo_central->offline();
            options.simulate_offline = [&demo_central, &sync](bool offline) {
                demo_central->set_offline(offline);
                if (sync) sync->sync_now();  // fail at once, or recover at once
            };
            options.demo_peer_status = [&demo_central] {
                const DemoPeerReport p = demo_central->peer();
                std::string line = p.name + " (simulated): ";
                if (!p.error.empty()) return line + p.error;
                if (!p.ready) return line + "being set up from the demo central";
                line += std::to_string(p.dispensings) +
                        (p.dispensings == 1 ? " prescription dispensed" : " prescriptions dispensed");
                if (!p.last.empty()) line += "; the last: " + p.last;
                return line;
            };
        }
        if (sync) {
            options.sync = &sync_board;
            options.sync_now = [&sync] { sync->sync_now(); };
        } else if (registration) {
            options.sync = &sync_board;
            options.start_registration = [&registration](const std::string& url, const std::string& code) {
                registration->start(url, code);
            };
        }
        UiRoot ui(*store, options);
        if (bench && !empty_window) ui.set_probe(bench->probe());

        RedrawPolicy policy;
        const bool screenshot = !config.screenshot_path.empty();
        if (screenshot) policy.force_frames(config.screenshot_frames);
        const double start = glfwGetTime();
        double last_input = start, last_frame = start - 1.0 / 60;
        bool exit_requested = false;

        for (;;) {
            double now = glfwGetTime();
            if (bench) policy.force_frames(1);  // every frame, as fast as it goes
            double wait = policy.seconds_until_next_frame(now);
            if (config.run_for_seconds > 0)
                wait = std::min(wait, std::max(0.0, start + config.run_for_seconds - now));
            if (!warmed_up) wait = std::min(wait, std::max(0.0, start + config.warm_up_seconds - now));
            if (wait > 0)
                glfwWaitEventsTimeout(wait);
            else
                glfwPollEvents();
            now = glfwGetTime();
            if (config.run_for_seconds > 0 && now - start >= config.run_for_seconds) break;
            if (!warmed_up && now - start >= config.warm_up_seconds) {
                warmed_up = true;
                frames_at_warm_up = run.frames;
                cpu_at_warm_up = process_cpu_seconds();
                time_at_warm_up = now;
            }

            if (!queue.empty()) policy.note_input();
            if (take_redraw_request() || window->take_needs_redraw()) policy.note_wake();
            if (peer_synced.exchange(false) && sync) sync->sync_now();
            if (window->take_close_request()) {
                // Between frames here, so no operation is ever cut in half.
                if (!config.kiosk) break;
                ui.request_exit();  // the screens ask for an admin PIN
                exit_requested = true;
                policy.note_input();
            }
            if (screenshot) policy.force_frames(config.screenshot_frames - static_cast<int>(run.frames));
            if (!policy.frame_due(now)) continue;

            int fb_w = 0, fb_h = 0;
            window->window_size(&win_w, &win_h);
            window->framebuffer_size(&fb_w, &fb_h);
            io.DisplaySize = ImVec2(static_cast<float>(win_w), static_cast<float>(win_h));
            if (win_w > 0 && win_h > 0)
                io.DisplayFramebufferScale = ImVec2(static_cast<float>(fb_w) / win_w,
                                                    static_cast<float>(fb_h) / win_h);
            io.DeltaTime = static_cast<float>(std::max(now - last_frame, 1e-4));
            last_frame = now;
            if (bench) bench->before_frame(queue);
            if (!queue.empty()) last_input = now;
            const FrameInput frame_input = queue.take_frame();
            feed_frame_input(frame_input, io);
            if (frame_input.scan) ui.scan(*frame_input.scan);  // barcode scanning (issue 11)

            const double ui_cpu0 = bench ? thread_cpu_seconds() : 0;
            backend.new_frame();
            ImGui::NewFrame();
            // Escape in kiosk mode asks to leave, unless it closes a popup
            // or leaves a text field (the screens use it for that).
            const bool popup_open =
                ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
            if (empty_window) {
                ImGui::SetNextWindowPos(ImVec2(0, 0));
                ImGui::SetNextWindowSize(io.DisplaySize);
                ImGui::Begin("##empty", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
                ImGui::End();
            } else {
                ui.draw(now - last_input);
            }
            if (config.kiosk && !popup_open && !ImGui::IsAnyItemActive() &&
                ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false)) {
                ui.request_exit();
                exit_requested = true;
            }
            ImGui::Render();
            if (bench) bench->add_ui_cpu(thread_cpu_seconds() - ui_cpu0);
            glViewport(0, 0, fb_w, fb_h);
            // The screens' white: they draw no full-screen background over it.
            const ImVec4 clear = outpost::colour::screen();
            glClearColor(clear.x, clear.y, clear.z, 1.0f);
            glClear(GL_COLOR_BUFFER_BIT);
            backend.render(ImGui::GetDrawData());
            ++run.frames;

            if (screenshot && static_cast<int>(run.frames) >= config.screenshot_frames) {
                Status st = save_framebuffer_png(fb_w, fb_h, config.screenshot_path);
                if (!st.ok()) {
                    std::fprintf(stderr, "outpost: %s\n", st.message().c_str());
                    exit_status = 2;
                }
                break;
            }
            glfwSwapBuffers(window->handle());
            if (run.frames == 1 && config.first_frame_stats)
                print_metric("first_frame_ms_after_process_start", ms_since_process_start(), "ms", 1000);
            if (bench) {
                bench->after_frame(queue, empty_window ? nullptr : &ui, io.DisplaySize);
                if (bench->done()) break;
            }
            policy.frame_drawn(now, wall_clock_seconds(), ui.wants_frames(), !queue.empty());
            if (ui.exit_approved() && (config.kiosk || exit_requested)) break;
            if (pending_reset >= 0 || pending_undo) break;
            if (registration && registration->succeeded() && !registration->running()) break;
            if (sync) {  // a local operation committed: sync soon (debounced)
                const int64_t last = store->outbox_last_seq();
                if (last != outbox_seen) sync->notify_local_write();
                outbox_seen = last;
            }
        }
        run.seconds += glfwGetTime() - start;
        if (!warmed_up) {  // the run ended inside the warm-up: nothing after it
            warmed_up = true;
            frames_at_warm_up = run.frames;
            cpu_at_warm_up = process_cpu_seconds();
            time_at_warm_up = glfwGetTime();
        }
        // Reported once, at the end of the run, while the screens still hold
        // their caches (a demo reset starts a new session instead).
        const bool demo_restart = pending_reset >= 0 || pending_undo;
        if (config.frame_stats && config.warm_up_seconds > 0 && !demo_restart) {
            const double seconds = glfwGetTime() - time_at_warm_up;
            const double cpu = process_cpu_seconds() - cpu_at_warm_up;
            print_metric("idle_frames_after_warm_up", static_cast<double>(run.frames - frames_at_warm_up), "frames",
                         0);
            print_metric("idle_seconds_after_warm_up", seconds, "s");
            print_metric("idle_cpu_percent_after_warm_up", seconds > 0 ? 100 * cpu / seconds : 0, "%", 0.5);
        }
        if (config.first_frame_stats && !demo_restart)
            print_metric("resident_memory_at_end_of_run_kb", static_cast<double>(resident_kb()), "kB");
        if (registration && registration->succeeded() && !registration->running()) {
            // Registered (and restored) on another connection: reopen so the
            // screens see the identity, then sync in the background.
            registration.reset();
            store.reset();
            store = open_store(config);
            if (!store) {
                exit_status = 2;
                break;
            }
            start_sync();
            outbox_seen = store->outbox_last_seq();
            session = true;
            continue;
        }
        if (demo_restart) {
            const auto scenarios = all_scenarios();
            DemoScenario sc = DemoScenario::kStandard;
            if (pending_reset >= 0) sc = scenarios[static_cast<size_t>(pending_reset) % scenarios.size()];
            stop_demo_sync();  // its connections go before the file is rebuilt
            store.reset();  // close the file before it is rebuilt
            if (pending_undo) {
                Status st = undo_demo_reset(config.db_path);
                if (!st.ok()) std::fprintf(stderr, "outpost: undoing the demo reset failed: %s\n", st.message().c_str());
                undo_title.clear();
            } else {
                // One tap resets; the demo as it was is kept for Undo.
                Status keep = keep_demo_for_undo(config.db_path);
                if (!keep.ok()) std::fprintf(stderr, "outpost: %s (the reset goes on without Undo)\n", keep.message().c_str());
                Status st = reset_demo(config.db_path, sc, 1);
                if (!st.ok()) std::fprintf(stderr, "outpost: demo reset failed: %s\n", st.message().c_str());
                undo_title = keep.ok() && st.ok() ? scenario_title(sc) : "";
            }
            pending_reset = -1;
            pending_undo = false;
            auto reopened = open_demo_store(config.db_path, sc, 1);
            if (!reopened.ok()) {
                std::fprintf(stderr, "outpost: %s\n", reopened.status().message().c_str());
                exit_status = 2;
                break;
            }
            store = std::move(reopened.value());
            start_demo_sync();
            outbox_seen = store->outbox_last_seq();
            session = true;
        }
    }  // the screens go before the GL objects they may hold

    if (bench) {
        if (bench->failed()) {
            std::fprintf(stderr, "outpost: benchmark: %s\n", bench->error().c_str());
            exit_status = 2;
        } else if (bench->done()) {
            bench->print_figures();
        } else {
            std::fprintf(stderr, "outpost: benchmark: the run ended before its frames were drawn\n");
            exit_status = 2;
        }
    }
    if (sync) sync->stop();
    stop_demo_sync();
    backend.shutdown();
    ImGui::DestroyContext();
    window.reset();
    run.cpu_seconds = process_cpu_seconds();
    if (config.frame_stats)
        std::printf("frames drawn: %llu in %.1f s; CPU used: %.3f s\n",
                    static_cast<unsigned long long>(run.frames), run.seconds, run.cpu_seconds);
    if (stats) *stats = run;
    return exit_status;
}

}  // namespace outpost

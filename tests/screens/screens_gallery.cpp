// screens_gallery: screenshots of every screen for a person to look at (not a
// CTest test). It drives the same headless harness as the UI tests through a
// seeded clinic, renders each frame with ImGui's OpenGL 2 backend into a
// hidden GLFW window and saves PNGs:
//   xvfb-run -a -s '-screen 0 1366x768x24' screens_gallery --out DIR [--size WxH]
// The screens library itself never touches GLFW or GL; only this tool does.
#define CATCH_CONFIG_RUNNER
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_opengl2.h>
#include <stb/stb_image_write.h>

#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdio>
#include <vector>

#include "fake_zpl_printer.h"
#include "print_queue.h"
#include "printer_discovery.h"
#include "theme.h"
#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

std::string g_out = ".";
int g_width = 1024, g_height = 600;
GLFWwindow* g_window = nullptr;

void shoot(Ui& ui, const std::string& name) {
    ui.frame(2);
    glViewport(0, 0, g_width, g_height);
    const ImVec4 clear = colour::screen();  // the app clears to the screens' white too
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL2_RenderDrawData(ImGui::GetDrawData());
    glFinish();
    std::vector<unsigned char> px(static_cast<size_t>(g_width) * g_height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, g_width, g_height, GL_RGB, GL_UNSIGNED_BYTE, px.data());
    std::vector<unsigned char> flipped(px.size());
    const size_t row = static_cast<size_t>(g_width) * 3;
    for (int y = 0; y < g_height; ++y)
        std::copy(px.begin() + static_cast<long>(y * row), px.begin() + static_cast<long>((y + 1) * row),
                  flipped.begin() + static_cast<long>((g_height - 1 - y) * row));
    const std::string path = g_out + "/" + std::to_string(g_width) + "x" + std::to_string(g_height) +
                             "-" + name + ".png";
    REQUIRE(stbi_write_png(path.c_str(), g_width, g_height, 3, flipped.data(),
                           static_cast<int>(row)) != 0);
    std::printf("wrote %s\n", path.c_str());
}

}  // namespace

TEST_CASE("gallery of every screen", "[gallery]") {
    Clinic clinic;
    PatientInput pin;
    pin.family_name = "Fifita";
    pin.given_name = "Lose";
    pin.village = "Kolonga";
    pin.sex = "F";
    pin.birth_year = 1984;
    auto patient = clinic.store->register_patient(clinic.dispenser, pin);
    REQUIRE(patient.ok());
    DispenseInput rx;
    rx.patient_id = patient.value();
    rx.prescriber = "Dr Tupou";
    DispenseLineInput line;
    line.item_id = clinic.para;
    line.quantity = 30;
    line.directions = "2t qds prn";
    rx.lines.push_back(line);
    REQUIRE(clinic.store->dispense(clinic.dispenser, rx).ok());

    UiOptions options;
    options.demo = true;
    options.login_hints = {{kDispenser, "1234"}, {kStorekeeper, "5678"}};
    options.export_folders = [] {
        return std::vector<ExportFolder>{{"Home folder", g_out}, {"USB stick KINGSTON", "/media/clinic/KINGSTON"}};
    };
    const float font_px = g_height <= 600 ? 18.0f : 20.0f;
    Ui ui(clinic, ImVec2(static_cast<float>(g_width), static_cast<float>(g_height)), options,
          font_px);
    ImGui_ImplOpenGL2_Init();
    ImGui_ImplOpenGL2_CreateFontsTexture();

    shoot(ui, "01-login");
    REQUIRE(ui.tap_prefix("Amina Dispenser##user-"));
    REQUIRE(ui.keypad("pin", "12"));
    shoot(ui, "02-pin");
    REQUIRE(ui.tap("Switch user##login"));
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("##patient_search"));
    REQUIRE(ui.type_on_keyboard("Fi"));
    shoot(ui, "03-dispense-find");
    REQUIRE(ui.tap("New patient##dispense"));
    REQUIRE(ui.type_into("##reg_family", "Tau"));
    REQUIRE(ui.tap("reg_birth_year"));
    shoot(ui, "04-register");
    REQUIRE(ui.tap("Done##year"));
    REQUIRE(ui.tap("Save patient##register"));  // no given name yet: refused
    shoot(ui, "04a-register-refused");
    REQUIRE(ui.tap("##reg_given"));
    REQUIRE(ui.type_on_keyboard("Mel"));
    REQUIRE(ui.tap("Accents##kbd"));
    shoot(ui, "04b-register-accents");
    REQUIRE(ui.tap("\xC3\xA9##kbd"));
    REQUIRE(ui.tap("Hide##kbd"));
    REQUIRE(ui.tap("Save patient##register"));
    REQUIRE(ui.type_into("##item_search", "a"));
    shoot(ui, "05-item-search");
    REQUIRE(ui.tap_prefix("AMX250"));
    REQUIRE(ui.keypad("qty", "15"));
    shoot(ui, "06-quantity");
    REQUIRE(ui.tap("Done##qty"));
    REQUIRE(ui.type_into("##item_search", "PCM"));
    REQUIRE(ui.tap_prefix("PCM500"));
    REQUIRE(ui.keypad("qty", "20"));
    REQUIRE(ui.tap("Done##qty"));
    REQUIRE(ui.type_into("##directions1", " zz"));
    shoot(ui, "07-prescription");
    REQUIRE(ui.tap("Edit details##dispense"));
    REQUIRE(ui.tap("##edit_phone"));
    REQUIRE(ui.type_on_keyboard("0771234"));
    REQUIRE(ui.tap("Hide##kbd"));
    REQUIRE(ui.tap("edit_birth_year"));
    REQUIRE(ui.keypad("year", "1990"));
    shoot(ui, "07b-edit-patient");
    REQUIRE(ui.tap("Done##year"));
    REQUIRE(ui.tap("Save##edit_patient"));
    REQUIRE(ui.tap("Confirm dispensing##dispense"));
    shoot(ui, "08-labels");
    REQUIRE(ui.tap("History##dispense_done"));
    shoot(ui, "09-history");
    REQUIRE(ui.tap_prefix("Cancel dispensing##"));
    REQUIRE(ui.tap("##cancel_reason"));
    REQUIRE(ui.type_on_keyboard("Wrong"));
    shoot(ui, "09b-history-cancel");
    REQUIRE(ui.tap("Stock##nav"));
    shoot(ui, "10-stock");
    REQUIRE(ui.tap_prefix("AMX250"));
    shoot(ui, "11-item");
    REQUIRE(ui.tap("Adjust##adjust-" + clinic.amox_late));
    REQUIRE(ui.tap("adjust_qty"));
    shoot(ui, "12-adjust");
    REQUIRE(ui.tap("Receive##nav"));
    REQUIRE(ui.type_into("##receive_item_search", "ORS"));
    REQUIRE(ui.tap_prefix("ORS  "));
    REQUIRE(ui.tap("receive_expiry"));
    REQUIRE(ui.keypad("receive", "2028"));
    shoot(ui, "13-receive");
    REQUIRE(ui.tap("##receive_supplier"));
    REQUIRE(ui.type_on_keyboard("CMS"));
    shoot(ui, "13b-receive-keyboard");
    REQUIRE(ui.tap("Stocktake##nav"));
    shoot(ui, "14-stocktake-list");
    REQUIRE(ui.tap("Start##stocktake"));
    REQUIRE(ui.tap_containing("##sheet-" + clinic.amox_early));
    shoot(ui, "15-stocktake-count");
    REQUIRE(ui.tap("Expiring##nav"));
    REQUIRE(ui.tap("3 months##days"));
    clinic.clock.advance(200LL * 24 * 3600 * 1000);
    REQUIRE(ui.tap("6 months##days"));
    shoot(ui, "16-expiring");
    REQUIRE(ui.tap("Audit##nav"));
    shoot(ui, "17-audit");
    // Reports: back to June (the month of the receipts and the dispensing).
    REQUIRE(ui.tap("Reports##nav"));
    while (ui.text("report:month") != "2026-06") REQUIRE(ui.tap("< Earlier##month"));
    shoot(ui, "17b-reports-stock-status");
    REQUIRE(ui.tap("Consumption (12 months)##report"));
    shoot(ui, "17c-reports-consumption");
    REQUIRE(ui.tap("Stock status##report"));
    REQUIRE(ui.tap("Export##reports"));
    shoot(ui, "17d-reports-export");
    REQUIRE(ui.tap("Save PDF##export"));
    shoot(ui, "17e-reports-saved");
    REQUIRE(ui.tap("Close##export"));
    // What a dispenser is (and is not) offered.
    REQUIRE(ui.tap("Log out##nav"));
    REQUIRE(ui.log_in(kDispenser, kDispenserPin));
    REQUIRE(ui.tap("Stock##nav"));
    REQUIRE(ui.tap_prefix("AMX250"));
    shoot(ui, "18-item-dispenser");
    REQUIRE(ui.tap("Stocktake##nav"));
    shoot(ui, "19-stocktake-dispenser");
    REQUIRE(ui.tap_prefix("20"));
    shoot(ui, "20-stocktake-sheet-dispenser");
    ImGui_ImplOpenGL2_Shutdown();
}

TEST_CASE("gallery of sync details sync set-up and the training panel", "[gallery]") {
    // Sync details and the training panel on a demo clinic with a sync board.
    {
        Clinic clinic;
        PatientInput pin;
        pin.family_name = "Fifita";
        pin.given_name = "Lose";
        auto patient = clinic.store->register_patient(clinic.dispenser, pin);
        REQUIRE(patient.ok());
        REQUIRE(clinic.store->quarantine_change(clinic.store->outbox_last_seq(),
                                                "patient belongs to another site")
                    .ok());
        SyncStatusBoard board;
        SyncSnapshot snap;
        snap.configured = true;
        snap.server = "https://central.example:8443";
        snap.last_success_ms = kStartMs - 30LL * 3600 * 1000;  // amber
        snap.last_attempt_ms = kStartMs - 2 * 60 * 1000;
        snap.next_attempt_ms = kStartMs + 3 * 60 * 1000;
        snap.changes_waiting = 37;
        snap.quarantined = 1;
        snap.last_error = "Central could not be reached (connection timed out).";
        board.publish(snap);
        UiOptions options;
        options.demo = true;
        options.sync = &board;
        options.sync_now = [] {};
        options.demo_scenarios = {"Standard demo clinic", "Expiring stock", "Stock-out",
                                  "Stocktake with a discrepancy",
                                  "Two devices dispensed the last box offline"};
        options.reset_demo = [](int) {};
        options.simulate_offline = [](bool) {};
        const float font_px = g_height <= 600 ? 18.0f : 20.0f;
        Ui ui(clinic, ImVec2(static_cast<float>(g_width), static_cast<float>(g_height)), options,
              font_px);
        ImGui_ImplOpenGL2_Init();
        ImGui_ImplOpenGL2_CreateFontsTexture();
        REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
        REQUIRE(ui.tap("sync##status"));
        shoot(ui, "21-sync-details");
        REQUIRE(ui.tap("Training##nav"));
        REQUIRE(ui.tap("Offline##simulate"));
        shoot(ui, "22-training");
        REQUIRE(ui.tap("Stock-out##scenario-2"));
        shoot(ui, "23-training-confirm");
        ImGui_ImplOpenGL2_Shutdown();
    }
    // A real store with no identity: the set-up screen, typing, restoring, failing.
    Clinic clinic(false);
    SyncStatusBoard board;
    UiOptions options;
    options.sync = &board;
    options.start_registration = [&board](const std::string&, const std::string&) {
        SyncSnapshot starting;
        starting.restoring = true;
        board.publish(starting);
    };
    const float font_px = g_height <= 600 ? 18.0f : 20.0f;
    Ui ui(clinic, ImVec2(static_cast<float>(g_width), static_cast<float>(g_height)), options,
          font_px);
    ImGui_ImplOpenGL2_Init();
    ImGui_ImplOpenGL2_CreateFontsTexture();
    shoot(ui, "24-setup");
    REQUIRE(ui.tap("##setup_url"));
    REQUIRE(ui.type_on_keyboard("https://central.example:8443"));
    REQUIRE(ui.tap("##setup_code"));
    REQUIRE(ui.type_on_keyboard("K7Q-42"));
    REQUIRE(ui.tap("Accents##kbd"));
    shoot(ui, "25-setup-keyboard");
    REQUIRE(ui.tap("Hide##kbd"));
    REQUIRE(ui.tap("Set up this device (or restore it)##setup"));
    SyncSnapshot snap;
    snap.restoring = true;
    snap.restore_done = 2400;
    snap.restore_total = 9100;
    board.publish(snap);
    shoot(ui, "26-setup-restoring");
    snap.restoring = false;
    snap.last_error = "Central does not know this registration code; ask your administrator for a new one.";
    board.publish(snap);
    shoot(ui, "27-setup-error");
    ImGui_ImplOpenGL2_Shutdown();
}

TEST_CASE("gallery of barcode scanning", "[gallery]") {
    // Receive: two scanned lines, the "check the batch" question, the link
    // panel; Dispense: a scanned batch on hold; Stocktake: a scanned line.
    Clinic clinic;
    const std::string gtin = "09506000134352";
    REQUIRE(clinic.store->link_barcode(clinic.storekeeper, gtin, clinic.amox).ok());
    REQUIRE(clinic.store->set_batch_on_hold(clinic.storekeeper, clinic.amox_late, true).ok());
    const float font_px = g_height <= 600 ? 18.0f : 20.0f;
    Ui ui(clinic, ImVec2(static_cast<float>(g_width), static_cast<float>(g_height)), {}, font_px);
    ImGui_ImplOpenGL2_Init();
    ImGui_ImplOpenGL2_CreateFontsTexture();
    REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));
    REQUIRE(ui.tap("Receive##nav"));
    const auto scan = [&](const std::string& text) {
        ui.root->scan(text);
        ui.frame(3);
    };
    scan("]d201" + gtin + "17280131" "10AMX-NEW");
    scan("]d201" + gtin + "17280131" "10AMX-NEW");
    scan("]d201" + gtin + "17270630" "10AMX-LATE");
    shoot(ui, "30-receive-scanned-lines");
    scan("01" + gtin + "10ABC12317271231");
    shoot(ui, "31-receive-check-batch");
    REQUIRE(ui.tap("Type the batch by hand##receive-check"));
    REQUIRE(ui.tap("Change item##receive"));
    scan("]d20104006381333931" "17290331" "10P9");
    REQUIRE(ui.type_into("##link_search", "PCM"));
    shoot(ui, "32-link-barcode");
    REQUIRE(ui.tap("Cancel##link"));
    REQUIRE(ui.tap("Stocktake##nav"));
    REQUIRE(ui.tap("Start##stocktake"));
    scan("]d201" + gtin + "17270630" "10AMX-LATE");
    shoot(ui, "33-stocktake-scanned");
    REQUIRE(ui.tap("Log out##nav"));
    PatientInput pin;
    pin.family_name = "Fifita";
    pin.given_name = "Lose";
    auto patient = clinic.store->register_patient(clinic.dispenser, pin);
    REQUIRE(patient.ok());
    REQUIRE(ui.log_in());
    REQUIRE(ui.type_into("##patient_search", "Fifita"));
    REQUIRE(ui.tap_containing("##patient-" + *patient));
    scan("]d201" + gtin + "17270630" "10AMX-LATE");
    shoot(ui, "34-dispense-scanned-batch-on-hold");
}

// The Printer settings against the fake ZPL printer (tests/print), its
// "ready" answer, the folder choices, and a failing printer on the status
// line of another screen.
TEST_CASE("gallery of the printer settings and the print status line", "[gallery]") {
    const std::string path = g_out + "/gallery-printer.db";
    std::remove(path.c_str());
    Clinic clinic(true, path);
    REQUIRE(clinic.store->add_user({"Ada Admin", Role::kAdmin, "9999"}).ok());
    outpost::test::FakeZplPrinter fake;
    PrintQueue::Options qo;
    qo.store.path = path;
    qo.retry_after_ms = 60000;
    PrintQueue queue(qo);
    queue.start();
    DiscoveryOptions d;
    d.home = "/root";
    d.mounts_file = g_out + "/gallery-mounts";
    {
        FILE* f = std::fopen(d.mounts_file.c_str(), "w");
        REQUIRE(f);
        std::fputs("/dev/sdb1 /media/kiosk/LABELS vfat rw 0 0\n", f);
        std::fclose(f);
    }
    PrinterDiscovery discovery(d);
    UiOptions options;
    options.print_queue = &queue;
    options.printer_discovery = &discovery;
    const float font_px = g_height <= 600 ? 18.0f : 20.0f;
    Ui ui(clinic, ImVec2(static_cast<float>(g_width), static_cast<float>(g_height)), options, font_px);
    ImGui_ImplOpenGL2_Init();
    ImGui_ImplOpenGL2_CreateFontsTexture();
    REQUIRE(ui.log_in("Ada Admin", "9999"));
    REQUIRE(ui.tap("Printer##nav"));
    REQUIRE(ui.tap("Label printer (ZPL, network)##printer_kind"));
    REQUIRE(ui.type_into("##printer_address", fake.address()));
    REQUIRE(ui.tap("Hide##kbd"));
    shoot(ui, "28-printer");
    REQUIRE(ui.tap("Save and print test label##printer"));
    for (int i = 0; i < 200 && ui.text("printer:test").rfind("ready", 0) != 0; ++i) {
        ui.frame();
        usleep(10000);
    }
    shoot(ui, "28b-printer-ready");
    REQUIRE(ui.tap("Save PDF to a folder or USB stick##printer_kind"));
    for (int i = 0; i < 200 && discovery.snapshot().looking; ++i) usleep(10000);
    shoot(ui, "29-printer-folder");
    REQUIRE(ui.tap("Label printer (ZPL, network)##printer_kind"));
    fake.unplug();
    DispenseInput rx;
    PatientInput p;
    p.family_name = "Banda";
    p.given_name = "Ruth";
    rx.patient_id = clinic.store->register_patient(clinic.dispenser, p).value();
    DispenseLineInput line;
    line.item_id = clinic.para;
    line.quantity = 20;
    line.directions = "2t qds prn";
    rx.lines.push_back(line);
    auto done = clinic.store->dispense(clinic.dispenser, rx);
    REQUIRE(done.ok());
    REQUIRE(queue.print_dispensing(*clinic.store, done->prescription_id).ok());
    REQUIRE(ui.tap("Stock##nav"));
    for (int i = 0; i < 200 && !ui.visible("Retry##status_print"); ++i) {
        ui.frame();
        usleep(10000);
    }
    shoot(ui, "35-print-trouble-stock");
    queue.stop();
    ImGui_ImplOpenGL2_Shutdown();
}

int main(int argc, char** argv) {
    std::vector<char*> rest = {argv[0]};
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--out" && i + 1 < argc) {
            g_out = argv[++i];
        } else if (a == "--size" && i + 1 < argc) {
            std::sscanf(argv[++i], "%dx%d", &g_width, &g_height);
        } else {
            rest.push_back(argv[i]);
        }
    }
    if (!glfwInit()) {
        std::fprintf(stderr, "screens_gallery: no display (run under xvfb-run)\n");
        return 2;
    }
    glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 2);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 1);
    g_window = glfwCreateWindow(g_width, g_height, "screens_gallery", nullptr, nullptr);
    if (!g_window) {
        std::fprintf(stderr, "screens_gallery: no OpenGL 2.1 window\n");
        return 2;
    }
    glfwMakeContextCurrent(g_window);
    const int result = Catch::Session().run(static_cast<int>(rest.size()), rest.data());
    glfwDestroyWindow(g_window);
    glfwTerminate();
    return result;
}

// UiRoot: one full-viewport window holding the DEMO banner (demo mode), the
// status line, the navigation bar and the current screen (the sync set-up
// instead of the login while a real store has no identity); plus
// auto-logout and the kiosk-exit prompt. The shell calls draw() once per frame.
#include "i18n.h"
#include "ui_root.h"

#include <imgui.h>
#include <imgui_internal.h>  // ClosePopupToLevel: idle logout closes every dialog

#include "screens.h"
#include "theme.h"
#include "ui_state.h"
#include "widgets.h"

namespace outpost {

UiRoot::UiRoot(Store& store, UiOptions options)
    : state_(std::make_unique<State>(store, std::move(options))) {}
UiRoot::~UiRoot() = default;

void UiRoot::set_probe(WidgetProbe* probe) { state_->probe = probe; }
int64_t UiRoot::queries_run() const { return state_->queries; }
bool UiRoot::wants_frames() const { return state_->frames_wanted > 0 || state_->dragging; }
bool UiRoot::exit_approved() const { return state_->exit.approved; }

void UiRoot::request_exit() {
    State& s = *state_;
    if (!s.options.kiosk) {
        s.exit.approved = true;
        return;
    }
    s.exit = ExitPromptState{};
    s.exit.open = true;
    s.frames_wanted = 3;
}

void go_to(State& s, Screen screen) {
    s.screen = screen;
    s.frames_wanted = 3;
}

bool may_manage_stock(const State& s) {
    return s.user && (s.user->role == Role::kStorekeeper || s.user->role == Role::kAdmin);
}

bool may_see_audit(const State& s) { return may_manage_stock(s); }

bool is_admin(const State& s) { return s.user && s.user->role == Role::kAdmin; }

void log_out(State& s, const std::string& notice) {
    // Every per-screen state starts afresh: the half-entered prescription,
    // receipt or count goes with the user (nothing of it was written).
    s.user.reset();
    i18n::set_screen_lang(i18n::device_lang());  // the login screen is the device's
    s.screen = Screen::kLogin;
    s.login = LoginState{};
    s.dispense = DispenseState{};
    s.history = HistoryState{};
    s.stock = StockScreenState{};
    s.item = ItemState{};
    s.adjust = AdjustState{};
    s.receive = ReceiveState{};
    s.expected = ExpectedShipmentsState{};
    s.requisition = RequisitionScreenState{};
    s.stocktake = StocktakeState{};
    s.expiring = ExpiringState{};
    s.audit = AuditState{};
    s.sync = SyncScreenState{};
    s.reports = ReportsState{};
    s.export_dialog = ExportDialogState{};
    s.link = LinkState{};
    s.printer = PrinterScreenState{};
    // s.training stays: the offline switch is where the app's link is.
    s.keyboard = TextKeyboardState{};
    s.login.banner.set_notice(notice);
    s.frames_wanted = 3;
}

namespace {

void draw_demo_banner(State& s) {
    const float h = 1.6f * em();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), ImGui::GetColorU32(colour::demo_bg()));
    push_bold_font();
    // TRANSLATORS: the banner over every screen in demo mode.
    const char* text = i18n::tr("DEMO \xE2\x80\x94 training data");  // em dash in UTF-8
    const ImVec2 ts = ImGui::CalcTextSize(text);
    dl->AddText(ImVec2(p.x + (w - ts.x) / 2, p.y + (h - ts.y) / 2), IM_COL32(255, 255, 255, 255),
                text);
    pop_font();
    ImGui::Dummy(ImVec2(w, h));
    if (s.probe) s.probe->note("demo", text);
}

// The window's background colour, painted only around the screen's child,
// behind every window. Neither the window nor the child paints a background:
// the app clears the frame to colour::screen(), the child's white, and with
// software GL (llvmpipe) every full-screen blended layer costs about as much
// as the rest of the frame together (BENCHMARKS.md, app benchmarks).
void draw_frame_around(ImVec2 min, ImVec2 max) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImVec2 v0 = vp->Pos, v1(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y);
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const ImU32 bg = ImGui::GetColorU32(ImGuiCol_WindowBg);
    dl->AddRectFilled(v0, ImVec2(v1.x, min.y), bg);                  // header
    dl->AddRectFilled(ImVec2(v0.x, max.y), v1, bg);                  // below (and keyboard)
    dl->AddRectFilled(ImVec2(v0.x, min.y), ImVec2(min.x, max.y), bg);  // left margin
    dl->AddRectFilled(ImVec2(max.x, min.y), ImVec2(v1.x, max.y), bg);  // right margin
}

// Kiosk exit: an admin picks themselves and enters their PIN.
void draw_exit_prompt(State& s) {
    ExitPromptState& e = s.exit;
    const char* id = i18n::tr("Exit Outpost##exit");
    if (!e.open) return;
    if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
    const ImVec2 d = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(d.x / 2, d.y / 2), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(id, nullptr,
                                ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove))
        return;
    ImGui::TextUnformatted(i18n::tr("An administrator's PIN is needed to close Outpost."));
    show_banner(s, e.banner);
    bool any = false;
    refresh(s, e.users, "users", [&] { return Result<std::vector<User>>(s.store.users()); });
    for (const User& u : e.users.value) {
        if (u.role != Role::kAdmin) continue;
        if (any) ImGui::SameLine();
        any = true;
        const std::string label = u.name + "##exit-admin-" + u.id;
        if (toggle_button(s, label.c_str(), e.admin_id == u.id)) e.admin_id = u.id, e.pin.clear();
    }
    if (!any) ImGui::TextUnformatted(i18n::tr("No administrator exists on this device."));
    if (!e.admin_id.empty()) {
        number_field(s, i18n::tr("PIN"), "exit_pin", e.pin, true, keypad_width(), true);
        if (keypad(s, "exit", &e.pin, 12)) {
            auto r = s.store.verify_pin(e.admin_id, e.pin);
            e.pin.clear();
            if (r.ok() && r->role == Role::kAdmin) {
                e.approved = true;
                e.open = false;
                ImGui::CloseCurrentPopup();
            } else {
                e.banner.set_error(r.ok() ? std::string(i18n::tr("That user is not an administrator."))
                                          : r.status().message());
            }
        }
    }
    if (big_button(s, i18n::tr("Stay in Outpost##exit"))) {
        e.open = false;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

}  // namespace

void UiRoot::scan(const std::string& text) { state_->scan = text; }

void UiRoot::draw(double seconds_since_input) {
    State& s = *state_;
    if (s.probe) s.probe->begin_frame();
    if (!s.themed) {
        apply_theme(em());
        s.themed = true;
    }
    s.data_version = s.store.data_version();
    if (!ImGui::IsMouseDown(0) && !ImGui::IsMouseReleased(0)) s.dragging = false;
    if (s.frames_wanted > 0) --s.frames_wanted;
    drop_untypable_characters(s);  // before any field reads the typed characters

    // Idle logout works over any dialog: every open popup (the kiosk's exit
    // prompt, a screen's question) closes with it, else a modal left open in
    // ImGui with nothing drawing it blocks the login screen under it.
    if ((s.user || s.exit.open) && s.options.idle_logout_seconds > 0 &&
        seconds_since_input >= s.options.idle_logout_seconds) {
        if (s.user)
            log_out(s, i18n::tr("You were logged out because the screen was not used for a while. "
                                "Anything not yet confirmed was not saved."));
        s.exit = ExitPromptState{};  // a half-typed admin PIN goes too
        if (ImGui::GetCurrentContext()->OpenPopupStack.Size > 0) ImGui::ClosePopupToLevel(0, true);
    }

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::Begin("##outpost", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
    if (s.options.demo) draw_demo_banner(s);
    draw_status_bar(s);
    if (s.user) draw_nav_bar(s);
    // Every screen, the login too: a failing printer is news to whoever is
    // next. Under the navigation bar, so its buttons never move.
    draw_print_trouble(s);
    ImGui::Separator();
    show_untypable_notice(s);

    // The text keyboard docks below the screen from the frame after a text
    // field was tapped; the field hands over its string while drawn.
    s.keyboard.text = nullptr;
    s.keyboard.docked = s.keyboard.field != 0;
    const float keyboard_room =
        s.keyboard.docked ? text_keyboard_height() + ImGui::GetStyle().ItemSpacing.y : 0.0f;
    // No background quad: the frame is cleared to colour::screen() (see
    // draw_frame_around), which is what this child would paint.
    ImGui::BeginChild("##screen", ImVec2(0, -keyboard_room), false, ImGuiWindowFlags_NoBackground);
    // A real store with no identity is set up (or restored) before anyone
    // can log in: it has no users yet.
    const bool set_up = s.options.demo || s.store.has_identity();
    if (!set_up) s.user.reset();
    switch (!set_up ? Screen::kLogin : s.user ? s.screen : Screen::kLogin) {
        case Screen::kLogin:
            if (set_up) {
                draw_login_screen(s);
            } else {
                draw_setup_screen(s);
            }
            break;
        case Screen::kDispense: draw_dispense_screen(s); break;
        case Screen::kHistory: draw_history_screen(s); break;
        case Screen::kStock: draw_stock_screen(s); break;
        case Screen::kItem: draw_item_screen(s); break;
        case Screen::kAdjust: draw_adjust_screen(s); break;
        case Screen::kReceive: draw_receive_screen(s); break;
        case Screen::kStocktake: draw_stocktake_screen(s); break;
        case Screen::kExpiring: draw_expiring_screen(s); break;
        case Screen::kAudit: draw_audit_screen(s); break;
        case Screen::kSync: draw_sync_screen(s); break;
        case Screen::kTraining: draw_training_screen(s); break;
        case Screen::kReports: draw_reports_screen(s); break;
        case Screen::kRequisition: draw_requisition_screen(s); break;
        case Screen::kPrinter: draw_printer_screen(s); break;
    }
    ImGui::EndChild();
    draw_frame_around(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (s.keyboard.docked) draw_text_keyboard(s);
    draw_exit_prompt(s);
    ImGui::End();
    s.scan.reset();  // a scan is for the frame after it arrived, on whichever screen
}

}  // namespace outpost

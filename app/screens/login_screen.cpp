// Login: large tiles of this device's users; tap one, enter the PIN on the
// keypad (masked), and Store::verify_pin decides. A wrong PIN or a lock-out
// shows the store's message in plain words; "Switch user" goes back. A hint
// from UiOptions::login_hints (the demo's training PINs) shows under a tile;
// a device with no users says how it gets them (from central by sync, or
// added by an administrator on a standalone site).
#include <imgui.h>

#include <algorithm>

#include "i18n.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

// The role as a caption under a training user's tile ("Dispenser, PIN 1111").
const char* role_caption(Role r) {
    switch (r) {
        case Role::kDispenser:
            return i18n::tr("Dispenser");
        case Role::kStorekeeper:
            return i18n::tr("Storekeeper");
        case Role::kAdmin:
            return i18n::tr("Administrator");
    }
    return "";
}

void draw_user_tiles(State& s) {
    LoginState& l = s.login;
    heading(i18n::tr("Who are you?"));
    refresh(s, l.users, "users", [&] { return Result<std::vector<User>>(s.store.users()); });
    if (l.users.value.empty()) {
        // The screen cannot know the store's path; the README gives the
        // whole command. (A store with no identity shows the sync set-up
        // instead, so this one belongs to a site.)
        const char* what_to_do =
            s.options.sync
                ? i18n::tr("No one can log in on this device yet. Its users come from central with sync; "
                           "wait for the first sync to finish (see Sync on the status line).")
                : i18n::tr("No one can log in on this device yet. An administrator adds users with: "
                           "outpost user add (see the README). To try Outpost with training data, start "
                           "it with: outpost --demo");
        ImGui::TextWrapped("%s", what_to_do);
        if (s.probe) s.probe->note("login:empty", what_to_do);
        return;
    }
    const float tile_w = 11.0f * em();
    bool first = true;
    for (const User& u : l.users.value) {
        const std::string label =
            u.name + (u.locked ? std::string("\n") + i18n::tr("(locked)") : std::string()) +
            "##user-" + u.id;
        if (!first) flow_next(tile_w);
        first = false;
        // A training user's PIN, said under the tile with the role.
        std::string hint_text;
        for (const auto& [name, pin] : s.options.login_hints)
            if (name == u.name)
                hint_text = i18n::format(i18n::tr("{0}, PIN {1}"), {role_caption(u.role), pin});
        const std::string* hint = hint_text.empty() ? nullptr : &hint_text;
        // The tile and its hint flow as one.
        ImGui::BeginGroup();
        ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.5f, 0.5f));
        const bool tapped = ImGui::Button(label.c_str(), ImVec2(tile_w, 1.5f * touch_height()));
        ImGui::PopStyleVar();
        record_item(s, label);
        if (hint) {
            const float w = ImGui::CalcTextSize(hint->c_str()).x;
            ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (tile_w - w) / 2));
            ImGui::TextColored(colour::muted(), "%s", hint->c_str());
            if (s.probe) s.probe->note("login-hint:" + u.name, *hint);
        }
        ImGui::EndGroup();
        if (tapped) {
            l.user_id = u.id;
            l.user_name = u.name;
            l.pin.clear();
            l.banner.clear();
        }
    }
    // A reset logs everyone out: its Undo is here too, before anyone logs in.
    ImGui::Spacing();
    draw_demo_undo(s, "login");
}

void try_pin(State& s) {
    LoginState& l = s.login;
    auto r = s.store.verify_pin(l.user_id, l.pin);
    l.pin.clear();
    if (!r.ok()) {
        l.banner.set_error(r.status().message());
        return;
    }
    s.user = r.value();
    // The screens switch to the user's own language, if one was chosen.
    auto lang = s.store.user_language(s.user->id);
    i18n::set_screen_lang(lang.ok() && *lang ? **lang : i18n::device_lang());
    s.login = LoginState{};
    go_to(s, Screen::kDispense);
}

}  // namespace

void draw_login_screen(State& s) {
    LoginState& l = s.login;
    show_banner(s, l.banner);
    if (l.user_id.empty()) {
        draw_user_tiles(s);
        return;
    }
    const std::string title = i18n::format(i18n::tr("PIN for {0}"), {l.user_name});
    heading(title.c_str());
    number_field(s, nullptr, "pin", l.pin, true, keypad_width(), true);
    if (keypad(s, "pin", &l.pin, 12, i18n::tr("Log in"))) try_pin(s);
    if (big_button(s, i18n::tr("Switch user##login"), keypad_width())) {
        l.user_id.clear();
        l.pin.clear();
        l.banner.clear();
    }
}

}  // namespace outpost

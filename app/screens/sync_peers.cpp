// The devices here (issue 15): the other devices of this clinic that this one
// syncs with over the clinic's own network, as the app's peer service
// publishes them on UiOptions::peers (sync/status/peer_status.h). Two things
// live here: peer_summary(), the status line's words ("Up to date with 2
// devices here"), and the Sync screen's "Devices here" section: this
// device's own address, large enough to read and type on the other device;
// each peer (its name, in step or not reached, when, how it was found, its
// address, its last error); "Sync with devices here"; and, for an
// administrator, a field to add an address by hand and Forget beside each
// address typed or remembered. Nothing here waits on the network: the
// service's calls return at once, and what they start shows in the next
// snapshot.
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <imgui.h>
#include <net/if.h>
#include <netinet/in.h>

#include <algorithm>
#include <string>
#include <vector>

#include "i18n.h"
#include "local_time.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

using i18n::format;
using i18n::tr;
using i18n::trn;

PeerSummary peer_summary(const PeerSnapshot& snap, int64_t now_ms) {
    PeerSummary out;
    if (snap.peers.empty()) return out;
    const int total = static_cast<int>(snap.peers.size());
    const int in_step = peers_in_step(snap, now_ms);
    const auto n = static_cast<unsigned long>(total);
    if (in_step == total) {
        out.text =
            format(trn("Up to date with {0} device here", "Up to date with {0} devices here", n),
                   {std::to_string(total)});
        out.health = SyncHealth::kHealthy;
        return out;
    }
    out.health = SyncHealth::kAmber;
    if (in_step > 0) {
        out.text = format(trn("Up to date with {0} of {1} device here",
                              "Up to date with {0} of {1} devices here", n),
                          {std::to_string(in_step), std::to_string(total)});
        return out;
    }
    int64_t newest = 0;
    for (const PeerState& p : snap.peers) newest = std::max(newest, p.last_success_ms);
    if (newest == 0) {
        out.text =
            format(trn("{0} device here not reached yet", "{0} devices here not reached yet", n),
                   {std::to_string(total)});
        return out;
    }
    // TRANSLATORS: {1} is how long ago ("3 hours ago"); the plural form
    // follows {0}, the number of devices.
    out.text = format(
        trn("{0} device here, last heard from {1}", "{0} devices here, last heard from {1}", n),
        {std::to_string(total), time_ago(now_ms - newest)});
    // Heard from a moment ago but an exchange is due: their work is here as
    // of then, so not amber for the seconds until the next exchange.
    if (now_ms - newest <= kPeerFreshMs) out.health = SyncHealth::kHealthy;
    return out;
}

namespace {

std::string trimmed(const std::string& text) {
    const size_t a = text.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return "";
    const size_t b = text.find_last_not_of(" \t\r\n");
    return text.substr(a, b - a + 1);
}

// The addresses another device can type to reach this one. A service that
// listens on every interface ("0.0.0.0:7610", "[::]:7610") publishes no
// address a person can type, so this device's own IPv4 addresses (not the
// loopback) are listed with the port. Empty when there is none (no Wi-Fi,
// no cable) or the port cannot be read.
std::vector<std::string> typeable_addresses(const std::string& listen) {
    const size_t colon = listen.rfind(':');
    if (colon == std::string::npos) return {listen};
    const std::string host = listen.substr(0, colon), port = listen.substr(colon + 1);
    if (host != "0.0.0.0" && host != "::" && host != "[::]" && !host.empty()) return {listen};
    std::vector<std::string> out;
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) != 0) return out;
    for (const ifaddrs* a = list; a; a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
        if ((a->ifa_flags & IFF_UP) == 0 || (a->ifa_flags & IFF_LOOPBACK) != 0) continue;
        char text[INET_ADDRSTRLEN] = {};
        const auto* in = reinterpret_cast<const sockaddr_in*>(a->ifa_addr);
        if (inet_ntop(AF_INET, &in->sin_addr, text, sizeof text))
            out.push_back(std::string(text) + ":" + port);
    }
    freeifaddrs(list);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// The addresses, looked up again when the listen address changed or a
// minute passed (a laptop joins another Wi-Fi), not every frame.
const std::vector<std::string>& own_addresses(State& s, const std::string& listen) {
    SyncPeersState& st = s.sync.peers;
    const int64_t now = s.store.now_ms();
    if (!st.addresses_read || st.addresses_for != listen || now - st.addresses_at_ms > 60000) {
        st.addresses = typeable_addresses(listen);
        st.addresses_for = listen;
        st.addresses_at_ms = now;
        st.addresses_read = true;
    }
    return st.addresses;
}

const char* source_words(PeerSource source) {
    switch (source) {
        case PeerSource::kDiscovered:
            return tr("on this network");
        case PeerSource::kManual:
            return tr("address typed");
        case PeerSource::kRemembered:
            return tr("last good address");
    }
    return "";
}

// "in step", "catching up", "not reached", "not tried yet" and its colour.
std::string state_words(const PeerState& p, ImVec4* colour) {
    if (p.in_step) {
        *colour = colour::good();
        return tr("in step");
    }
    if (!p.last_error.empty() || (p.last_success_ms == 0 && p.last_attempt_ms > 0)) {
        *colour = colour::error();
        return tr("not reached");
    }
    if (p.last_success_ms == 0) {
        *colour = colour::muted();
        return tr("not tried yet");
    }
    *colour = colour::amber();
    return tr("catching up");
}

// "last exchange 2 min ago (15/06/2026 09:58), 12 changes received, 3 changes
// sent" or "never reached, tried 1 min ago".
std::string when_words(const PeerState& p, int64_t now) {
    if (p.last_success_ms <= 0) {
        if (p.last_attempt_ms <= 0) return tr("never reached");
        return format(tr("never reached, tried {0}"), {time_ago(now - p.last_attempt_ms)});
    }
    std::string text = format(tr("last exchange {0} ({1})"), {time_ago(now - p.last_success_ms),
                                                              local_datetime(p.last_success_ms)});
    text += ", " + format(trn("{0} change received", "{0} changes received",
                              static_cast<unsigned long>(p.received_last)),
                          {std::to_string(p.received_last)});
    text += ", " + format(trn("{0} change sent", "{0} changes sent",
                              static_cast<unsigned long>(p.given_last)),
                          {std::to_string(p.given_last)});
    return text;
}

// One peer: name and state, when, how found and address, the last error;
// Forget on the right for an administrator (addresses typed or remembered).
void draw_peer(State& s, const PeerState& p, int64_t now, bool may_forget) {
    const std::string forget = tr("Forget##peer") + std::string("-") + p.address;
    const float forget_w = may_forget ? button_width(forget.c_str()) : 0.0f;
    const float x0 = ImGui::GetCursorPosX(), y0 = ImGui::GetCursorPosY();
    const float right = x0 + ImGui::GetContentRegionAvail().x;
    const float text_w = ImGui::GetContentRegionAvail().x - (may_forget ? forget_w + em() : 0.0f);
    ImVec4 state_colour;
    const std::string state = state_words(p, &state_colour);
    const std::string name = p.name.empty() ? p.address : p.name;
    push_bold_font();
    const std::string shown_name = fit_lines(name, text_w * 0.6f, 1);
    ImGui::TextUnformatted(shown_name.c_str());
    pop_font();
    ImGui::SameLine(0, em());
    ImGui::TextColored(state_colour, "%s", fit_lines(state, text_w * 0.4f - em(), 1).c_str());
    ImGui::PushTextWrapPos(x0 + text_w);
    const std::string when = when_words(p, now);
    const std::string how = format(tr("{0}: {1}"), {source_words(p.source), p.address});
    ImGui::TextUnformatted(when.c_str());
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted());
    ImGui::TextUnformatted(how.c_str());
    ImGui::PopStyleColor();
    if (!p.last_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, colour::error());
        ImGui::TextUnformatted(p.last_error.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
    const float text_bottom = ImGui::GetCursorPosY();
    if (s.probe) {
        std::string row = name + " - " + state + " - " + when + " - " + how;
        if (!p.last_error.empty()) row += " - " + p.last_error;
        s.probe->note("peer:" + p.address, row);
        s.probe->note("peer:" + p.address + ":state", state);
    }
    float bottom = text_bottom;
    if (may_forget) {
        ImGui::SetCursorPos(ImVec2(right - forget_w, y0));
        if (big_button(s, forget.c_str())) {
            const Status st = s.options.forget_peer(p.address);
            if (st.ok()) {
                s.sync.peers.banner.set_notice(
                    format(tr("This device no longer tries {0}."), {p.address}));
            } else {
                s.sync.peers.banner.set_error(st.message());
            }
            s.frames_wanted = 3;
        }
        bottom = std::max(bottom, ImGui::GetCursorPosY());
    }
    ImGui::SetCursorPos(ImVec2(x0, bottom + 0.3f * em()));
}

// This device's address, for a person to read and type on the other device;
// or why the others cannot reach it.
void draw_own_address(State& s, const PeerSnapshot& snap) {
    if (!snap.serving) {
        const std::string why =
            snap.serve_error.empty()
                ? std::string(tr("Other devices cannot reach this one yet: it is not listening."))
                : format(tr("Other devices cannot reach this one: {0}"), {snap.serve_error});
        text_coloured(colour::error(), why);
        if (s.probe) s.probe->note("peers:serve_error", why);
        return;
    }
    const std::vector<std::string>& addresses = own_addresses(s, snap.listen_address);
    if (addresses.empty()) {
        const char* none =
            tr("This device has no network address now: is the Wi-Fi or the cable connected?");
        text_coloured(colour::amber(), none);
        if (s.probe) s.probe->note("peers:address", "");
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, colour::muted());
    ImGui::TextWrapped("%s", tr("To add this device on another one, type this address there:"));
    ImGui::PopStyleColor();
    std::string all;
    push_large_font();
    for (const std::string& a : addresses) {
        ImGui::TextUnformatted(a.c_str());
        all += (all.empty() ? "" : " ") + a;
    }
    pop_font();
    if (s.probe) s.probe->note("peers:address", all);
}

void add_address(State& s, SyncPeersState& st) {
    const std::string address = trimmed(st.address_typed);
    if (address.empty()) {
        st.banner.set_error(
            tr("Type the other device's address first, such as 192.168.1.20:7610."));
        return;
    }
    const Status added = s.options.add_peer(address);
    if (!added.ok()) {
        st.banner.set_error(added.message());  // the typed text stays, to correct
        return;
    }
    st.banner.set_notice(format(tr("Added {0}: this device will try it in a moment."), {address}));
    st.address_typed.clear();
    hide_text_keyboard(s);
}

}  // namespace

void draw_sync_peers(State& s) {
    if (!s.options.peers) return;
    SyncPeersState& st = s.sync.peers;
    const PeerSnapshot snap = s.options.peers->read();
    const int64_t now = s.store.now_ms();
    const bool admin = is_admin(s);
    ImGui::Separator();
    const float top = ImGui::GetCursorPosY();
    const bool button = snap.enabled && s.options.peer_sync_now;
    if (button) ImGui::SetCursorPosY(top + (touch_height() - ImGui::GetTextLineHeight()) / 2);
    push_bold_font();
    ImGui::TextUnformatted(tr("Devices here"));
    pop_font();
    if (button) {
        const char* label = tr("Sync with devices here##peers");
        ImGui::SameLine(0, 2.0f * em());
        ImGui::SetCursorPosY(top);
        if (big_button(s, label, std::max(10.0f * em(), button_width(label)))) {
            s.options.peer_sync_now();
            st.banner.set_notice(
                tr("Asked the devices here to sync now. Their rows show when it is done."));
        }
    }
    if (!snap.enabled) {
        const std::string why =
            snap.why_disabled.empty()
                ? std::string(
                      tr("Sync with the other devices of this clinic is off on this device."))
                : format(tr("Sync with the other devices of this clinic is off: {0}"),
                         {snap.why_disabled});
        ImGui::TextWrapped("%s", why.c_str());
        if (s.probe) s.probe->note("peers:disabled", why);
        return;
    }
    show_banner(s, st.banner);
    draw_own_address(s, snap);
    if (!snap.discovery_running) {
        const std::string why =
            snap.discovery_problem.empty()
                ? std::string(
                      tr("Devices are not looked for on this network: add them by their address."))
                : format(tr("Devices cannot be found on this network ({0}): add them by their "
                            "address."),
                         {snap.discovery_problem});
        ImGui::PushStyleColor(ImGuiCol_Text, colour::amber());
        ImGui::TextWrapped("%s", why.c_str());
        ImGui::PopStyleColor();
        if (s.probe) s.probe->note("peers:discovery", why);
    }
    ImGui::Spacing();
    if (snap.peers.empty()) {
        ImGui::TextWrapped("%s", tr("No other device of this clinic is known yet."));
        if (s.probe)
            s.probe->note("peers:none", tr("No other device of this clinic is known yet."));
    }
    for (const PeerState& p : snap.peers) {
        ImGui::PushID(p.address.c_str());
        const bool may_forget =
            admin && s.options.forget_peer && p.source != PeerSource::kDiscovered;
        draw_peer(s, p, now, may_forget);
        ImGui::PopID();
    }
    if (admin && s.options.add_peer) {
        const char* add = tr("Add##peer");
        const float field_w =
            std::min(18.0f * em(), ImGui::GetContentRegionAvail().x - button_width(add) - em());
        ImGui::TextWrapped("%s", tr("Add a device by its address (such as 192.168.1.20:7610)"));
        text_field(s, nullptr, "##peer_address", &st.address_typed, "192.168.1.20:7610", field_w,
                   100);
        ImGui::SameLine();
        if (big_button(s, add)) add_address(s, st);
    }
}

}  // namespace outpost

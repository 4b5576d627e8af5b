// The headless UI harness (see ui_harness.h).
#include "ui_harness.h"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cctype>

#include "fonts.h"

namespace outpost::screens_test {

namespace {

std::string must(Result<std::string> r) {
    INFO(r.status().message());
    REQUIRE(r.ok());
    return r.value();
}

}  // namespace

Clinic::Clinic(bool set_up, const std::string& path) {
    OpenOptions o;
    o.path = path;
    o.clock = &clock;
    auto opened = Store::Open(o);
    INFO(opened.status().message());
    REQUIRE(opened.ok());
    store = std::move(opened.value());
    if (!set_up) return;
    Status st = store->init_standalone("TST", "Hilltop Clinic", "kiosk-1");
    INFO(st.message());
    REQUIRE(st.ok());
    dispenser = must(store->add_user({kDispenser, Role::kDispenser, kDispenserPin}));
    storekeeper = must(store->add_user({kStorekeeper, Role::kStorekeeper, kStorekeeperPin}));

    ItemInput amx;
    amx.code = "AMX250";
    amx.name = "Amoxicillin";
    amx.strength = "250 mg";
    amx.form = "dispersible tablet";
    amx.unit = "tablet";
    amx.pack_size = 100;
    amx.default_directions = "2t bd x5/7";
    amx.warning = "Complete the course";
    amox = must(store->upsert_item(amx));
    ItemInput par;
    par.code = "PCM500";
    par.name = "Paracetamol";
    par.strength = "500 mg";
    par.form = "tablet";
    par.unit = "tablet";
    par.pack_size = 1000;
    par.default_directions = "2t qds prn";
    para = must(store->upsert_item(par));
    ItemInput ors_in;
    ors_in.code = "ORS";
    ors_in.name = "Oral rehydration salts";
    ors_in.strength = "20.5 g";
    ors_in.form = "sachet";
    ors_in.unit = "sachet";
    ors_in.pack_size = 100;
    ors_in.default_directions = "1 sachet in 1 L water";
    ors = must(store->upsert_item(ors_in));

    const auto receive = [&](const std::string& item, const std::string& batch,
                             const std::string& expiry, int64_t qty) {
        ReceiveInput in;
        in.item_id = item;
        in.batch_no = batch;
        in.expiry = expiry;
        in.quantity = qty;
        auto r = store->receive(storekeeper, in);
        INFO(r.status().message());
        REQUIRE(r.ok());
        return r->batch_id;
    };
    amox_early = receive(amox, "AMX-EARLY", "2026-12-31", 10);
    amox_late = receive(amox, "AMX-LATE", "2027-06-30", 100);
    para_batch = receive(para, "PARA-1", "2027-03-31", 500);
    ors_batch = receive(ors, "ORS-1", "2028-01-31", 50);
}

int64_t Clinic::on_hand(const std::string& item_id, const std::string& batch_no) {
    auto d = store->item_detail(item_id);
    REQUIRE(d.ok());
    for (const BatchRow& b : d->batches)
        if (b.batch_no == batch_no) return b.on_hand;
    FAIL("no batch " << batch_no);
    return 0;
}

namespace {

bool g_drawing = false;

}  // namespace

bool Ui::drawing() { return g_drawing; }

Ui::Ui(Clinic& c, ImVec2 size, UiOptions options, float font_px, std::optional<i18n::Lang> lang)
    : clinic(c) {
    if (lang) {
        i18n::set_device_lang(*lang);
        i18n::set_screen_lang(*lang);
        set_lang_ = true;
    }
    context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    if (font_px > 0) {
        // The shell's fonts, found where the shell finds them.
        const LoadedFonts loaded = load_fonts(io, font_px, {});
        REQUIRE(loaded.dejavu);
        REQUIRE(loaded.bold);
    }
    io.DisplaySize = size;
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas; nobody uploads it
    root = std::make_unique<UiRoot>(*clinic.store, std::move(options));
    root->set_probe(&probe);
    frame(2);
}

Ui::~Ui() {
    root.reset();
    ImGui::DestroyContext(context);
    if (set_lang_) {
        i18n::set_device_lang(i18n::Lang::en);
        i18n::set_screen_lang(i18n::Lang::en);
    }
}

void Ui::frame(int n) {
    for (int i = 0; i < n; ++i) {
        ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
        begin_drawn_text_frame();
        g_drawing = true;
        ImGui::NewFrame();
        root->draw(idle_seconds);
        ImGui::Render();
        keep_rendered_texts();
        g_drawing = false;
    }
}

std::string Ui::key(const std::string& english) const {
    const i18n::Lang lang = i18n::screen_lang();
    if (lang == i18n::Lang::en || english.empty()) return english;
    const std::string whole = i18n::tr_for(lang, english.c_str());
    if (whole != english) return whole;
    const size_t hash = english.find("##");
    if (hash == std::string::npos || hash == 0) return english;
    const std::string label = english.substr(0, hash);
    return i18n::tr_for(lang, label.c_str()) + english.substr(hash);
}

const WidgetProbe::Rect* Ui::find(const std::string& k) const {
    if (const WidgetProbe::Rect* r = probe.find(k)) return r;
    return probe.find(key(k));
}

const WidgetProbe::Rect* Ui::find_prefix(const std::string& prefix) const {
    if (const WidgetProbe::Rect* r = probe.find_prefix(prefix)) return r;
    return probe.find_prefix(key(prefix));
}

void Ui::press_at(ImVec2 p) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = p;
    frame();
    io.MouseDown[0] = true;
    frame();
    io.MouseDown[0] = false;
    frame();
    // Touch ends: the finger is gone, so nothing stays hovered.
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    // The shell draws a few frames after any input; one more lets a layout
    // change the tap caused settle (the text keyboard undocking once its
    // field has gone) before the next tap reads the rectangles.
    frame(2);
}

bool Ui::tap(const std::string& k) {
    const WidgetProbe::Rect* r = find(k);
    if (!r || !r->tappable()) return false;
    press_at(r->centre());
    return true;
}

bool Ui::tap_prefix(const std::string& prefix) {
    const WidgetProbe::Rect* r = find_prefix(prefix);
    if (!r || !r->tappable()) return false;
    press_at(r->centre());
    return true;
}

bool Ui::tap_containing(const std::string& part) {
    const WidgetProbe::Rect* r = probe.find_containing(part);
    if (!r || !r->tappable()) return false;
    press_at(r->centre());
    return true;
}

bool Ui::type_into(const std::string& field_key, const std::string& text) {
    if (!tap(field_key)) return false;
    for (char ch : text) {
        ImGui::GetIO().AddInputCharacter(static_cast<unsigned char>(ch));
        frame();
    }
    frame(2);
    return true;
}

bool Ui::keypad(const std::string& id, const std::string& digits) {
    for (char d : digits) {
        if (!tap(std::string(1, d) + "##" + id)) return false;
    }
    return true;
}

bool Ui::type_on_keyboard(const std::string& text) {
    for (size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
        std::string ch = text.substr(i, len);
        i += len;
        if (ch == " ") {
            if (!tap("Space##kbd")) return false;
            continue;
        }
        const bool capital = (len == 1 && std::isupper(c)) ||
                             (len == 2 && c == 0xC3 && static_cast<unsigned char>(ch[1]) < 0xA0);
        // Accented letters and : _ @ are on the accents layer.
        const bool accents_layer = len > 1 || ch == ":" || ch == "_" || ch == "@";
        if (accents_layer && !tap("Accents##kbd")) return false;
        if (capital && !tap("Shift##kbd")) return false;
        if (!tap(ch + "##kbd")) return false;
    }
    return true;
}

bool Ui::scroll_into_view(const std::string& k) {
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < 20; ++i) {
        const WidgetProbe::Rect* r = find(k);
        if (!r) return false;
        if (r->tappable()) return true;
        const bool below = r->centre().y >= r->clip_max.y;
        io.MousePos = ImVec2(std::min(std::max(r->centre().x, r->clip_min.x + 2), r->clip_max.x - 2),
                             below ? r->clip_max.y - 4 : r->clip_min.y + 4);
        frame();
        io.MouseWheel = below ? -1.0f : 1.0f;
        frame();
        io.MouseWheel = 0;
        io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        frame(2);
    }
    return false;
}

void Ui::press_enter() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.KeyMap[ImGuiKey_Enter] < 0) io.KeyMap[ImGuiKey_Enter] = 257;  // GLFW's, as the shell maps it
    const int k = io.KeyMap[ImGuiKey_Enter];
    io.KeysDown[k] = true;
    frame();
    io.KeysDown[k] = false;
    frame(2);
}

void Ui::drag(ImVec2 from, float dy) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = from;
    frame();
    io.MouseDown[0] = true;
    frame();
    const int steps = 8;
    for (int i = 1; i <= steps; ++i) {
        io.MousePos = ImVec2(from.x, from.y + dy * static_cast<float>(i) / steps);
        frame();
    }
    io.MouseDown[0] = false;
    frame();
    io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    frame(2);
}

bool Ui::log_in(const std::string& name, const std::string& pin) {
    if (!tap_prefix(name + "##user-")) return false;
    if (!keypad("pin", pin)) return false;
    if (!tap("Log in##pin")) return false;
    frame(2);
    return visible("Dispense##nav");
}

}  // namespace outpost::screens_test

// Linking a barcode no one has linked yet to a catalogue item, once for the
// whole site (Store::link_barcode: a site table synced to every device).
// Drawn in place of the screen's content, not as a popup, so the text
// keyboard below the screen can type the search.
#include <imgui.h>

#include "i18n.h"
#include "scan_screens.h"
#include "widgets.h"

namespace outpost {

bool may_link_barcodes(const State& s) { return may_manage_stock(s); }

std::string unlinked_words(const State& s, const std::string& gtin) {
    if (may_link_barcodes(s))
        return i18n::format(
            i18n::tr("Barcode {0} is not linked to an item yet: choose the item it is. "
                     "It is linked once, for every device of this clinic."),
            {gtin});
    return i18n::format(
        i18n::tr("Barcode {0} is not linked to an item at this clinic yet: find the item by "
                 "name. A storekeeper or an administrator can link it (by scanning it on "
                 "Receive or Stock)."),
        {gtin});
}

void start_link(State& s, const ScannedCode& code, const std::string& scan_text) {
    s.link = LinkState{};
    s.link.gtin = code.reading.gtin;
    s.link.scan_text = scan_text;
    s.link.screen = s.screen;
    s.frames_wanted = 3;
}

bool draw_link_panel_impl(State& s, std::string* linked_scan) {
    LinkState& l = s.link;
    if (l.gtin.empty() || l.screen != s.screen) return false;
    if (!may_link_barcodes(s)) {  // a different user logged in meanwhile
        l = LinkState{};
        return false;
    }
    const std::string title = i18n::format(i18n::tr("Link barcode {0} to an item"), {l.gtin});
    heading(title.c_str());
    if (s.probe) s.probe->note("link:gtin", l.gtin);
    show_banner(s, l.banner);
    ImGui::TextWrapped(
        "%s", i18n::tr("Search the catalogue and tap the item this pack is. Every device of the "
                       "clinic will then know the barcode."));
    if (big_button(s, i18n::tr("Cancel##link"))) {
        l = LinkState{};
        return true;
    }
    text_field(s, i18n::tr("Item##caption"), "##link_search", &l.search, i18n::tr("Code or name"));
    if (!l.search.empty()) {
        refresh(s, l.items, l.search, [&] { return s.store.search_items(l.search, 20); });
        if (!l.items.error.empty()) text_coloured(colour::error(), l.items.error);
        if (l.items.value.empty())
            ImGui::TextWrapped(i18n::tr("No item matches \"%s\"."), l.search.c_str());
        begin_touch_list(s, "##link_items", ImVec2(0, 0));
        for (const Item& item : l.items.value) {
            const std::string label = item.code + "  " + item.display_name() + "##link-item-" + item.id;
            if (row_button(s, label.c_str())) {
                ++s.queries;
                Status st = s.store.link_barcode(s.user->id, l.gtin, item.id);
                if (st.ok()) {
                    *linked_scan = l.scan_text;
                    l = LinkState{};
                    break;
                }
                l.banner.set_error(st.message());
            }
        }
        end_touch_list(s);
    }
    return true;
}

}  // namespace outpost

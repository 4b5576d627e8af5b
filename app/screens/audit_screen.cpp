// Audit: every ledger event, newest first, with who did it, on which device,
// to which item and batch, and by how much (Store::audit). Filtered by kind
// of event and by user with tiles; a long history is clipped and fetched a
// page at a time. Storekeepers and administrators only (see may_see_audit).
#include <imgui.h>

#include <cstdio>
#include <string>

#include "list_tables.h"
#include "i18n.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

// Each event takes two text lines: what happened, then the detail.
float audit_row_height() { return 2 * ImGui::GetTextLineHeightWithSpacing(); }

const char* kind_words(const std::string& kind) {
    if (kind == "receipt") return i18n::tr("received##audit-row");
    if (kind == "dispense") return i18n::tr("dispensed##audit-row");
    if (kind == "adjustment") return i18n::tr("adjusted##audit-row");
    if (kind == "stocktake") return i18n::tr("stocktake##audit-row");
    if (kind == "reversal") return i18n::tr("cancelled##audit-row");
    return kind.c_str();
}

// The words of a kind without the "##audit-row" that keeps them apart
// from the filter buttons' msgids.
std::string kind_text(const std::string& kind) {
    const std::string w = kind_words(kind);
    return w.substr(0, w.find("##"));
}

void draw_audit_row(State& s, int64_t index, const AuditRow* r) {
    if (!r) {
        ImGui::Dummy(ImVec2(0, audit_row_height()));
        return;
    }
    char qty[32];
    std::snprintf(qty, sizeof qty, "%+lld", static_cast<long long>(r->quantity));
    const float e = em();
    const float x = ImGui::GetCursorPosX();
    ImGui::BeginGroup();
    ImGui::TextUnformatted(r->when.c_str());
    ImGui::SameLine(x + 9 * e);
    push_bold_font();
    ImGui::TextUnformatted(r->user_name.c_str());
    pop_font();
    ImGui::SameLine(x + 19 * e);
    ImGui::TextUnformatted(kind_text(r->kind).c_str());
    ImGui::SameLine(x + 25 * e);
    ImGui::TextUnformatted(qty);
    ImGui::SameLine(x + 29 * e);
    ImGui::TextUnformatted(r->item_name.c_str());
    ImGui::SetCursorPosX(x + 9 * e);
    const std::string detail =
        i18n::format(i18n::tr("batch {0}   {1}   on {2}"), {r->batch_no, r->detail, r->device_name});
    ImGui::TextColored(colour::muted(), "%s", detail.c_str());
    ImGui::EndGroup();
    if (s.probe) {
        s.probe->note("audit" + std::to_string(index), r->when + " | " + r->user_name + " | " +
                                                           r->kind + " | " + r->item_name + " | " +
                                                           r->batch_no + " | " + qty + " | " +
                                                           r->detail + " | " + r->device_name);
    }
}

}  // namespace

void draw_audit_screen(State& s) {
    AuditState& a = s.audit;
    if (!may_see_audit(s)) {
        text_coloured(colour::muted(), i18n::tr("The audit is for storekeepers and administrators."));
        return;
    }
    heading(i18n::tr("Audit: who did what"));

    struct KindChoice {
        const char* label;
        const char* kind;
    };
    const KindChoice kinds[] = {{i18n::tr("Everything##audit-kind"), ""},
                                {i18n::tr("Received##audit-kind"), "receipt"},
                                {i18n::tr("Dispensed##audit-kind"), "dispense"},
                                {i18n::tr("Adjusted##audit-kind"), "adjustment"},
                                {i18n::tr("Stocktake##audit-kind"), "stocktake"},
                                {i18n::tr("Cancelled##audit-kind"), "reversal"}};
    bool first = true;
    for (const KindChoice& k : kinds) {
        if (!first) flow_next(button_width(k.label));
        first = false;
        if (toggle_button(s, k.label, a.query.kind == k.kind)) a.query.kind = k.kind;
    }

    refresh(s, a.users, "users", [&] { return Result<std::vector<User>>(s.store.users(true)); });
    if (toggle_button(s, i18n::tr("Everyone##audit-user"), a.query.user_id.empty())) a.query.user_id.clear();
    for (const User& u : a.users.value) {
        const std::string label = u.name + "##audit-user-" + u.id;
        flow_next(button_width(label.c_str()));
        if (toggle_button(s, label.c_str(), a.query.user_id == u.id)) a.query.user_id = u.id;
    }
    // Export (every event this choice selects) ends the row of users.
    flow_next(button_width(i18n::tr("Export")));
    export_control(s, "audit", [&] {
        std::string who = i18n::tr("everyone");
        for (const User& u : a.users.value)
            if (u.id == a.query.user_id) who = u.name;
        std::string what = i18n::tr("every kind of event");
        for (const KindChoice& k : kinds)
            if (a.query.kind == k.kind && *k.kind) what = std::string(k.label).substr(0, std::string(k.label).find("##"));
        return audit_table(s.store, a.query, who + ", " + what);
    });

    if (a.rows.loaded && a.rows.error.empty()) {
        const int64_t total = a.rows.page.total;
        if (total == 0)
            ImGui::TextUnformatted(i18n::tr("Nothing recorded for this choice."));
        else
            ImGui::TextUnformatted(
                i18n::format(i18n::trn("{0} event, newest first", "{0} events, newest first",
                                       static_cast<unsigned long>(total)),
                             {std::to_string(total)})
                    .c_str());
    }
    paged_list(
        s, "##audit_list", a.rows, a.query.user_id + "|" + a.query.kind, ImVec2(0, 0),
        [&](int64_t offset, int64_t limit) {
            AuditQuery q = a.query;
            q.offset = offset;
            q.limit = limit;
            return s.store.audit(q);
        },
        [&](int64_t i, const AuditRow* r) { draw_audit_row(s, i, r); }, audit_row_height());
}

}  // namespace outpost

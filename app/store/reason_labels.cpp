// The adjustment reasons' labels translated by their code (reason_labels.h).
#include "reason_labels.h"

namespace outpost {

const std::vector<DefaultReason>& default_reasons() {
    static const std::vector<DefaultReason> kDefaults = {
        {"damaged", N_("Damaged"), -1},
        {"expired", N_("Expired"), -1},
        {"lost", N_("Lost"), -1},
        {"stolen", N_("Stolen"), -1},
        {"cold_chain", N_("Cold-chain failure"), -1},
        {"found", N_("Found"), 1},
        {"transfer_in", N_("Transfer in"), 1},
        {"transfer_out", N_("Transfer out"), -1},
        {"other", N_("Other (explain in note)"), 0},
    };
    return kDefaults;
}

std::string reason_label(i18n::Lang lang, const std::string& code,
                         const std::string& stored_label) {
    if (code.empty() && stored_label.empty()) return i18n::tr_for(lang, "(no reason)");
    for (const DefaultReason& r : default_reasons())
        if (code == r.code && (stored_label.empty() || stored_label == r.label))
            return i18n::tr_for(lang, r.label);
    return stored_label.empty() ? code : stored_label;
}

std::string reason_label(const std::string& code, const std::string& stored_label) {
    return reason_label(i18n::screen_lang(), code, stored_label);
}

}  // namespace outpost

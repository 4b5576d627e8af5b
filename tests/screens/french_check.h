// Every widget drawn in French: none may show an English string that the
// French catalogue translates (a forgotten tr()), and no tr() lookup may miss.
// Shared by the i18n screen tests; look(ui) after each screen is drawn.
#pragma once

#include <string>
#include <vector>

#include "i18n.h"
#include "ui_harness.h"

namespace outpost::screens_test {

struct FrenchCheck {
    std::vector<std::string> misses, untranslated;
    FrenchCheck() {
        i18n::set_miss_observer([this](i18n::Lang, const char* id) { misses.push_back(id); });
    }
    ~FrenchCheck() {
        i18n::set_miss_observer(nullptr);
        i18n::set_device_lang(i18n::Lang::en);
        i18n::set_screen_lang(i18n::Lang::en);
    }
    FrenchCheck(const FrenchCheck&) = delete;
    FrenchCheck& operator=(const FrenchCheck&) = delete;
    void look(const Ui& ui) {
        std::vector<std::string> keys;
        for (const auto& kv : ui.probe.all()) keys.push_back(kv.first);
        i18n::set_miss_observer(nullptr);  // the check's own lookups are not misses
        for (const std::string& k : keys)
            if (std::string(i18n::tr_for(i18n::Lang::fr, k.c_str())) != k)
                untranslated.push_back(k);
        i18n::set_miss_observer([this](i18n::Lang, const char* id) { misses.push_back(id); });
    }
};

}  // namespace outpost::screens_test

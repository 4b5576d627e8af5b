// See scanner_setting.h.
#include "scanner_setting.h"

namespace outpost {

void ScannerSettingFollower::update(Store& store, InputQueue& queue) {
    const uint64_t v = store.data_version();
    if (read_ && v == version_) return;
    read_ = true;
    version_ = v;
    auto chars = store.scanner_separators();
    if (!chars.ok() || *chars == queue.scan_settings().separator_substitutes) return;
    queue.set_separator_substitutes(*chars);
}

}  // namespace outpost

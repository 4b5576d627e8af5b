// Keeps the input queue's scan settings in step with the device's scanner
// setting (Store::scanner_separators): an admin changes it on the Sync
// screen's device section or with `outpost scanner`, and the next frame's
// scans use it. Cheap: reads the setting only when the store's data version
// moved.
#pragma once

#include <cstdint>

#include "input_queue.h"
#include "store.h"

namespace outpost {

class ScannerSettingFollower {
public:
    // Reads the setting when the store changed since the last call and hands
    // the queue new settings when it differs. A stored setting the store
    // calls unusable leaves the queue as it was (the Sync screen shows why).
    void update(Store& store, InputQueue& queue);

private:
    bool read_ = false;
    uint64_t version_ = 0;
};

}  // namespace outpost

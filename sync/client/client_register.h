// Setting a device up for sync: a one-time registration code from
// outpost-central becomes this store's identity (site and device ids) and a
// bearer token, saved in the store's meta table. Restore is the same on a
// fresh store followed by a pull from cursor 0: resumable (the cursor is
// saved with every page) and with progress.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "client_config.h"
#include "status.h"
#include "store.h"
#include "transport.h"

namespace outpost {

struct Registration {
    Identity identity;
    std::string token;
};

// The sync settings of a device that central has just given a token: the
// token, central's address, cursors at zero, no restore under way, nothing
// stopped. register_device() saves them with the identity; the demo central
// (app/demo/demo_central.h) saves them for a demo store it takes in.
std::vector<std::pair<std::string, std::string>> fresh_sync_meta(const std::string& token, const std::string& server,
                                                                 bool restoring);

// POSTs /v1/register with the code, then Store::init_registered() and saves
// token, server (transport.where()), cursors at 0 and "restoring" in meta.
// REQUIRES: store has no identity yet. Fails with words for a bad or used
// code (bad_code), a busy central (rate_limited) or no network.
Result<Registration> register_device(Transport& transport, const std::string& code,
                                     const std::string& device_name, Store& store);

// Progress of a restore: changes applied so far and the total when known.
using RestoreProgress = std::function<void(int64_t done, int64_t total)>;

// register_device() on an empty store, then pulls the whole site. When the
// pull is interrupted the store keeps what it has: calling
// continue_restore() (or starting a SyncClient) resumes from the last page.
Status restore_device(Transport& transport, const std::string& code, const std::string& device_name,
                      Store& store, const SyncConfig& config, const RestoreProgress& progress = {});
Status continue_restore(Transport& transport, Store& store, const SyncConfig& config,
                        const RestoreProgress& progress = {});

}  // namespace outpost

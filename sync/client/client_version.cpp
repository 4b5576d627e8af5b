// The app version a device sends central as X-Outpost-App (docs/protocol.md).
#include "client_config.h"

#ifndef OUTPOST_APP_VERSION
#error "OUTPOST_APP_VERSION is set by sync/client/CMakeLists.txt"
#endif

namespace outpost {

const char* client_app_version() { return OUTPOST_APP_VERSION; }

}  // namespace outpost

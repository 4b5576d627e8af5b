// The app version each device reports in X-Outpost-App (docs/protocol.md):
// the devices table's app_version column (added to an older central file
// when it opens), read from a request and written only when it changed, so
// a device that keeps its version costs no write per request.
#include "central_internal.h"

namespace outpost {
namespace central {

Status ensure_device_app_version(sql::Conn& db) {
    auto exists = db.column_exists("devices", "app_version");
    if (!exists.ok()) return exists.status();
    if (*exists) return Status::Ok();
    return db.exec("ALTER TABLE devices ADD COLUMN app_version TEXT NOT NULL DEFAULT ''");
}

std::string app_version_of(const protocol::Request& request) {
    auto h = request.headers.find(protocol::kHeaderApp);
    if (h == request.headers.end() || h->second.empty() || h->second.size() > protocol::kMaxAppVersionChars)
        return "";
    for (unsigned char c : h->second)
        if (c < 0x20 || c > 0x7e) return "";  // printable ASCII only; anything else is not recorded
    return h->second;
}

void note_app_version(sql::Conn& db, const std::string& device_id, const std::string& version) {
    sql::Stmt s = db.prepare("UPDATE devices SET app_version=? WHERE id=?");
    s.bind(1, version).bind(2, device_id);
    (void)s.run();  // information for the dashboard only; the request goes on regardless
}

}  // namespace central
}  // namespace outpost

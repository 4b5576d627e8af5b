// Helpers shared by the central_*.cpp files and nothing else: hashing, the
// shape of JSON responses, and reading typed fields out of a request body
// without exceptions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "central_sql.h"
#include "json_read.h"
#include "protocol.h"
#include "status.h"

namespace outpost {
namespace central {

using json = nlohmann::json;

// SHA-256 of text, lower-case hex.
std::string sha256_hex(const std::string& text);

protocol::Response json_response(int status, const std::string& body);
protocol::Response error_response(protocol::Error e, const std::string& message);

// Typed field access that never throws. Each returns false when the field is
// missing or has the wrong type, and sets *problem to plain words.
bool get_string(const json& obj, const char* key, std::string* out, std::string* problem);
bool get_int(const json& obj, const char* key, int64_t* out, std::string* problem);

// Current row of the central users / sites / devices tables as the wire row
// (the columns of app/store/tables.h).
json site_row(const std::string& id, const std::string& code, const std::string& name,
              const std::string& address, bool is_demo);

// Creates (and fills from the feed, once) site_parents: the site of every
// accepted prescription and stocktake, so a pushed child row without a
// site_id (prescription_lines, stocktake_lines, cancellations) can be checked
// against its parent's site. Defined in central_push_pull.cpp.
Status ensure_site_parents(sql::Conn& db);
// Central's own tables on the engine (central_schema.cpp), and feed_heads,
// the rows feed writers lock on PostgreSQL, made when missing.
const char* schema_sql(sql::Engine engine);
Status ensure_feed_heads(sql::Conn& db);
// Creates site_keys when missing (central_site_keys.cpp).
Status ensure_site_keys(sql::Conn& db);

// The devices' app versions (central_app_version.cpp): adds the devices
// table's app_version column when missing; the request's X-Outpost-App
// value when it is one central records ("" otherwise); writes a device's.
Status ensure_device_app_version(sql::Conn& db);
std::string app_version_of(const protocol::Request& request);
void note_app_version(sql::Conn& db, const std::string& device_id, const std::string& version);

// A user's language (central_user_lang.cpp): adds the users table's lang
// column when missing; checks a language given on the command line ("" is
// none; else en, fr, pt or es).
Status ensure_user_lang(sql::Conn& db);
Status check_user_lang(const std::string& lang);

}  // namespace central
}  // namespace outpost

// The store's schema as numbered migrations. Migration N takes a database at
// user_version N-1 to N; Open applies every missing one, each in its own
// transaction, so an interrupted upgrade resumes where it stopped.
// docs/schema.md describes the tables in words.
#pragma once

#include <string>
#include <vector>

#include "sqlite_db.h"

namespace outpost {

// The SQL of each migration, index 0 is migration 1.
const std::vector<std::string>& migrations();
int latest_schema_version();
// Brings db up to target (default: latest). Refuses a database newer than
// this program with a message that says to update Outpost.
Status migrate(Db& db, int target = -1);
int schema_version(Db& db);

}  // namespace outpost

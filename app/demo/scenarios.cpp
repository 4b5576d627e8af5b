// Demo scenarios and the demo store's reset (see scenarios.h).
#include "scenarios.h"

#include <sqlite3.h>

#include <cstdio>
#include <sys/stat.h>

namespace outpost {

std::vector<DemoScenario> all_scenarios() {
    return {DemoScenario::kStandard, DemoScenario::kExpiringStock, DemoScenario::kStockOut,
            DemoScenario::kStocktakeDiscrepancy, DemoScenario::kTwoDevicesLastBox};
}

const char* scenario_name(DemoScenario s) {
    switch (s) {
        case DemoScenario::kStandard: return "standard";
        case DemoScenario::kExpiringStock: return "expiring-stock";
        case DemoScenario::kStockOut: return "stock-out";
        case DemoScenario::kStocktakeDiscrepancy: return "stocktake";
        case DemoScenario::kTwoDevicesLastBox: return "two-devices";
    }
    return "standard";
}

const char* scenario_title(DemoScenario s) {
    switch (s) {
        case DemoScenario::kStandard: return "Standard demo clinic";
        case DemoScenario::kExpiringStock: return "Expiring stock";
        case DemoScenario::kStockOut: return "Stock-out";
        case DemoScenario::kStocktakeDiscrepancy: return "Stocktake with a discrepancy";
        case DemoScenario::kTwoDevicesLastBox: return "Two devices dispensed the last box offline";
    }
    return "Standard demo clinic";
}

bool parse_scenario(const std::string& name, DemoScenario* out) {
    for (DemoScenario s : all_scenarios())
        if (name == scenario_name(s)) {
            *out = s;
            return true;
        }
    return false;
}

ScenarioPlan plan_for(DemoScenario s) {
    ScenarioPlan p;
    switch (s) {
        case DemoScenario::kStandard: break;
        case DemoScenario::kExpiringStock:
            p.expiring_codes = {"AMOX250D", "PARA120L", "ORS1LS", "OXYT10I", "COAM625T", "METF500T"};
            p.expired_codes = {"ZINC20D", "SMXT240S"};
            break;
        case DemoScenario::kStockOut: p.stock_out_codes = {"ARLU20T"}; break;
        case DemoScenario::kStocktakeDiscrepancy: p.open_stocktake_with_discrepancy = true; break;
        case DemoScenario::kTwoDevicesLastBox: p.last_box_code = "AMOX250D"; break;
    }
    return p;
}

static bool file_exists(const std::string& path) {
    struct stat st;
    return ::stat(path.c_str(), &st) == 0;
}

// Deletes an SQLite file and its WAL, shared-memory and journal files.
// `why` finishes the message: "to reset the demo".
static Status remove_store_files(const std::string& path, const std::string& why) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        const std::string f = path + suffix;
        if (file_exists(f) && std::remove(f.c_str()) != 0)
            return Status::IoError("could not delete '" + f + "' " + why + "; is Outpost still running?");
    }
    return Status::Ok();
}

// Reads the demo flag without changing the file (Store::Open would migrate
// and mark any SQLite file it opens).
static Status check_is_demo_store(const std::string& path) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    bool demo = false, outpost = false;
    if (rc == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key='demo'", -1, &st, nullptr) == SQLITE_OK) {
            outpost = true;
            if (sqlite3_step(st) == SQLITE_ROW) {
                const unsigned char* v = sqlite3_column_text(st, 0);
                demo = v && std::string(reinterpret_cast<const char*>(v)) == "1";
            }
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    if (demo) return Status::Ok();
    if (outpost)
        return Status::PermissionDenied("'" + path +
                                        "' holds real clinic data; a demo reset never touches it. "
                                        "Choose another file for the demo.");
    return Status::PermissionDenied("'" + path + "' is not an Outpost demo store; a demo reset will not delete it");
}

Status reset_demo(const std::string& path, DemoScenario scenario, uint64_t seed, int64_t today_ms) {
    if (path.empty() || path == ":memory:") return Status::InvalidArgument("a demo store needs a file path");
    if (file_exists(path)) {
        Status s = check_is_demo_store(path);
        if (!s.ok()) return s;
        s = remove_store_files(path, "to reset the demo");
        if (!s.ok()) return s;
    }
    SystemClock system;
    FakeClock clock(today_ms ? today_ms : system.now_ms());
    OpenOptions o;
    o.path = path;
    o.clock = &clock;
    o.demo = true;
    auto store = Store::Open(o);
    if (!store.ok()) return store.status();
    GenerateOptions g;
    g.seed = seed;
    g.today_ms = clock.now_ms();
    g.scale = DemoScale::kSmallClinic;
    g.scenario = plan_for(scenario);
    Status s = generate(**store, g);
    if (s.ok()) s = (*store)->set_meta("demo.scenario", scenario_name(scenario));
    if (!s.ok()) {  // leave no half-made demo behind
        store->reset();
        (void)remove_store_files(path, "");  // best effort: the failure being reported matters more
    }
    return s;
}

std::string demo_undo_path(const std::string& path) { return path + ".before-reset"; }

Status keep_demo_for_undo(const std::string& path) {
    Status s = check_is_demo_store(path);
    if (!s.ok()) return s;
    const std::string copy = demo_undo_path(path);
    Status removed = remove_store_files(copy, "to keep a new copy for Undo");
    if (!removed.ok()) return removed;
    // VACUUM INTO writes a consistent copy of the database, the WAL's
    // committed pages included, without changing the original.
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    std::string error;
    if (rc == SQLITE_OK) {
        sqlite3_stmt* st = nullptr;
        rc = sqlite3_prepare_v2(db, "VACUUM INTO ?", -1, &st, nullptr);
        if (rc == SQLITE_OK) {
            sqlite3_bind_text(st, 1, copy.c_str(), -1, SQLITE_TRANSIENT);
            rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
        }
        if (rc != SQLITE_OK) error = sqlite3_errmsg(db);
        sqlite3_finalize(st);
    } else {
        error = db ? sqlite3_errmsg(db) : "out of memory";
    }
    sqlite3_close(db);
    if (rc != SQLITE_OK) {
        std::remove(copy.c_str());
        return Status::IoError("could not keep a copy of the demo for Undo in '" + copy + "': " + error);
    }
    return Status::Ok();
}

bool demo_undo_available(const std::string& path) { return file_exists(demo_undo_path(path)); }

Status undo_demo_reset(const std::string& path) {
    const std::string copy = demo_undo_path(path);
    if (!file_exists(copy)) return Status::NotFound("there is no demo reset to undo");
    Status s = check_is_demo_store(copy);
    if (!s.ok()) return s;
    if (file_exists(path)) {
        s = check_is_demo_store(path);
        if (!s.ok()) return s;
    }
    s = remove_store_files(path, "to undo the reset");
    if (!s.ok()) return s;
    if (std::rename(copy.c_str(), path.c_str()) != 0)
        return Status::IoError("could not put the demo from before the reset back in '" + path + "'");
    return Status::Ok();
}

Result<std::unique_ptr<Store>> open_demo_store(const std::string& path, DemoScenario scenario, uint64_t seed) {
    if (!file_exists(path)) {
        Status s = reset_demo(path, scenario, seed, 0);
        if (!s.ok()) return s;
    }
    OpenOptions o;
    o.path = path;
    o.create = false;
    o.demo = true;
    return Store::Open(o);
}

}  // namespace outpost

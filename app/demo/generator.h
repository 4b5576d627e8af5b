// The seeded data generator behind the demo store and the benchmarks. It
// fills an empty store with a site, users, a catalogue, patients and a
// history of receipts, dispensings, adjustments, cancellations and a
// stocktake, shaped like a real clinic: some batches expired, some expiring
// within six weeks, most fine.
//
// Deterministic: the same seed and the same `today` give the same rows, ids
// included (ids come from the seeded generator, not from new_uuid_v7). The one
// exception is users.pin_hash: libsodium salts every PIN hash at random.
//
// Rows are written in one transaction with prepared statements through the
// replicated table specs (tables.h), not through Store operations: the
// operations draw random ids and would take minutes for a district-sized
// history. Stock on hand is written from the same in-memory ledger the
// events come from, so the result passes Store::verify().
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store.h"

namespace outpost {

enum class DemoScale {
    kSmallClinic,       // ~56 items, ~150 batches, 90 days at tens of prescriptions a day, 300 patients
    kDistrictHospital,  // 800 items, 3,000 batches, ~1,000,000 stock events over 2 years, 20,000 patients
    kCustom,            // GenerateOptions.custom
};

struct GenerateCounts {
    int64_t items = 0;     // catalogue entries (the demo catalogue first, then synthetic ones)
    int64_t batches = 0;   // aimed at; receipts may add a few when a batch runs short of life
    int64_t events = 0;    // stock events aimed at (within a few percent)
    int64_t patients = 0;
    int64_t days = 0;      // days of history before today
};
GenerateCounts counts_for(DemoScale scale);

// A demo login: shown on the login screen and in the README. Demo PINs are
// public on purpose; a demo store holds no real data.
struct DemoUser {
    std::string name;
    Role role = Role::kDispenser;
    std::string pin;
};
std::vector<DemoUser> demo_users();
// The demo login of this role (each role has one), or null. Match a store's
// users by role, not name: demo stores made before the users were renamed
// ("Amina (dispenser)" -> "Amina") keep their old names and the same PINs.
const DemoUser* demo_user_for(Role role);

// What a demo scenario adds to the history (filled by scenarios.cpp). Codes
// are catalogue codes; unknown codes are ignored.
struct ScenarioPlan {
    std::vector<std::string> expiring_codes;   // a well-stocked batch expiring within 6 weeks
    std::vector<std::string> expired_codes;    // an expired batch still on the shelf
    std::vector<std::string> stock_out_codes;  // transferred out 3 weeks ago, then used up
    // Two devices dispensed this item's last stock this morning, the second
    // offline: its change arrives through Store::apply_remote and takes the
    // batch below zero.
    std::string last_box_code;
    // A stocktake started this morning, mostly counted, some counts differing
    // from the record; left open for the trainee to finalise.
    bool open_stocktake_with_discrepancy = false;
};

struct GenerateOptions {
    uint64_t seed = 1;
    int64_t today_ms = 0;  // "now" for the generated store; 0: the store's clock
    DemoScale scale = DemoScale::kSmallClinic;
    GenerateCounts custom;  // used when scale is kCustom
    ScenarioPlan scenario;
    std::string site_code = "DEMO", site_name = "Outpost Demo Clinic", device_name = "training laptop";
    // true: the history is this device's own work, with the outbox rows live
    // operations leave (the demo). false: it was dispensed at other counters
    // of the same site and arrived by sync, so this device's outbox starts
    // empty (big benchmark stores, where a million payloads would only cost
    // time and disk).
    bool history_on_this_device = true;
};

struct GenerateReport {
    int64_t items = 0, batches = 0, events = 0, patients = 0, prescriptions = 0;
    int64_t receipts = 0, adjustments = 0, cancellations = 0, stocktake_corrections = 0;
    std::string first_day, last_day;  // of the history
    double seconds = 0;
};

// Units a typical prescription of the item asks for, from its dispensing
// unit and default directions ("1t tds x5/7" of tablets: 15).
int64_t demo_typical_quantity(const std::string& unit, const std::string& directions);
// How often the item is prescribed relative to others in the demo clinic
// (paracetamol 10, most items 1, injections 0.4).
double demo_prescribing_weight(const std::string& code, const std::string& unit);

// REQUIRES: a store with no identity (freshly created). Sets the store up as a
// standalone site (site and device ids from the seed) and writes everything.
// On failure nothing after the identity is written.
Status generate(Store& store, const GenerateOptions& options, GenerateReport* report = nullptr);

// Adds synthetic catalogue entries (no stock) until the store holds
// total_items items, in one transaction: a site that receives a central
// catalogue of several thousand entries. REQUIRES: a store with a site.
Status extend_catalogue(Store& store, int64_t total_items, uint64_t seed);

}  // namespace outpost

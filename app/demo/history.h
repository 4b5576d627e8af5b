// Internal to outpost_demo: the day-by-day simulation that writes a generated
// store's history (receipts, dispensings, cancellations, adjustments, a
// stocktake) and this morning's scenario events. It keeps every batch's
// balance in memory, allocates earliest-expiry-first as Store::dispense does,
// and orders deliveries before stock would run out, so the history never
// dips below zero unless a scenario asks for it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "bulk_writer.h"
#include "demo_rng.h"
#include "generator.h"

namespace outpost {

struct SimItem {
    std::string id, code, unit, directions, directions_text;
    int64_t pack = 1, typical_qty = 1;
    double weight = 1, daily_use = 0;
    int64_t batch_budget = 1, batches_made = 0;
    enum class Shape { kNormal, kExpiredLeftover, kExpiringSoon } shape = Shape::kNormal;
    bool stock_out = false, last_box = false;
    std::vector<size_t> batches;  // indexes into HistorySim::batches_, earliest expiry first
};

struct SimBatch {
    std::string id, item_id, batch_no, expiry;
    int64_t expiry_day = 0, balance = 0;
    size_t item = 0;
};

struct HistoryContext {
    HistoryContext(Store& s, BulkWriter& w, DemoRng& r, GenerateCounts c, const ScenarioPlan& p)
        : store(s), writer(w), rng(r), counts(c), scenario(p) {}
    Store& store;
    BulkWriter& writer;
    DemoRng& rng;
    GenerateCounts counts;
    const ScenarioPlan& scenario;
    int64_t today_ms = 0;
    std::string site_id, device_id;   // this device
    std::string history_device_id;    // whose work the history is
    std::string peer_device_id;       // the second device of the two-device scenario ("" if none)
    std::string dispenser_id, storekeeper_id, admin_id;
    std::vector<SimItem> items;
};

class HistorySim {
public:
    explicit HistorySim(HistoryContext& ctx);
    // Writes the whole history and this morning's scenario events. The
    // two-device scenario's offline change is returned in *pulled (a payload
    // to apply with Store::apply_remote after the transaction commits).
    Status run(GenerateReport* report, std::vector<std::string>* pulled);

private:
    Status open_stock();
    Status day(int64_t d);
    Status deliveries(int64_t d, int64_t ms);
    Status prescription(int64_t d, int64_t ms);
    Status cancel(const std::string& rx_id, const std::vector<std::pair<std::string, json>>& events, int64_t ms);
    Status write_offs(int64_t d, int64_t ms);
    Status random_adjustment(int64_t d, int64_t ms);
    Status stocktake(int64_t d, int64_t ms, bool finalise);
    Status transfer_out(int64_t d, int64_t ms);
    Status morning(std::vector<std::string>* pulled);

    struct DispenseLine {
        size_t item;
        int64_t qty;
        std::vector<std::pair<size_t, int64_t>> allocations;  // (batch index, units)
    };
    // Writes one dispensing as a change of `device`. offline_elsewhere: the
    // change is only recorded as a payload (returned second), to arrive later
    // through Store::apply_remote. Returns (prescription id, payload).
    Result<std::pair<std::string, std::string>> write_dispensing(
        const std::string& device, int64_t ms, const std::string& patient, const std::string& user,
        const std::vector<DispenseLine>& lines, bool offline_elsewhere,
        std::vector<std::pair<std::string, json>>* events);
    Result<std::string> patient_for_visit(int64_t d, int64_t ms);
    Status receive(size_t item, int64_t d, int64_t ms, int64_t units, bool new_batch, int64_t expiry_day);
    int64_t usable(const SimItem& it, int64_t d) const;
    // Earliest-expiry-first allocation of qty over usable batches:
    // (batch index, units). REQUIRES: usable(it, d) >= qty.
    std::vector<std::pair<size_t, int64_t>> allocate(const SimItem& it, int64_t d, int64_t qty) const;
    std::string batch_no();
    int64_t receipt_units(const SimItem& it) const;
    json batch_row(const SimBatch& b, bool needs_count);

    HistoryContext& c_;
    std::vector<SimBatch> batches_;
    std::vector<std::string> patients_;
    int64_t first_day_ = 0, today_day_ = 0;
    double rx_per_open_day_ = 0;
    int64_t expected_rx_left_ = 0;
    GenerateReport rep_;
    std::unique_ptr<WeightedPick> picker_;  // prescribing frequency of items
};

}  // namespace outpost

// sync_bench's shared parts: see sync_bench_common.h.
#include "sync_bench_common.h"

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace outpost::sync_bench {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

[[noreturn]] void fail(const std::string& what, const Status& s) {
    std::fprintf(stderr, "sync_bench: %s: %s\n", what.c_str(), s.message().c_str());
    std::exit(1);
}

int64_t count(Store& s, const char* sql) { return s.db().query_i64(sql).value_or(0); }
int64_t events_so_far(Store& s) { return count(s, "SELECT MAX(rowid) FROM stock_events"); }

static double round3(double v) { return static_cast<double>(static_cast<int64_t>(v * 1000 + (v < 0 ? -0.5 : 0.5))) / 1000; }

void emit(const std::string& metric, double value, const std::string& unit, std::optional<double> baseline,
          std::optional<double> target) {
    nlohmann::ordered_json j{{"metric", metric}, {"value", round3(value)}, {"unit", unit}};
    j["baseline"] = baseline ? nlohmann::ordered_json(round3(*baseline)) : nlohmann::ordered_json();
    j["ratio"] = baseline && *baseline > 0 ? nlohmann::ordered_json(round3(value / *baseline)) : nlohmann::ordered_json();
    j["target"] = target ? nlohmann::ordered_json(*target) : nlohmann::ordered_json();
    std::printf("%s\n", j.dump().c_str());
    std::fflush(stdout);
}

int64_t busy_day(Store& s, const std::string& user, const std::vector<Item>& items, int64_t events,
                 std::mt19937_64& rng) {
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    std::vector<std::string> patients;
    const int64_t start = events_so_far(s);
    int serial = 0;
    while (events_so_far(s) - start < events) {
        int k = pick(0, 99);
        const Item& item = items[pick(0, static_cast<int>(items.size()) - 1)];
        if (k < 10) {
            ReceiveInput in;
            in.item_id = item.id;
            in.batch_no = "L" + std::to_string(pick(100, 140));
            in.expiry = "2027-0" + std::to_string(pick(1, 9)) + "-28";
            in.quantity = pick(100, 1000);
            in.supplier = "Central Medical Stores";
            in.reference = "GRN-" + std::to_string(++serial);
            auto r = s.receive(user, in);
            if (!r.ok()) fail("receive", r.status());
        } else if (k < 20) {
            auto b = s.db().query_text("SELECT batch_id FROM stock_on_hand ORDER BY random() LIMIT 1");
            if (!b) continue;
            AdjustInput in{*b, pick(1, 5) * (k % 2 ? 1 : -1), k % 2 ? "found" : "damaged", "shelf check"};
            if (!s.adjust(user, in).ok()) {
                in.reason = in.quantity > 0 ? "correction" : "expired";
                (void)s.adjust(user, in);
            }
        } else {
            if (patients.empty() || pick(0, 3) == 0) {
                PatientInput p{"Mwale" + std::to_string(patients.size()), "Chipo", "F", "Mbala", "", 1990};
                auto id = s.register_patient(user, p);
                if (!id.ok()) fail("register patient", id.status());
                patients.push_back(*id);
            }
            DispenseInput in;
            in.patient_id = patients[pick(0, static_cast<int>(patients.size()) - 1)];
            in.prescriber = "Clinical officer Banda";
            in.confirm_short = in.confirm_expired = true;
            int lines = pick(1, 3);
            for (int i = 0; i < lines; ++i) {
                DispenseLineInput l;
                l.item_id = items[pick(0, static_cast<int>(items.size()) - 1)].id;
                l.quantity = pick(5, 30);
                l.directions = "1t tds x5/7 pc";
                in.lines.push_back(l);
            }
            auto r = s.dispense(user, in);
            if (!r.ok() && r.status().code() != Status::Code::kNotFound &&
                r.status().code() != Status::Code::kInvalidArgument)
                fail("dispense", r.status());
        }
    }
    return events_so_far(s) - start;
}

}  // namespace outpost::sync_bench

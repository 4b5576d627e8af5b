// Child process for the crash test: opens the store the parent prepared and
// dispenses as fast as it can, printing each prescription id only after its
// transaction committed. The parent kills it with SIGKILL at a random moment.
#include <cstdio>
#include <random>

#include "store.h"

using namespace outpost;

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: store_crash_child DB SEED\n");
        return 2;
    }
    auto s = Store::Open({argv[1], false});
    if (!s.ok()) {
        std::fprintf(stderr, "%s\n", s.status().message().c_str());
        return 2;
    }
    Store& store = **s;
    std::string user;
    for (const auto& u : store.users())
        if (u.role != Role::kDispenser) user = u.id;
    auto patients = store.search_patients("", 0, 1);
    auto item = store.item_by_code("PARA500T");
    if (user.empty() || !patients.ok() || patients->rows.empty() || !item.ok()) {
        std::fprintf(stderr, "the store is not prepared\n");
        return 2;
    }
    std::mt19937 rng(static_cast<unsigned>(std::atoi(argv[2])));
    ReceiveInput in{item->id, "CRASH-" + std::string(argv[2]), add_days(store.today(), 365), 500,
                    QuantityUnit::kUnits, "", ""};
    if (!store.receive(user, in).ok()) return 3;
    for (;;) {
        DispenseInput d;
        d.patient_id = patients->rows[0].id;
        d.confirm_short = true;
        d.lines.push_back({item->id, static_cast<int64_t>(1 + rng() % 20), "1t tds", "", std::nullopt});
        auto r = store.dispense(user, d);
        if (!r.ok()) {
            std::fprintf(stderr, "%s\n", r.status().message().c_str());
            return 4;
        }
        std::printf("%s\n", r->prescription_id.c_str());
        std::fflush(stdout);
    }
}

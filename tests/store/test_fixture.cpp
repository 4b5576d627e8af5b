// The test clinic. See test_fixture.h.
#include "test_fixture.h"

#include "store_internal.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>

namespace outpost::test {

std::string temp_path(const std::string& name) {
    std::string p = "/tmp/outpost-test-" + std::to_string(getpid()) + "-" + name;
    std::remove(p.c_str());
    std::remove((p + "-wal").c_str());
    std::remove((p + "-shm").c_str());
    return p;
}

std::unique_ptr<Store> second_device(Clinic& base, FakeClock& clock, const std::string& device_name) {
    auto s = Store::Open({":memory:", true, &clock, false});
    REQUIRE(s.ok());
    Identity id = base.store->identity();
    id.device_id = new_uuid_v7(clock.now_ms());
    id.device_name = device_name;
    REQUIRE(s.value()->init_registered(id).ok());
    // Central data the device would have pulled: users, items, reason codes.
    Db& from = base.store->db();
    json central;
    for (const char* t : {"users", "items", "reason_codes"}) {
        const TableSpec* spec = find_table(t);
        std::string cols;
        for (size_t i = 0; i < spec->columns.size(); ++i) cols += (i ? "," : "") + std::string(spec->columns[i]);
        Stmt st = from.prepare(std::string("SELECT ") + cols + " FROM " + t);
        while (st.step()) {
            json row;
            for (size_t i = 0; i < spec->columns.size(); ++i)
                row[spec->columns[i]] = st.is_null(static_cast<int>(i)) ? json() : json(st.text(static_cast<int>(i)));
            central[t].push_back(row);
        }
    }
    REQUIRE(s.value()->apply_remote({central.dump()}, "test_cursor", "0").ok());
    return std::move(s.value());
}

Clinic::Clinic(const std::string& path, bool with_stock) {
    auto s = Store::Open({path, true, &clock, false});
    REQUIRE(s.ok());
    store = std::move(s.value());
    REQUIRE(store->init_standalone("HC01", "Mbala Health Centre", "dispensary kiosk").ok());
    admin = store->add_user({"Grace Admin", Role::kAdmin, "1111"}).value();
    storekeeper = store->add_user({"Samuel Store", Role::kStorekeeper, "2222"}).value();
    dispenser = store->add_user({"Dina Dispenser", Role::kDispenser, "3333"}).value();
    ItemInput p{"PARA500T", "Paracetamol", "500 mg", "tablet", "tablet",
                1000,       "2t qds prn",  "",       500};
    para = store->upsert_item(p).value();
    ItemInput a{"AMOX250D",   "Amoxicillin",         "250 mg", "dispersible tablet", "tablet", 100,
                "1t bd x5/7", "Complete the course", 200};
    amox = store->upsert_item(a).value();
    ItemInput o{"ORS1L", "Oral rehydration salts", "1 L", "powder", "sachet", 100, "", "", 50};
    ors = store->upsert_item(o).value();
    PatientInput pi;
    pi.family_name = "Kamara";
    pi.given_name = "Aminata";
    pi.sex = "F";
    pi.birth_year = 1990;
    patient = store->register_patient(dispenser, pi).value();
    if (with_stock) {
        receive(para, "P-EARLY", 30, 100);
        receive(para, "P-LATE", 300, 1000);
        receive(amox, "A-1", 200, 500);
    }
}

std::string Clinic::receive(const std::string& item, const std::string& batch, int days,
                            int64_t qty) {
    ReceiveInput in;
    in.item_id = item;
    in.batch_no = batch;
    in.expiry = add_days(store->today(), days);
    in.quantity = qty;
    auto r = store->receive(storekeeper, in);
    REQUIRE(r.ok());
    return r->batch_id;
}

int64_t Clinic::on_hand(const std::string& batch_id) {
    Stmt s =
        store->db().prepare("SELECT COALESCE(SUM(quantity),0) FROM stock_on_hand WHERE batch_id=?");
    s.bind(1, batch_id);
    s.step();
    return s.i64(0);
}

int64_t Clinic::item_on_hand(const std::string& item_id) {
    Stmt s =
        store->db().prepare("SELECT COALESCE(SUM(quantity),0) FROM stock_on_hand WHERE item_id=?");
    s.bind(1, item_id);
    s.step();
    return s.i64(0);
}

int64_t Clinic::outbox() {
    return store->outbox_last_seq();
}

}  // namespace outpost::test

// `outpost verify`: exit 0 when stock on hand matches the ledger, 1 with one
// line per differing batch, 2 when the store cannot be opened.
#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdio>
#include <sstream>
#include <string>

#include "store.h"
#include "verify_command.h"

namespace {

struct TempPath {
    std::string path;
    TempPath() {
        char tmpl[] = "/tmp/outpost_verify_XXXXXX";
        int fd = mkstemp(tmpl);
        if (fd >= 0) close(fd);
        path = tmpl;
        std::remove(path.c_str());  // Store::Open creates it
    }
    ~TempPath() {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
    }
};

// A standalone store holding one receipt of 100 tablets.
void make_store_with_stock(const std::string& path) {
    outpost::OpenOptions o;
    o.path = path;
    auto store = outpost::Store::Open(o);
    REQUIRE(store.ok());
    outpost::Store& s = **store;
    REQUIRE(s.init_standalone("TST", "Test clinic", "laptop").ok());
    auto user = s.add_user({"Ana Storekeeper", outpost::Role::kStorekeeper, "2468"});
    REQUIRE(user.ok());
    outpost::ItemInput item;
    item.code = "PARA500";
    item.name = "Paracetamol";
    item.strength = "500 mg";
    item.form = "tablet";
    item.unit = "tablet";
    auto item_id = s.upsert_item(item);
    REQUIRE(item_id.ok());
    outpost::ReceiveInput in;
    in.item_id = *item_id;
    in.batch_no = "B123";
    in.expiry = "2031-01-31";
    in.quantity = 100;
    auto r = s.receive(*user, in);
    REQUIRE(r.ok());
}

int verify(const std::string& path, std::string* out, std::string* err) {
    outpost::KioskConfig c;
    c.db_path = path;
    std::ostringstream o, e;
    int status = outpost::run_verify(c, o, e);
    *out = o.str();
    *err = e.str();
    return status;
}

}  // namespace

TEST_CASE("verify agrees on a store whose stock on hand matches the ledger") {
    TempPath db;
    make_store_with_stock(db.path);
    std::string out, err;
    CHECK(verify(db.path, &out, &err) == 0);
    CHECK(out == "verified 1 events over 1 batches: stock on hand matches the ledger\n");
    CHECK(err.empty());
}

TEST_CASE("verify lists a batch whose stock on hand was changed behind the ledger's back") {
    TempPath db;
    make_store_with_stock(db.path);
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open(db.path.c_str(), &raw) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, "UPDATE stock_on_hand SET quantity = 90", nullptr, nullptr, nullptr) ==
            SQLITE_OK);
    sqlite3_close(raw);
    std::string out, err;
    CHECK(verify(db.path, &out, &err) == 1);
    CHECK(out.find("B123") != std::string::npos);
    CHECK(out.find("stock on hand 90, ledger 100") != std::string::npos);
}

TEST_CASE("verify of a missing store fails with a message and creates nothing") {
    TempPath db;
    std::string out, err;
    CHECK(verify(db.path, &out, &err) == 2);
    CHECK_FALSE(err.empty());
    CHECK(out.empty());
    CHECK(access(db.path.c_str(), F_OK) != 0);
}

// Issue 17, defect 6: a trainer verifies the demo store with the same
// command; verify only reads, so the demo/real separation (which keeps demo
// data away from a real clinic) has nothing to protect here.
TEST_CASE("verify checks a demo store too and says it is one") {
    TempPath db;
    {
        outpost::OpenOptions o;
        o.path = db.path;
        o.demo = true;
        auto store = outpost::Store::Open(o);
        REQUIRE(store.ok());
        REQUIRE((*store)->init_standalone("DEM", "Demo clinic", "kiosk").ok());
    }
    std::string out, err;
    CHECK(verify(db.path, &out, &err) == 0);
    CHECK(out == "verified 0 events over 0 batches (demo store): stock on hand matches the ledger\n");
    CHECK(err.empty());
    // Verifying did not turn it into a real store: it still opens only as a demo.
    outpost::OpenOptions real;
    real.path = db.path;
    real.create = false;
    CHECK_FALSE(outpost::Store::Open(real).ok());
}

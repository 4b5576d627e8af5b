// generate(): sets up the site, devices, users and catalogue of a generated
// store, then runs the history simulation (history.cpp) in the same
// transaction. See generator.h for the contract.
#include "generator.h"

#include <chrono>

#include "bulk_writer.h"
#include "demo_data.h"
#include "history.h"
#include "store_internal.h"  // hash_pin, search_key: rows must match the store's own

namespace outpost {

static constexpr int64_t kDay = 24 * 60 * 60 * 1000;

GenerateCounts counts_for(DemoScale scale) {
    switch (scale) {
        case DemoScale::kSmallClinic: return {56, 150, 9000, 300, 90};
        case DemoScale::kDistrictHospital: return {800, 3000, 1000000, 20000, 730};
        case DemoScale::kCustom: break;
    }
    return {};
}

std::vector<DemoUser> demo_users() {
    return {{"Amina", Role::kDispenser, "1111"},
            {"Joseph", Role::kStorekeeper, "2222"},
            {"Grace", Role::kAdmin, "9999"}};
}

const DemoUser* demo_user_for(Role role) {
    static const std::vector<DemoUser> users = demo_users();
    for (const DemoUser& d : users)
        if (d.role == role) return &d;
    return nullptr;
}

// The default reason codes, as a new standalone store seeds them: taken from
// a throwaway in-memory store so the list lives in one place (the store).
static Result<std::vector<ReasonCode>> default_reason_codes() {
    OpenOptions o;
    o.path = ":memory:";
    auto mem = Store::Open(o);
    if (!mem.ok()) return mem.status();
    Status s = (*mem)->init_standalone("TMP", "reason codes", "tmp");
    if (!s.ok()) return s;
    return (*mem)->reason_codes();
}

static Status check_counts(const GenerateCounts& c) {
    if (c.items < 1 || c.days < 1 || c.patients < 2 || c.events < 0 || c.batches < c.items)
        return Status::InvalidArgument(
            "generator counts need at least 1 item, 1 day, 2 patients and a batch per item");
    if (c.days > 3650) return Status::InvalidArgument("generate at most ten years of history");
    return Status::Ok();
}

static Status write_items(BulkWriter& w, const std::vector<ItemInput>& cat, std::vector<SimItem>* items) {
    for (const auto& in : cat) {
        SimItem it;
        it.id = w.new_id();
        it.code = in.code;
        it.unit = in.unit;
        it.pack = in.pack_size;
        it.directions = in.default_directions;
        ItemInput active = in;
        active.active = true;
        const json row = item_row(it.id, active);
        Status s = w.write("items", row);
        if (!s.ok()) return s;
        items->push_back(std::move(it));
    }
    return Status::Ok();
}

// The demo catalogue first, then synthetic entries up to count.
static Status write_catalogue(BulkWriter& w, DemoRng& rng, int64_t count, std::vector<SimItem>* items) {
    std::vector<ItemInput> cat = demo_catalogue();
    if (cat.empty()) return Status::Corruption("the embedded demo catalogue could not be read; rebuild Outpost");
    if (static_cast<int64_t>(cat.size()) > count) cat.resize(static_cast<size_t>(count));
    std::vector<std::string> codes;
    for (const auto& it : cat) codes.push_back(it.code);
    auto more = synthetic_items(static_cast<size_t>(count) - cat.size(), rng, &codes);
    cat.insert(cat.end(), more.begin(), more.end());
    return write_items(w, cat, items);
}

Status extend_catalogue(Store& store, int64_t total_items, uint64_t seed) {
    if (!store.has_identity()) return Status::Conflict("set up the site first");
    Db& db = store.db();
    std::vector<std::string> codes;
    {
        Stmt s = db.prepare("SELECT code FROM items");
        while (s.step()) codes.push_back(s.text(0));
        if (!s.status().ok()) return s.status();
    }
    if (static_cast<int64_t>(codes.size()) >= total_items) return Status::Ok();
    DemoRng rng(seed ^ 0x636174616c6f67ull);  // "catalog": independent of the history's choices
    auto more = synthetic_items(static_cast<size_t>(total_items) - codes.size(), rng, &codes);
    return in_transaction(db, [&]() -> Status {
        BulkWriter w(db, rng, store.identity().site_id, store.identity().device_id, false);
        w.tick(store.now_ms());
        std::vector<SimItem> ignored;
        return write_items(w, more, &ignored);
    });
}

Status generate(Store& store, const GenerateOptions& o, GenerateReport* report) {
    const auto t0 = std::chrono::steady_clock::now();
    if (store.has_identity())
        return Status::Conflict("this store already holds a site; the generator needs a new, empty store");
    const GenerateCounts counts = o.scale == DemoScale::kCustom ? o.custom : counts_for(o.scale);
    Status s = check_counts(counts);
    if (!s.ok()) return s;
    const int64_t today_ms = o.today_ms ? o.today_ms : store.now_ms();
    const int64_t today_day = today_ms >= 0 ? today_ms / kDay : -((-today_ms + kDay - 1) / kDay);
    // The site was set up a month before the history starts.
    const int64_t setup_ms = (today_day - counts.days - 30) * kDay + 9 * 60 * 60 * 1000;

    DemoRng rng(o.seed);                           // every choice
    DemoRng ids(o.seed ^ 0x6f7574706f7374ull);     // every id ("outpost"), a stream of its own
    Identity id;
    id.site_id = ids.uuid_v7(setup_ms);
    id.site_code = o.site_code;
    id.site_name = o.site_name;
    id.device_id = ids.uuid_v7(setup_ms);
    id.device_name = o.device_name;
    s = store.init_registered(id);
    if (!s.ok()) return s;
    auto reasons = default_reason_codes();
    if (!reasons.ok()) return reasons.status();
    std::vector<std::string> pin_hashes;
    for (const auto& u : demo_users()) {
        auto h = hash_pin(u.pin);
        if (!h.ok()) return h.status();
        pin_hashes.push_back(*h);
    }

    Db& db = store.db();
    std::vector<std::string> pulled;
    GenerateReport rep;
    // A big history in one transaction spills SQLite's page cache again and
    // again (index pages written to the WAL many times over): a larger cache
    // for the generation only, put back afterwards.
    const int64_t cache_pages = db.query_i64("PRAGMA cache_size").value_or(-16000);
    if (counts.events > 100000) (void)db.exec("PRAGMA cache_size=-262144");  // 256 MiB
    s = in_transaction(db, [&]() -> Status {
        BulkWriter w(db, ids, id.site_id, id.device_id, o.history_on_this_device);
        w.tick(setup_ms);
        for (const auto& r : *reasons) {
            Status ws = w.write("reason_codes",
                                json{{"code", r.code}, {"label", r.label}, {"direction", r.direction}, {"active", 1}});
            if (!ws.ok()) return ws;
        }
        HistoryContext ctx(store, w, rng, counts, o.scenario);
        ctx.today_ms = today_ms;
        ctx.site_id = id.site_id;
        ctx.device_id = id.device_id;
        ctx.history_device_id = id.device_id;
        auto add_device = [&](const std::string& name) -> Result<std::string> {
            std::string dev = w.new_id();
            Status ds = w.write("devices", json{{"id", dev}, {"site_id", id.site_id}, {"name", name}});
            if (!ds.ok()) return ds;
            return dev;
        };
        if (!o.history_on_this_device) {
            auto dev = add_device("Pharmacy counter 1");
            if (!dev.ok()) return dev.status();
            ctx.history_device_id = *dev;
        }
        if (!o.scenario.last_box_code.empty()) {
            auto dev = add_device("Outreach tablet");
            if (!dev.ok()) return dev.status();
            ctx.peer_device_id = *dev;
        }
        const auto users = demo_users();
        for (size_t i = 0; i < users.size(); ++i) {
            std::string uid = w.new_id();
            Status us = w.write("users", json{{"id", uid},
                                              {"site_id", id.site_id},
                                              {"name", users[i].name},
                                              {"role", role_name(users[i].role)},
                                              {"pin_hash", pin_hashes[i]},
                                              {"active", 1},
                                              {"hlc", w.tick(setup_ms)}});
            if (!us.ok()) return us;
            if (users[i].role == Role::kDispenser) ctx.dispenser_id = uid;
            if (users[i].role == Role::kStorekeeper) ctx.storekeeper_id = uid;
            if (users[i].role == Role::kAdmin) ctx.admin_id = uid;
        }
        Status cs = write_catalogue(w, rng, counts.items, &ctx.items);
        if (!cs.ok()) return cs;
        // Big histories load faster without the secondary indexes of the
        // busiest tables: each insert would search several B-trees by long
        // text keys. They are dropped and rebuilt (one sort each) from their
        // own stored definitions, inside the same transaction.
        std::vector<std::string> rebuild;
        if (counts.events > 100000) {
            Stmt ix = db.prepare(
                "SELECT name, sql FROM sqlite_master WHERE type='index' AND sql IS NOT NULL AND tbl_name IN "
                "('stock_events','prescription_lines','prescriptions','patients') ORDER BY name");
            std::vector<std::string> names;
            while (ix.step()) {
                names.push_back(ix.text(0));
                rebuild.push_back(ix.text(1));
            }
            if (!ix.status().ok()) return ix.status();
            for (const auto& n : names) {
                cs = db.exec("DROP INDEX " + n);
                if (!cs.ok()) return cs;
            }
        }
        HistorySim sim(ctx);
        cs = sim.run(&rep, &pulled);
        if (!cs.ok()) return cs;
        for (const auto& sql : rebuild) {
            cs = db.exec(sql);
            if (!cs.ok()) return cs;
        }
        for (const auto& kv : {std::make_pair("hlc", w.last_hlc()),
                               std::make_pair("demo.seed", std::to_string(o.seed)),
                               std::make_pair("demo.today", date_from_days(today_day))}) {
            cs = store.set_meta(kv.first, kv.second);
            if (!cs.ok()) return cs;
        }
        return Status::Ok();
    });
    (void)db.exec("PRAGMA cache_size=" + std::to_string(cache_pages));
    if (!s.ok()) return s;
    // The other device's change arrives as a pull would bring it.
    if (!pulled.empty()) {
        s = store.apply_remote(pulled, "demo.pulled", "1");
        if (!s.ok()) return s;
    }
    if (report) {
        *report = rep;
        report->items = db.query_i64("SELECT COUNT(*) FROM items").value_or(0);
        report->batches = db.query_i64("SELECT COUNT(*) FROM batches").value_or(0);
        report->events = db.query_i64("SELECT COUNT(*) FROM stock_events").value_or(0);
        report->patients = db.query_i64("SELECT COUNT(*) FROM patients").value_or(0);
        report->prescriptions = db.query_i64("SELECT COUNT(*) FROM prescriptions").value_or(0);
        report->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    return Status::Ok();
}

}  // namespace outpost

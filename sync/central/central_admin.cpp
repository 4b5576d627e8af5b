// The administrator's operations on central: sites, registration codes,
// users, device revocation, the default reason codes and the sync health
// list. Every change to central data is written with its feed row in the same
// transaction, so devices pull exactly what central committed.
#include <sodium.h>

#include <cctype>

#include "central_core.h"
#include "central_internal.h"
#include "tables.h"

namespace outpost {

using central::json;

Result<std::string> CentralCore::site_id_of(const std::string& site_code) {
    sql::Stmt s = db_->prepare("SELECT id FROM sites WHERE code=?");
    s.bind(1, site_code);
    if (s.step()) return s.text(0);
    if (!s.status().ok()) return s.status();
    return Status::NotFound("central has no site with code " + site_code +
                            " (see `outpost-central sites`)");
}

// The same codes, labels and directions as a standalone store seeds
// (app/store/store.cpp), as one global feed row.
Status CentralCore::seed_reason_codes() {
    struct Reason {
        const char* code;
        const char* label;
        int direction;
    };
    static const Reason kDefaults[] = {
        {"damaged", "Damaged", -1},        {"expired", "Expired", -1},
        {"lost", "Lost", -1},              {"stolen", "Stolen", -1},
        {"cold_chain", "Cold-chain failure", -1}, {"found", "Found", 1},
        {"transfer_in", "Transfer in", 1}, {"transfer_out", "Transfer out", -1},
        {"other", "Other (explain in note)", 0},
    };
    json rows = json::array();
    sql::Stmt ins = db_->prepare(
        "INSERT INTO reason_codes(code,label,direction,active) VALUES(?,?,?,1) ON CONFLICT(code) "
        "DO UPDATE SET "
        "label=excluded.label, direction=excluded.direction, active=1");
    for (const auto& r : kDefaults) {
        ins.reset();
        ins.bind(1, r.code).bind(2, r.label).bind(3, r.direction);
        Status s = ins.run();
        if (!s.ok()) return s;
        rows.push_back({{"code", r.code}, {"label", r.label}, {"direction", r.direction}, {"active", 1}});
    }
    return append_feed("", "", 0, json{{"reason_codes", rows}}.dump());
}

static bool valid_site_code(const std::string& code) {
    if (code.empty() || code.size() > 16) return false;
    for (char c : code)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
    return true;
}

Result<std::string> CentralCore::create_site(const std::string& code, const std::string& name, bool demo,
                                             const std::string& address) {
    std::lock_guard<std::mutex> l(mu_);
    if (!valid_site_code(code))
        return Status::InvalidArgument("a site code is 1 to 16 letters, digits, '-' or '_' (like HC01)");
    if (name.empty()) return Status::InvalidArgument("a site needs a name");
    if (demo != demo_)
        return Status::PermissionDenied(demo ? "this is a real central: it cannot hold demo sites"
                                             : "this is a demo central: it holds demo sites only (use --demo)");
    sql::Stmt exists = db_->prepare("SELECT name FROM sites WHERE code=?");
    exists.bind(1, code);
    if (exists.step()) return Status::Conflict("site code " + code + " is already used by " + exists.text(0));
    const std::string id = new_id();
    sql::Tx tx(*db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    sql::Stmt ins =
        db_->prepare("INSERT INTO sites(id,code,name,address,is_demo) VALUES(?,?,?,?,?)");
    ins.bind(1, id).bind(2, code).bind(3, name).bind(4, address).bind(5, demo ? 1 : 0);
    Status s = ins.run();
    if (s.ok())
        s = append_feed(id, "", 0,
                        json{{"sites", json::array({central::site_row(id, code, name, address, demo)})}}.dump());
    if (s.ok()) s = tx.commit();
    if (!s.ok()) return s;
    return id;
}

// 31 characters that cannot be misread for each other (no 0/O, 1/I/L).
static const char kCodeAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

Result<std::string> CentralCore::issue_code(const std::string& site_code) {
    std::lock_guard<std::mutex> l(mu_);
    auto site = site_id_of(site_code);
    if (!site.ok()) return site.status();
    const size_t n = sizeof kCodeAlphabet - 1;
    std::string raw;
    while (raw.size() < 9) {
        unsigned char b;
        random_bytes(&b, 1);
        if (b >= 256 - 256 % n) continue;  // reject to keep every character equally likely
        raw += kCodeAlphabet[b % n];
    }
    const int64_t now = clock_->now_ms();
    sql::Stmt ins = db_->prepare(
        "INSERT INTO registration_codes(code_sha256, site_id, created_ms, expires_ms) "
        "VALUES(?,?,?,?)");
    ins.bind(1, central::sha256_hex(raw)).bind(2, *site).bind(3, now).bind(4, now + protocol::kRegistrationCodeLifetimeMs);
    Status s = ins.run();
    if (!s.ok()) return s;
    return raw.substr(0, 3) + "-" + raw.substr(3, 3) + "-" + raw.substr(6, 3);
}

Result<std::string> CentralCore::add_user(const std::string& site_code, const std::string& name,
                                          const std::string& role, const std::string& pin, const std::string& lang) {
    Status lang_ok = central::check_user_lang(lang);
    if (!lang_ok.ok()) return lang_ok;
    std::lock_guard<std::mutex> l(mu_);
    auto site = site_id_of(site_code);
    if (!site.ok()) return site.status();
    if (name.empty() || name.size() > 60) return Status::InvalidArgument("a user's name is 1 to 60 characters");
    if (role != "dispenser" && role != "storekeeper" && role != "admin")
        return Status::InvalidArgument("role must be dispenser, storekeeper or admin, not '" + role + "'");
    if (pin.size() < 4 || pin.size() > 12 ||
        pin.find_first_not_of("0123456789") != std::string::npos)
        return Status::InvalidArgument("a PIN is 4 to 12 digits");
    sql::Stmt dup = db_->prepare("SELECT 1 FROM users WHERE site_id=? AND name=? AND active=1");
    dup.bind(1, *site).bind(2, name);
    if (dup.step()) return Status::Conflict("site " + site_code + " already has an active user called " + name);
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin.data(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return Status::IoError("not enough memory to hash the PIN");
    const std::string id = new_id();
    const std::string hlc = hlc_.tick(clock_->now_ms());
    sql::Tx tx(*db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    sql::Stmt ins = db_->prepare("INSERT INTO users(id,site_id,name,role,pin_hash,active,hlc,lang) VALUES(?,?,?,?,?,1,?,?)");
    ins.bind(1, id).bind(2, *site).bind(3, name).bind(4, role).bind(5, std::string(hash)).bind(6, hlc).bind(7, lang);
    Status s = ins.run();
    json row{{"id", id}, {"site_id", *site}, {"name", name}, {"role", role},
             {"pin_hash", std::string(hash)}, {"active", 1}, {"hlc", hlc}, {"lang", lang}};
    if (s.ok()) s = append_feed(*site, "", 0, json{{"users", json::array({row})}}.dump());
    if (s.ok()) s = tx.commit();
    if (!s.ok()) return s;
    return id;
}

Status CentralCore::disable_user(const std::string& site_code, const std::string& user) {
    std::lock_guard<std::mutex> l(mu_);
    auto site = site_id_of(site_code);
    if (!site.ok()) return site.status();
    sql::Stmt find = db_->prepare(
        "SELECT id,name,role,pin_hash FROM users WHERE site_id=? AND active=1 AND (id=? OR "
        "name=?)");
    find.bind(1, *site).bind(2, user).bind(3, user);
    if (!find.step()) {
        if (!find.status().ok()) return find.status();
        return Status::NotFound("site " + site_code + " has no active user '" + user + "'");
    }
    const std::string hlc = hlc_.tick(clock_->now_ms());
    json row{{"id", find.text(0)}, {"site_id", *site}, {"name", find.text(1)}, {"role", find.text(2)},
             {"pin_hash", find.text(3)}, {"active", 0}, {"hlc", hlc}};
    if (find.step()) return Status::Conflict("more than one active user matches '" + user + "'; give the user id");
    find.reset();
    sql::Tx tx(*db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    sql::Stmt upd = db_->prepare("UPDATE users SET active=0, hlc=? WHERE id=?");
    upd.bind(1, hlc).bind(2, row["id"].get<std::string>());
    Status s = upd.run();
    if (s.ok()) s = append_feed(*site, "", 0, json{{"users", json::array({row})}}.dump());
    if (s.ok()) s = tx.commit();
    return s;
}

Status CentralCore::revoke_device(const std::string& device_id) {
    std::lock_guard<std::mutex> l(mu_);
    sql::Stmt s = db_->prepare(
        "UPDATE devices SET revoked=1, last_error='revoked by the administrator' WHERE id=?");
    s.bind(1, device_id);
    Status st = s.run();
    if (!st.ok()) return st;
    if (db_->changes() == 0)
        return Status::NotFound("central has no device " + device_id +
                                " (see `outpost-central sites`)");
    return Status::Ok();
}

Result<std::vector<CentralSite>> CentralCore::list_sites() {
    std::lock_guard<std::mutex> l(mu_);
    std::vector<CentralSite> sites;
    sql::Stmt s = db_->prepare(
        "SELECT id,code,name,address,is_demo,(SELECT COUNT(*) FROM users u WHERE "
        "u.site_id=sites.id AND u.active=1) "
        "FROM sites ORDER BY code");
    while (s.step()) {
        CentralSite site;
        site.id = s.text(0);
        site.code = s.text(1);
        site.name = s.text(2);
        site.address = s.text(3);
        site.is_demo = s.i64(4) != 0;
        site.users = s.i64(5);
        sites.push_back(std::move(site));
    }
    if (!s.status().ok()) return s.status();
    sql::Stmt d = db_->prepare(
        "SELECT "
        "id,name,revoked,accepted_through,pending,last_push_ms,last_pull_ms,last_error,created_ms,"
        "app_version "
        "FROM devices WHERE site_id=? ORDER BY created_ms, id");
    for (auto& site : sites) {
        d.reset();
        d.bind(1, site.id);
        while (d.step()) {
            CentralDevice dev;
            dev.id = d.text(0);
            dev.name = d.text(1);
            dev.revoked = d.i64(2) != 0;
            dev.accepted_through = d.i64(3);
            dev.pending = d.i64(4);
            dev.last_push_ms = d.i64(5);
            dev.last_pull_ms = d.i64(6);
            dev.last_error = d.text(7);
            dev.created_ms = d.i64(8);
            dev.app_version = d.text(9);
            site.devices.push_back(std::move(dev));
        }
        if (!d.status().ok()) return d.status();
    }
    return sites;
}

// ---- demo: taking in a demo store's site ---------------------------------------

// True when row is an object whose site_id is this text (never throws on a
// site_id of another type).
static bool of_site(const json& row, const std::string& site_id) {
    if (!row.is_object()) return false;
    auto it = row.find("site_id");
    return it != row.end() && it->is_string() && it->get<std::string>() == site_id;
}

Result<std::string> CentralCore::adopt_demo_site(const json& rows, const std::string& device_id,
                                                 const std::string& device_name) {
    std::lock_guard<std::mutex> l(mu_);
    if (!demo_) return Status::PermissionDenied("this is a real central: it never takes in a demo store's site");
    auto lite = sqlite_only("taking in a demo store's site");
    if (!lite.ok()) return lite.status();
    if (!rows.is_object()) return Status::InvalidArgument("the demo site's rows are not a JSON object");
    const json* sites = rows.contains("sites") ? &rows["sites"] : nullptr;
    if (!sites || !sites->is_array() || sites->size() != 1 || !(*sites)[0].is_object())
        return Status::InvalidArgument("a demo store holds exactly one site; these rows hold " +
                                       std::to_string(sites && sites->is_array() ? sites->size() : 0));
    const json& site = (*sites)[0];
    std::string site_id, code, problem;
    if (!central::get_string(site, "id", &site_id, &problem) || !central::get_string(site, "code", &code, &problem))
        return Status::InvalidArgument("the demo site: " + problem);
    if (!site.contains("is_demo") || site["is_demo"] != 1)
        return Status::PermissionDenied("site " + code + " is not a demo site: a demo central holds demo sites only");
    if (device_id.empty() || device_name.empty()) return Status::InvalidArgument("the demo device needs an id and a name");
    sql::Stmt known = db_->prepare("SELECT 1 FROM sites WHERE id=? OR code=?");
    known.bind(1, site_id).bind(2, code);
    if (known.step()) return Status::Conflict("central already holds site " + code);
    sql::Stmt known_device = db_->prepare("SELECT 1 FROM devices WHERE id=?");
    known_device.bind(1, device_id);
    if (known_device.step()) return Status::Conflict("central already knows device " + device_id);

    const std::string token = random_hex(32);
    sql::Tx tx(*db_);
    if (!tx.begin_status().ok()) return tx.begin_status();
    // Central's sites, users and items tables have the device store's
    // columns, so the rows go in through the same specs.
    for (const char* table : {"sites", "users", "items"}) {
        auto it = rows.find(table);
        if (it == rows.end()) continue;
        if (!it->is_array()) return Status::InvalidArgument(std::string("the demo site's ") + table + " are not a list");
        const TableSpec* spec = find_table(table);
        for (const json& row : *it) {
            if (std::string(table) == "users" && !of_site(row, site_id))
                return Status::InvalidArgument("a user row belongs to another site than " + code);
            Status s = upsert_row(**lite, *spec, row, nullptr);
            if (!s.ok()) return s;
            // The catalogue is every site's; the site's own rows go to its feed.
            s = append_feed(std::string(table) == "items" ? "" : site_id, "", 0,
                            json{{table, json::array({row})}}.dump());
            if (!s.ok()) return s;
        }
    }
    sql::Stmt ins = db_->prepare(
        "INSERT INTO devices(id,site_id,name,token_sha256,created_ms) VALUES(?,?,?,?,?)");
    ins.bind(1, device_id).bind(2, site_id).bind(3, device_name).bind(4, central::sha256_hex(token))
        .bind(5, clock_->now_ms());
    Status s = ins.run();
    if (!s.ok()) return s;
    // Every device the store knows of (this one included) so that devices
    // restored from central can name who dispensed what.
    json devices = json::array();
    if (auto it = rows.find("devices"); it != rows.end() && it->is_array())
        for (const json& d : *it)
            if (of_site(d, site_id)) devices.push_back(d);
    if (!devices.empty()) {
        s = append_feed(site_id, "", 0, json{{"devices", devices}}.dump());
        if (!s.ok()) return s;
    }
    s = tx.commit();
    if (!s.ok()) return s;
    return token;
}

}  // namespace outpost

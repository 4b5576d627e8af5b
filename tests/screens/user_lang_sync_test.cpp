// A user's language travels through central (issue 13: "each user has a
// language, set on central and pulled"): a user added on central with
// --lang pt arrives on a device through the loopback sync (the real client
// and server logic, no sockets) with that language, and the screens switch
// to Portuguese at that user's login; central changing it reaches the device
// at its next sync; the device's own override (`outpost user lang`) wins
// over central's until it is cleared.
#include <catch2/catch.hpp>

#include "central_core.h"
#include "client_register.h"
#include "client_session.h"
#include "tables.h"
#include "transport_loopback.h"
#include "ui_harness.h"

using namespace outpost;
using namespace outpost::screens_test;

namespace {

void sync(Clinic& device, LoopbackTransport& wire) {
    SyncConfig config;
    config.clock = &device.clock;
    SyncSession session(*device.store, wire, device.clock, config);
    const auto report = session.run_once();
    INFO(report.status.message());
    REQUIRE(report.status.ok());
}

std::string user_id(Store& store, const std::string& name) {
    for (const User& u : store.users())
        if (u.name == name) return u.id;
    return "";
}

// Logs in on the English keypad and says whether the navigation bar reads
// in lang afterwards.
bool logs_in_reading(Ui& ui, const std::string& name, const std::string& pin, i18n::Lang lang) {
    ui.log_in(name, pin);
    return ui.visible(i18n::tr_for(lang, "Dispense##nav"));
}

}  // namespace

TEST_CASE("a user's language set on central reaches the device and its screens",
          "[screens][i18n][sync]") {
    FakeClock central_clock{kStartMs};
    auto central = CentralCore::Open(":memory:", &central_clock, false).value();
    REQUIRE(central->create_site("HC01", "Mbala Health Centre", false).ok());
    REQUIRE(central->add_user("HC01", kDispenser, "dispenser", kDispenserPin, "pt").ok());
    REQUIRE(central->add_user("HC01", kStorekeeper, "storekeeper", kStorekeeperPin).ok());
    CHECK(central->add_user("HC01", "Kofi", "dispenser", "4321", "sw").status().code() ==
          Status::Code::kInvalidArgument);
    LoopbackTransport wire(*central);
    Clinic device(false);  // an empty device of the site, English by default
    REQUIRE(
        register_device(wire, central->issue_code("HC01").value(), "kiosk-a", *device.store).ok());
    sync(device, wire);

    const std::string dispenser = user_id(*device.store, kDispenser);
    const std::string storekeeper = user_id(*device.store, kStorekeeper);
    REQUIRE(!dispenser.empty());
    REQUIRE(!storekeeper.empty());
    CHECK(device.store->user_language(dispenser).value() ==
          std::optional<i18n::Lang>(i18n::Lang::pt));
    CHECK(device.store->user_language(storekeeper).value() == std::nullopt);

    {
        Ui ui(device, ImVec2(1024, 600), UiOptions{}, 18);
        ui.frame();
        CHECK(i18n::screen_lang() == i18n::Lang::en);  // the login screen: the device's language
        REQUIRE(logs_in_reading(ui, kDispenser, kDispenserPin, i18n::Lang::pt));
        CHECK(i18n::screen_lang() == i18n::Lang::pt);
        REQUIRE(ui.tap("Terminar sessão##nav"));
        CHECK(i18n::screen_lang() == i18n::Lang::en);
        REQUIRE(ui.log_in(kStorekeeper, kStorekeeperPin));  // no language: the device's
        CHECK(i18n::screen_lang() == i18n::Lang::en);
        REQUIRE(ui.tap("Log out##nav"));
    }

    // Central changes it; the device has it after its next sync.
    REQUIRE(central->set_user_lang("HC01", kDispenser, "fr").ok());
    CHECK(central->set_user_lang("HC01", kDispenser, "xx").code() ==
          Status::Code::kInvalidArgument);
    CHECK(central->set_user_lang("HC01", "Nobody", "fr").code() == Status::Code::kNotFound);
    sync(device, wire);
    CHECK(device.store->user_language(dispenser).value() ==
          std::optional<i18n::Lang>(i18n::Lang::fr));

    // The device's override wins over central's until it is cleared.
    REQUIRE(device.store->set_user_language(dispenser, i18n::Lang::es).ok());
    CHECK(device.store->user_language(dispenser).value() ==
          std::optional<i18n::Lang>(i18n::Lang::es));
    {
        Ui ui(device, ImVec2(1024, 600), UiOptions{}, 18);
        ui.frame();
        REQUIRE(logs_in_reading(ui, kDispenser, kDispenserPin, i18n::Lang::es));
    }
    REQUIRE(device.store->set_user_language(dispenser, std::nullopt).ok());
    CHECK(device.store->user_language(dispenser).value() ==
          std::optional<i18n::Lang>(i18n::Lang::fr));

    // Central clearing it: the device's language applies again.
    REQUIRE(central->set_user_lang("HC01", kDispenser, "").ok());
    sync(device, wire);
    CHECK(device.store->user_language(dispenser).value() == std::nullopt);
    i18n::set_device_lang(i18n::Lang::en);
    i18n::set_screen_lang(i18n::Lang::en);
}

TEST_CASE("a user's row from an older central, without a language, keeps the one the device has",
          "[screens][i18n][sync]") {
    // An older central sends users rows without "lang": the device writes
    // only the columns a row carries, so the language it had stays.
    Clinic device;
    REQUIRE(device.store->db()
                .exec("UPDATE users SET lang='pt' WHERE id='" + device.dispenser + "'")
                .ok());
    const TableSpec* users = find_table("users");
    REQUIRE(users != nullptr);
    auto rows = read_rows(device.store->db(), *users);
    REQUIRE(rows.ok());
    for (json row : *rows) {
        if (row["id"] != device.dispenser) continue;
        row.erase("lang");
        row["name"] = "Renamed";
        REQUIRE(upsert_row(device.store->db(), *users, row, nullptr).ok());
    }
    CHECK(device.store->user_language(device.dispenser).value() ==
          std::optional<i18n::Lang>(i18n::Lang::pt));
    // A language this build does not know reads as none instead of failing.
    REQUIRE(device.store->db()
                .exec("UPDATE users SET lang='sw' WHERE id='" + device.dispenser + "'")
                .ok());
    CHECK(device.store->user_language(device.dispenser).value() == std::nullopt);
}

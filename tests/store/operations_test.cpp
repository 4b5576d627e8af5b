// Each store operation's normal path and each kind of bad input. Bad input
// must change nothing: the outbox and the ledger stay as they were.
#include <catch2/catch.hpp>

#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

static int64_t events(Store& s) {
    return s.db().query_i64("SELECT COUNT(*) FROM stock_events").value_or(-1);
}

TEST_CASE("receive creates a batch then adds to it - packs convert to units", "[receive]") {
    Clinic c("", false);
    ReceiveInput in{c.amox, "A-9",  add_days(c.store->today(), 100), 2, QuantityUnit::kPacks,
                    "CMS",  "GRN-1"};
    auto r = c.store->receive(c.storekeeper, in);
    REQUIRE(r.ok());
    CHECK(r->new_batch);
    CHECK(r->units == 200);
    CHECK(c.on_hand(r->batch_id) == 200);
    in.quantity = 50;
    in.unit = QuantityUnit::kUnits;
    auto r2 = c.store->receive(c.dispenser, in);
    REQUIRE(r2.ok());
    CHECK_FALSE(r2->new_batch);
    CHECK(r2->batch_id == r->batch_id);
    CHECK(c.on_hand(r->batch_id) == 250);
    // Same batch number, other expiry: a different batch.
    in.expiry = add_days(c.store->today(), 101);
    auto r3 = c.store->receive(c.dispenser, in);
    REQUIRE(r3.ok());
    CHECK(r3->batch_id != r->batch_id);
}

TEST_CASE("receive refuses bad input and writes nothing", "[receive]") {
    Clinic c("", false);
    const int64_t before = c.outbox(), ev = events(*c.store);
    ReceiveInput good{c.amox, "A-9", add_days(c.store->today(), 100), 10, QuantityUnit::kUnits,
                      "",     ""};
    auto bad = [&](ReceiveInput in, const std::string& user, const char* fragment) {
        auto r = c.store->receive(user, in);
        REQUIRE_FALSE(r.ok());
        CHECK_THAT(r.status().message(), Catch::Contains(fragment));
    };
    ReceiveInput in = good;
    in.item_id = "nope";
    bad(in, c.storekeeper, "no item");
    in = good;
    in.batch_no = "  ";
    bad(in, c.storekeeper, "batch number");
    in = good;
    in.expiry = "2026-02-30";
    bad(in, c.storekeeper, "not a date");
    in = good;
    in.expiry = add_days(c.store->today(), -1);
    bad(in, c.storekeeper, "expired");
    in = good;
    in.quantity = 0;
    bad(in, c.storekeeper, "more than zero");
    in = good;
    in.quantity = -5;
    bad(in, c.storekeeper, "more than zero");
    in = good;
    in.quantity = 2000000000;
    bad(in, c.storekeeper, "too large");
    bad(good, "ghost", "no user");
    REQUIRE(c.store->set_user_active(c.dispenser, false).ok());
    bad(good, c.dispenser, "disabled");
    CHECK(c.outbox() == before);
    CHECK(events(*c.store) == ev);
}

TEST_CASE("dispense takes earliest expiry first and splits across batches", "[dispense]") {
    Clinic c;
    const std::string early = c.receive(c.para, "P-EARLY", 30, 0 + 1) /* adds 1 -> 101 */;
    DispenseInput in;
    in.patient_id = c.patient;
    in.prescriber = "Dr Banda";
    in.lines.push_back({c.para, 120, "2t tds x5/7", "", std::nullopt});
    auto r = c.store->dispense(c.dispenser, in);
    REQUIRE(r.ok());
    REQUIRE(r->lines.size() == 1);
    const auto& al = r->lines[0].allocations;
    REQUIRE(al.size() == 2);
    CHECK(al[0].batch_no == "P-EARLY");
    CHECK(al[0].quantity == 101);
    CHECK(al[1].batch_no == "P-LATE");
    CHECK(al[1].quantity == 19);
    CHECK(c.on_hand(early) == 0);
    CHECK(c.item_on_hand(c.para) == 1101 - 120);
    // The directions were expanded for the label.
    auto h = c.store->patient_history(c.patient, 0, 10);
    REQUIRE(h.ok());
    REQUIRE(h->rows.size() == 1);
    CHECK(h->rows[0].lines[0].quantity == 120);
    CHECK_FALSE(h->rows[0].lines[0].directions_text.empty());
    CHECK(h->rows[0].lines[0].batches == "P-EARLY, P-LATE");
}

TEST_CASE("dispense skips expired and on-hold batches - override picks a batch", "[dispense]") {
    Clinic c;
    // A batch that expires tomorrow, then time passes.
    const std::string soon = c.receive(c.amox, "A-SOON", 1, 40);
    const std::string a1 = c.store->item_detail(c.amox)->batches.back().id;  // A-1, expiry +200
    c.clock.advance(3LL * 86400000);
    DispenseInput in;
    in.patient_id = c.patient;
    in.lines.push_back({c.amox, 10, "", "", std::nullopt});
    auto r = c.store->dispense(c.dispenser, in);
    REQUIRE(r.ok());
    CHECK(r->lines[0].allocations[0].batch_no == "A-1");
    CHECK(c.on_hand(soon) == 40);

    // Holding A-1 leaves nothing usable.
    REQUIRE(c.store->set_batch_on_hold(c.storekeeper, a1, true).ok());
    auto held = c.store->dispense(c.dispenser, in);
    REQUIRE_FALSE(held.ok());
    CHECK_THAT(held.status().message(), Catch::Contains("no usable batch"));
    // The override may not pick a held batch either.
    in.lines[0].batch_id = a1;
    auto r2 = c.store->dispense(c.dispenser, in);
    REQUIRE_FALSE(r2.ok());
    CHECK_THAT(r2.status().message(), Catch::Contains("on hold"));
    // Overriding to the expired batch needs confirmation.
    in.lines[0].batch_id = soon;
    auto r3 = c.store->dispense(c.dispenser, in);
    REQUIRE_FALSE(r3.ok());
    CHECK(r3.status().code() == Status::Code::kNeedsConfirmation);
    in.confirm_expired = true;
    auto r4 = c.store->dispense(c.dispenser, in);
    REQUIRE(r4.ok());
    CHECK(c.on_hand(soon) == 30);
}

TEST_CASE("dispensing more than the record needs confirmation and flags the batch", "[dispense]") {
    Clinic c;
    const int64_t before = c.outbox();
    DispenseInput in;
    in.patient_id = c.patient;
    in.lines.push_back({c.amox, 600, "", "", std::nullopt});
    auto r = c.store->dispense(c.dispenser, in);
    REQUIRE_FALSE(r.ok());
    CHECK(r.status().code() == Status::Code::kNeedsConfirmation);
    CHECK(c.outbox() == before);
    CHECK(c.item_on_hand(c.amox) == 500);
    in.confirm_short = true;
    r = c.store->dispense(c.dispenser, in);
    REQUIRE(r.ok());
    CHECK(c.item_on_hand(c.amox) == -100);
    StockQuery q;
    q.filter = StockFilter::kNegativeOrFlagged;
    auto page = c.store->stock_on_hand(q);
    REQUIRE(page.ok());
    REQUIRE(page->rows.size() == 1);
    CHECK(page->rows[0].item.id == c.amox);
    CHECK(page->rows[0].flagged);
}

TEST_CASE("two lines of one item do not take the same units twice", "[dispense]") {
    Clinic c;
    DispenseInput in;
    in.patient_id = c.patient;
    in.lines.push_back({c.para, 80, "", "", std::nullopt});
    in.lines.push_back({c.para, 80, "", "", std::nullopt});
    auto r = c.store->dispense(c.dispenser, in);
    REQUIRE(r.ok());
    CHECK(r->lines[0].allocations[0].quantity == 80);
    CHECK(r->lines[1].allocations[0].batch_no == "P-EARLY");
    CHECK(r->lines[1].allocations[0].quantity == 20);
    CHECK(r->lines[1].allocations[1].batch_no == "P-LATE");
    CHECK(c.item_on_hand(c.para) == 1100 - 160);
}

TEST_CASE("dispense refuses bad input and writes nothing", "[dispense]") {
    Clinic c;
    const int64_t before = c.outbox(), ev = events(*c.store);
    DispenseInput in;
    in.patient_id = c.patient;
    auto r = c.store->dispense(c.dispenser, in);
    CHECK_THAT(r.status().message(), Catch::Contains("at least one"));
    in.lines.push_back({c.para, 10, "", "", std::nullopt});
    in.lines.push_back({"no-such-item", 10, "", "", std::nullopt});
    r = c.store->dispense(c.dispenser, in);
    CHECK_THAT(r.status().message(), Catch::Contains("line 2"));
    in.lines[1] = {c.amox, 0, "", "", std::nullopt};
    r = c.store->dispense(c.dispenser, in);
    CHECK_THAT(r.status().message(), Catch::Contains("more than zero"));
    in.lines.pop_back();
    in.patient_id = "nobody";
    r = c.store->dispense(c.dispenser, in);
    CHECK_THAT(r.status().message(), Catch::Contains("patient"));
    in.patient_id = c.patient;
    in.lines[0].batch_id = c.store->item_detail(c.amox)->batches[0].id;  // batch of another item
    r = c.store->dispense(c.dispenser, in);
    CHECK_THAT(r.status().message(), Catch::Contains("not a batch of"));
    CHECK(c.outbox() == before);
    CHECK(events(*c.store) == ev);
}

TEST_CASE("cancelling a dispensing reverses its events once", "[cancel]") {
    Clinic c;
    DispenseInput in;
    in.patient_id = c.patient;
    in.lines.push_back({c.para, 150, "", "", std::nullopt});
    in.lines.push_back({c.amox, 20, "", "", std::nullopt});
    auto r = c.store->dispense(c.dispenser, in);
    REQUIRE(r.ok());
    CHECK(c.item_on_hand(c.para) == 950);
    CHECK(c.store->cancel_dispensing(c.dispenser, r->prescription_id, "  ").code() ==
          Status::Code::kInvalidArgument);
    REQUIRE(c.store->cancel_dispensing(c.dispenser, r->prescription_id, "wrong patient").ok());
    CHECK(c.item_on_hand(c.para) == 1100);
    CHECK(c.item_on_hand(c.amox) == 500);
    CHECK(c.store->cancel_dispensing(c.dispenser, r->prescription_id, "again").code() ==
          Status::Code::kConflict);
    CHECK(c.store->cancel_dispensing(c.dispenser, "nope", "x").code() == Status::Code::kNotFound);
    auto h = c.store->patient_history(c.patient, 0, 10);
    REQUIRE(h.ok());
    CHECK(h->rows[0].cancelled);
    CHECK(h->rows[0].cancel_reason == "wrong patient");
    // Reversals are linked to what they reverse; nothing was deleted.
    CHECK(c.store->db()
              .query_i64("SELECT COUNT(*) FROM stock_events WHERE kind='reversal' AND "
                         "reverses_event_id IN (SELECT id FROM stock_events WHERE kind='dispense')")
              .value() == 3);
}

TEST_CASE("adjustments need a known reason with the right sign and a storekeeper", "[adjust]") {
    Clinic c;
    const std::string batch = c.store->item_detail(c.amox)->batches[0].id;
    auto ok = c.store->adjust(c.storekeeper, {batch, -7, "damaged", "box crushed"});
    REQUIRE(ok.ok());
    CHECK(c.on_hand(batch) == 493);
    REQUIRE(c.store->adjust(c.admin, {batch, 3, "found", ""}).ok());
    CHECK(c.on_hand(batch) == 496);
    const int64_t before = c.outbox();
    CHECK_THAT(c.store->adjust(c.dispenser, {batch, -1, "damaged", ""}).status().message(),
               Catch::Contains("storekeeper"));
    CHECK_THAT(c.store->adjust(c.storekeeper, {batch, 0, "damaged", ""}).status().message(),
               Catch::Contains("other than zero"));
    CHECK_THAT(c.store->adjust(c.storekeeper, {batch, -1, "", ""}).status().message(),
               Catch::Contains("reason"));
    CHECK_THAT(c.store->adjust(c.storekeeper, {batch, -1, "eaten", ""}).status().message(),
               Catch::Contains("not a known reason"));
    CHECK_THAT(c.store->adjust(c.storekeeper, {batch, 5, "stolen", ""}).status().message(),
               Catch::Contains("must be negative"));
    CHECK_THAT(c.store->adjust(c.storekeeper, {batch, -5, "found", ""}).status().message(),
               Catch::Contains("must be positive"));
    CHECK_THAT(c.store->adjust(c.storekeeper, {batch, -5, "other", " "}).status().message(),
               Catch::Contains("note"));
    CHECK(c.store->adjust(c.storekeeper, {"nope", -5, "damaged", ""}).status().code() ==
          Status::Code::kNotFound);
    CHECK(c.outbox() == before);
    CHECK(c.on_hand(batch) == 496);
}

TEST_CASE("PIN checks lock a user after five wrong tries for five minutes", "[users]") {
    Clinic c("", false);
    auto good = c.store->verify_pin(c.dispenser, "3333");
    REQUIRE(good.ok());
    CHECK(good->name == "Dina Dispenser");
    for (int i = 0; i < 4; ++i) {
        auto bad = c.store->verify_pin(c.dispenser, "0000");
        REQUIRE_FALSE(bad.ok());
        CHECK_THAT(bad.status().message(), Catch::Contains("Wrong PIN"));
    }
    auto fifth = c.store->verify_pin(c.dispenser, "0000");
    CHECK_THAT(fifth.status().message(), Catch::Contains("locked for 5 minutes"));
    // Locked: even the right PIN is refused.
    auto locked = c.store->verify_pin(c.dispenser, "3333");
    REQUIRE_FALSE(locked.ok());
    CHECK_THAT(locked.status().message(), Catch::Contains("locked"));
    bool found_locked = false;
    for (const auto& u : c.store->users())
        if (u.id == c.dispenser) found_locked = u.locked;
    CHECK(found_locked);
    c.clock.advance(5 * 60 * 1000 + 1);
    CHECK(c.store->verify_pin(c.dispenser, "3333").ok());
    // PINs are stored only as argon2id hashes.
    Stmt s = c.store->db().prepare("SELECT pin_hash FROM users WHERE id=?");
    s.bind(1, c.dispenser);
    REQUIRE(s.step());
    CHECK_THAT(s.text(0), Catch::StartsWith("$argon2id$"));
    CHECK(s.text(0).find("3333") == std::string::npos);
}

TEST_CASE("adding users validates names and PINs - disabled users cannot log in", "[users]") {
    Clinic c("", false);
    CHECK(c.store->add_user({"", Role::kDispenser, "1234"}).status().code() ==
          Status::Code::kInvalidArgument);
    CHECK_THAT(c.store->add_user({"Ann", Role::kDispenser, "12"}).status().message(),
               Catch::Contains("4 to 12"));
    CHECK_THAT(c.store->add_user({"Ann", Role::kDispenser, "12ab"}).status().message(),
               Catch::Contains("digits"));
    CHECK(c.store->add_user({"Dina Dispenser", Role::kDispenser, "1234"}).status().code() ==
          Status::Code::kConflict);
    REQUIRE(c.store->set_user_active(c.dispenser, false).ok());
    CHECK_THAT(c.store->verify_pin(c.dispenser, "3333").status().message(),
               Catch::Contains("disabled"));
    CHECK(c.store->users().size() == 2);
    CHECK(c.store->users(true).size() == 3);
}

TEST_CASE("patients register update and are found by any part of name village or phone",
          "[patients]") {
    Clinic c("", false);
    PatientInput p;
    p.family_name = "Banda";
    p.given_name = "Chisomo";
    p.village = "Nkhata Bay";
    p.phone = "0999 123";
    auto id = c.store->register_patient(c.dispenser, p);
    REQUIRE(id.ok());
    CHECK(c.store->search_patients("chis", 0, 10)->rows.size() == 1);
    CHECK(c.store->search_patients("nkhata", 0, 10)->rows.size() == 1);
    CHECK(c.store->search_patients("", 0, 10)->total == 2);
    p.village = "Mzuzu";
    REQUIRE(c.store->update_patient(c.dispenser, *id, p).ok());
    CHECK(c.store->patient(*id)->village == "Mzuzu");
    CHECK(c.store->search_patients("nkhata", 0, 10)->rows.empty());
    // Saving the same details again (spaces aside) writes no change to sync.
    const int64_t seq = c.store->outbox_last_seq();
    PatientInput same = p;
    same.village = " Mzuzu ";
    REQUIRE(c.store->update_patient(c.dispenser, *id, same).ok());
    CHECK(c.store->outbox_last_seq() == seq);
    same.phone = "0999 124";
    REQUIRE(c.store->update_patient(c.dispenser, *id, same).ok());
    CHECK(c.store->outbox_last_seq() == seq + 1);
    CHECK(c.store->patient(*id)->phone == "0999 124");
    PatientInput bad = p;
    bad.family_name = " ";
    CHECK(c.store->register_patient(c.dispenser, bad).status().code() ==
          Status::Code::kInvalidArgument);
    bad = p;
    bad.birth_year = 2999;
    CHECK_THAT(c.store->register_patient(c.dispenser, bad).status().message(),
               Catch::Contains("birth year"));
    bad = p;
    bad.sex = "X";
    CHECK_FALSE(c.store->register_patient(c.dispenser, bad).ok());
    CHECK(c.store->patient(*id)->display_name() == "BANDA, Chisomo");
}

TEST_CASE("the data version moves on every write and not on reads", "[queries]") {
    Clinic c;
    uint64_t v = c.store->data_version();
    c.store->stock_on_hand({});
    CHECK(c.store->data_version() == v);
    c.receive(c.ors, "O-1", 400, 10);
    CHECK(c.store->data_version() != v);
}

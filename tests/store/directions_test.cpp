// Tests for expand_directions: every sig-code family in domain-facts 4.2,
// the worked example, unknown words, warnings for error-prone codes, the
// numbers a quantity suggestion relies on, and input meant to break it.
#include "directions.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>

using outpost::Directions;
using outpost::expand_directions;

namespace {

std::string text(const std::string& in, const std::string& unit = "tablet") {
    return expand_directions(in, unit).text;
}

bool mentions(const std::vector<std::string>& warnings, const std::string& part) {
    for (const std::string& w : warnings)
        if (w.find(part) != std::string::npos) return true;
    return false;
}

// A label sentence: capital first, no double spaces, no edge spaces.
void check_tidy(const std::string& s) {
    INFO(s);
    CHECK(s.find("  ") == std::string::npos);
    if (!s.empty()) {
        CHECK(s.front() != ' ');
        CHECK(s.back() != ' ');
    }
}

}  // namespace

TEST_CASE("the worked example expands word for word", "[directions]") {
    Directions d = expand_directions("1t bd x5/7 pc", "tablet");
    CHECK(d.text == "Take ONE tablet TWICE a day for 5 days after food");
    CHECK(d.unknown.empty());
    CHECK(d.warnings.empty());
    CHECK(d.doses_per_day == 2.0);
    CHECK(d.units_per_dose == 1.0);
    CHECK(d.days == 5);
    CHECK(d.units_per_day == 2.0);
    CHECK_FALSE(d.as_needed);
}

TEST_CASE("codes are case-insensitive and order does not change the sentence", "[directions]") {
    CHECK(text("1T BD X5/7 PC") == "Take ONE tablet TWICE a day for 5 days after food");
    CHECK(text("pc x5/7 bd 1t") == "Take ONE tablet TWICE a day for 5 days after food");
    CHECK(text("1t b.d.") == "Take ONE tablet TWICE a day");
}

TEST_CASE("daily frequencies", "[directions]") {
    struct Case {
        const char* code;
        const char* words;
        double per_day;
    } cases[] = {{"od", "ONCE a day", 1},         {"dly", "ONCE a day", 1},
                 {"bd", "TWICE a day", 2},        {"bid", "TWICE a day", 2},
                 {"tds", "THREE times a day", 3}, {"tid", "THREE times a day", 3},
                 {"qds", "FOUR times a day", 4},  {"qid", "FOUR times a day", 4}};
    for (const Case& c : cases) {
        Directions d = expand_directions(std::string("1t ") + c.code, "tablet");
        INFO(c.code);
        CHECK(d.text == std::string("Take ONE tablet ") + c.words);
        CHECK(d.doses_per_day == c.per_day);
        CHECK(d.warnings.empty());
    }
}

TEST_CASE("qd is accepted as once daily but warned about", "[directions]") {
    Directions d = expand_directions("1t qd", "tablet");
    CHECK(d.text == "Take ONE tablet ONCE a day");
    CHECK(d.doses_per_day == 1.0);
    REQUIRE(d.warnings.size() == 1);
    CHECK(mentions(d.warnings, "qid"));
    CHECK(d.unknown.empty());
}

TEST_CASE("hourly intervals give doses per day", "[directions]") {
    CHECK(text("1t q4h") == "Take ONE tablet every 4 hours");
    CHECK(expand_directions("1t q4h").doses_per_day == 6.0);
    CHECK(expand_directions("1t q6h").doses_per_day == 4.0);
    CHECK(expand_directions("1t q8h").doses_per_day == 3.0);
    CHECK(expand_directions("1t q12h").doses_per_day == 2.0);
    CHECK(text("2 caps 6-hourly", "capsule") == "Take TWO capsules every 6 hours");
    CHECK(expand_directions("1t q0h").unknown == std::vector<std::string>{"q0h"});
}

TEST_CASE("time of day counts as one dose a day", "[directions]") {
    CHECK(text("1t mane") == "Take ONE tablet in the morning");
    CHECK(text("1t om") == "Take ONE tablet in the morning");
    CHECK(text("1t nocte") == "Take ONE tablet at night");
    CHECK(text("1t on") == "Take ONE tablet at night");
    CHECK(expand_directions("1t nocte").doses_per_day == 1.0);
    Directions hs = expand_directions("1t hs");
    CHECK(hs.text == "Take ONE tablet at night");
    CHECK(mentions(hs.warnings, "half-strength"));
}

TEST_CASE("two doses make two clauses", "[directions]") {
    Directions d = expand_directions("1t mane 2t nocte", "tablet");
    CHECK(d.text == "Take ONE tablet in the morning and TWO tablets at night");
    CHECK(d.doses_per_day == 2.0);
    CHECK(d.units_per_day == 3.0);
    CHECK_FALSE(d.units_per_dose.has_value());  // no single dose size
    CHECK(text("1t mane and 2t nocte") ==
          "Take ONE tablet in the morning and TWO tablets at night");
}

TEST_CASE("when needed with and without a maximum", "[directions]") {
    Directions d = expand_directions("2t qds prn", "tablet");
    CHECK(d.text == "Take TWO tablets FOUR times a day when needed");
    CHECK(d.as_needed);
    CHECK(expand_directions("1t sos").as_needed);

    Directions m = expand_directions("prn max 4", "tablet");
    CHECK(m.text == "Take when needed (no more than FOUR in 24 hours)");
    CHECK(m.max_per_day == 4.0);
    CHECK(m.unknown.empty());
    CHECK(text("2t prn max 8 in 24 hours") ==
          "Take TWO tablets when needed (no more than 8 in 24 hours)");
    CHECK(expand_directions("2t prn max8/24").max_per_day == 8.0);
    CHECK(expand_directions("2t prn max 8 per day").unknown.empty());
}

TEST_CASE("stat is a single dose now", "[directions]") {
    Directions d = expand_directions("2t stat", "tablet");
    CHECK(d.text == "Take TWO tablets now (single dose)");
    CHECK(d.doses_per_day == 1.0);
    CHECK(d.days == 1);
    CHECK(d.units_per_day == 2.0);
}

TEST_CASE("food timing", "[directions]") {
    CHECK(text("1t od ac") == "Take ONE tablet ONCE a day before food");
    CHECK(text("1t od pc") == "Take ONE tablet ONCE a day after food");
    CHECK(text("1t od cc") == "Take ONE tablet ONCE a day with food");
}

TEST_CASE("routes set the words and the verb", "[directions]") {
    CHECK(text("1t po bd") == "Take ONE tablet by mouth TWICE a day");
    CHECK(text("1 pr stat", "suppository") ==
          "Insert ONE suppository into the back passage (rectum) now (single dose)");
    CHECK(text("1 pv nocte", "pessary") == "Insert ONE pessary into the vagina at night");
    CHECK(text("1t sl prn") == "Place ONE tablet under the tongue when needed");
    CHECK(text("top bd", "tube") == "Apply to the affected area TWICE a day");
    CHECK(text("2 puffs inh prn", "inhaler") == "Inhale TWO puffs when needed");
    CHECK(text("1 im stat", "ampoule") ==
          "Give ONE ampoule by injection into a muscle now (single dose)");
    CHECK(text("1 iv stat", "vial") == "Give ONE vial by injection into a vein now (single dose)");
    CHECK(text("10 units sc bd", "vial") ==
          "Give 10 units by injection under the skin TWICE a day");
}

TEST_CASE("durations in days weeks and months", "[directions]") {
    struct Case {
        const char* in;
        const char* words;
        int days;
    } cases[] = {{"1t od x5/7", "for 5 days", 5},        {"1t od x5d", "for 5 days", 5},
                 {"1t od x 5 days", "for 5 days", 5},    {"1t od x 5/7", "for 5 days", 5},
                 {"1t od x1/7", "for 1 day", 1},         {"1t od x2/52", "for 2 weeks", 14},
                 {"1t od x 2 weeks", "for 2 weeks", 14}, {"1t od x1/12", "for 1 month", 30},
                 {"1t od for 7 days", "for 7 days", 7},  {"1t od 5/7", "for 5 days", 5}};
    for (const Case& c : cases) {
        Directions d = expand_directions(c.in, "tablet");
        INFO(c.in);
        CHECK(d.text == std::string("Take ONE tablet ONCE a day ") + c.words);
        CHECK(d.days == c.days);
        CHECK(d.unknown.empty());
    }
}

TEST_CASE("as directed", "[directions]") {
    CHECK(text("mdu") == "Take as directed");
    CHECK(text("ud") == "Take as directed");
    CHECK(text("ut dict") == "Take as directed");
    CHECK(text("ut dict", "tube") == "Apply as directed");
    CHECK(expand_directions("ut dict").unknown.empty());
}

TEST_CASE("dose tokens and numbers in words", "[directions]") {
    CHECK(text("1t od") == "Take ONE tablet ONCE a day");
    CHECK(text("2t od") == "Take TWO tablets ONCE a day");
    CHECK(text("3t od") == "Take THREE tablets ONCE a day");
    CHECK(text("4t od") == "Take FOUR tablets ONCE a day");
    CHECK(text("6t od") == "Take 6 tablets ONCE a day");
    CHECK(text("\xC2\xBDt od") == "Take HALF a tablet ONCE a day");
    CHECK(text("1/2t od") == "Take HALF a tablet ONCE a day");
    CHECK(text("1\xC2\xBD tabs od") == "Take ONE AND A HALF tablets ONCE a day");
    CHECK(text("1c tds", "capsule") == "Take ONE capsule THREE times a day");
    CHECK(text("2c tds", "capsule") == "Take TWO capsules THREE times a day");
    CHECK(text("5ml tds", "mL") == "Take 5 mL THREE times a day");
    CHECK(text("10ml tds", "bottle") == "Take 10 mL THREE times a day");
    CHECK(text("2.5ml bd", "mL") == "Take 2.5 mL TWICE a day");
    CHECK(text("1 tab bd") == "Take ONE tablet TWICE a day");
    CHECK(text("2 caps bd", "capsule") == "Take TWO capsules TWICE a day");
    CHECK(expand_directions("1\xC2\xBD tabs od").units_per_dose == 1.5);
    CHECK(expand_directions("2.5ml bd").units_per_dose == 2.5);
}

TEST_CASE("a bare number takes the item's unit", "[directions]") {
    CHECK(text("2 bd", "tablet") == "Take TWO tablets TWICE a day");
    CHECK(text("1 bd", "capsule") == "Take ONE capsule TWICE a day");
    CHECK(text("5 tds", "mL") == "Take 5 mL THREE times a day");
    CHECK(text("2 bd", "inhaler") == "Inhale TWO puffs TWICE a day");
    CHECK(text("1 stat", "ampoule") == "Give ONE ampoule now (single dose)");
    // A bottle is not a dose: the number stands alone and the dispenser is told.
    Directions d = expand_directions("5 tds", "bottle");
    CHECK(d.text == "Take 5 THREE times a day");
    CHECK(mentions(d.warnings, "no unit"));
}

TEST_CASE("error-prone inputs are accepted with plain warnings", "[directions]") {
    Directions u = expand_directions("10u sc bd", "vial");
    CHECK(u.text == "Give 10 units by injection under the skin TWICE a day");
    CHECK(mentions(u.warnings, "units"));
    CHECK(expand_directions("10 u sc bd", "vial").text == u.text);

    Directions naked = expand_directions(".5ml od", "mL");
    CHECK(naked.text == "Take 0.5 mL ONCE a day");
    CHECK(mentions(naked.warnings, "zero before the point"));

    Directions twice = expand_directions("1t bd tds", "tablet");
    CHECK(twice.doses_per_day == 2.0);                                 // the first one counts
    CHECK(twice.text.find("THREE times a day") != std::string::npos);  // but is shown
    CHECK(mentions(twice.warnings, "frequency"));

    // The same meaning twice is harmless and not repeated.
    Directions same = expand_directions("1t od dly", "tablet");
    CHECK(same.text == "Take ONE tablet ONCE a day");
    CHECK(same.warnings.empty());
}

TEST_CASE("unknown words pass through in place and are listed", "[directions]") {
    Directions d = expand_directions("2t qds prn for pain", "tablet");
    CHECK(d.text == "Take TWO tablets FOUR times a day when needed for pain");
    CHECK(d.unknown == std::vector<std::string>{"for", "pain"});

    Directions v = expand_directions("apply thinly bd", "tube");
    CHECK(v.text == "Apply thinly TWICE a day");
    CHECK(v.unknown == std::vector<std::string>{"thinly"});

    Directions none = expand_directions("see  Dr Kofi", "tablet");
    CHECK(none.text == "see Dr Kofi");  // nothing to expand: as typed, spaces tidied
    CHECK(none.unknown == std::vector<std::string>{"see", "Dr", "Kofi"});

    CHECK(expand_directions("1t x5").unknown == std::vector<std::string>{"x5"});
    CHECK(expand_directions("1t bd x99999/7").unknown == std::vector<std::string>{"x99999/7"});
}

TEST_CASE("empty and blank input", "[directions]") {
    for (const char* in : {"", " ", "\t\n  "}) {
        Directions d = expand_directions(in, "tablet");
        CHECK(d.text.empty());
        CHECK(d.unknown.empty());
        CHECK_FALSE(d.doses_per_day.has_value());
    }
}

TEST_CASE("hostile input never breaks the sentence", "[directions]") {
    SECTION("control characters become spaces, with a warning") {
        Directions d = expand_directions(std::string("1t\x01 bd\x7f pc\0x", 12), "tablet");
        CHECK(d.text == "Take ONE tablet TWICE a day after food x");
        CHECK(mentions(d.warnings, "control characters"));
        CHECK(expand_directions("1t\tbd\r\npc").warnings.empty());  // ordinary white space
    }
    SECTION("too long input is cut at 500 characters on a character boundary") {
        // Odd prefix length: byte 500 is the second byte of an é (two bytes).
        std::string in = "1t  bd ";
        while (in.size() < 5000) in += "\xC3\xA9";
        Directions d = expand_directions(in, "tablet");
        CHECK(mentions(d.warnings, "500"));
        CHECK(d.text.size() <= 540);
        CHECK(d.text.rfind("Take ONE tablet TWICE a day", 0) == 0);
        // The cut did not leave half a character: every é is whole.
        std::string tail = d.text.substr(d.text.find("day ") + 4);
        CHECK(tail.size() % 2 == 0);
        CHECK(tail.find("\xEF\xBF\xBD") == std::string::npos);
    }
    SECTION("broken UTF-8 is replaced, good UTF-8 is kept") {
        Directions d = expand_directions("1t bd \xff\xfe caf\xC3\xA9", "tablet");
        CHECK(d.text == "Take ONE tablet TWICE a day \xEF\xBF\xBD\xEF\xBF\xBD caf\xC3\xA9");
        CHECK(mentions(d.warnings, "UTF-8"));
    }
    SECTION("absurd numbers are not doses") {
        CHECK(expand_directions("99999999999999999999t bd").unknown.size() == 1);
        CHECK(expand_directions("1e308t bd").unknown.size() == 1);
        CHECK(expand_directions("0t bd").unknown.size() == 1);
        CHECK(expand_directions("max 0").unknown.size() == 2);
    }
    SECTION("random bytes") {
        std::mt19937 rng(20240601);
        const std::string alphabet = "0123456789 ./xXqhtdbsocpmaxl\xC2\xBD\xC3\xff\x01";
        for (int round = 0; round < 2000; ++round) {
            std::string in;
            size_t len = rng() % 80;
            for (size_t i = 0; i < len; ++i) in += alphabet[rng() % alphabet.size()];
            Directions d = expand_directions(in, round % 2 ? "tablet" : "");
            INFO(in);
            check_tidy(d.text);
            if (d.doses_per_day) CHECK(*d.doses_per_day > 0);
            if (d.days) CHECK(*d.days > 0);
        }
    }
}

TEST_CASE("every expanded sentence starts with a capital", "[directions]") {
    for (const char* in : {"1t bd", "bd", "x5/7", "prn", "mdu", "thinly apply bd", "2 tds"}) {
        std::string t = text(in);
        INFO(in);
        REQUIRE_FALSE(t.empty());
        CHECK((t[0] >= 'A' && t[0] <= 'Z'));
        check_tidy(t);
    }
}

TEST_CASE("count_with_unit writes label quantities", "[directions]") {
    CHECK(outpost::count_with_unit(15, "tablet") == "15 tablets");
    CHECK(outpost::count_with_unit(1, "tablet") == "1 tablet");
    CHECK(outpost::count_with_unit(100, "mL") == "100 mL");
    CHECK(outpost::count_with_unit(3, "ampoule") == "3 ampoules");
    CHECK(outpost::count_with_unit(2, "box") == "2 boxes");
    CHECK(outpost::count_with_unit(7, "") == "7");
}

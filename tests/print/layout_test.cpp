// Tests for the label layout: every word of the label is printed somewhere
// (never cut), every line fits the label's width and height, a smaller font
// is chosen before a second sheet, "part k of n" on every sheet of a split
// label, the training band on every sheet, and words longer than a line
// broken between characters.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "label_layout.h"

using namespace outpost;

namespace {

LabelInput amoxicillin() {
    LabelInput in;
    in.facility = "Mbala Health Centre";
    in.patient_name = "KAMARA, Aminata";
    in.item_name = "Amoxicillin 250 mg dispersible tablet";
    in.quantity = 15;
    in.unit = "tablet";
    in.directions_text = "Take ONE tablet THREE times a day for 5 days";
    in.warning = "Complete the course";
    in.date = "2026-06-15";
    in.dispenser = "Dina";
    in.batches = "A-1 exp 2027-01-31";
    return in;
}

std::multiset<std::string> words_of(const std::vector<std::string>& texts) {
    std::multiset<std::string> words;
    for (const std::string& t : texts) {
        std::istringstream in(t);
        std::string w;
        while (in >> w) words.insert(w);
    }
    return words;
}

// Every line inside the label, and the printed text of the content lines.
std::vector<std::string> check_inside(const LaidOutLabel& laid) {
    const LabelGeometry& g = laid.geometry;
    std::vector<std::string> content;
    for (const LabelSheet& sheet : laid.sheets) {
        for (const PlacedLine& l : sheet.lines) {
            INFO(l.text);
            CHECK(l.x >= g.margin_dots);
            CHECK(l.x + zpl_font_width(l.text, l.font_dots, l.style != LineStyle::kBody) <=
                  g.width_dots - g.margin_dots + 0.5);
            CHECK(l.y >= 0);
            CHECK(l.y + l.font_dots <= g.height_dots - g.margin_dots);
            if (l.style == LineStyle::kBody || l.style == LineStyle::kItem) content.push_back(l.text);
        }
    }
    return content;
}

}  // namespace

TEST_CASE("label sizes are laid out in dots at the printer's resolution", "[print][layout]") {
    const LabelGeometry g = label_geometry(*find_label_size("50x25mm"), 203);
    CHECK(g.width_dots == 400);
    CHECK(g.height_dots == 200);
    CHECK(g.margin_dots == 12);
    CHECK(label_geometry(*find_label_size("4x2in"), 203).width_dots == 812);
    CHECK(label_geometry(*find_label_size("62x29mm"), 300).width_dots == 732);
}

TEST_CASE("a label on the large stock fits one sheet with every word", "[print][layout]") {
    const LabelInput in = amoxicillin();
    const LaidOutLabel laid = lay_out_label(in, label_geometry(*find_label_size("4x2in"), 203), zpl_font_width);
    REQUIRE(laid.sheets.size() == 1);
    CHECK(laid.font_dots > 6 * 203 / 72);  // not the smallest font
    const auto printed = check_inside(laid);
    CHECK(words_of(printed) == words_of(label_paragraphs(in)));
    CHECK(laid.sheets[0].lines[0].style == LineStyle::kItem);
    CHECK(laid.sheets[0].band_height == 0);
}

TEST_CASE("too much for one small label: smallest font, then part k of n, nothing cut", "[print][layout]") {
    LabelInput in = amoxicillin();
    in.directions_text =
        "Take ONE tablet THREE times a day for 5 days, dissolved in a little clean water; give the dose with "
        "food if the stomach is upset, and come back to the clinic if the rash spreads or breathing is hard";
    in.prescriber = "Dr Okafor";
    for (const char* size : {"50x25mm", "62x29mm"}) {
        INFO(size);
        const LaidOutLabel laid = lay_out_label(in, label_geometry(*find_label_size(size), 203), zpl_font_width);
        REQUIRE(laid.sheets.size() >= 2);
        CHECK(laid.font_dots == 17);  // 6 pt at 203 dpi: the smallest
        const auto printed = check_inside(laid);
        // Every word once, plus the medicine's name repeated "(continued)" on later sheets.
        std::multiset<std::string> expected = words_of(label_paragraphs(in));
        for (size_t k = 1; k < laid.sheets.size(); ++k) {
            for (const std::string& w : words_of({in.item_name + " (continued)"})) expected.insert(w);
        }
        CHECK(words_of(printed) == expected);
        for (size_t k = 0; k < laid.sheets.size(); ++k) {
            const PlacedLine& last = laid.sheets[k].lines.back();
            CHECK(last.style == LineStyle::kPart);
            CHECK(last.text ==
                  "part " + std::to_string(k + 1) + " of " + std::to_string(laid.sheets.size()));
        }
    }
}

TEST_CASE("a short label on the small stock picks a smaller font before a second sheet", "[print][layout]") {
    LabelInput in;
    in.item_name = "ORS 1 L powder";
    in.quantity = 2;
    in.unit = "sachet";
    in.directions_text = "Mix ONE sachet in 1 litre of clean water";
    in.patient_name = "BANDA, Ruth";
    const LaidOutLabel laid = lay_out_label(in, label_geometry(*find_label_size("50x25mm"), 203), zpl_font_width);
    REQUIRE(laid.sheets.size() == 1);
    CHECK(laid.font_dots < 12 * 203 / 72 + 1);
    CHECK(laid.font_dots > 17);
    CHECK(words_of(check_inside(laid)) == words_of(label_paragraphs(in)));
}

TEST_CASE("a training label carries the mark on every sheet", "[print][layout]") {
    LabelInput in = amoxicillin();
    in.training = true;
    in.directions_text = std::string(600, 'x');  // one very long "word": forces sheets and breaking
    const LaidOutLabel laid = lay_out_label(in, label_geometry(*find_label_size("50x25mm"), 203), zpl_font_width);
    REQUIRE(laid.sheets.size() >= 2);
    for (const LabelSheet& sheet : laid.sheets) {
        CHECK(sheet.band_height > 0);
        std::string mark;
        for (const PlacedLine& l : sheet.lines)
            if (l.style == LineStyle::kTraining) mark += (mark.empty() ? "" : " ") + l.text;
        CHECK(mark == "TRAINING - NOT FOR PATIENT USE");
        // Content starts below the band.
        for (const PlacedLine& l : sheet.lines)
            if (l.style != LineStyle::kTraining) CHECK(l.y >= sheet.band_height);
    }
    // The long word is all there, broken into pieces that fit.
    size_t xs = 0;
    for (const std::string& t : check_inside(laid))
        if (t.find_first_not_of('x') == std::string::npos) xs += t.size();
    CHECK(xs == 600);
}

TEST_CASE("accented words are broken between characters, never inside one", "[print][layout]") {
    LabelInput in;
    in.item_name = "Médicament";
    in.patient_name = std::string("Ã") + std::string(300, 'e') + "é";
    const LaidOutLabel laid = lay_out_label(in, label_geometry(*find_label_size("50x25mm"), 203), zpl_font_width);
    for (const LabelSheet& sheet : laid.sheets) {
        for (const PlacedLine& l : sheet.lines) {
            REQUIRE_FALSE(l.text.empty());
            CHECK((static_cast<unsigned char>(l.text[0]) & 0xC0) != 0x80);
        }
    }
}

TEST_CASE("every size and resolution: a long name and long directions are fitted and never cut", "[print][layout]") {
    // The fitting rule on every stock: every word printed inside the
    // label; the smallest font before a second label; "part k of n" on
    // every sheet of a split label, and the PDF's exact measure is the same
    // rule (the ZPL estimate is checked here, the wider of the two).
    LabelInput in = amoxicillin();
    in.patient_name = "RAKOTOMALALA-ANDRIANAMPOINIMERINA, Marie-Thérèse Fanomezantsoa";
    in.item_name = "Amoxicillin and clavulanic acid 875 mg / 125 mg film-coated tablet";
    in.directions_text =
        "Take ONE tablet TWICE a day (morning and evening) for 7 days with food; swallow whole with a glass "
        "of water; come back at once if a rash, swelling of the face or difficulty breathing appears";
    in.warning = "Complete the course, even if you feel better";
    in.prescriber = "Dr Andrianarivo-Rasoanaivo";
    in.batches = "AMC-2026-0001 exp 2027-01-31, AMC-2026-0002 exp 2027-03-31";
    for (const LabelSize& size : label_sizes()) {
        for (int dpi : {203, 300, 600}) {
            INFO(size.name << " at " << dpi << " dpi");
            const LaidOutLabel laid = lay_out_label(in, label_geometry(size, dpi), zpl_font_width);
            REQUIRE_FALSE(laid.sheets.empty());
            const auto printed = check_inside(laid);
            std::multiset<std::string> expected = words_of(label_paragraphs(in));
            for (size_t k = 1; k < laid.sheets.size(); ++k)
                for (const std::string& w : words_of({in.item_name + " (continued)"})) expected.insert(w);
            CHECK(words_of(printed) == expected);
            const int smallest = (6 * dpi + 36) / 72;
            if (laid.sheets.size() > 1) {
                CHECK(laid.font_dots <= smallest + 1);  // a second label only at the smallest font
                for (size_t k = 0; k < laid.sheets.size(); ++k)
                    CHECK(laid.sheets[k].lines.back().text ==
                          "part " + std::to_string(k + 1) + " of " + std::to_string(laid.sheets.size()));
            } else {
                CHECK(laid.sheets[0].lines.back().style != LineStyle::kPart);
            }
        }
    }
    // The small stock needs more than one label for this much; the large one does not.
    CHECK(lay_out_label(in, label_geometry(*find_label_size("50x25mm"), 203), zpl_font_width).sheets.size() >= 2);
    CHECK(lay_out_label(in, label_geometry(*find_label_size("4x2in"), 203), zpl_font_width).sheets.size() == 1);
}

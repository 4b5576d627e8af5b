// The patient's details as a form: family and given name, sex, birth year
// (on the numeric keypad), village and phone (on the text keyboard). One
// form serves "New patient" and "Edit details" on the dispense screen, so
// both check and save the same way: Store::register_patient or
// Store::update_patient, whose refusal comes back in plain words while the
// form keeps what was typed.
#include <optional>
#include <string>

#include "i18n.h"
#include "person_text.h"
#include "screens.h"
#include "widgets.h"

namespace outpost {

namespace {

// The store's messages are phrases ("enter the patient's family name");
// a banner reads as a sentence.
std::string sentence(std::string text) {
    size_t first = text.empty() ? 0 : 1;  // the first character, in bytes
    while (first < text.size() && (static_cast<unsigned char>(text[first]) & 0xC0) == 0x80) ++first;
    text = upper_case_name(text.substr(0, first)) + text.substr(first);
    if (!text.empty() && text.back() != '.') text += '.';
    return text;
}

}  // namespace

std::string patient_details(const Patient& p) {
    std::string out;
    const auto add = [&out](const std::string& part) {
        if (part.empty()) return;
        if (!out.empty()) out += ", ";
        out += part;
    };
    add(p.sex);
    // TRANSLATORS: the patient's year of birth, in a line of details ("F, born 1984, Kolonga").
    if (p.birth_year) add(i18n::format(i18n::tr("born {0}"), {std::to_string(*p.birth_year)}));
    add(p.village);
    add(p.phone);
    return out;
}

PatientForm patient_form_of(const Patient& p) {
    PatientForm f;
    f.fields.family_name = p.family_name;
    f.fields.given_name = p.given_name;
    f.fields.sex = p.sex;
    f.fields.village = p.village;
    f.fields.phone = p.phone;
    if (p.birth_year) f.birth_year = std::to_string(*p.birth_year);
    return f;
}

std::optional<Patient> save_patient_form(State& s, const PatientForm& form,
                                         const std::string& patient_id, Banner& banner) {
    PatientInput in = form.fields;
    in.birth_year.reset();
    // The keypad allows at most 4 digits, so the text always fits.
    if (!form.birth_year.empty()) in.birth_year = std::stoll(form.birth_year);
    std::string id = patient_id;
    Status st;
    if (id.empty()) {
        auto made = s.store.register_patient(s.user->id, in);
        if (made.ok()) id = made.value();
        st = made.status();
    } else {
        st = s.store.update_patient(s.user->id, id, in);
    }
    if (!st.ok()) {
        banner.set_error(sentence(st.message()));
        return std::nullopt;
    }
    auto saved = s.store.patient(id);
    if (!saved.ok()) {
        banner.set_error(sentence(saved.status().message()));
        return std::nullopt;
    }
    return saved.value();
}

PatientFormAnswer draw_patient_form(State& s, PatientForm& form, const std::string& id,
                                    const char* save_label, const char* leave_label) {
    // The text keyboard and the keypad never share the screen.
    if (text_keyboard_just_opened(s)) form.keypad_open = false;
    PatientInput& p = form.fields;
    const auto key = [&id](const char* before, const char* after) {
        return std::string(before) + id + after;
    };
    const float side = keypad_width() + ImGui::GetStyle().ItemSpacing.x;
    ImGui::BeginGroup();
    // The form scrolls on small screens (and above the text keyboard); Save
    // stays in reach below it.
    begin_touch_list(
        s, key("##", "_fields").c_str(),
        ImVec2(form.keypad_open ? -side : 0, -touch_height() - ImGui::GetStyle().ItemSpacing.y),
        false);
    const PatientInput before = p;
    const std::string year_before = form.birth_year;
    text_field_pair(s, i18n::tr("Family name"), key("##", "_family").c_str(), &p.family_name, i18n::tr("Given name"),
                    key("##", "_given").c_str(), &p.given_name, "", "", PatientInput::kMaxNameChars,
                    PatientInput::kMaxNameChars);
    ImGui::TextUnformatted(i18n::tr("Sex"));
    if (toggle_button(s, key(i18n::tr("Female##"), "").c_str(), p.sex == "F")) p.sex = "F";
    ImGui::SameLine();
    if (toggle_button(s, key(i18n::tr("Male##"), "").c_str(), p.sex == "M")) p.sex = "M";
    ImGui::SameLine(0, 2 * em());
    ImGui::TextUnformatted(i18n::tr("Born in"));
    ImGui::SameLine();
    if (number_field(s, nullptr, key("", "_birth_year").c_str(),
                     form.birth_year.empty() ? i18n::tr("Year") : form.birth_year, form.keypad_open,
                     6 * em()))
        form.keypad_open = !form.keypad_open;
    text_field_pair(s, i18n::tr("Village"), key("##", "_village").c_str(), &p.village, i18n::tr("Phone (optional)"),
                    key("##", "_phone").c_str(), &p.phone, "", "", PatientInput::kMaxVillageChars,
                    PatientInput::kMaxPhoneChars);
    end_touch_list(s);
    PatientFormAnswer answer = PatientFormAnswer::kNone;
    if (big_button(s, save_label)) answer = PatientFormAnswer::kSave;
    ImGui::SameLine();
    if (big_button(s, leave_label)) answer = PatientFormAnswer::kLeave;
    ImGui::EndGroup();
    if (form.keypad_open) {
        ImGui::SameLine();
        ImGui::BeginGroup();
        ImGui::TextUnformatted(i18n::tr("Birth year"));
        if (keypad(s, "year", &form.birth_year, 4, i18n::tr("Done"))) form.keypad_open = false;
        ImGui::EndGroup();
    }
    if (answer != PatientFormAnswer::kNone) form.keypad_open = false;
    if (answer == PatientFormAnswer::kNone &&
        (p.family_name != before.family_name || p.given_name != before.given_name ||
         p.sex != before.sex || p.village != before.village || p.phone != before.phone ||
         form.birth_year != year_before))
        answer = PatientFormAnswer::kEdited;
    return answer;
}

}  // namespace outpost

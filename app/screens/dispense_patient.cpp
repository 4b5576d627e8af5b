// Dispense, step 1: find the patient (type-ahead) or register a new one;
// step 2b: correct the chosen patient's details without losing the lines.
// The prescription itself: dispense_screen.cpp.
#include <imgui.h>

#include <string>

#include "dispense_steps.h"
#include "i18n.h"
#include "widgets.h"

namespace outpost {

namespace {

using Step = DispenseState::Step;

std::string patient_row_label(const Patient& p) {
    const std::string details = patient_details(p);
    return p.display_name() + (details.empty() ? "" : "   " + details) + "##patient-" + p.id;
}

void choose_patient(State& s, const Patient& p) {
    DispenseState& d = s.dispense;
    d.patient = p;
    d.lines.clear();
    d.keypad_line = kDispenseKeypadNone;
    d.banner.clear();
    d.step = Step::kLines;
    s.frames_wanted = 3;
}

}  // namespace

// ---- step 1: find the patient ---------------------------------------------------

void draw_find_patient(State& s) {
    DispenseState& d = s.dispense;
    heading(i18n::tr("Find the patient"));
    const char* new_patient = i18n::tr("New patient##dispense");
    const float new_w = button_width(new_patient);
    text_field(s, nullptr, "##patient_search", &d.patient_search,
               i18n::tr("Name, village or phone"),
               ImGui::GetContentRegionAvail().x - new_w - ImGui::GetStyle().ItemSpacing.x);
    ImGui::SameLine();
    if (big_button(s, new_patient)) {
        d.patient_form = PatientForm{};
        d.step = Step::kRegister;
        s.frames_wanted = 3;
        return;
    }
    const std::string key = d.patient_search;
    paged_list(
        s, "##patients", d.patients, key, ImVec2(0, 0),
        [&](int64_t offset, int64_t limit) {
            return s.store.search_patients(d.patient_search, offset, limit);
        },
        [&](int64_t, const Patient* p) {
            if (!p) {
                ImGui::Dummy(ImVec2(0, touch_height()));
                return;
            }
            if (row_button(s, patient_row_label(*p).c_str())) choose_patient(s, *p);
        });
}

// ---- step 1b: register a new patient ----------------------------------------------

void draw_register(State& s) {
    DispenseState& d = s.dispense;
    heading(i18n::tr("New patient"));
    switch (draw_patient_form(s, d.patient_form, "reg", i18n::tr("Save patient##register"),
                              i18n::tr("Back##register"))) {
        case PatientFormAnswer::kSave:
            if (auto p = save_patient_form(s, d.patient_form, "", d.banner)) {
                choose_patient(s, *p);
                d.banner.set_notice(i18n::format(i18n::tr("Registered {0}."), {p->display_name()}));
            }
            break;
        case PatientFormAnswer::kLeave:
            d.step = Step::kFindPatient;
            break;
        case PatientFormAnswer::kEdited:
            if (d.banner.error) d.banner.clear();  // the refusal is being fixed
            break;
        case PatientFormAnswer::kNone:
            break;
    }
}

// ---- step 2b: correct the chosen patient's details -----------------------------------
// The prescription lines and the prescriber wait untouched behind the form;
// Save or Cancel goes back to them.

void open_edit_patient(State& s) {
    DispenseState& d = s.dispense;
    // The details as stored now (a sync may have brought newer ones than
    // those read when the patient was chosen).
    auto now = s.store.patient(d.patient->id);
    d.patient_form = patient_form_of(now.ok() ? now.value() : *d.patient);
    d.banner.clear();
    d.step = Step::kEditPatient;
    s.frames_wanted = 3;
}

void draw_edit_patient(State& s) {
    DispenseState& d = s.dispense;
    const std::string title =
        i18n::format(i18n::tr("Edit the details of {0}"), {d.patient->display_name()});
    heading(title.c_str());
    switch (draw_patient_form(s, d.patient_form, "edit", i18n::tr("Save##edit_patient"),
                              i18n::tr("Cancel##edit_patient"))) {
        case PatientFormAnswer::kSave:
            if (auto p = save_patient_form(s, d.patient_form, d.patient->id, d.banner)) {
                d.patient = *p;
                d.patient_form = PatientForm{};
                d.step = Step::kLines;
                d.banner.set_notice(
                    i18n::format(i18n::tr("Saved the details of {0}."), {p->display_name()}));
                s.frames_wanted = 3;
            }
            break;
        case PatientFormAnswer::kLeave:
            d.patient_form = PatientForm{};
            d.banner.clear();
            d.step = Step::kLines;
            s.frames_wanted = 3;
            break;
        case PatientFormAnswer::kEdited:
            if (d.banner.error) d.banner.clear();  // the refusal is being fixed
            break;
        case PatientFormAnswer::kNone:
            break;
    }
}

}  // namespace outpost

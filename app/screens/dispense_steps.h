// The steps of the Dispense screen, split over files: the patient's
// (dispense_patient.cpp) and the prescription's and labels'
// (dispense_screen.cpp, which draws the step DispenseState::step names).
#pragma once

#include "screens.h"

namespace outpost {

// DispenseState::keypad_line when no line's quantity keypad is open.
constexpr int kDispenseKeypadNone = -2;

// Step 1: the patient search and "New patient".
void draw_find_patient(State& s);
// Step 1b: the registration form; Save chooses the new patient.
void draw_register(State& s);
// Step 2b: opens, and draws, the form correcting the chosen patient.
void open_edit_patient(State& s);
void draw_edit_patient(State& s);

}  // namespace outpost

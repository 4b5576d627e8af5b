// The raw material of generated stores: the demo catalogue (the WHO essential
// medicines in assets/catalogue.csv, embedded at build time), synthetic
// catalogue entries for big benchmark stores, plausible patients (East and
// West African and Pacific names with villages to match) and prescribers.
// Everything is drawn from a DemoRng, so a seed always gives the same people.
#pragma once

#include <string>
#include <vector>

#include "demo_rng.h"
#include "store.h"

namespace outpost {

// The embedded catalogue, one entry per CSV row, in file order. An empty
// vector means the embedded text was malformed (the catalogue test guards it).
std::vector<ItemInput> demo_catalogue();

// n more catalogue entries with unique codes that do not clash with `taken`
// (codes already used; the new codes are added to it). Names come from real
// generic medicine names with strengths, forms and pack variants, as a
// central catalogue of several thousand entries looks.
std::vector<ItemInput> synthetic_items(size_t n, DemoRng& rng, std::vector<std::string>* taken);

// One patient: a region is chosen, then given and family names, village and
// (for some) a phone number from that region.
PatientInput random_patient(DemoRng& rng, int this_year);

const std::vector<std::string>& demo_prescribers();

}  // namespace outpost

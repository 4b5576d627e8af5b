// The simulation's orders (issue 12): what a device's storekeeper and central
// do with requisitions and shipments in a round. Split from simulation.cpp;
// the random draws use the World's generator in the same order as before, so
// a seed replays exactly.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "central_core.h"
#include "store.h"

namespace outpost::sim {

// A requisition of every item with stock here: the suggestion, or two packs
// of the first item when nothing is suggested.
Status send_a_requisition(Store& s, const std::string& user);

// One expected line, as shipped. Two devices may receive the same line while
// apart; they enter the same quantity here (a difference in their counts is
// the known gap of docs/schema.md).
Status receive_a_shipment_line(Store& s, const std::string& user, std::mt19937_64& rng);

// Central answers what it holds: each unanswered requisition (60 % of them a
// round), with the items it asked for, in one or two batches. Counts the
// shipments made and returns the problems met, in words.
std::vector<std::string> answer_requisitions(CentralCore& core, std::mt19937_64& rng, int* next_shipment,
                                             int64_t* shipments);

}  // namespace outpost::sim

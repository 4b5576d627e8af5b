// The peer service's view of one peer device (peer_service.h): its
// addresses in the order they are tried and its schedule. Internal to
// peer_service.cpp (the rounds) and peer_targets.cpp (gathering them).
#pragma once

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "peer_service.h"

namespace outpost {
namespace peer {

using steady = std::chrono::steady_clock;

// One peer device (or, until it first answers, one address of an unknown
// device), with the worker's schedule for it.
struct PeerService::Target {
    std::string key;                     // device id, or "@" + address while unknown
    std::vector<std::string> addresses;  // to try, in order: last good first
    bool manual = false, discovered = false, remembered = false;
    PeerState state;
    steady::time_point due = steady::now();
    Backoff backoff;
    explicit Target(uint64_t seed, const BackoffOptions& o) : backoff(seed, o) {}
};

// Appends a to *list unless it is there already.
inline void add_unique(std::vector<std::string>* list, const std::string& a) {
    if (std::find(list->begin(), list->end(), a) == list->end()) list->push_back(a);
}

}  // namespace peer
}  // namespace outpost

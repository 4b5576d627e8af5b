// What a print job holds: its labels, encoded as the JSON the store keeps in
// print_jobs.payload (so a job survives a crash and is printed as it was
// queued), the words the status line uses for it, and the test label the
// admin's "print test label" button sends.
#pragma once

#include <string>
#include <vector>

#include "label.h"
#include "status.h"

namespace outpost {

// A JSON array of label objects (every LabelInput field by name).
std::string encode_labels(const std::vector<LabelInput>& labels);
// Refuses anything that is not such an array of at least one label, with
// the reason; unknown keys are ignored, missing ones take LabelInput's defaults.
Result<std::vector<LabelInput>> decode_labels(const std::string& payload);

// "Labels for KAMARA, Aminata (2)", or "Test label".
std::string describe_labels(const std::vector<LabelInput>& labels);

// A label with every field filled, accents in it (é, ã, ñ, ç, ü) and the
// characters ZPL would choke on (^ ~ \ _), to check a printer end to end.
LabelInput test_label(const std::string& facility, const std::string& date, bool training);

}  // namespace outpost

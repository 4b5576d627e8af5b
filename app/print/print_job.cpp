// Print job payloads (see print_job.h).
#include "print_job.h"

#include <type_traits>

#include "json_read.h"
#include "tables.h"  // json

namespace outpost {

std::string encode_labels(const std::vector<LabelInput>& labels) {
    json out = json::array();
    for (const LabelInput& l : labels) {
        out.push_back({{"facility", l.facility},
                       {"patient_name", l.patient_name},
                       {"item_name", l.item_name},
                       {"quantity", l.quantity},
                       {"unit", l.unit},
                       {"directions_text", l.directions_text},
                       {"warning", l.warning},
                       {"date", l.date},
                       {"dispenser", l.dispenser},
                       {"prescriber", l.prescriber},
                       {"batches", l.batches},
                       {"part", l.part},
                       {"parts", l.parts},
                       {"training", l.training}});
    }
    // Replace, not throw, on invalid UTF-8: the layout shows U+FFFD for it.
    return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

Result<std::vector<LabelInput>> decode_labels(const std::string& payload) {
    json arr;
    std::string problem;
    if (!parse_json(payload, &arr, &problem)) return Status::Corruption("a queued label " + problem);
    if (!arr.is_array() || arr.empty()) return Status::Corruption("a queued print job holds no label");
    std::vector<LabelInput> labels;
    for (const json& o : arr) {
        if (!o.is_object()) return Status::Corruption("a queued label is not a label");
        LabelInput l;
        auto text = [&](const char* key, std::string* out) {
            auto it = o.find(key);
            if (it != o.end() && it->is_string()) *out = it->get<std::string>();
        };
        text("facility", &l.facility);
        text("patient_name", &l.patient_name);
        text("item_name", &l.item_name);
        text("unit", &l.unit);
        text("directions_text", &l.directions_text);
        text("warning", &l.warning);
        text("date", &l.date);
        text("dispenser", &l.dispenser);
        text("prescriber", &l.prescriber);
        text("batches", &l.batches);
        auto number = [&](const char* key, auto* out) {
            auto it = o.find(key);
            if (it != o.end() && it->is_number_integer()) *out = it->get<std::remove_pointer_t<decltype(out)>>();
        };
        number("quantity", &l.quantity);
        number("part", &l.part);
        number("parts", &l.parts);
        auto t = o.find("training");
        if (t != o.end() && t->is_boolean()) l.training = t->get<bool>();
        labels.push_back(std::move(l));
    }
    return labels;
}

std::string describe_labels(const std::vector<LabelInput>& labels) {
    if (labels.empty()) return "No label";
    if (labels.front().patient_name.empty()) return "Test label";
    return "Labels for " + labels.front().patient_name + " (" + std::to_string(labels.size()) + ")";
}

LabelInput test_label(const std::string& facility, const std::string& date, bool training) {
    LabelInput l;
    l.facility = facility;
    l.item_name = "TEST LABEL - Paracétamol 500 mg comprimé";
    l.quantity = 20;
    l.unit = "tablet";
    l.directions_text = "Accents: é è ê à ã õ ñ ç ü ß. Printer characters: ^ ~ \\ _ must print as they are.";
    l.warning = "If every line above reads right, this printer is ready.";
    l.date = date;
    l.dispenser = "Outpost";
    l.batches = "TEST exp 2099-12-31";
    l.training = training;
    return l;
}

}  // namespace outpost

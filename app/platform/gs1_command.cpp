// The gs1 subcommand (see gs1_command.h).
#include "gs1_command.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "clock.h"
#include "gs1.h"
#include "i18n.h"

namespace outpost {

namespace {

int usage(std::ostream& err, const std::string& why) {
    err << "outpost gs1: " << why << "\n\n" << gs1_usage_text();
    return 2;
}

nlohmann::json or_null(const std::string& s) {
    return s.empty() ? nlohmann::json() : nlohmann::json(s);
}

}  // namespace

bool is_gs1_command(const std::vector<std::string>& args) {
    return !args.empty() && args[0] == "gs1";
}

std::string gs1_usage_text() {
    return std::string(i18n::tr("Read a barcode scan:\n")) +
           "  outpost gs1 [--today YYYY-MM-DD] [--separator CHARS] 'TEXT'\n" +
           i18n::tr("                   print its GTIN, expiry, batch and serial as JSON (\\x1d in TEXT\n"
                    "                   is the GS separator); exit 0 read, 1 refused, 2 bad usage\n");
}

std::string expand_gs_escapes(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text.compare(i, 4, "\\x1d") == 0 || text.compare(i, 4, "\\x1D") == 0) {
            out.push_back(gs1::kGs);
            i += 3;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

int run_gs1_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    gs1::Options options;
    std::string text;
    bool have_text = false;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if ((a == "--today" || a == "--separator") && i + 1 < args.size()) {
            (a == "--today" ? options.today : options.separator_substitutes) = args[++i];
        } else if (a == "--today" || a == "--separator") {
            return usage(err, i18n::format(i18n::tr("{0} needs a value"), {a}));
        } else if (a == "--help" || a == "-h") {
            out << gs1_usage_text();
            return 0;
        } else if (have_text) {
            return usage(err, i18n::format(i18n::tr("give the scan as one argument (quote it): '{0}' is extra"), {a}));
        } else {
            text = a;
            have_text = true;
        }
    }
    if (!have_text)
        return usage(err, i18n::tr("give the scanned text, e.g. outpost gs1 '(01)09506000134352'"));
    if (options.today.empty()) options.today = date_of(SystemClock().now_ms());
    const gs1::Reading r = gs1::parse(expand_gs_escapes(text), options);
    nlohmann::json other = nlohmann::json::array();
    for (const gs1::Element& e : r.other) other.push_back({{"ai", e.ai}, {"value", e.value}});
    nlohmann::json j = {
        {"gtin", or_null(r.gtin)},
        {"expiry", or_null(r.expiry)},
        {"batch", or_null(r.batch)},
        {"serial", or_null(r.serial)},
        {"other", other},
        {"symbology", or_null(r.symbology)},
        {"needs_check", r.needs_check},
        {"warnings", r.warnings},
        {"error", r.error.ok() ? nlohmann::json() : nlohmann::json(r.error.message())},
    };
    // Replace, not throw, should a message ever carry bytes that are not UTF-8.
    out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return r.error.ok() ? 0 : 1;
}

}  // namespace outpost

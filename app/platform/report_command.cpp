// `outpost report`. See report_command.h. The reports themselves are in the
// store layer (app/store/reports.h); this file reads the command line, opens
// the store read-only in intent, and writes the table where it was asked.
#include "report_command.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <ostream>

#include "clock.h"
#include "export_files.h"
#include "i18n.h"
#include "local_time.h"
#include "report_pdf.h"
#include "reports.h"
#include "store.h"

namespace outpost {

namespace {

using i18n::format;
using i18n::tr;

int usage(std::ostream& err, const std::string& why) {
    err << "outpost report: " << why << "\n\n" << report_usage_text();
    return 2;
}

// Display width of UTF-8 text: one column per code point (no wide glyphs).
size_t width(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

std::string as_text(const ReportTable& t) {
    std::string out = t.title + "\n";
    for (const auto& n : t.notes) out += "  " + n + "\n";
    out += "\n";
    std::vector<size_t> w(t.header.size(), 0);
    auto flat = [](std::string s) {
        for (char& c : s)
            if (c == '\n' || c == '\r') c = ' ';
        return s;
    };
    for (size_t i = 0; i < t.header.size(); ++i) w[i] = width(t.header[i]);
    for (const auto& row : t.rows)
        for (size_t i = 0; i < row.size() && i < w.size(); ++i) w[i] = std::max(w[i], width(flat(row[i])));
    auto line = [&](const std::vector<std::string>& row) {
        std::string l;
        for (size_t i = 0; i < row.size() && i < w.size(); ++i) {
            const std::string cell = flat(row[i]);
            l += cell;
            if (i + 1 < row.size()) l += std::string(w[i] - width(cell) + 2, ' ');
        }
        return l + "\n";
    };
    out += line(t.header);
    for (const auto& row : t.rows) out += line(row);
    if (t.rows.empty()) out += std::string(tr("(nothing in this range)")) + "\n";
    return out;
}

// The command's messages in --lang for the rest of the call, then the
// language the process had (tests run many commands in one process).
struct MessagesIn {
    i18n::Lang before = i18n::screen_lang();
    ~MessagesIn() { i18n::set_screen_lang(before); }
};

bool parse_number(const std::string& s, double* out) {
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (s.empty() || *end != '\0' || !(v >= 0) || v > 120) return false;
    *out = v;
    return true;
}

}  // namespace

bool is_report_command(const std::vector<std::string>& args) { return !args.empty() && args[0] == "report"; }

std::string report_usage_text() {
    return std::string(tr("Reports:")) + "\n" +
           "  outpost report NAME --db PATH [--from YYYY-MM-DD --to YYYY-MM-DD]\n"
           "                 [--amc msupply|msupply-adjusted|openlmis] [--min-mos N] [--max-mos N]\n"
           "                 [--format text|csv|pdf] [--out FILE] [--lang en|fr|pt|es] [--demo]\n" +
           tr("                 NAME: stock-status, consumption, losses, stocktakes or controlled;\n"
              "                 the range defaults to the last full month (consumption: the 12 months\n"
              "                 ending by --to). CSV is UTF-8 with a byte-order mark (RFC 4180);\n"
              "                 PDF (needs --out) is A4 with page numbers. --lang: the words, dates\n"
              "                 and numbers (default: the device's language; en: plain digits and\n"
              "                 ISO dates, for tools).\n");
}

int run_report_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args.size() < 2 || args[1].rfind("--", 0) == 0)
        return usage(err, tr("say which report: stock-status, consumption, losses, stocktakes or controlled"));
    const std::string name = args[1];
    bool known = false;
    for (const auto& n : report_names()) known = known || n == name;
    if (!known)
        return usage(err, format(tr("'{0}' is not a report; choose stock-status, consumption, losses, "
                                    "stocktakes or controlled"),
                                 {name}));
    std::map<std::string, std::string> o;
    bool demo = false;
    static const char* kValued[] = {"db", "from", "to", "amc", "min-mos", "max-mos", "format", "out", "lang"};
    for (size_t i = 2; i < args.size(); ++i) {
        if (args[i] == "--demo") {
            demo = true;
            continue;
        }
        bool valued = false;
        for (const char* k : kValued) valued = valued || args[i] == std::string("--") + k;
        if (!valued) return usage(err, format(tr("'{0}' is not an option of `{1}`"), {args[i], "outpost report"}));
        if (i + 1 >= args.size()) return usage(err, format(tr("{0} needs a value"), {args[i]}));
        if (o.count(args[i].substr(2))) return usage(err, format(tr("{0} is given twice"), {args[i]}));
        o[args[i].substr(2)] = args[i + 1];
        ++i;
    }
    if (!o.count("db")) return usage(err, tr("--db PATH is required (the store to report on)"));
    const std::string file_format = o.count("format") ? o["format"] : "text";
    if (file_format != "text" && file_format != "csv" && file_format != "pdf")
        return usage(err, format(tr("--format is text, csv or pdf, not '{0}'"), {file_format}));
    if (file_format == "pdf" && !o.count("out")) return usage(err, tr("--format pdf needs --out FILE.pdf"));
    if (o.count("from") != o.count("to"))
        return usage(err, tr("give both --from and --to, or neither (the last full month)"));
    ReportOptions ro;
    ro.lang = i18n::device_lang();
    MessagesIn messages;
    if (o.count("lang")) {
        auto lang = i18n::parse(o["lang"]);
        if (!lang) return usage(err, format(tr("--lang is en, fr, pt or es, not '{0}'"), {o["lang"]}));
        ro.lang = *lang;
        i18n::set_screen_lang(*lang);  // the command's own messages too
    }
    if (o.count("amc") && !parse_amc_method(o["amc"], &ro.amc))
        return usage(err, format(tr("--amc is msupply, msupply-adjusted or openlmis, not '{0}'"), {o["amc"]}));
    if (o.count("min-mos") && !parse_number(o["min-mos"], &ro.min_mos))
        return usage(err, format(tr("{0} is a number of months from 0 to 120, not '{1}'"), {"--min-mos", o["min-mos"]}));
    if (o.count("max-mos") && !parse_number(o["max-mos"], &ro.max_mos))
        return usage(err, format(tr("{0} is a number of months from 0 to 120, not '{1}'"), {"--max-mos", o["max-mos"]}));
    if (ro.max_mos < ro.min_mos)
        return usage(err, tr("--max-mos must be at least --min-mos"));
    if (o.count("from")) {
        auto r = parse_day_range(o["from"], o["to"]);
        if (!r.ok()) return usage(err, r.status().message());
        ro.range = *r;
    }

    OpenOptions oo;
    oo.path = o["db"];
    oo.create = false;  // a report on a file that is not there must not make one
    oo.demo = demo;
    auto store = Store::Open(oo);
    if (!store.ok()) {
        err << "outpost report: " << store.status().message() << "\n";
        return 2;
    }
    // Report days are the device's (its stored zone, else the system's).
    if (auto zone = (*store)->time_zone_setting(); zone.ok()) {
        if (Status st = use_time_zone_setting(*zone); !st.ok()) err << "outpost report: " << st.message() << "\n";
    }
    if (!o.count("from")) ro.range = last_full_month(device_day_of_ms((*store)->now_ms()));
    auto table = run_report(**store, name, ro);
    if (!table.ok()) {
        err << "outpost report: " << table.status().message() << "\n";
        return 2;
    }
    if (file_format == "pdf") {
        // Through a temporary file renamed into place, as the CSV.
        const ReportPdfInfo info{(*store)->identity().site_name, local_datetime_zone((*store)->now_ms(), ro.lang),
                                 ro.lang};
        const std::string tmp = o["out"] + ".part";
        Status st = write_report_pdf(*table, info, tmp);
        if (st.ok() && std::rename(tmp.c_str(), o["out"].c_str()) != 0)
            st = Status::IoError("cannot replace " + o["out"]);
        if (!st.ok()) {
            std::remove(tmp.c_str());
            err << "outpost report: " << st.message() << "\n";
            return 2;
        }
    } else {
        const std::string text = file_format == "csv" ? to_csv(*table) : as_text(*table);
        if (!o.count("out")) {
            out << text;
            return 0;
        }
        Status st = write_file_atomically(o["out"], text);
        if (!st.ok()) {
            err << "outpost report: " << st.message() << "\n";
            return 2;
        }
    }
    out << format(tr("wrote {0} rows of {1} ({2}) to {3}"),
                  {std::to_string(table->rows.size()), name, ro.range.text(), o["out"]})
        << "\n";
    return 0;
}

}  // namespace outpost

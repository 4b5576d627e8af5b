// The label subcommand (see label_command.h).
#include "label_command.h"

#include <ostream>

#include "i18n.h"
#include "label_pdf.h"
#include "print_job.h"
#include "printers.h"
#include "store.h"
#include "zpl.h"

namespace outpost {

namespace {

using i18n::format;
using i18n::tr;

int usage(std::ostream& err, const std::string& why) {
    err << "outpost: " << why << "\n\n" << label_usage_text();
    return 2;
}

}  // namespace

bool is_label_command(const std::vector<std::string>& args) {
    return !args.empty() && (args[0] == "label" || args[0] == "printer");
}

namespace {

// `outpost printer`: show or change this device's printer settings, and
// send the test label (synchronously: an operator at a terminal waits for
// the answer; the app's button goes through the print queue instead).
int run_printer_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::string db, kind, address, size, dpi, copies;
    bool demo = false, test = false;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--demo" || a == "--test") {
            (a == "--demo" ? demo : test) = true;
            continue;
        }
        std::string* value = a == "--db"        ? &db
                             : a == "--kind"    ? &kind
                             : a == "--address" ? &address
                             : a == "--size"    ? &size
                             : a == "--dpi"     ? &dpi
                             : a == "--copies"  ? &copies
                                                : nullptr;
        if (!value) return usage(err, format(tr("'{0}' is not an option of `{1}`"), {a, "outpost printer"}));
        if (i + 1 >= args.size()) return usage(err, format(tr("{0} needs a value"), {a}));
        *value = args[++i];
    }
    if (db.empty()) return usage(err, format(tr("`{0}` needs --db PATH"), {"outpost printer"}));
    OpenOptions o;
    o.path = db;
    o.create = false;
    o.demo = demo;
    auto store = Store::Open(o);
    if (!store.ok()) {
        err << "outpost printer: " << store.status().message() << "\n";
        return 1;
    }
    auto settings = (*store)->printer_settings();
    if (!settings.ok()) {
        err << "outpost printer: " << settings.status().message() << "\n";
        return 1;
    }
    PrinterSettings s = *settings;
    const bool change = !kind.empty() || !address.empty() || !size.empty() || !dpi.empty() || !copies.empty();
    if (!kind.empty() && !parse_printer_kind(kind, &s.kind))
        return usage(err, format(tr("--kind is none, zpl, cups or folder, not \"{0}\""), {kind}));
    if (!address.empty()) s.address = address;
    if (!size.empty()) s.label_size = size;
    auto number = [](const std::string& text, int* n) {
        if (text.empty()) return true;
        if (text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos) return false;
        *n = std::stoi(text);
        return true;
    };
    if (!number(dpi, &s.dpi)) return usage(err, tr("--dpi takes a number: 203, 300 or 600"));
    if (!number(copies, &s.copies)) return usage(err, tr("--copies takes a number from 1 to 10"));
    if (change) {
        Status st = (*store)->set_printer_settings(s);
        if (!st.ok()) {
            err << "outpost printer: " << st.message() << "\n";
            return 1;
        }
    }
    // TRANSLATORS: "printer: zpl 10.0.0.5:9100, labels 50x25mm at 203 dpi, 1 copy"
    out << format(i18n::trn("printer: {0}, labels {1} at {2} dpi, {3} copy",
                            "printer: {0}, labels {1} at {2} dpi, {3} copies", static_cast<unsigned long>(s.copies)),
                  {printer_kind_name(s.kind) + (s.address.empty() ? "" : " " + s.address), s.label_size,
                   std::to_string(s.dpi), std::to_string(s.copies)})
        << "\n";
    if (!test) return 0;
    auto printer = make_printer(s);
    if (!printer.ok()) {
        err << "outpost printer: " << printer.status().message() << "\n";
        return 1;
    }
    Status ready = (*printer)->check();
    if (!ready.ok()) {
        err << "outpost printer: " << ready.message() << "\n";
        return 1;
    }
    const Identity& id = (*store)->identity();
    Status printed = (*printer)->print({"test", {test_label(id.site_name, (*store)->today(), id.demo)}});
    if (!printed.ok()) {
        err << "outpost printer: " << printed.message() << "\n";
        return 1;
    }
    out << format(tr("test label sent to {0}"), {(*printer)->where()}) << "\n";
    return 0;
}

}  // namespace

std::string label_usage_text() {
    return std::string(tr("Labels:\n")) +
           "  outpost label --db PATH --dispensing ID [--zpl | --pdf FILE] [--size 50x25mm|62x29mm|4x2in] [--dpi N] "
           "[--demo]\n" +
           tr("                   a dispensing's labels: ZPL on stdout (the default) or a PDF file;\n"
              "                   size and resolution default to this device's printer settings;\n"
              "                   --demo for the demo (training) store\n") +
           "  outpost printer --db PATH [--kind none|zpl|cups|folder] [--address A] [--size S] [--dpi N]\n"
           "                  [--copies N] [--test] [--demo]\n" +
           tr("                   show or change this device's label printer (address: host[:port] for\n"
              "                   zpl, the queue for cups, a directory for folder); --test asks the\n"
              "                   printer whether it is ready and prints the test label\n");
}

int run_label_command(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    if (args[0] == "printer") return run_printer_command(args, out, err);
    std::string db, dispensing, pdf, size_name, dpi_text;
    bool zpl = false, demo = false;
    for (size_t i = 1; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--zpl" || a == "--demo") {
            (a == "--zpl" ? zpl : demo) = true;
            continue;
        }
        std::string* value = a == "--db"           ? &db
                             : a == "--dispensing" ? &dispensing
                             : a == "--pdf"        ? &pdf
                             : a == "--size"       ? &size_name
                             : a == "--dpi"        ? &dpi_text
                                                   : nullptr;
        if (!value) return usage(err, format(tr("'{0}' is not an option of `{1}`"), {a, "outpost label"}));
        if (i + 1 >= args.size() || args[i + 1].empty()) return usage(err, format(tr("{0} needs a value"), {a}));
        *value = args[++i];
    }
    if (db.empty()) return usage(err, format(tr("`{0}` needs --db PATH"), {"outpost label"}));
    if (dispensing.empty()) return usage(err, tr("`outpost label` needs --dispensing ID (a prescription id)"));
    if (zpl && !pdf.empty()) return usage(err, tr("choose --zpl or --pdf FILE, not both"));

    OpenOptions o;
    o.path = db;
    o.create = false;
    o.demo = demo;  // a demo store's labels are training labels
    auto store = Store::Open(o);
    if (!store.ok()) {
        err << "outpost label: " << store.status().message() << "\n";
        return 1;
    }
    auto settings = (*store)->printer_settings();
    if (!settings.ok()) {
        err << "outpost label: " << settings.status().message() << "\n";
        return 1;
    }
    if (!size_name.empty()) settings->label_size = size_name;
    if (!dpi_text.empty()) {
        if (dpi_text.find_first_not_of("0123456789") != std::string::npos || dpi_text.size() > 4)
            return usage(err, tr("--dpi takes a number: 203, 300 or 600"));
        settings->dpi = std::stoi(dpi_text);
    }
    const LabelSize* size = find_label_size(settings->label_size);
    if (!size) return usage(err, format(tr("--size is 50x25mm, 62x29mm or 4x2in, not \"{0}\""), {settings->label_size}));
    if (settings->dpi != 203 && settings->dpi != 300 && settings->dpi != 600)
        return usage(err, tr("--dpi is 203, 300 or 600"));

    auto labels = (*store)->dispensing_labels(dispensing);
    if (!labels.ok()) {
        err << "outpost label: " << labels.status().message() << "\n";
        return 1;
    }
    if (pdf.empty()) {
        out << zpl_labels(*labels, label_geometry(*size, settings->dpi), 1);
        return 0;
    }
    Status written = write_labels_pdf(*labels, *size, settings->dpi, pdf);
    if (!written.ok()) {
        err << "outpost label: " << written.message() << "\n";
        return 1;
    }
    const auto n = static_cast<unsigned long>(labels->size());
    out << format(i18n::trn("wrote {0} label to {1}", "wrote {0} labels to {1}", n), {std::to_string(n), pdf}) << "\n";
    return 0;
}

}  // namespace outpost

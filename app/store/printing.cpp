// Store operations for printing (declared in store.h, "printing"; types in
// printing.h): the labels of a dispensing read back from the ledger, this
// device's printer settings in `meta`, and the print queue's LOCAL table
// print_jobs. Nothing here syncs: a printer belongs to one device.
#include <cctype>

#include "local_time.h"
#include "store_internal.h"

namespace outpost {

const std::vector<LabelSize>& label_sizes() {
    static const std::vector<LabelSize> sizes = {
        {"50x25mm", 50.0, 25.0}, {"62x29mm", 62.0, 29.0}, {"4x2in", 101.6, 50.8}};
    return sizes;
}

const LabelSize* find_label_size(const std::string& name) {
    for (const LabelSize& s : label_sizes())
        if (name == s.name) return &s;
    return nullptr;
}

const char* printer_kind_name(PrinterKind k) {
    switch (k) {
        case PrinterKind::kZpl: return "zpl";
        case PrinterKind::kCups: return "cups";
        case PrinterKind::kFolder: return "folder";
        case PrinterKind::kNone: break;
    }
    return "none";
}

bool parse_printer_kind(const std::string& s, PrinterKind* out) {
    for (PrinterKind k : {PrinterKind::kNone, PrinterKind::kZpl, PrinterKind::kCups, PrinterKind::kFolder}) {
        if (s == printer_kind_name(k)) {
            *out = k;
            return true;
        }
    }
    return false;
}

std::string printer_settings_problem(const PrinterSettings& s) {
    if (!find_label_size(s.label_size))
        return i18n::format(i18n::tr("label size \"{0}\" is not one this app lays out (50x25mm, 62x29mm, 4x2in)"),
                            {s.label_size});
    if (s.dpi != 203 && s.dpi != 300 && s.dpi != 600)
        return i18n::tr("printer resolution must be 203, 300 or 600 dpi");
    if (s.copies < 1 || s.copies > 10) return i18n::tr("copies of each label must be between 1 and 10");
    for (char c : s.address)
        if (static_cast<unsigned char>(c) < 0x20) return i18n::tr("the printer address has a control character in it");
    if (s.address.size() > 512) return i18n::tr("the printer address is too long");
    switch (s.kind) {
        case PrinterKind::kNone: return "";
        case PrinterKind::kZpl:
            if (s.address.empty()) return i18n::tr("enter the label printer's network address, e.g. 192.168.1.50");
            break;
        case PrinterKind::kCups:
            if (s.address.empty()) return i18n::tr("enter the CUPS printer queue's name (lpstat -p lists them)");
            if (s.address[0] == '-') return i18n::tr("a CUPS queue name cannot start with '-'");
            for (char c : s.address)
                if (std::isspace(static_cast<unsigned char>(c)) || c == '/')
                    return i18n::tr("a CUPS queue name has no spaces or '/'");
            break;
        case PrinterKind::kFolder:
            if (s.address.empty()) return i18n::tr("enter the folder the label PDFs are saved to");
            break;
    }
    return "";
}

// ---- labels of a dispensing ----------------------------------------------------------------

Result<std::vector<LabelInput>> Store::dispensing_labels(const std::string& prescription_id) {
    Stmt rx = db_.prepare(
        "SELECT rx.created_ms, rx.prescriber, COALESCE(u.name,''), p.family_name, p.given_name, "
        "(SELECT reason FROM cancellations c WHERE c.prescription_id=rx.id) "
        "FROM prescriptions rx JOIN patients p ON p.id=rx.patient_id "
        "LEFT JOIN users u ON u.id=rx.user_id WHERE rx.id=?");
    rx.bind(1, prescription_id);
    if (!rx.step()) {
        if (!rx.status().ok()) return rx.status();
        return Status::NotFound("no dispensing " + prescription_id + " on this device");
    }
    if (!rx.is_null(5))
        return Status::Conflict("this dispensing was cancelled (" + rx.text(5) + "): its labels are not printed");
    Patient patient;
    patient.family_name = rx.text(3);
    patient.given_name = rx.text(4);
    LabelInput common;
    common.facility = identity_.site_name;
    common.patient_name = patient.display_name();
    common.date = date_of(rx.i64(0));
    common.dispenser = rx.text(2);
    common.prescriber = rx.text(1);
    common.training = identity_.demo;
    {
        // Dispensings from before migration 7 have no row: their labels were English.
        Stmt ll = db_.prepare("SELECT lang FROM label_languages WHERE prescription_id=?");
        ll.bind(1, prescription_id);
        if (ll.step()) common.lang = i18n::parse(ll.text(0)).value_or(i18n::Lang::en);
        if (!ll.status().ok()) return ll.status();
    }
    // The date as the label's language writes it (ISO in English).
    common.date = local_day(common.date, common.lang);

    std::vector<LabelInput> labels;
    Stmt lines = db_.prepare(std::string("SELECT l.id, l.quantity, l.directions_text, ") + kItemColumns +
                             " FROM prescription_lines l JOIN items ON items.id=l.item_id "
                             "WHERE l.prescription_id=? ORDER BY l.line_no");
    lines.bind(1, prescription_id);
    Stmt batches = db_.prepare(
        "SELECT b.batch_no, b.expiry FROM stock_events e JOIN batches b ON b.id=e.batch_id "
        "WHERE e.prescription_line_id=? AND e.kind='dispense' ORDER BY b.expiry, b.batch_no");
    while (lines.step()) {
        Item item;
        read_item(lines, 3, &item);
        LabelInput label = common;
        label.item_name = item.display_name();
        label.quantity = lines.i64(1);
        label.unit = item.unit;
        label.directions_text = lines.text(2);
        label.warning = item.warning;
        batches.reset();
        batches.bind(1, lines.text(0));
        while (batches.step()) {
            if (!label.batches.empty()) label.batches += "; ";
            label.batches += i18n::format(i18n::tr_for(common.lang, "{0} exp {1}"),
                                          {batches.text(0), local_day(batches.text(1), common.lang)});
        }
        if (!batches.status().ok()) return batches.status();
        labels.push_back(std::move(label));
    }
    if (!lines.status().ok()) return lines.status();
    if (labels.empty()) return Status::NotFound("dispensing " + prescription_id + " has no lines");
    return labels;
}

// ---- printer settings (meta, device-local) -------------------------------------------------

Result<PrinterSettings> Store::printer_settings() {
    PrinterSettings s;
    if (auto kind = meta("printer.kind")) {
        if (!parse_printer_kind(*kind, &s.kind))
            return Status::Corruption("the stored printer kind \"" + *kind + "\" is unknown: set the printer again");
    }
    if (auto v = meta("printer.address")) s.address = *v;
    if (auto v = meta("printer.label_size")) s.label_size = *v;
    try {
        if (auto v = meta("printer.dpi")) s.dpi = std::stoi(*v);
        if (auto v = meta("printer.copies")) s.copies = std::stoi(*v);
    } catch (const std::exception&) {
        return Status::Corruption("the stored printer settings are unreadable: set the printer again");
    }
    return s;
}

Status Store::set_printer_settings(const PrinterSettings& s) {
    const std::string problem = printer_settings_problem(s);
    if (!problem.empty()) return Status::InvalidArgument(problem);
    return set_meta({{"printer.kind", printer_kind_name(s.kind)},
                     {"printer.address", s.address},
                     {"printer.label_size", s.label_size},
                     {"printer.dpi", std::to_string(s.dpi)},
                     {"printer.copies", std::to_string(s.copies)}});
}

// ---- the print queue's jobs (print_jobs, LOCAL) --------------------------------------------

static const char* kJobColumns = "id, description, payload, created_ms, attempts, last_error, printed_ms";

static PrintJob read_job(Stmt& s) {
    PrintJob j;
    j.id = s.i64(0);
    j.description = s.text(1);
    j.payload = s.text(2);
    j.created_ms = s.i64(3);
    j.attempts = s.i64(4);
    j.last_error = s.text(5);
    if (!s.is_null(6)) j.printed_ms = s.i64(6);
    return j;
}

Result<int64_t> Store::add_print_job(const std::string& description, const std::string& payload) {
    if (payload.empty()) return Status::InvalidArgument("a print job needs at least one label");
    Stmt s = db_.prepare("INSERT INTO print_jobs (description, payload, created_ms) VALUES (?,?,?)");
    s.bind(1, description).bind(2, payload).bind(3, now_ms());
    Status st = s.run();
    if (!st.ok()) return Status::IoError("the label could not be queued for printing: " + st.message());
    return db_.last_insert_rowid();
}

Result<std::vector<PrintJob>> Store::unprinted_print_jobs(int limit) {
    Stmt s = db_.prepare(std::string("SELECT ") + kJobColumns +
                         " FROM print_jobs WHERE printed_ms IS NULL ORDER BY id LIMIT ?");
    s.bind(1, limit < 1 ? 1 : limit);
    std::vector<PrintJob> jobs;
    while (s.step()) jobs.push_back(read_job(s));
    if (!s.status().ok()) return s.status();
    return jobs;
}

Result<PrintJob> Store::print_job(int64_t id) {
    Stmt s = db_.prepare(std::string("SELECT ") + kJobColumns + " FROM print_jobs WHERE id=?");
    s.bind(1, id);
    if (!s.step()) {
        if (!s.status().ok()) return s.status();
        return Status::NotFound("no print job " + std::to_string(id));
    }
    return read_job(s);
}

Status Store::mark_print_job_printed(int64_t id) {
    constexpr int64_t kKeepPrintedMs = 7LL * 24 * 3600 * 1000;
    const int64_t now = now_ms();
    return in_transaction(db_, [&]() -> Status {
        Stmt s = db_.prepare("UPDATE print_jobs SET printed_ms=? WHERE id=? AND printed_ms IS NULL");
        s.bind(1, now).bind(2, id);
        Status st = s.run();
        if (!st.ok()) return st;
        Stmt old = db_.prepare("DELETE FROM print_jobs WHERE printed_ms < ?");
        old.bind(1, now - kKeepPrintedMs);
        return old.run();
    });
}

Status Store::note_print_failure(int64_t id, const std::string& error) {
    Stmt s = db_.prepare("UPDATE print_jobs SET attempts=attempts+1, last_error=? WHERE id=? AND printed_ms IS NULL");
    s.bind(1, error).bind(2, id);
    return s.run();
}

}  // namespace outpost

// The verify subcommand (see verify_command.h).
#include "verify_command.h"

#include <ostream>

#include "store.h"

namespace outpost {

int run_verify(const KioskConfig& config, std::ostream& out, std::ostream& err) {
    OpenOptions o;
    o.path = config.db_path;
    o.create = false;  // verifying a file that is not there must not make one
    o.demo = config.demo;
    o.either_kind = true;  // a trainer verifies the demo store the same way
    auto store = Store::Open(o);
    if (!store.ok()) {
        err << "outpost verify: " << store.status().message() << "\n";
        return 2;
    }
    auto report = (*store)->verify();
    if (!report.ok()) {
        err << "outpost verify: " << report.status().message() << "\n";
        return 2;
    }
    const VerifyReport& r = *report;
    const char* kind = (*store)->identity().demo ? " (demo store)" : "";
    if (r.ok()) {
        out << "verified " << r.events << " events over " << r.batches << " batches" << kind
            << ": stock on hand matches the ledger\n";
        return 0;
    }
    out << "verified " << r.events << " events over " << r.batches << " batches" << kind << ": "
        << r.differences.size() << " batch(es) differ from the ledger\n";
    for (const VerifyDifference& d : r.differences) {
        out << "  " << d.item_name << ", batch " << d.batch_no << " (" << d.batch_id
            << "): stock on hand " << d.stored << ", ledger " << d.ledger << "\n";
    }
    return 1;
}

}  // namespace outpost

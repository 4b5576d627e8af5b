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
    if (r.ok()) {
        out << "verified " << r.events << " events over " << r.batches
            << " batches: stock on hand matches the ledger\n";
        return 0;
    }
    out << "verified " << r.events << " events over " << r.batches << " batches: "
        << r.differences.size() << " batch(es) differ from the ledger\n";
    for (const VerifyDifference& d : r.differences) {
        out << "  " << d.item_name << ", batch " << d.batch_no << " (" << d.batch_id
            << "): stock on hand " << d.stored << ", ledger " << d.ledger << "\n";
    }
    return 1;
}

}  // namespace outpost

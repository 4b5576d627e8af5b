// The verify subcommand (see verify_command.h).
#include "verify_command.h"

#include <ostream>

#include "i18n.h"
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
    using i18n::format;
    using i18n::tr;
    const std::string checked = format((*store)->identity().demo
                                           ? tr("verified {0} events over {1} batches (demo store)")
                                           : tr("verified {0} events over {1} batches"),
                                       {std::to_string(r.events), std::to_string(r.batches)});
    if (r.ok()) {
        out << format(tr("{0}: stock on hand matches the ledger"), {checked}) << "\n";
        return 0;
    }
    const auto n = static_cast<unsigned long>(r.differences.size());
    out << format(i18n::trn("{0}: {1} batch differs from the ledger", "{0}: {1} batches differ from the ledger", n),
                  {checked, std::to_string(n)})
        << "\n";
    for (const VerifyDifference& d : r.differences) {
        out << "  "
            << format(tr("{0}, batch {1} ({2}): stock on hand {3}, ledger {4}"),
                      {d.item_name, d.batch_no, d.batch_id, std::to_string(d.stored), std::to_string(d.ledger)})
            << "\n";
    }
    return 1;
}

}  // namespace outpost

// The outpost executable: `outpost [options]` runs the dispensary and stock
// app; `outpost verify --db PATH` checks stock on hand against the ledger;
// `outpost gs1 'TEXT'` reads a barcode scan.
// All the work is in app/platform/; this file only dispatches on the command
// line and turns results into exit statuses (0 ok, 1 verify found
// differences, 2 error or bad arguments).
#include <iostream>

#include <string>
#include <vector>

#include "i18n.h"
#include "local_time.h"
#include "admin_command.h"
#include "cli.h"
#include "clock_command.h"
#include "gs1_command.h"
#include "label_command.h"
#include "report_command.h"
#include "scanner_command.h"
#include "sync_command.h"
#include "peer_command.h"
#include "verify_command.h"
#ifdef OUTPOST_WITH_APP
#include "kiosk_app.h"
#endif

int main(int argc, char** argv) {
    using outpost::CommandLine;
    const std::vector<std::string> args(argv + 1, argv + argc);
    // The device's language from the environment, for every subcommand; the
    // app's --lang overrides it below. Set before any thread starts.
    outpost::i18n::set_device_lang(outpost::i18n::from_environment());
    outpost::i18n::set_screen_lang(outpost::i18n::device_lang());
    if (outpost::is_admin_command(args)) return outpost::run_admin_command(args, std::cout, std::cerr);
    if (outpost::is_sync_command(args)) return outpost::run_sync_command(args, std::cout, std::cerr);
    if (outpost::is_peer_command(args)) return outpost::run_peer_command(args, std::cout, std::cerr);
    if (outpost::is_gs1_command(args)) return outpost::run_gs1_command(args, std::cout, std::cerr);
    if (outpost::is_label_command(args)) return outpost::run_label_command(args, std::cout, std::cerr);
    if (outpost::is_report_command(args)) return outpost::run_report_command(args, std::cout, std::cerr);
    if (outpost::is_scanner_command(args)) return outpost::run_scanner_command(args, std::cout, std::cerr);
    if (outpost::is_clock_command(args)) return outpost::run_clock_command(args, std::cout, std::cerr);
    const CommandLine cl = outpost::parse_command_line(argc, argv);
    switch (cl.action) {
        case CommandLine::Action::kHelp:
            std::cout << outpost::usage_text() << "\n" << outpost::admin_usage_text() << "\n"
                      << outpost::sync_usage_text() << "\n" << outpost::peer_usage_text() << "\n" << outpost::gs1_usage_text() << "\n"
                      << outpost::label_usage_text() << "\n" << outpost::report_usage_text()
                      << "\n" << outpost::scanner_usage_text() << "\n"
                      << outpost::clock_usage_text();
            return 0;
        case CommandLine::Action::kVersion:
            std::cout << "outpost " << OUTPOST_VERSION << "\n";
            return 0;
        case CommandLine::Action::kError:
            std::cerr << "outpost: " << cl.error << "\n\n" << outpost::usage_text();
            return 2;
        case CommandLine::Action::kVerify:
            return outpost::run_verify(cl.config, std::cout, std::cerr);
        case CommandLine::Action::kRun:
            break;
    }
    if (auto lang = outpost::i18n::parse(cl.config.lang)) {
        outpost::i18n::set_device_lang(*lang);
        outpost::i18n::set_screen_lang(*lang);
    }
    if (outpost::Status tz = outpost::use_command_line_time_zone(cl.config.time_zone); !tz.ok()) {
        std::cerr << "outpost: " << tz.message() << "\n";
        return 2;
    }
#ifdef OUTPOST_WITH_APP
    return outpost::run_kiosk_app(cl.config);
#else
    std::cerr << "outpost: this build has no app (OUTPOST_BUILD_APP=OFF); only `outpost verify` works\n";
    return 2;
#endif
}

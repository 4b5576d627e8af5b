// The label print queue as a background service (background_services.h):
// labels go to this device's printer on the queue's own thread (app/print,
// print_queue.h), from jobs kept in the store, so the screens never wait for
// a printer and a closed app loses no label. The queue opens its own store
// connection for each round of printing, so a demo reset or a registration
// that reopens the store needs only stop() and start() here.
// Thread safety: every method on the main thread; the queue's thread only
// wakes the frame loop (request_redraw) when its status changed.
#pragma once

#include <memory>

#include "background_services.h"
#include "print_queue.h"
#include "printer_discovery.h"

namespace outpost {

class PrintService : public BackgroundService {
public:
    explicit PrintService(const KioskConfig& config) : config_(config) {}
    ~PrintService() override { stop(); }

    void start(Store& store) override;
    // After the job being sent (bounded by the printer's timeouts); jobs not
    // printed stay in the store for the next start.
    void stop() override;
    // The queue, for "print" after a dispensing, reprints, the status and
    // the test label; the discovery, for the Printer settings screen.
    void add_to_ui(UiOptions& options) override;

private:
    const KioskConfig& config_;
    std::unique_ptr<PrintQueue> queue_;
    // The CUPS queues and folders the Printer settings screen offers.
    std::unique_ptr<PrinterDiscovery> discovery_;
};

}  // namespace outpost

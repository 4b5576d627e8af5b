// The print queue service (see print_service.h).
#include "print_service.h"

#include "window.h"

namespace outpost {

void PrintService::start(Store& store) {
    (void)store;  // the queue opens its own connection on the same file
    if (queue_) return;
    PrintQueue::Options options;
    options.store = OpenOptions{config_.db_path, false, nullptr, config_.demo};
    options.retry_after_ms = 30000;
    options.on_change = [] { request_redraw(); };
    queue_ = std::make_unique<PrintQueue>(std::move(options));
    queue_->start();
    discovery_ = std::make_unique<PrinterDiscovery>();
    discovery_->on_change = [] { request_redraw(); };
}

void PrintService::stop() {
    if (!queue_) return;
    queue_->stop();
    queue_.reset();
    discovery_.reset();  // waits for a look still running (lpstat's 5 s at most)
}

void PrintService::add_to_ui(UiOptions& options) {
    options.print_queue = queue_.get();
    options.printer_discovery = discovery_.get();
}

}  // namespace outpost

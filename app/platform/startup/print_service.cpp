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
}

void PrintService::stop() {
    if (!queue_) return;
    queue_->stop();
    queue_.reset();
}

void PrintService::add_to_ui(UiOptions& options) { options.print_queue = queue_.get(); }

}  // namespace outpost

// The print queue's thread (see print_queue.h).
#include "print_queue.h"

#include <chrono>

#include "i18n.h"
#include "print_job.h"

namespace outpost {

PrintQueue::PrintQueue(Options options) : options_(std::move(options)) {
    options_.store.create = false;
    if (!options_.make_printer) {
        options_.make_printer = [](const PrinterSettings& s) { return make_printer(s); };
    }
}

PrintQueue::~PrintQueue() { stop(); }

void PrintQueue::start() {
    std::lock_guard<std::mutex> lock(mu_);
    if (thread_.joinable()) return;
    stop_ = false;
    thread_ = std::thread([this] { run(); });
}

void PrintQueue::stop() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void PrintQueue::wake() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        wake_ = true;
    }
    cv_.notify_all();
}

void PrintQueue::retry() { wake(); }

void PrintQueue::check_printer() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        check_ = true;
        wake_ = true;
        status_.checking = true;
        status_.check.clear();
    }
    cv_.notify_all();
}

PrintQueueStatus PrintQueue::status() const {
    std::lock_guard<std::mutex> lock(mu_);
    return status_;
}

void PrintQueue::set_status(const std::function<void(PrintQueueStatus&)>& change) {
    {
        std::lock_guard<std::mutex> lock(mu_);
        change(status_);
    }
    if (options_.on_change) options_.on_change();
}

Result<int64_t> PrintQueue::print_labels(Store& store, const std::vector<LabelInput>& labels) {
    if (labels.empty()) return Status::InvalidArgument("there is no label to print");
    auto id = store.add_print_job(describe_labels(labels), encode_labels(labels));
    if (id.ok()) {
        set_status([](PrintQueueStatus& s) { ++s.waiting; });
        wake();
    }
    return id;
}

Result<int64_t> PrintQueue::print_dispensing(Store& store, const std::string& prescription_id) {
    auto labels = store.dispensing_labels(prescription_id);
    if (!labels.ok()) return labels.status();
    return print_labels(store, *labels);
}

void PrintQueue::print_test_label() {
    {
        std::lock_guard<std::mutex> lock(mu_);
        test_ = true;
        wake_ = true;
        status_.testing = true;
        status_.test.clear();
        status_.test_ok = false;
    }
    cv_.notify_all();
}

void PrintQueue::run_test(Store& store, const PrinterSettings* settings, LabelPrinter* printer,
                          const std::string& problem) {
    std::string answer;
    bool ok = false;
    if (!printer) {
        answer = !problem.empty() ? problem
                                  : i18n::tr("no printer is set on this device: choose one, save, and test again");
    } else {
        const Status ready = printer->check();
        if (!ready.ok()) {
            answer = i18n::format(i18n::tr("{0}. The test label was not printed."), {ready.message()});
        } else {
            const Identity& id = store.identity();
            const Status sent = printer->print({"test-" + store.today(), {test_label(id.site_name, store.today(), id.demo)}});
            ok = sent.ok();
            const char* done = settings->kind == PrinterKind::kFolder ? i18n::tr("ready: the test label was saved to {0}")
                               : settings->kind == PrinterKind::kCups ? i18n::tr("ready: the test label was handed to {0}")
                                                                      : i18n::tr("ready: the test label went to {0}");
            answer = ok ? i18n::format(done, {printer->where()})
                        : i18n::format(i18n::tr("the printer answered, but the test label did not print: {0}"),
                                       {sent.message()});
        }
    }
    set_status([&](PrintQueueStatus& s) {
        s.test = answer;
        s.test_ok = ok;
        s.testing = false;
    });
}

void PrintQueue::run() {
    bool failed = false;
    while (true) {
        bool check = false, test = false;
        {
            std::unique_lock<std::mutex> lock(mu_);
            if (stop_) return;
            check = check_;
            check_ = false;
            test = test_;
            test_ = false;
            wake_ = false;
        }
        // A connection per round: the queue sleeps between rounds holding
        // nothing, and a store file replaced meanwhile (a demo reset) is the
        // one read next time.
        auto opened = Store::Open(options_.store);
        if (!opened.ok()) {
            set_status([&](PrintQueueStatus& s) {
                s.state = PrintQueueStatus::State::kFailed;
                s.error = i18n::format(i18n::tr("labels cannot be printed: {0}"), {opened.status().message()});
                s.line = s.error;
                s.can_retry = true;
                s.checking = false;
                if (test) s.test = s.error, s.testing = false, s.test_ok = false;
            });
            std::unique_lock<std::mutex> lock(mu_);
            cv_.wait_for(lock, std::chrono::milliseconds(options_.retry_after_ms), [&] { return stop_ || wake_; });
            continue;
        }
        Store& store = **opened;
        auto jobs = store.unprinted_print_jobs(20);
        auto settings = store.printer_settings();
        const int64_t waiting = jobs.ok() ? static_cast<int64_t>(jobs->size()) : 0;
        std::unique_ptr<LabelPrinter> printer;
        Status problem = !jobs.ok() ? jobs.status() : !settings.ok() ? settings.status() : Status::Ok();
        bool no_printer = false;
        if (problem.ok() && (waiting > 0 || check || test)) {
            if (settings->kind == PrinterKind::kNone) {
                no_printer = true;
            } else {
                auto made = options_.make_printer(*settings);
                if (made.ok()) printer = std::move(*made);
                else problem = made.status();
            }
        }
        if (check) {
            std::string answer = problem.message();
            if (no_printer) answer = i18n::tr("no label printer is set on this device");
            if (printer) {
                const Status ready = printer->check();
                answer = ready.ok() ? i18n::format(i18n::tr("ready: {0}"), {printer->where()}) : ready.message();
            }
            set_status([&](PrintQueueStatus& s) {
                s.check = answer;
                s.checking = false;
            });
        }
        if (test) run_test(store, settings.ok() ? &*settings : nullptr, printer.get(), problem.message());
        failed = false;
        if (no_printer && waiting > 0) {
            set_status([&](PrintQueueStatus& s) {
                s.state = PrintQueueStatus::State::kNoPrinter;
                s.waiting = waiting;
                s.line = i18n::format(i18n::trn("no label printer is set: {0} label job kept until one is",
                                                "no label printer is set: {0} label jobs kept until one is",
                                                static_cast<unsigned long>(waiting)),
                                      {std::to_string(waiting)});
                s.can_retry = false;
            });
        } else if (!problem.ok()) {
            failed = true;
            set_status([&](PrintQueueStatus& s) {
                s.state = PrintQueueStatus::State::kFailed;
                s.waiting = waiting;
                s.error = problem.message();
                s.line = problem.message();
                s.can_retry = true;
            });
        } else if (printer) {
            int64_t left = waiting;
            for (const PrintJob& job : *jobs) {
                {
                    std::lock_guard<std::mutex> lock(mu_);
                    if (stop_) return;
                }
                set_status([&](PrintQueueStatus& s) {
                    s.state = PrintQueueStatus::State::kPrinting;
                    s.waiting = left;
                    s.line = i18n::format(i18n::tr("printing: {0}"), {job.description});
                    s.can_retry = false;
                });
                auto labels = decode_labels(job.payload);
                Status sent = labels.ok() ? printer->print({date_of(job.created_ms) + "-job" + std::to_string(job.id),
                                                            std::move(*labels)})
                                          : labels.status();
                if (sent.ok()) {
                    // Acknowledged: recorded before anything else so that no
                    // retry can send this job again.
                    Status marked = store.mark_print_job_printed(job.id);
                    --left;
                    set_status([&](PrintQueueStatus& s) {
                        ++s.printed;
                        s.waiting = left;
                        s.error = marked.ok() ? ""
                                              : i18n::format(i18n::tr("printed, but not recorded: {0}"), {marked.message()});
                    });
                    continue;
                }
                store.note_print_failure(job.id, sent.message());
                if (!labels.ok()) continue;  // an unreadable job never blocks the others
                failed = true;
                const bool silent = sent.message().rfind("printer not answering", 0) == 0;
                set_status([&](PrintQueueStatus& s) {
                    s.state = PrintQueueStatus::State::kFailed;
                    s.waiting = left;
                    s.error = sent.message();
                    s.line = silent ? std::string(i18n::tr("printer not answering: check it is on")) : sent.message();
                    s.can_retry = true;
                });
                break;
            }
            if (!failed) {
                set_status([&](PrintQueueStatus& s) {
                    s.state = left > 0 ? PrintQueueStatus::State::kFailed : PrintQueueStatus::State::kIdle;
                    s.waiting = left;
                    s.line = left > 0 ? i18n::format(i18n::trn("{0} label job could not be read",
                                                                "{0} label jobs could not be read",
                                                                static_cast<unsigned long>(left)),
                                                     {std::to_string(left)})
                                      : "";
                    s.can_retry = left > 0;
                });
                if (left > 0) failed = true;
            }
        } else if (waiting == 0) {
            set_status([&](PrintQueueStatus& s) {
                s.state = PrintQueueStatus::State::kIdle;
                s.waiting = 0;
                s.line.clear();
                s.can_retry = false;
            });
        }
        const bool more = !failed && printer && jobs.ok() && jobs->size() == 20;
        std::unique_lock<std::mutex> lock(mu_);
        if (more) continue;  // a full page was printed: there may be more
        if (failed) {
            cv_.wait_for(lock, std::chrono::milliseconds(options_.retry_after_ms), [&] { return stop_ || wake_; });
        } else {
            cv_.wait(lock, [&] { return stop_ || wake_; });
        }
    }
}

}  // namespace outpost

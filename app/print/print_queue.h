// The print queue: labels go to the printer on a background thread, so
// printing never blocks the screen, and every job is first written to the
// store (print_jobs), so a crash, a dead printer or a closed app loses no
// label: a job stays until the printer took it and is then never sent
// again. A failed print touches nothing else: the dispensing it belongs to
// was committed before it was queued.
//
// The thread opens its own Store connection on the same file for each round
// of printing (a Store is not thread safe), reads this device's printer
// settings before each round
// (so a change on the settings screen applies to the next job), prints the
// unprinted jobs oldest first and, when the printer fails, waits
// retry_after_ms or a retry() before trying again.
//
// Thread safety: every public method may be called from any thread.
// status() is a snapshot under a mutex: cheap enough for every frame.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "printers.h"
#include "store.h"

namespace outpost {

struct PrintQueueStatus {
    enum class State {
        kIdle,       // nothing waiting
        kPrinting,   // sending a job now
        kFailed,     // the last try failed; waiting to try again (or a retry)
        kNoPrinter,  // jobs wait because no printer is set on this device
    };
    State state = State::kIdle;
    int64_t waiting = 0;   // jobs not yet printed, the one printing included
    int64_t printed = 0;   // jobs printed since the queue started
    // One line for the status bar: "" when idle, "printing: Labels for ...",
    // "printer not answering: check it is on", "no label printer is set: ..."
    std::string line;
    std::string error;     // the last failure in full ("" after a success)
    bool can_retry = false;  // show a "retry" button (state kFailed)
    // The answer to the last check_printer() ("" before one): "ready", or why not.
    std::string check;
    bool checking = false;
    // "print test label" (print_test_label()): running now; its outcome in
    // words ("" before one): "ready: the test label went to label printer
    // 192.168.1.50:9100", "the label printer is not ready: paper out ...",
    // "printer not answering: check it is on ..."; test_ok when it printed.
    bool testing = false;
    std::string test;
    bool test_ok = false;
};

class PrintQueue {
public:
    using PrinterFactory =
        std::function<Result<std::unique_ptr<LabelPrinter>>(const PrinterSettings& settings)>;

    struct Options {
        OpenOptions store;           // the app's file and demo flag (create=false is set)
        PrinterFactory make_printer; // default: make_printer(settings)
        int retry_after_ms = 30000;  // after a failure, try again this much later
        // Called (on the queue's thread) whenever status() changed: the app
        // wakes its event loop with it (glfwPostEmptyEvent).
        std::function<void()> on_change;
    };

    explicit PrintQueue(Options options);
    ~PrintQueue();  // stop()
    PrintQueue(const PrintQueue&) = delete;
    PrintQueue& operator=(const PrintQueue&) = delete;

    // Starts the thread. Returns at once; a store that cannot be opened
    // shows in status().error.
    void start();
    // Stops the thread after the job it is sending (bounded by the
    // printer's timeouts). Jobs not printed stay in the store for next time.
    void stop();

    // Queues the labels of a committed dispensing (store.dispense() returned
    // it) through the caller's own store connection and wakes the thread.
    // An error here (a cancelled dispensing, a full disk) is returned and
    // changes nothing else.
    Result<int64_t> print_dispensing(Store& store, const std::string& prescription_id);
    // Queues any labels (a reprint of one line, the test label).
    Result<int64_t> print_labels(Store& store, const std::vector<LabelInput>& labels);
    // "print test label", on the queue's thread with the settings saved
    // now: asks the printer whether it is ready (a ZPL printer: ~HS, 5 s)
    // and, when it is, prints test_label() on it straight away (not through
    // print_jobs: a test label that could not print is not kept for later).
    // Returns at once; status().testing until the outcome is in
    // status().test.
    void print_test_label();
    // Ask the printer whether it is ready, without printing.
    void check_printer();
    // Try now instead of waiting for retry_after_ms.
    void retry();

    PrintQueueStatus status() const;

private:
    void run();
    void set_status(const std::function<void(PrintQueueStatus&)>& change);
    void wake();
    // The test label on printer (made from settings); the outcome in words.
    void run_test(Store& store, const PrinterSettings* settings, LabelPrinter* printer, const std::string& problem);

    Options options_;
    mutable std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false, wake_ = false, check_ = false, test_ = false;
    PrintQueueStatus status_;
    std::thread thread_;
};

}  // namespace outpost

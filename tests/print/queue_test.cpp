// Tests for the print queue on its background thread, against the fake ZPL
// printer through the real TCP printer: a dispensing's labels are printed
// once; an unplugged printer gives "printer not answering: check it is on"
// and a retry; after the retry every job is printed exactly once (nothing
// twice); jobs outlive the queue (a restart prints what was left); with no
// printer set the jobs are kept; queuing never waits for the printer.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <functional>

#include "fake_zpl_printer.h"
#include "print_queue.h"
#include "test_fixture.h"

using namespace outpost;
using outpost::test::Clinic;
using outpost::test::count_zpl_formats;
using outpost::test::FakeZplPrinter;

namespace {

std::string dispense(Clinic& c, const std::string& item, int64_t qty) {
    DispenseInput in;
    in.patient_id = c.patient;
    DispenseLineInput l;
    l.item_id = item;
    l.quantity = qty;
    l.directions = "1t tds x5/7";
    in.lines = {l};
    auto r = c.store->dispense(c.dispenser, in);
    REQUIRE(r.ok());
    return r->prescription_id;
}

bool wait_for(const std::function<bool()>& done, int ms = 5000) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!done()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        usleep(5000);
    }
    return true;
}

void use_printer(Clinic& c, const std::string& address) {
    PrinterSettings s;
    s.kind = PrinterKind::kZpl;
    s.address = address;
    s.label_size = "4x2in";
    REQUIRE(c.store->set_printer_settings(s).ok());
}

PrintQueue::Options queue_options(const std::string& path) {
    PrintQueue::Options o;
    o.store.path = path;
    o.retry_after_ms = 60000;  // only retry() tries again within a test
    return o;
}

}  // namespace

TEST_CASE("a dispensing's labels are printed once, off the caller's thread", "[print][queue]") {
    const std::string path = outpost::test::temp_path("queue-once.db");
    Clinic c(path);
    FakeZplPrinter fake;
    use_printer(c, fake.address());
    PrintQueue queue(queue_options(path));
    queue.start();
    const std::string rx = dispense(c, c.amox, 15);
    auto job = queue.print_dispensing(*c.store, rx);
    REQUIRE(job.ok());
    REQUIRE(wait_for([&] { return queue.status().printed == 1; }));
    CHECK(wait_for([&] { return fake.jobs().size() == 1; }));
    CHECK(count_zpl_formats(fake.jobs()[0]) == 1);
    CHECK(fake.jobs()[0].find("Amoxicillin 250 mg dispersible tablet") != std::string::npos);
    CHECK(fake.jobs()[0].find("KAMARA, Aminata") != std::string::npos);
    CHECK(wait_for([&] { return queue.status().state == PrintQueueStatus::State::kIdle; }));
    CHECK(c.store->print_job(*job)->printed_ms.has_value());
    usleep(100000);
    CHECK(fake.jobs().size() == 1);  // and not again
}

TEST_CASE("unplugged printer: 'not answering', the dispensing stands, a retry prints each job once",
          "[print][queue]") {
    const std::string path = outpost::test::temp_path("queue-retry.db");
    Clinic c(path);
    FakeZplPrinter fake;
    use_printer(c, fake.address());
    PrintQueue queue(queue_options(path));
    queue.start();

    // One job printed while the printer is there.
    auto first = queue.print_dispensing(*c.store, dispense(c, c.amox, 15));
    REQUIRE(first.ok());
    REQUIRE(wait_for([&] { return queue.status().printed == 1; }));

    fake.unplug();
    const std::string rx = dispense(c, c.para, 20);
    const int64_t outbox_before = c.outbox();
    const auto start = std::chrono::steady_clock::now();
    auto second = queue.print_dispensing(*c.store, rx);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(200));  // never waits for the printer
    REQUIRE(second.ok());
    REQUIRE(wait_for([&] { return queue.status().state == PrintQueueStatus::State::kFailed; }));
    PrintQueueStatus failed = queue.status();
    CHECK(failed.line == "printer not answering: check it is on");
    CHECK(failed.can_retry);
    CHECK(failed.waiting == 1);
    // The dispensing is committed and untouched by the failed print.
    CHECK(c.store->dispensing_labels(rx).ok());
    CHECK(c.outbox() == outbox_before);
    auto kept = c.store->print_job(*second);
    CHECK(kept->attempts == 1);
    CHECK_FALSE(kept->printed_ms.has_value());

    // A retry while still unplugged fails again and prints nothing.
    queue.retry();
    REQUIRE(wait_for([&] { return c.store->print_job(*second)->attempts == 2; }));

    fake.plug_in();
    queue.retry();
    REQUIRE(wait_for([&] { return queue.status().printed == 2; }));
    CHECK(wait_for([&] { return queue.status().state == PrintQueueStatus::State::kIdle; }));
    CHECK(queue.status().line.empty());
    // The printer got the first job before the unplugging and the second
    // after it: each once.
    REQUIRE(wait_for([&] { return fake.jobs().size() == 2; }));
    CHECK(fake.jobs()[0].find("Amoxicillin") != std::string::npos);
    CHECK(fake.jobs()[1].find("Paracetamol") != std::string::npos);
    CHECK(count_zpl_formats(fake.jobs()[1]) == 1);
    queue.retry();  // another retry: nothing left, nothing sent
    usleep(200000);
    CHECK(fake.jobs().size() == 2);
}

TEST_CASE("jobs outlive the queue: a restart prints what was left, and only that", "[print][queue]") {
    const std::string path = outpost::test::temp_path("queue-restart.db");
    Clinic c(path);
    FakeZplPrinter fake;
    fake.unplug();
    use_printer(c, fake.address());
    int64_t job = 0;
    {
        PrintQueue queue(queue_options(path));
        queue.start();
        job = queue.print_dispensing(*c.store, dispense(c, c.amox, 10)).value();
        REQUIRE(wait_for([&] { return queue.status().state == PrintQueueStatus::State::kFailed; }));
    }  // the app closes with the job unprinted
    fake.plug_in();
    PrintQueue again(queue_options(path));
    again.start();
    REQUIRE(wait_for([&] { return again.status().printed == 1; }));
    CHECK(c.store->print_job(job)->printed_ms.has_value());
    REQUIRE(wait_for([&] { return fake.jobs().size() == 1; }));
}

TEST_CASE("no printer set: jobs are kept and shown, and a cancelled dispensing is refused", "[print][queue]") {
    const std::string path = outpost::test::temp_path("queue-none.db");
    Clinic c(path);
    PrintQueue queue(queue_options(path));
    queue.start();
    const std::string rx = dispense(c, c.amox, 10);
    REQUIRE(queue.print_dispensing(*c.store, rx).ok());
    REQUIRE(wait_for([&] { return queue.status().state == PrintQueueStatus::State::kNoPrinter; }));
    CHECK(queue.status().line.find("no label printer is set") == 0);
    CHECK(c.store->unprinted_print_jobs()->size() == 1);

    const std::string cancelled = dispense(c, c.amox, 5);
    REQUIRE(c.store->cancel_dispensing(c.dispenser, cancelled, "wrong patient").ok());
    auto refused = queue.print_dispensing(*c.store, cancelled);
    CHECK(refused.status().code() == Status::Code::kConflict);
    CHECK(c.store->unprinted_print_jobs()->size() == 1);
}

TEST_CASE("print test label: the printer's answer in words and the label printed only when ready", "[print][queue]") {
    const std::string path = outpost::test::temp_path("queue-test-label.db");
    Clinic c(path);
    FakeZplPrinter fake;
    use_printer(c, fake.address());
    PrintQueue queue(queue_options(path));
    queue.start();
    queue.print_test_label();
    CHECK(queue.status().testing);  // at once: the caller never waits
    REQUIRE(wait_for([&] { return !queue.status().testing; }));
    CHECK(queue.status().test == "ready: the test label went to label printer " + fake.address());
    CHECK(queue.status().test_ok);
    REQUIRE(fake.jobs().size() == 1);
    CHECK(fake.jobs()[0].find("TEST LABEL") != std::string::npos);
    CHECK(count_zpl_formats(fake.jobs()[0]) == 1);
    CHECK(c.store->unprinted_print_jobs()->empty());  // never a job kept for later

    fake.set_status("paper out");
    queue.print_test_label();
    REQUIRE(wait_for([&] { return !queue.status().testing; }));
    CHECK_FALSE(queue.status().test_ok);
    CHECK(queue.status().test ==
          "the label printer is not ready: paper out (load labels). The test label was not printed.");
    CHECK(fake.jobs().size() == 1);

    queue.check_printer();
    REQUIRE(wait_for([&] { return !queue.status().checking && !queue.status().check.empty(); }));
    CHECK(queue.status().check.find("paper out") != std::string::npos);

    fake.unplug();
    queue.print_test_label();
    REQUIRE(wait_for([&] { return !queue.status().testing; }));
    CHECK(queue.status().test.rfind("printer not answering: check it is on", 0) == 0);
    CHECK(c.store->unprinted_print_jobs()->empty());
}

TEST_CASE("print test label to a folder says where the PDF went", "[print][queue]") {
    const std::string path = outpost::test::temp_path("queue-test-folder.db");
    Clinic c(path);
    const std::string dir = outpost::test::temp_path("queue-test-folder-out");
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    PrinterSettings s;
    s.kind = PrinterKind::kFolder;
    s.address = dir;
    REQUIRE(c.store->set_printer_settings(s).ok());
    PrintQueue queue(queue_options(path));
    queue.start();
    queue.print_test_label();
    REQUIRE(wait_for([&] { return !queue.status().testing; }));
    CHECK(queue.status().test == "ready: the test label was saved to folder " + dir);
    int pdfs = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) pdfs += e.path().extension() == ".pdf";
    CHECK(pdfs == 1);

    std::filesystem::remove_all(dir);  // the stick was pulled out
    queue.print_test_label();
    REQUIRE(wait_for([&] { return !queue.status().testing; }));
    CHECK_FALSE(queue.status().test_ok);
    CHECK(queue.status().test.find("is not there: plug the USB stick in") != std::string::npos);
}

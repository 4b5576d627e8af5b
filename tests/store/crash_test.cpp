// A child process killed while it writes: every dispensing it reported as
// committed is there exactly once after reopening, the file passes SQLite's
// integrity check, and verify passes.
#include <catch2/catch.hpp>
#include <csignal>
#include <fcntl.h>
#include <random>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

#include "test_fixture.h"

using namespace outpost;
using namespace outpost::test;

TEST_CASE("SIGKILL during dispensing loses no committed dispensing", "[crash]") {
    const std::string path = temp_path("crash.db");
    { Clinic prepare(path); }
    std::mt19937 rng(7);
    std::set<std::string> reported;
    for (int round = 0; round < 6; ++round) {
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            dup2(fds[1], 1);
            close(fds[0]);
            std::string seed = std::to_string(round);
            execl(CRASH_CHILD, CRASH_CHILD, path.c_str(), seed.c_str(), static_cast<char*>(nullptr));
            _exit(127);
        }
        close(fds[1]);
        usleep(static_cast<useconds_t>(50000 + rng() % 250000));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        CHECK(WIFSIGNALED(status));
        // Everything the child printed before it died was committed first.
        std::string buf;
        char chunk[4096];
        ssize_t n;
        while ((n = read(fds[0], chunk, sizeof chunk)) > 0) buf.append(chunk, static_cast<size_t>(n));
        close(fds[0]);
        size_t start = 0;
        for (size_t nl; (nl = buf.find('\n', start)) != std::string::npos; start = nl + 1)
            reported.insert(buf.substr(start, nl - start));
        auto s = Store::Open({path, false});
        REQUIRE(s.ok());
        Store& store = **s;
        CHECK(store.db().query_text("PRAGMA integrity_check").value() == "ok");
        auto v = store.verify();
        REQUIRE(v.ok());
        CHECK(v->ok());
        Stmt q = store.db().prepare("SELECT COUNT(*) FROM prescriptions WHERE id=?");
        for (const auto& id : reported) {
            q.reset();
            q.bind(1, id);
            REQUIRE(q.step());
            CHECK(q.i64(0) == 1);
        }
    }
    INFO("dispensings reported committed: " << reported.size());
    CHECK(reported.size() > 5);
}

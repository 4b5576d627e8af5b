// A throwaway PostgreSQL 15 cluster for the tests that run central on
// PostgreSQL: made with initdb in a fresh temporary folder, started with
// pg_ctl on a Unix socket in that folder (no TCP port), and stopped and
// removed when the test program exits. Each test asks for a database of its
// own (fresh_database()). Nothing depends on a server already running.
//
// As root (CI runs the suite as root) initdb and pg_ctl refuse to run, so they
// run as the unprivileged `postgres` user (made by Debian's postgresql-15)
// through `runuser -u postgres --`, and the folder is given to that user.
// Otherwise they run as the current user. The binaries are looked for in
// $OUTPOST_PG_BIN, then /usr/lib/postgresql/15/bin; when they are missing,
// available() is false and skip_reason() says what to install.
//
// The cluster trades durability for speed (fsync off): it is thrown away.
#pragma once

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <string>

#include "central_sql.h"

namespace outpost::pg_test {

class Cluster {
  public:
    // The one cluster of this test program, started on first use.
    static Cluster& get() {
        static Cluster cluster;
        return cluster;
    }
    bool available() const { return started_; }
    const std::string& skip_reason() const { return problem_; }

    // postgresql:// address of a new, empty database. REQUIRES: available().
    std::string fresh_database() {
        std::lock_guard<std::mutex> l(mu_);
        const std::string name = "t" + std::to_string(++databases_);
        auto admin = sql::open_postgres(address("postgres"));
        if (!admin.ok()) return "";
        if (!(*admin)->exec("CREATE DATABASE " + name).ok()) return "";
        return address(name);
    }
    std::string address(const std::string& dbname) const {
        return "postgresql:///" + dbname + "?host=" + dir_ + "&user=postgres";
    }

    ~Cluster() {
        if (started_)
            (void)run(pg_ctl_ + " -D " + dir_ + "/data -m immediate -w stop >/dev/null 2>&1");
        if (!dir_.empty()) (void)std::system(("rm -rf '" + dir_ + "'").c_str());
    }

  private:
    Cluster() { start(); }

    // Runs a shell command as the cluster's user.
    int run(const std::string& command) const {
        const std::string line =
            as_root_ ? "runuser -u postgres -- sh -c \"" + command + "\"" : command;
        return std::system(line.c_str());
    }

    void start() {
        const char* env = std::getenv("OUTPOST_PG_BIN");
        const std::string bin = env && *env ? env : "/usr/lib/postgresql/15/bin";
        if (access((bin + "/initdb").c_str(), X_OK) != 0 ||
            access((bin + "/pg_ctl").c_str(), X_OK) != 0) {
            problem_ =
                "PostgreSQL 15 is not installed (no " + bin +
                "/initdb): install postgresql-15 (tools/setup-debian.sh) or set OUTPOST_PG_BIN";
            return;
        }
        pg_ctl_ = bin + "/pg_ctl";
        as_root_ = geteuid() == 0;
        char tmpl[] = "/tmp/outpost-pg-XXXXXX";
        if (!mkdtemp(tmpl)) {
            problem_ = "cannot make a temporary folder for the PostgreSQL cluster";
            return;
        }
        dir_ = tmpl;
        if (as_root_) {
            const passwd* pw = getpwnam("postgres");
            if (!pw || chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
                problem_ =
                    "running as root, but there is no `postgres` user to run PostgreSQL as "
                    "(install postgresql-15)";
                return;
            }
        }
        const std::string log = dir_ + "/log";
        if (run(bin + "/initdb -D " + dir_ +
                "/data -A trust -U postgres -E UTF8 --locale=C --no-sync >" + log + " 2>&1") != 0) {
            problem_ = "initdb failed; see " + log;
            return;
        }
        const std::string options = "-k " + dir_ +
                                    " -c listen_addresses= -c fsync=off -c synchronous_commit=off "
                                    "-c full_page_writes=off -c max_connections=200";
        if (run(pg_ctl_ + " -D " + dir_ + "/data -l " + log + " -w -t 60 -o '" + options +
                "' start >/dev/null 2>&1") != 0) {
            problem_ = "pg_ctl could not start the test cluster; see " + log;
            return;
        }
        started_ = true;
    }

    std::mutex mu_;
    std::string dir_, pg_ctl_, problem_;
    bool as_root_ = false;
    bool started_ = false;
    int databases_ = 0;
};

// True when this run's central tests use PostgreSQL (CTest sets
// OUTPOST_TEST_CENTRAL_DB=postgres for the tests labelled `postgres`).
inline bool central_on_postgres() {
    const char* e = std::getenv("OUTPOST_TEST_CENTRAL_DB");
    return e && std::string(e) == "postgres";
}

}  // namespace outpost::pg_test

// A bounded pool of central cores for `outpost-central serve`: each core has
// its own database connection, so on PostgreSQL up to `connections` requests
// run at once in one process (and several processes may share the database).
// A request waits at most `wait_ms` for a free connection and is otherwise
// answered 503 `busy` with Retry-After: never an unbounded wait.
//
// SQLite takes one writer at a time, so serve opens one connection there
// (as before the pool). What lives in memory is per process by design and
// shared by the pool's cores: the registration rate limit (docs/central.md
// "Several central processes").
//
// Thread safety: handle() and lease() may be called from any thread.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "central_core.h"

namespace outpost {

class CentralPool {
  public:
    // Opens `connections` cores (1 or more) on db. Errors: the first core's
    // (the database cannot be opened, a wrong kind of file, ...).
    static Result<std::unique_ptr<CentralPool>> Open(const std::string& db, int connections,
                                                     bool demo, int64_t wait_ms,
                                                     Clock* clock = nullptr);

    // A core taken from the pool until the Lease is destroyed; empty (core()
    // nullptr) when none came free within the pool's wait.
    class Lease {
      public:
        Lease(CentralPool* pool, CentralCore* core) : pool_(pool), core_(core) {}
        Lease(Lease&& o) noexcept : pool_(o.pool_), core_(o.core_) { o.core_ = nullptr; }
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        ~Lease() {
            if (core_) pool_->give_back(core_);
        }
        CentralCore* core() const { return core_; }

      private:
        CentralPool* pool_;
        CentralCore* core_;
    };
    Lease lease();

    // Serves one request on a free core; 503 busy (Retry-After) when every
    // connection stayed taken for the pool's wait.
    protocol::Response handle(const protocol::Request& request);

    // The first core (the dashboard's, and the only one on SQLite).
    CentralCore& first() { return *cores_.front(); }
    size_t size() const { return cores_.size(); }

  private:
    CentralPool() = default;
    void give_back(CentralCore* core);

    std::vector<std::unique_ptr<CentralCore>> cores_;
    std::mutex mu_;
    std::condition_variable freed_;
    std::vector<CentralCore*> free_;
    int64_t wait_ms_ = 0;
};

}  // namespace outpost

// The pool of central cores (central_pool.h).
#include "central_pool.h"

#include <chrono>

#include "central_internal.h"

namespace outpost {

Result<std::unique_ptr<CentralPool>> CentralPool::Open(const std::string& db, int connections,
                                                       bool demo, int64_t wait_ms, Clock* clock) {
    if (connections < 1) return Status::InvalidArgument("the pool needs at least one connection");
    std::unique_ptr<CentralPool> pool(new CentralPool());
    pool->wait_ms_ = wait_ms;
    for (int i = 0; i < connections; ++i) {
        auto core = CentralCore::Open(db, clock, demo);
        if (!core.ok()) {
            if (i == 0) return core.status();
            return Status::Unavailable("connection " + std::to_string(i + 1) + " of " +
                                       std::to_string(connections) +
                                       " to central's database failed: " + core.status().message());
        }
        if (i > 0) (*core)->share_register_limit(*pool->cores_.front());
        pool->cores_.push_back(std::move(core).value());
    }
    for (auto& c : pool->cores_) pool->free_.push_back(c.get());
    return pool;
}

CentralPool::Lease CentralPool::lease() {
    std::unique_lock<std::mutex> l(mu_);
    if (!freed_.wait_for(l, std::chrono::milliseconds(wait_ms_), [this] { return !free_.empty(); }))
        return Lease(this, nullptr);
    CentralCore* core = free_.back();
    free_.pop_back();
    return Lease(this, core);
}

void CentralPool::give_back(CentralCore* core) {
    {
        std::lock_guard<std::mutex> l(mu_);
        free_.push_back(core);
    }
    freed_.notify_one();
}

protocol::Response CentralPool::handle(const protocol::Request& request) {
    Lease lease = this->lease();
    if (!lease.core())
        return central::error_response(
            protocol::Error::kBusy,
            "central is busy: all " + std::to_string(cores_.size()) +
                " of its database connections stayed in use; try again shortly");
    return lease.core()->handle(request);
}

}  // namespace outpost

// outpost-central's HTTP server: translates httplib requests into
// protocol::Request for CentralCore and back, with every timeout set, request
// bodies capped at 8 MiB after gzip decompression (counted while reading, so
// a small compressed bomb cannot fill memory), gzip responses when the device
// accepts them (httplib, built with zlib), one log line per request, and a
// clean stop on SIGINT/SIGTERM.
//
// Slow and idle clients (docs/security.md): httplib's read timeout applies to
// each read, so a client sending one byte a second would hold a worker for
// ever. A ConnectionGuard gives every connection a deadline by which its
// request must have arrived, and shuts the socket down when it passes.
// TCP_DEFER_ACCEPT keeps connections that never send a byte away from the
// workers altogether, and the accept backlog is raised from httplib's 5.
#include "central_http.h"

#include <httplib.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "central_core.h"
#include "central_internal.h"
#include "central_pool.h"
#include "protocol.h"
#include "web_app.h"

namespace outpost {

namespace {

using Clock = std::chrono::steady_clock;
thread_local Clock::time_point g_request_start;

protocol::Headers copy_headers(const httplib::Headers& in) {
    protocol::Headers out;
    for (const auto& h : in) out.emplace(h.first, h.second);
    return out;
}

void send(const protocol::Response& from, httplib::Response& to) {
    to.status = from.status;
    std::string content_type = protocol::kContentTypeJson;
    for (const auto& h : from.headers) {
        if (protocol::HeaderLess{}(h.first, protocol::kHeaderContentType) ||
            protocol::HeaderLess{}(protocol::kHeaderContentType, h.first))
            to.set_header(h.first.c_str(), h.second);
        else
            content_type = h.second;
    }
    to.set_content(from.body, content_type.c_str());
}

void log_request(const httplib::Request& req, const httplib::Response& res) {
    // A request refused before routing (unreadable headers) has no start time.
    const bool timed = g_request_start != Clock::time_point();
    const double ms =
        timed ? std::chrono::duration<double, std::milli>(Clock::now() - g_request_start).count() : 0.0;
    g_request_start = Clock::time_point();
    char when[32];
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    std::fprintf(stderr, "%s %s %s %s %d %zu %.1fms\n", when, req.remote_addr.c_str(),
                 req.method.empty() ? "-" : req.method.c_str(), req.path.empty() ? "-" : req.path.c_str(), res.status,
                 res.body.size(), ms);
}

// "ip:port" of a socket's peer, formatted as httplib formats remote_addr.
std::string peer_of(int fd) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return "";
    char host[NI_MAXHOST], port[NI_MAXSERV];
    if (getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof host, port, sizeof port,
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0)
        return "";
    return std::string(host) + ":" + port;
}

int local_port_of(int fd) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return -1;
    if (addr.ss_family == AF_INET) return ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
    if (addr.ss_family == AF_INET6) return ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
    return -1;
}

// Deadlines per connection. httplib hides the accepted socket, so the guard
// finds it the moment it is handed to the worker queue (on the listening
// thread, right after accept): the one connected socket on central's port
// whose peer it has not seen at that descriptor. A deadline is armed at
// accept and again after each answer (the next request on a kept-alive
// connection), refreshed once the headers are in (the body gets its own
// window), and disarmed while central handles the request. A watchdog shuts
// down sockets whose deadline passed, after checking the descriptor still
// holds the same connection.
class ConnectionGuard {
public:
    ConnectionGuard(int timeout_s) : timeout_(std::chrono::seconds(timeout_s)) {
        watchdog_ = std::thread([this] { watch(); });
    }
    ~ConnectionGuard() {
        {
            std::lock_guard<std::mutex> lock(mu_);
            stop_ = true;
        }
        cv_.notify_all();
        watchdog_.join();
    }
    void set_port(int port) { port_ = port; }

    // On the listening thread, right after accept().
    void note_accepted() {
        rlimit lim{};
        int limit = 4096;
        if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < 4096) limit = static_cast<int>(lim.rlim_cur);
        std::lock_guard<std::mutex> lock(mu_);
        const int scan = std::min(limit, std::max(256, highest_fd_ + 64));
        for (int fd = 3; fd < scan; ++fd) {
            struct stat st;
            if (fstat(fd, &st) != 0 || !S_ISSOCK(st.st_mode) || local_port_of(fd) != port_) continue;
            const std::string peer = peer_of(fd);
            if (peer.empty()) continue;  // the listening socket
            auto it = by_fd_.find(fd);
            if (it != by_fd_.end() && it->second.peer == peer) continue;
            if (it != by_fd_.end()) by_peer_.erase(it->second.peer);
            by_fd_[fd] = Conn{peer, Clock::now() + timeout_, true};
            by_peer_[peer] = fd;
            highest_fd_ = std::max(highest_fd_, fd);
        }
    }
    // A request's headers arrived: its body gets a fresh window.
    void note_headers(const std::string& addr, int port) { set(addr, port, true); }
    // Central is working on the request: no deadline until it has answered.
    void note_handling(const std::string& addr, int port) { set(addr, port, false); }
    // Answered: the next request on this connection has its own window.
    void note_answered(const std::string& addr, int port) { set(addr, port, true); }
    int64_t cut_off() const { return cut_off_.load(); }

private:
    using Clock = std::chrono::steady_clock;
    struct Conn {
        std::string peer;
        Clock::time_point deadline;
        bool armed = true;
    };
    void set(const std::string& addr, int port, bool armed) {
        std::lock_guard<std::mutex> lock(mu_);
        auto p = by_peer_.find(addr + ":" + std::to_string(port));
        if (p == by_peer_.end()) return;
        Conn& c = by_fd_[p->second];
        c.armed = armed;
        c.deadline = Clock::now() + timeout_;
    }
    void watch() {
        std::unique_lock<std::mutex> lock(mu_);
        while (!stop_) {
            cv_.wait_for(lock, std::chrono::milliseconds(100));
            const auto now = Clock::now();
            for (auto it = by_fd_.begin(); it != by_fd_.end();) {
                const bool same = peer_of(it->first) == it->second.peer;
                if (same && !(it->second.armed && now > it->second.deadline)) {
                    ++it;
                    continue;
                }
                if (same) {  // too slow: httplib's read fails and it closes the socket
                    shutdown(it->first, SHUT_RDWR);
                    ++cut_off_;
                    std::fprintf(stderr, "outpost-central: cut off %s: no complete request within %lld s\n",
                                 it->second.peer.c_str(), static_cast<long long>(timeout_.count()));
                }
                by_peer_.erase(it->second.peer);
                it = by_fd_.erase(it);
            }
        }
    }

    const std::chrono::seconds timeout_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
    int port_ = -1, highest_fd_ = 0;
    std::map<int, Conn> by_fd_;
    std::map<std::string, int> by_peer_;
    std::atomic<int64_t> cut_off_{0};
    std::thread watchdog_;
};

// httplib's worker pool with the guard told of each accepted connection.
class GuardedPool : public httplib::TaskQueue {
public:
    GuardedPool(size_t threads, ConnectionGuard& guard) : pool_(threads), guard_(guard) {}
    void enqueue(std::function<void()> fn) override {
        guard_.note_accepted();
        pool_.enqueue(std::move(fn));
    }
    void shutdown() override { pool_.shutdown(); }

private:
    httplib::ThreadPool pool_;
    ConnectionGuard& guard_;
};

// A dashboard request (any path but /v1/...) for the web front.
void serve_web(web::WebApp& app, bool https, const httplib::Request& req, httplib::Response& res) {
    web::WebRequest w;
    w.method = req.method;
    w.path = req.path;
    for (const auto& p : req.params) w.params.emplace(p.first, p.second);
    w.headers = copy_headers(req.headers);
    w.https = https;
    w.remote_addr = req.remote_addr;
    web::WebResponse out = app.handle(w);
    res.status = out.status;
    for (const auto& h : out.headers) res.headers.emplace(h.first, h.second);
    res.set_content(out.body, out.content_type.c_str());
}

// Serves a dashboard path (everything outside /v1/).
using WebFront = std::function<void(const httplib::Request&, httplib::Response&)>;

void install_routes(httplib::Server& svr, CentralPool& pool, ConnectionGuard& guard,
                    const WebFront& web_front) {
    auto serve = [&pool, &guard](const httplib::Request& req, httplib::Response& res,
                                 std::string body) {
        guard.note_handling(req.remote_addr, req.remote_port);
        protocol::Request r;
        r.method = req.method;
        r.path = req.path;
        r.headers = copy_headers(req.headers);
        r.body = std::move(body);
        r.remote_addr = req.remote_addr;
        send(pool.handle(r), res);
    };
    auto post = [serve](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& reader) {
        std::string body;
        bool too_big = false;
        // httplib hands us the body already gunzipped; stop reading past the cap.
        const bool read_ok = reader([&](const char* data, size_t len) {
            if (body.size() + len > protocol::kMaxBodyBytes) {
                too_big = true;
                return false;
            }
            body.append(data, len);
            return true;
        });
        // httplib refuses to read a body whose declared length is over the
        // cap: that is "too large" too, not a broken request.
        if (!read_ok && req.has_header("Content-Length") &&
            std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10) > protocol::kMaxBodyBytes)
            too_big = true;
        if (too_big || !read_ok) {
            res.set_header("Connection", "close");  // the rest of the body was not read
            send(too_big ? central::error_response(protocol::Error::kPayloadTooLarge,
                                                   "the request is over " + std::to_string(protocol::kMaxBodyBytes) +
                                                       " bytes after decompression")
                         : central::error_response(protocol::Error::kBadRequest,
                                                   "the request body could not be read or decompressed"),
                 res);
            return;
        }
        serve(req, res, std::move(body));
    };
    for (const char* path : {protocol::kPathRegister, protocol::kPathPush, protocol::kPathPull}) svr.Post(path, post);
    svr.Get(protocol::kPathStatus,
            [serve](const httplib::Request& req, httplib::Response& res) { serve(req, res, std::string()); });
    // The dashboard answers every path outside /v1/; unknown device paths and
    // wrong methods get the core's JSON error.
    auto other = [serve, &web_front, &guard](const httplib::Request& req, httplib::Response& res) {
        if (web_front && req.path.rfind("/v1/", 0) != 0) {
            guard.note_handling(req.remote_addr, req.remote_port);
            web_front(req, res);
            return;
        }
        serve(req, res, req.body);
    };
    svr.Get(".*", other);
    svr.Post(".*", other);
    svr.Put(".*", other);
    svr.Delete(".*", other);

    svr.set_pre_routing_handler([&guard](const httplib::Request& req, httplib::Response&) {
        g_request_start = Clock::now();
        guard.note_headers(req.remote_addr, req.remote_port);
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // httplib's own refusals (Content-Length over the limit, bad requests)
    // arrive with an empty body: give them the protocol's JSON shape.
    svr.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        protocol::Error e = res.status == 413 ? protocol::Error::kPayloadTooLarge
                            : res.status >= 500 ? protocol::Error::kInternal
                                                : protocol::Error::kBadRequest;
        send(central::error_response(e, "the HTTP request was refused (" + std::to_string(res.status) + ")"), res);
        res.status = protocol::http_status(e);
        return httplib::Server::HandlerResponse::Handled;
    }));
    svr.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send(central::error_response(protocol::Error::kInternal, "central failed on this request"), res);
    });
    svr.set_logger([&guard](const httplib::Request& req, const httplib::Response& res) {
        guard.note_answered(req.remote_addr, req.remote_port);
        log_request(req, res);
    });
}

}  // namespace

int serve_central(const ServeOptions& options) {
    // Block the stop signals in every thread (httplib's workers inherit the
    // mask); this thread then waits for them with sigwait, outside any
    // signal handler, and stops the server safely.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    auto pool = CentralPool::Open(options.db_path, options.db_connections, options.demo,
                                  options.db_wait_ms);
    if (!pool.ok()) {
        std::fprintf(stderr, "outpost-central: %s\n", pool.status().message().c_str());
        return 1;
    }
    CentralCore& first_core = (*pool)->first();  // the dashboard's (SQLite only)
    std::unique_ptr<httplib::Server> svr;
    if (!options.cert_path.empty()) {
        auto ssl = std::make_unique<httplib::SSLServer>(options.cert_path.c_str(), options.key_path.c_str());
        if (!ssl->is_valid()) {
            std::fprintf(stderr, "outpost-central: cannot use certificate %s with key %s\n",
                         options.cert_path.c_str(), options.key_path.c_str());
            return 1;
        }
        svr = std::move(ssl);
    } else {
        svr = std::make_unique<httplib::Server>();
    }
    ConnectionGuard guard(options.request_timeout_s);
    svr->new_task_queue = [&guard, &options] {
        return new GuardedPool(static_cast<size_t>(std::max(1, options.threads)), guard);
    };
    // Connections that send nothing wait in the kernel, not on a worker.
    int listen_fd = -1;
    const int defer_s = options.read_timeout_s;
    svr->set_socket_options([&listen_fd, defer_s](socket_t sock) {
        httplib::default_socket_options(sock);
        setsockopt(sock, IPPROTO_TCP, TCP_DEFER_ACCEPT, &defer_s, sizeof defer_s);
        listen_fd = sock;
    });
    svr->set_read_timeout(options.read_timeout_s, 0);
    svr->set_write_timeout(30, 0);
    svr->set_keep_alive_timeout(std::min(5, options.read_timeout_s));
    svr->set_keep_alive_max_count(100);
    svr->set_idle_interval(0, 100000);
    svr->set_payload_max_length(protocol::kMaxBodyBytes);
    SystemClock web_clock;
    const bool https = !options.cert_path.empty();
    // The dashboard is built on SQLite only (docs/known-gaps.md): on
    // PostgreSQL its pages answer 501 with the reason, and sync is served.
    Result<std::unique_ptr<web::WebApp>> app = Status::Unavailable(
        "the dashboard is not available on a PostgreSQL central yet (docs/known-gaps.md); sync is "
        "served");
    if (first_core.engine() == sql::Engine::kSqlite) {
        app = web::WebApp::Create(first_core, web_clock);
        if (!app.ok()) {
            std::fprintf(stderr, "outpost-central: the dashboard cannot start: %s\n",
                         app.status().message().c_str());
            return 1;
        }
    }
    const WebFront web_front = [&app, https](const httplib::Request& req, httplib::Response& res) {
        if (!app.ok()) {
            res.status = 501;
            res.set_content(app.status().message() + "\n", "text/plain; charset=utf-8");
            return;
        }
        serve_web(**app, https, req, res);
    };
    install_routes(*svr, **pool, guard, web_front);

    int port = options.port;
    if (port == 0) {
        port = svr->bind_to_any_port(options.host);
        if (port <= 0) {
            std::fprintf(stderr, "outpost-central: cannot listen on %s (any port)\n", options.host.c_str());
            return 1;
        }
    } else if (!svr->bind_to_port(options.host, port)) {
        std::fprintf(stderr, "outpost-central: cannot listen on %s:%d (in use, or not this machine's address)\n",
                     options.host.c_str(), port);
        return 1;
    }
    guard.set_port(port);
    if (listen_fd >= 0) listen(listen_fd, 1024);  // httplib listens with a backlog of 5
    std::printf("listening on %s:%d%s\n", options.host.c_str(), port, options.demo ? " (DEMO)" : "");
    std::fflush(stdout);

    std::thread server([&] { svr->listen_after_bind(); });
    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::fprintf(stderr, "outpost-central: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    svr->stop();
    server.join();
    return 0;
}

}  // namespace outpost

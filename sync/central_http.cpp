// outpost-central's HTTP server: translates httplib requests into
// protocol::Request for CentralCore and back, with every timeout set, request
// bodies capped at 8 MiB after gzip decompression (counted while reading, so
// a small compressed bomb cannot fill memory), gzip responses when the device
// accepts them (httplib, built with zlib), one log line per request, and a
// clean stop on SIGINT/SIGTERM.
#include "central_http.h"

#include <httplib.h>
#include <signal.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <memory>
#include <thread>

#include "central_core.h"
#include "central_internal.h"
#include "protocol.h"

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
    const double ms =
        std::chrono::duration<double, std::milli>(Clock::now() - g_request_start).count();
    char when[32];
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    std::fprintf(stderr, "%s %s %s %s %d %zu %.1fms\n", when, req.remote_addr.c_str(), req.method.c_str(),
                 req.path.c_str(), res.status, res.body.size(), ms);
}

void install_routes(httplib::Server& svr, CentralCore& core) {
    auto serve = [&core](const httplib::Request& req, httplib::Response& res, std::string body) {
        protocol::Request r;
        r.method = req.method;
        r.path = req.path;
        r.headers = copy_headers(req.headers);
        r.body = std::move(body);
        r.remote_addr = req.remote_addr;
        send(core.handle(r), res);
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
    // Unknown paths and wrong methods: let the core give its JSON error.
    auto other = [serve](const httplib::Request& req, httplib::Response& res) { serve(req, res, req.body); };
    svr.Get(".*", other);
    svr.Post(".*", other);
    svr.Put(".*", other);
    svr.Delete(".*", other);

    svr.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        g_request_start = Clock::now();
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
    svr.set_logger(log_request);
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

    auto core = CentralCore::Open(options.db_path, nullptr, options.demo);
    if (!core.ok()) {
        std::fprintf(stderr, "outpost-central: %s\n", core.status().message().c_str());
        return 1;
    }
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
    svr->set_read_timeout(30, 0);
    svr->set_write_timeout(30, 0);
    svr->set_keep_alive_timeout(15);
    svr->set_keep_alive_max_count(100);
    svr->set_idle_interval(0, 100000);
    svr->set_payload_max_length(protocol::kMaxBodyBytes);
    install_routes(*svr, **core);

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

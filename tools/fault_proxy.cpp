// fault_proxy: a TCP proxy that makes a good link bad, for real-process sync
// tests and for trying Outpost on a bench. It forwards connections from
// --listen to --to and, while faults are on, delays the first chunk of each
// burst in either direction (--delay-ms is half a round trip), limits
// bandwidth, refuses a share of new connections, cuts connections after a
// number of bytes and resets a share of them mid-stream (TCP RST).
//
//   fault_proxy --listen 127.0.0.1:0 --to 127.0.0.1:8080 [--delay-ms N]
//               [--bandwidth-bps N] [--drop-rate 0.1] [--cut-after-bytes N]
//               [--reset-rate 0.05] [--seed S] [--faults-off]
//
// Control at run time: SIGUSR1 turns faults on, SIGUSR2 turns them off
// (forwarding continues either way); SIGTERM/SIGINT stop the proxy. It prints
// "listening on HOST:PORT" once ready (port 0 picks a free one).
// POSIX sockets, poll() and one thread per connection; no Outpost code.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>
#include <string>
#include <thread>

namespace {

struct Options {
    std::string listen_host = "127.0.0.1", to_host = "127.0.0.1";
    int listen_port = 0, to_port = 0;
    int delay_ms = 0;
    long long bandwidth_bps = 0;   // bytes per second; 0: unlimited
    double drop_rate = 0;          // share of new connections closed at once
    long long cut_after_bytes = 0; // 0: never
    double reset_rate = 0;         // per forwarded chunk
    unsigned long long seed = 1;
    bool faults_on = true;
};

std::atomic<bool> g_faults{true};
std::atomic<bool> g_stop{false};
std::atomic<long long> g_connections{0};
std::mutex g_rng_mu;
std::mt19937_64 g_rng;

extern "C" void on_signal(int sig) {
    if (sig == SIGUSR1) g_faults = true;
    else if (sig == SIGUSR2) g_faults = false;
    else g_stop = true;
}

bool roll(double p) {
    if (p <= 0) return false;
    std::lock_guard<std::mutex> l(g_rng_mu);
    return std::uniform_real_distribution<double>(0, 1)(g_rng) < p;
}

bool split_host_port(const std::string& s, std::string* host, int* port) {
    auto colon = s.rfind(':');
    if (colon == std::string::npos) return false;
    *host = s.substr(0, colon);
    *port = std::atoi(s.c_str() + colon + 1);
    return *port >= 0 && *port < 65536;
}

[[noreturn]] void usage(const char* why) {
    std::fprintf(stderr,
                 "fault_proxy: %s\n"
                 "usage: fault_proxy --listen HOST:PORT --to HOST:PORT [--delay-ms N] [--bandwidth-bps N]\n"
                 "                   [--drop-rate P] [--cut-after-bytes N] [--reset-rate P] [--seed S] [--faults-off]\n"
                 "SIGUSR1: faults on; SIGUSR2: faults off.\n",
                 why);
    std::exit(2);
}

Options parse(int argc, char** argv) {
    Options o;
    bool have_listen = false, have_to = false;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) usage(("missing value after " + a).c_str());
            return argv[++i];
        };
        if (a == "--listen") have_listen = split_host_port(next(), &o.listen_host, &o.listen_port);
        else if (a == "--to") have_to = split_host_port(next(), &o.to_host, &o.to_port);
        else if (a == "--delay-ms") o.delay_ms = std::atoi(next().c_str());
        else if (a == "--bandwidth-bps") o.bandwidth_bps = std::atoll(next().c_str());
        else if (a == "--drop-rate") o.drop_rate = std::atof(next().c_str());
        else if (a == "--cut-after-bytes") o.cut_after_bytes = std::atoll(next().c_str());
        else if (a == "--reset-rate") o.reset_rate = std::atof(next().c_str());
        else if (a == "--seed") o.seed = std::strtoull(next().c_str(), nullptr, 10);
        else if (a == "--faults-off") o.faults_on = false;
        else usage(("unknown option " + a).c_str());
    }
    if (!have_listen || !have_to || o.to_port == 0) usage("--listen and --to are required");
    return o;
}

sockaddr_in address(const std::string& host, int port) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    if (inet_pton(AF_INET, host.c_str(), &a.sin_addr) != 1) usage(("not an IPv4 address: " + host).c_str());
    return a;
}

// Closes with RST instead of FIN: the peer sees "connection reset".
void reset_close(int fd) {
    linger l{1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    close(fd);
}

bool write_all(int fd, const char* p, size_t n) {
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w <= 0) return false;
        p += w;
        n -= static_cast<size_t>(w);
    }
    return true;
}

void pipe_connection(int client, Options o) {
    ++g_connections;
    sockaddr_in to = address(o.to_host, o.to_port);
    int server = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(server, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0) {
        close(server);
        reset_close(client);  // as if central were down
        --g_connections;
        return;
    }
    int one = 1;
    setsockopt(server, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    long long forwarded = 0;
    bool reset = false;
    char buf[16384];
    // When each direction last forwarded: the delay is latency, added once
    // to the first chunk of a burst, not to every chunk of a long body.
    std::chrono::steady_clock::time_point last_sent[2] = {};
    while (!g_stop) {
        pollfd fds[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
        int n = poll(fds, 2, 200);
        if (n < 0) break;
        if (n == 0) continue;
        bool closed = false;
        for (int k = 0; k < 2 && !closed; ++k) {
            if (!(fds[k].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const int from = k == 0 ? client : server, dest = k == 0 ? server : client;
            const bool faults = g_faults;
            // Under a bandwidth limit read less at a time, so pacing is smooth.
            size_t want = sizeof buf;
            if (faults && o.bandwidth_bps > 0)
                want = std::max<size_t>(1, std::min<size_t>(want, static_cast<size_t>(o.bandwidth_bps / 20 + 1)));
            ssize_t r = recv(from, buf, want, 0);
            if (r <= 0) {
                closed = true;
                break;
            }
            if (faults && o.delay_ms > 0 &&
                std::chrono::steady_clock::now() - last_sent[k] > std::chrono::milliseconds(100))
                std::this_thread::sleep_for(std::chrono::milliseconds(o.delay_ms));
            if (faults && o.bandwidth_bps > 0)
                std::this_thread::sleep_for(std::chrono::microseconds(r * 1000000LL / o.bandwidth_bps));
            if (faults && roll(o.reset_rate)) {
                reset = true;
                closed = true;
                break;
            }
            size_t send_n = static_cast<size_t>(r);
            if (faults && o.cut_after_bytes > 0 && forwarded + r >= o.cut_after_bytes) {
                send_n = static_cast<size_t>(std::max<long long>(0, o.cut_after_bytes - forwarded));
                closed = true;
            }
            if (!write_all(dest, buf, send_n)) closed = true;
            last_sent[k] = std::chrono::steady_clock::now();
            forwarded += static_cast<long long>(send_n);
        }
        if (closed) break;
    }
    if (reset) {
        reset_close(client);
        reset_close(server);
    } else {
        close(client);
        close(server);
    }
    --g_connections;
}

}  // namespace

int main(int argc, char** argv) {
    Options o = parse(argc, argv);
    g_rng.seed(o.seed);
    g_faults = o.faults_on;
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int sig : {SIGUSR1, SIGUSR2, SIGTERM, SIGINT}) sigaction(sig, &sa, nullptr);
    signal(SIGPIPE, SIG_IGN);

    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in at = address(o.listen_host, o.listen_port);
    if (bind(listener, reinterpret_cast<sockaddr*>(&at), sizeof at) != 0 || listen(listener, 64) != 0) {
        std::fprintf(stderr, "fault_proxy: cannot listen on %s:%d: %s\n", o.listen_host.c_str(), o.listen_port,
                     std::strerror(errno));
        return 1;
    }
    socklen_t len = sizeof at;
    getsockname(listener, reinterpret_cast<sockaddr*>(&at), &len);
    std::printf("listening on %s:%d\n", o.listen_host.c_str(), ntohs(at.sin_port));
    std::fflush(stdout);

    while (!g_stop) {
        pollfd p{listener, POLLIN, 0};
        if (poll(&p, 1, 200) <= 0) continue;
        int client = accept(listener, nullptr, nullptr);
        if (client < 0) continue;
        if (g_faults && roll(o.drop_rate)) {
            reset_close(client);
            continue;
        }
        std::thread(pipe_connection, client, o).detach();
    }
    close(listener);
    // Give connection threads a moment to notice the stop.
    for (int i = 0; i < 20 && g_connections > 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return 0;
}

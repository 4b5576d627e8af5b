// A ZPL label printer over raw TCP (usually port 9100; see printers.h).
// Every step has a deadline: the name lookup is numeric only when the
// address is an IP (a host name uses the system resolver), the connect is
// non-blocking with poll(), each send has SO_SNDTIMEO and the status query
// reads with poll() until its 5 s are spent. SIGPIPE is never raised
// (MSG_NOSIGNAL): a printer that hangs up gives an error, not a dead app.
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fcntl.h>

#include "printers.h"
#include "zpl.h"

namespace outpost {
namespace {

using Clock = std::chrono::steady_clock;

class Socket {
public:
    ~Socket() {
        if (fd_ >= 0) ::close(fd_);
    }
    int fd() const { return fd_; }
    void reset(int fd) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = fd;
    }

private:
    int fd_ = -1;
};

std::string not_answering(const std::string& where, const std::string& why) {
    return "printer not answering: check it is on and connected to the network (" + where + ": " + why + ")";
}

class ZplPrinter : public LabelPrinter {
public:
    ZplPrinter(const PrinterSettings& s, const PrinterOptions& o) : settings_(s), options_(o) {
        parse_printer_address(s.address, &host_, &port_);
    }

    std::string where() const override { return "label printer " + host_ + ":" + std::to_string(port_); }

    Status print(const PrintRequest& job) override {
        const LabelSize* size = find_label_size(settings_.label_size);
        if (!size) return Status::InvalidArgument("unknown label size " + settings_.label_size);
        const std::string zpl = zpl_labels(job.labels, label_geometry(*size, settings_.dpi), settings_.copies);
        Socket sock;
        Status s = connect_to(&sock);
        if (!s.ok()) return s;
        s = send_all(sock.fd(), zpl);
        if (!s.ok()) return s;
        ::shutdown(sock.fd(), SHUT_WR);
        return Status::Ok();
    }

    Status check() override {
        const auto deadline = Clock::now() + std::chrono::milliseconds(options_.status_timeout_ms);
        Socket sock;
        Status s = connect_to(&sock);
        if (!s.ok()) return s;
        s = send_all(sock.fd(), kZplStatusQuery);
        if (!s.ok()) return s;
        std::string reply;
        int etx = 0;
        while (etx < 2) {  // strings 1 and 2 carry every flag we read
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
            if (left <= 0)
                return Status::Unavailable(not_answering(where(), "no status answer within " +
                                                                      std::to_string(options_.status_timeout_ms / 1000) +
                                                                      " s"));
            pollfd p{sock.fd(), POLLIN, 0};
            const int r = ::poll(&p, 1, static_cast<int>(left));
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) continue;
            char buf[512];
            const ssize_t n = ::recv(sock.fd(), buf, sizeof buf, 0);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) return Status::Unavailable(not_answering(where(), "it closed the connection without a status"));
            for (ssize_t i = 0; i < n; ++i) etx += buf[i] == '\x03';
            reply.append(buf, static_cast<size_t>(n));
            if (reply.size() > 4096) break;
        }
        return read_host_status(reply);
    }

private:
    // ~HS answer: <STX>aaa,b,c,dddd,eee,f,g,h,iii,j,k,l<ETX> <STX>mmm,n,o,p,...<ETX> <STX>...<ETX>
    // b paper out, c paused (string 1); o head up, p ribbon out (string 2).
    Status read_host_status(const std::string& reply) {
        std::vector<std::vector<std::string>> strings;
        size_t i = 0;
        while ((i = reply.find('\x02', i)) != std::string::npos) {
            const size_t end = reply.find('\x03', i);
            if (end == std::string::npos) break;
            std::vector<std::string> fields;
            std::string f;
            for (size_t k = i + 1; k < end; ++k) {
                if (reply[k] == ',') {
                    fields.push_back(f);
                    f.clear();
                } else {
                    f += reply[k];
                }
            }
            fields.push_back(f);
            strings.push_back(std::move(fields));
            i = end + 1;
        }
        if (strings.size() < 2 || strings[0].size() < 3 || strings[1].size() < 4)
            return Status::Unavailable("the device at " + host_ + ":" + std::to_string(port_) +
                                       " answered, but not as a ZPL printer: check the address and the printer kind");
        std::string problems;
        auto flag = [&](const std::string& v, const char* what) {
            if (v == "1") problems += problems.empty() ? what : std::string(", ") + what;
        };
        flag(strings[0][1], "paper out (load labels)");
        flag(strings[0][2], "paused (press its pause button)");
        flag(strings[1][2], "head open (close it)");
        flag(strings[1][3], "ribbon out");
        if (!problems.empty()) return Status::Unavailable("the label printer is not ready: " + problems);
        return Status::Ok();
    }

    Status connect_to(Socket* sock) {
        addrinfo hints{};
        hints.ai_socktype = SOCK_STREAM;
        hints.ai_family = AF_UNSPEC;
        addrinfo* found = nullptr;
        const std::string port = std::to_string(port_);
        const int rc = ::getaddrinfo(host_.c_str(), port.c_str(), &hints, &found);
        if (rc != 0) return Status::Unavailable(not_answering(where(), std::string("unknown host: ") + gai_strerror(rc)));
        std::unique_ptr<addrinfo, void (*)(addrinfo*)> guard(found, freeaddrinfo);
        std::string why = "no address";
        for (addrinfo* a = found; a; a = a->ai_next) {
            sock->reset(::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol));
            if (sock->fd() < 0) {
                why = std::strerror(errno);
                continue;
            }
            const int flags = ::fcntl(sock->fd(), F_GETFL, 0);
            ::fcntl(sock->fd(), F_SETFL, flags | O_NONBLOCK);
            int r = ::connect(sock->fd(), a->ai_addr, a->ai_addrlen);
            if (r < 0 && errno == EINPROGRESS) {
                pollfd p{sock->fd(), POLLOUT, 0};
                r = ::poll(&p, 1, options_.connect_timeout_ms);
                if (r == 0) {
                    why = "no answer within " + std::to_string(options_.connect_timeout_ms / 1000) + " s";
                    continue;
                }
                int err = 0;
                socklen_t len = sizeof err;
                ::getsockopt(sock->fd(), SOL_SOCKET, SO_ERROR, &err, &len);
                if (r < 0 || err != 0) {
                    why = std::strerror(r < 0 ? errno : err);
                    continue;
                }
            } else if (r < 0) {
                why = std::strerror(errno);
                continue;
            }
            ::fcntl(sock->fd(), F_SETFL, flags);  // blocking again, with timeouts
            timeval tv{options_.send_timeout_ms / 1000, (options_.send_timeout_ms % 1000) * 1000};
            ::setsockopt(sock->fd(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
            ::setsockopt(sock->fd(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
            int one = 1;
            ::setsockopt(sock->fd(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
            return Status::Ok();
        }
        sock->reset(-1);
        return Status::Unavailable(not_answering(where(), why));
    }

    Status send_all(int fd, const std::string& data) {
        size_t sent = 0;
        while (sent < data.size()) {
            const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                const std::string why = n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
                                            ? "it stopped taking data"
                                            : std::string(std::strerror(errno));
                return Status::Unavailable(not_answering(where(), why));
            }
            sent += static_cast<size_t>(n);
        }
        return Status::Ok();
    }

    PrinterSettings settings_;
    PrinterOptions options_;
    std::string host_;
    int port_ = 9100;
};

}  // namespace

std::unique_ptr<LabelPrinter> make_zpl_printer(const PrinterSettings& settings, const PrinterOptions& options) {
    return std::make_unique<ZplPrinter>(settings, options);
}

}  // namespace outpost

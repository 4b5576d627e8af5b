// The fake ZPL printer (see fake_zpl_printer.h).
#include "fake_zpl_printer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace outpost::test {

FakeZplPrinter::FakeZplPrinter() { listen_on(0); }

FakeZplPrinter::~FakeZplPrinter() { unplug(); }

void FakeZplPrinter::listen_on(int port) {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<uint16_t>(port));
    if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(listen_fd_, 8) != 0)
        throw std::runtime_error("fake printer: cannot listen on port " + std::to_string(port));
    socklen_t len = sizeof a;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    running_ = true;
    thread_ = std::thread([this] { serve(); });
}

void FakeZplPrinter::unplug() {
    if (!running_) return;
    running_ = false;
    thread_.join();
    ::close(listen_fd_);
    listen_fd_ = -1;
}

void FakeZplPrinter::plug_in() {
    if (!running_) listen_on(port_);
}

std::vector<std::string> FakeZplPrinter::jobs() {
    std::lock_guard<std::mutex> lock(mu_);
    return jobs_;
}

void FakeZplPrinter::set_status(const std::string& s) {
    std::lock_guard<std::mutex> lock(mu_);
    status_ = s;
}

void FakeZplPrinter::serve() {
    while (running_) {
        pollfd p{listen_fd_, POLLIN, 0};
        if (::poll(&p, 1, 20) <= 0) continue;
        const int fd = ::accept(listen_fd_, nullptr, nullptr);
        if (fd < 0) continue;
        std::string data;
        bool answered = false;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
        while (std::chrono::steady_clock::now() < deadline) {
            pollfd c{fd, POLLIN, 0};
            if (::poll(&c, 1, 20) <= 0) continue;
            char buf[4096];
            const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
            if (n <= 0) break;
            data.append(buf, static_cast<size_t>(n));
            if (data == "~HS" && !answered) {
                answered = true;
                std::string status;
                {
                    std::lock_guard<std::mutex> lock(mu_);
                    status = status_;
                }
                if (status == "silent") continue;
                // A Zebra host status reply: string 1 field 2 paper out,
                // field 3 paused; string 2 field 3 head up (open).
                const std::string flag_paper = status == "paper out" ? "1" : "0";
                const std::string flag_paused = status == "paused" ? "1" : "0";
                const std::string flag_head = status == "head open" ? "1" : "0";
                const std::string reply = "\x02" "030," + flag_paper + "," + flag_paused +
                                          ",1245,000,0,0,0,000,0,0,0\x03\r\n"
                                          "\x02" "001,0," + flag_head + ",0,1,2,6,0,00000000,1,000\x03\r\n"
                                          "\x02" "1234,0\x03\r\n";
                ::send(fd, reply.data(), reply.size(), MSG_NOSIGNAL);
            }
        }
        ::close(fd);
        if (data != "~HS" && !data.empty()) {
            std::lock_guard<std::mutex> lock(mu_);
            jobs_.push_back(data);
        }
    }
}

int count_zpl_formats(const std::string& zpl) {
    int formats = 0;
    size_t i = 0;
    auto skip_space = [&] {
        while (i < zpl.size() && (zpl[i] == '\n' || zpl[i] == '\r' || zpl[i] == ' ')) ++i;
    };
    skip_space();
    while (i < zpl.size()) {
        if (zpl.compare(i, 3, "^XA") != 0) return -1;
        const size_t end = zpl.find("^XZ", i);
        if (end == std::string::npos) return -1;
        const std::string body = zpl.substr(i + 3, end - i - 3);
        if (body.find("^XA") != std::string::npos) return -1;
        size_t f = 0;
        while ((f = body.find("^FD", f)) != std::string::npos) {
            const size_t fs = body.find("^FS", f);
            if (fs == std::string::npos) return -1;
            const std::string field = body.substr(f + 3, fs - f - 3);
            if (field.find_first_of("^~") != std::string::npos) return -1;
            f = fs;
        }
        ++formats;
        i = end + 3;
        skip_space();
    }
    return formats;
}

}  // namespace outpost::test

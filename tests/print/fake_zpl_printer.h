// A fake ZPL label printer for tests: a TCP listener on 127.0.0.1 that
// records what each connection sent, answers ~HS with a status the test
// chooses, and can be "unplugged" (the listener closed) and plugged back in
// on the same port.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace outpost::test {

class FakeZplPrinter {
public:
    FakeZplPrinter();  // listening on a free port
    ~FakeZplPrinter();
    int port() const { return port_; }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
    void unplug();   // close the listener: connections are refused
    void plug_in();  // listen again on the same port
    // The data of each connection that sent labels (not ~HS), in order.
    std::vector<std::string> jobs();
    // ~HS answers: "ready", "paper out", "paused", "head open", or "silent"
    // (never answers).
    void set_status(const std::string& s);

private:
    void listen_on(int port);
    void serve();
    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> running_{false};
    std::thread thread_;
    std::mutex mu_;
    std::vector<std::string> jobs_;
    std::string status_ = "ready";
};

// Number of ^XA..^XZ formats in zpl, or -1 when they are not well formed:
// every ^XA closed by ^XZ before the next, nothing but whitespace outside
// formats, every ^FD field ended by ^FS with no raw '^' or '~' inside.
int count_zpl_formats(const std::string& zpl);

}  // namespace outpost::test

// Errors as values. Every store, sync and tool operation that can fail returns
// a Status (or a Result<T>) whose message is written for the person at the
// screen: it says what went wrong and, where it can, what to do next.
// No exception crosses a library boundary.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace outpost {

class Status {
public:
    enum class Code {
        kOk = 0,
        kInvalidArgument,  // bad input from the user or a caller; nothing was written
        kNotFound,         // the named thing does not exist
        kConflict,         // the request collides with current state (duplicate, wrong state)
        kNeedsConfirmation,// allowed only with an explicit confirmation (short stock, expired)
        kPermissionDenied, // wrong PIN, locked user, wrong role, wrong site
        kCorruption,       // stored data disagrees with itself (verify found differences)
        kIoError,          // SQLite, file system or network failure
        kUnavailable,      // try again later (busy, offline, backoff)
    };

    Status() = default;
    static Status Ok() { return Status(); }
    static Status InvalidArgument(std::string m) { return Status(Code::kInvalidArgument, std::move(m)); }
    static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
    static Status Conflict(std::string m) { return Status(Code::kConflict, std::move(m)); }
    static Status NeedsConfirmation(std::string m) { return Status(Code::kNeedsConfirmation, std::move(m)); }
    static Status PermissionDenied(std::string m) { return Status(Code::kPermissionDenied, std::move(m)); }
    static Status Corruption(std::string m) { return Status(Code::kCorruption, std::move(m)); }
    static Status IoError(std::string m) { return Status(Code::kIoError, std::move(m)); }
    static Status Unavailable(std::string m) { return Status(Code::kUnavailable, std::move(m)); }

    bool ok() const { return code_ == Code::kOk; }
    Code code() const { return code_; }
    const std::string& message() const { return message_; }
    // "ok" or the message, for logs and command-line tools.
    std::string ToString() const { return ok() ? std::string("ok") : message_; }

private:
    Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
    Code code_ = Code::kOk;
    std::string message_;
};

// A value or the Status saying why there is none.
template <typename T>
class Result {
public:
    Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
    Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design
    bool ok() const { return status_.ok() && value_.has_value(); }
    const Status& status() const { return status_; }
    // REQUIRES: ok()
    // On a temporary Result the value is moved out, so
    // `for (auto& x : f().value())` does not dangle.
    T& value() & { return *value_; }
    const T& value() const& { return *value_; }
    T value() && { return std::move(*value_); }
    T* operator->() { return &*value_; }
    const T* operator->() const { return &*value_; }
    T& operator*() { return *value_; }
    const T& operator*() const { return *value_; }

private:
    Status status_;
    std::optional<T> value_;
};

}  // namespace outpost

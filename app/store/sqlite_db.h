// A thin RAII layer over the SQLite C API: a connection, prepared statements
// with positional binding, and a transaction guard. Failures become Status
// values carrying SQLite's own message. Not thread safe: one connection per
// thread (the UI thread and the sync thread each open their own).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>

#include "status.h"

namespace outpost {

class Stmt {
public:
    Stmt() = default;
    Stmt(sqlite3* db, sqlite3_stmt* s, bool owned = true) : db_(db), s_(s), owned_(owned) {}
    Stmt(Stmt&& o) noexcept : db_(o.db_), s_(o.s_), owned_(o.owned_), status_(o.status_) { o.s_ = nullptr; }
    Stmt& operator=(Stmt&& o) noexcept;
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    ~Stmt();

    // Binding is 1-based as in SQLite. Each returns *this for chaining.
    Stmt& bind(int i, int64_t v);
    Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
    Stmt& bind(int i, double v);
    Stmt& bind(int i, const std::string& v);
    Stmt& bind(int i, const char* v);
    Stmt& bind_null(int i);
    Stmt& bind(int i, const std::optional<std::string>& v) { return v ? bind(i, *v) : bind_null(i); }
    Stmt& bind(int i, const std::optional<int64_t>& v) { return v ? bind(i, *v) : bind_null(i); }

    // Advances one row. Returns true while a row is available, false at the
    // end; on error returns false and status() says why.
    bool step();
    // Runs to completion (for INSERT/UPDATE/DELETE).
    Status run();
    void reset();
    const Status& status() const { return status_; }

    int64_t i64(int col) const { return sqlite3_column_int64(s_, col); }
    int i32(int col) const { return sqlite3_column_int(s_, col); }
    double f64(int col) const { return sqlite3_column_double(s_, col); }
    bool is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
    int type(int col) const { return sqlite3_column_type(s_, col); }  // SQLITE_INTEGER, ...
    std::string text(int col) const;
    std::optional<std::string> opt_text(int col) const;

private:
    sqlite3* db_ = nullptr;
    sqlite3_stmt* s_ = nullptr;
    bool owned_ = true;  // false: a statement from Db's cache, reset (not finalized) when done
    Status status_;
};

class Db {
public:
    Db() = default;
    Db(Db&& o) noexcept : db_(o.db_), cache_(std::move(o.cache_)) { o.db_ = nullptr; }
    Db& operator=(Db&& o) noexcept;
    Db(const Db&) = delete;
    Db& operator=(const Db&) = delete;
    ~Db();

    // Opens (creating if asked) the file and applies the connection settings
    // every Outpost connection uses: WAL, foreign keys, busy timeout and
    // synchronous=FULL (see the comment in sqlite_db.cpp for why FULL).
    static Result<Db> Open(const std::string& path, bool create);

    Status exec(const std::string& sql);
    // Prepares a statement; on failure the returned Stmt is empty and the
    // failure is in *error when given.
    Stmt prepare(const std::string& sql, Status* error = nullptr);
    Status prepare_checked(const std::string& sql, Stmt* out);
    // Like prepare(), but the statement stays prepared in this connection's
    // cache for the next call with the same SQL (hot paths: row writes,
    // stock on hand). The returned Stmt resets it when it goes out of scope.
    // REQUIRES: no other Stmt from cached(sql) is alive (no recursion).
    Stmt cached(const std::string& sql, Status* error = nullptr);
    // The same, cached under `key`; make_sql() runs only on the first call.
    Stmt cached(const std::string& key, const std::function<std::string()>& make_sql, Status* error);
    int64_t last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
    int changes() const { return sqlite3_changes(db_); }
    std::string errmsg() const { return db_ ? sqlite3_errmsg(db_) : "database not open"; }
    sqlite3* raw() const { return db_; }
    bool is_open() const { return db_ != nullptr; }

    // Single-value helpers. Return nullopt when there is no row.
    std::optional<int64_t> query_i64(const std::string& sql);
    std::optional<std::string> query_text(const std::string& sql);

private:
    void clear_cache();
    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit()
// succeeded. IMMEDIATE takes the write lock up front so a transaction never
// fails half way with SQLITE_BUSY after it has read.
class Tx {
public:
    explicit Tx(Db& db);
    ~Tx();
    Tx(const Tx&) = delete;
    Tx& operator=(const Tx&) = delete;
    const Status& begin_status() const { return begin_; }
    Status commit();

private:
    Db& db_;
    Status begin_;
    bool done_ = false;
};

}  // namespace outpost

// outpost-central's storage seam: one connection and statement interface with
// two engines behind it, SQLite (the default: a file path, central_sql_sqlite.cpp)
// and PostgreSQL 15 through libpq (a postgresql:// address,
// central_sql_postgres.cpp). Central's logic is written once against this
// interface in one SQL dialect: `?` placeholders (mapped to $1, $2 ... on
// PostgreSQL), INSERT ... ON CONFLICT, no rowid, no PRAGMA, no json_each. The
// few things the engines do differently are named methods here (schema
// checks, how a write transaction starts, whether writers are serialised).
//
// Values: integers (int64), reals, text and NULL. On PostgreSQL every
// parameter is sent as text and every result read as text, then converted,
// so a column may be INTEGER, BIGINT or TEXT on either engine.
//
// Thread safety: a Conn and its statements are used by one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>

#include "sqlite_db.h"
#include "status.h"

namespace outpost {
namespace sql {

enum class Engine { kSqlite, kPostgres };

// One prepared statement of an engine (the engines' own classes).
class StmtImpl {
  public:
    virtual ~StmtImpl() = default;
    virtual void bind_i64(int i, int64_t v) = 0;
    virtual void bind_f64(int i, double v) = 0;
    virtual void bind_text(int i, const std::string& v) = 0;
    virtual void bind_null(int i) = 0;
    // Runs the statement on the first call after a reset, then walks its
    // rows: true while a row is current; false at the end or on error
    // (*status set).
    virtual bool step(Status* status) = 0;
    virtual void reset() = 0;
    virtual int64_t i64(int col) const = 0;
    virtual double f64(int col) const = 0;
    virtual bool is_null(int col) const = 0;
    virtual std::string text(int col) const = 0;
};

// A statement with the API of the store's Stmt (app/store/sqlite_db.h), so
// central's code reads the same on both engines. Binding is 1-based.
// An empty Stmt (a failed prepare) steps to false with its error in status().
class Stmt {
  public:
    Stmt() = default;
    Stmt(std::unique_ptr<StmtImpl> impl, Status prepare_status)
        : impl_(std::move(impl)), status_(std::move(prepare_status)) {}
    Stmt(Stmt&&) = default;
    Stmt& operator=(Stmt&&) = default;

    Stmt& bind(int i, int64_t v) {
        if (impl_) impl_->bind_i64(i, v);
        return *this;
    }
    Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
    Stmt& bind(int i, double v) {
        if (impl_) impl_->bind_f64(i, v);
        return *this;
    }
    Stmt& bind(int i, const std::string& v) {
        if (impl_) impl_->bind_text(i, v);
        return *this;
    }
    Stmt& bind(int i, const char* v) { return bind(i, std::string(v)); }
    Stmt& bind_null(int i) {
        if (impl_) impl_->bind_null(i);
        return *this;
    }
    Stmt& bind(int i, const std::optional<std::string>& v) {
        return v ? bind(i, *v) : bind_null(i);
    }

    // True while a row is available; false at the end, or on error with
    // status() saying why.
    bool step() {
        if (!impl_) return false;
        if (!status_.ok()) return false;
        return impl_->step(&status_);
    }
    // Runs to completion (INSERT/UPDATE/DELETE); the first error.
    Status run() {
        while (step()) {
        }
        return status_;
    }
    // Ready to run again (bindings are kept until rebound).
    void reset() {
        if (impl_) impl_->reset();
        if (impl_) status_ = Status::Ok();
    }
    const Status& status() const { return status_; }

    int64_t i64(int col) const { return impl_->i64(col); }
    double f64(int col) const { return impl_->f64(col); }
    bool is_null(int col) const { return impl_->is_null(col); }
    std::string text(int col) const { return impl_->text(col); }
    std::optional<std::string> opt_text(int col) const {
        return is_null(col) ? std::nullopt : std::optional<std::string>(text(col));
    }

  private:
    std::unique_ptr<StmtImpl> impl_;
    Status status_;
};

class Conn {
  public:
    virtual ~Conn() = default;
    virtual Engine engine() const = 0;
    // Prepares sql (cached per connection, so the hot paths are parsed once).
    // On failure the Stmt is empty and its status() says why.
    virtual Stmt prepare(const std::string& sql) = 0;
    // Runs one or more statements without parameters.
    virtual Status exec(const std::string& sql) = 0;
    // Rows changed by the last INSERT/UPDATE/DELETE run on this connection.
    virtual int64_t changes() const = 0;
    // Whether a table / a column exists (central's schema checks).
    virtual Result<bool> table_exists(const std::string& table) = 0;
    virtual Result<bool> column_exists(const std::string& table, const std::string& column) = 0;
    // How many tables the database holds (a new database holds none).
    virtual Result<int64_t> table_count() = 0;
    // Transactions. begin_write: SQLite takes the write lock up front (BEGIN
    // IMMEDIATE); PostgreSQL starts a READ COMMITTED transaction (row locks
    // decide who waits). begin_read: one snapshot for every statement until
    // commit (PostgreSQL REPEATABLE READ). rollback() is harmless outside a
    // transaction.
    virtual Status begin_write() = 0;
    virtual Status begin_read() = 0;
    virtual Status commit() = 0;
    virtual void rollback() = 0;
    virtual bool in_transaction() const = 0;
    // True when the engine lets one writer at a time in (SQLite): cursors
    // taken inside a write transaction are then commit-ordered by
    // themselves. False on PostgreSQL (central takes feed locks).
    virtual bool serialises_writers() const = 0;
    // The SQLite connection underneath; nullptr on PostgreSQL. For the parts
    // of central built on SQLite only (the dashboard's copy, orders, the
    // dashboard's accounts; docs/known-gaps.md).
    virtual Db* sqlite() { return nullptr; }
    // Where this connection goes, without any password (for messages).
    virtual std::string describe() const = 0;

    // Single-value helpers; nullopt when there is no row (or on an error).
    std::optional<int64_t> query_i64(const std::string& sql);
    std::optional<std::string> query_text(const std::string& sql);

    // Per-transaction memo of named locks already taken (central's feed
    // locks); cleared when a transaction begins or ends. Returns true when
    // the name was not yet noted.
    bool note_lock(const std::string& name) { return locks_.insert(name).second; }

  protected:
    void forget_locks() { locks_.clear(); }

  private:
    std::set<std::string> locks_;
};

// A write transaction: begins on construction, rolls back on destruction
// unless commit() succeeded.
class Tx {
  public:
    explicit Tx(Conn& conn) : conn_(conn), begin_(conn.begin_write()) {}
    ~Tx() {
        if (!done_) conn_.rollback();
    }
    Tx(const Tx&) = delete;
    Tx& operator=(const Tx&) = delete;
    const Status& begin_status() const { return begin_; }
    Status commit() {
        if (!begin_.ok()) return begin_;
        Status s = conn_.commit();
        done_ = s.ok();
        return s;
    }

  private:
    Conn& conn_;
    Status begin_;
    bool done_ = false;
};

// A read transaction (one snapshot); ended by end() or the destructor.
class ReadTx {
  public:
    explicit ReadTx(Conn& conn) : conn_(conn) {
        if (conn_.in_transaction()) conn_.rollback();
        begin_ = conn_.begin_read();
    }
    ~ReadTx() { end(); }
    ReadTx(const ReadTx&) = delete;
    ReadTx& operator=(const ReadTx&) = delete;
    const Status& begin_status() const { return begin_; }
    void end() {
        if (begin_.ok() && !ended_) (void)conn_.commit();
        ended_ = true;
    }

  private:
    Conn& conn_;
    Status begin_;
    bool ended_ = false;
};

// True when target names a PostgreSQL database (postgresql:// or postgres://).
bool is_postgres_address(const std::string& target);

// Opens target: a PostgreSQL address, or else a SQLite file path (":memory:"
// for tests; create: make the file when missing). Errors name the target
// (without its password) and the engine's own message.
Result<std::unique_ptr<Conn>> open(const std::string& target, bool create);

// The engines (one file each).
Result<std::unique_ptr<Conn>> open_sqlite(const std::string& path, bool create);
Result<std::unique_ptr<Conn>> open_postgres(const std::string& address);

}  // namespace sql
}  // namespace outpost

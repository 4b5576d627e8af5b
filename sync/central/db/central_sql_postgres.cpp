// The PostgreSQL engine of central's storage seam (central_sql.h), on libpq.
// Statements are written with `?` placeholders (central's one dialect) and
// prepared here as $1, $2 ... once per connection (a cache keyed by the SQL
// text), executed with text parameters and read back as text. Writers are
// NOT serialised by PostgreSQL: central takes its feed locks itself
// (CentralCore::lock_feed, docs/central.md "Feed cursors on PostgreSQL").
#include <libpq-fe.h>

#include <cstdlib>
#include <unordered_map>
#include <vector>

#include "central_sql.h"

namespace outpost {
namespace sql {
namespace {

// "postgresql://user:secret@host/db" -> "postgresql://user@host/db".
std::string without_password(const std::string& address) {
    const size_t scheme = address.find("://");
    const size_t at = address.find('@');
    if (scheme == std::string::npos || at == std::string::npos) return address;
    const size_t colon = address.find(':', scheme + 3);
    if (colon == std::string::npos || colon > at) return address;
    return address.substr(0, colon) + address.substr(at);
}

// `?` outside quotes -> $1, $2 ...; *count gets the number of parameters.
std::string numbered(const std::string& sql, int* count) {
    std::string out;
    out.reserve(sql.size() + 16);
    char quote = 0;
    int n = 0;
    for (char c : sql) {
        if (quote) {
            if (c == quote) quote = 0;
            out += c;
        } else if (c == '\'' || c == '"') {
            quote = c;
            out += c;
        } else if (c == '?') {
            out += '$' + std::to_string(++n);
        } else {
            out += c;
        }
    }
    *count = n;
    return out;
}

Status error_of(PGconn* conn, PGresult* res, const std::string& what) {
    std::string message = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.pop_back();
    if (message.empty()) message = PQerrorMessage(conn);
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    // 40001 serialization failure, 40P01 deadlock, 57P01 shutdown, 08*: connection.
    if (state && (std::string(state) == "40001" || std::string(state) == "40P01"))
        return Status::Unavailable("database error (try again): " + message);
    if (PQstatus(conn) == CONNECTION_BAD)
        return Status::Unavailable("the PostgreSQL connection was lost (" + what + "): " + message);
    return Status::IoError("database error: " + message);
}

struct Prepared {
    std::string name;
    int params = 0;
};

class PgConn;

class PgStmt : public StmtImpl {
  public:
    PgStmt(PgConn* conn, Prepared prepared)
        : conn_(conn),
          prepared_(std::move(prepared)),
          values_(prepared_.params),
          set_(prepared_.params, false) {}
    ~PgStmt() override { clear(); }
    void bind_i64(int i, int64_t v) override { put(i, std::to_string(v)); }
    void bind_f64(int i, double v) override {
        char buf[40];
        std::snprintf(buf, sizeof buf, "%.17g", v);
        put(i, buf);
    }
    void bind_text(int i, const std::string& v) override { put(i, v); }
    void bind_null(int i) override {
        if (i >= 1 && i <= prepared_.params) set_[i - 1] = false;
    }
    bool step(Status* status) override;
    void reset() override {
        clear();
        for (size_t i = 0; i < set_.size(); ++i) set_[i] = false;
    }
    int64_t i64(int col) const override {
        const char* v = PQgetvalue(res_, row_, col);
        return v ? std::strtoll(v, nullptr, 10) : 0;
    }
    double f64(int col) const override {
        const char* v = PQgetvalue(res_, row_, col);
        return v ? std::strtod(v, nullptr) : 0;
    }
    bool is_null(int col) const override { return PQgetisnull(res_, row_, col) != 0; }
    std::string text(int col) const override {
        return std::string(PQgetvalue(res_, row_, col),
                           static_cast<size_t>(PQgetlength(res_, row_, col)));
    }

  private:
    void put(int i, std::string v) {
        if (i < 1 || i > prepared_.params) return;
        values_[i - 1] = std::move(v);
        set_[i - 1] = true;
    }
    void clear() {
        if (res_) PQclear(res_);
        res_ = nullptr;
        row_ = -1;
        done_ = false;
    }
    PgConn* conn_;
    Prepared prepared_;
    std::vector<std::string> values_;
    std::vector<bool> set_;
    PGresult* res_ = nullptr;
    int row_ = -1;
    bool done_ = false;
};

class PgConn : public Conn {
  public:
    PgConn(PGconn* conn, std::string address) : conn_(conn), address_(std::move(address)) {}
    ~PgConn() override {
        if (conn_) PQfinish(conn_);
    }
    Engine engine() const override { return Engine::kPostgres; }

    Stmt prepare(const std::string& sql) override {
        auto it = cache_.find(sql);
        if (it == cache_.end()) {
            if (PQstatus(conn_) == CONNECTION_BAD && !in_transaction()) {
                PQreset(conn_);  // a server restart: one new connection, statements prepared again
                cache_.clear();
            }
            Prepared p;
            const std::string text = numbered(sql, &p.params);
            p.name = "s" + std::to_string(++named_);
            PGresult* res = PQprepare(conn_, p.name.c_str(), text.c_str(), 0, nullptr);
            const bool ok = res && PQresultStatus(res) == PGRES_COMMAND_OK;
            Status error = ok ? Status::Ok() : error_of(conn_, res, "prepare");
            if (res) PQclear(res);
            if (!ok)
                return Stmt(nullptr,
                            Status::IoError(error.message() + " (in: " + sql.substr(0, 120) + ")"));
            it = cache_.emplace(sql, std::move(p)).first;
        }
        return Stmt(std::make_unique<PgStmt>(this, it->second), Status::Ok());
    }

    Status exec(const std::string& sql) override {
        PGresult* res = PQexec(conn_, sql.c_str());
        const ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
        const bool ok = st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
        Status s = ok ? Status::Ok() : error_of(conn_, res, "exec");
        if (ok) note_changes(res);
        if (res) PQclear(res);
        return s;
    }

    int64_t changes() const override { return changes_; }

    Result<bool> table_exists(const std::string& table) override {
        Stmt s = prepare(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND "
            "table_name = ?");
        s.bind(1, table);
        const bool found = s.step();
        if (!s.status().ok()) return s.status();
        return found;
    }
    Result<bool> column_exists(const std::string& table, const std::string& column) override {
        Stmt s = prepare(
            "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND "
            "table_name = ? "
            "AND column_name = ?");
        s.bind(1, table).bind(2, column);
        const bool found = s.step();
        if (!s.status().ok()) return s.status();
        return found;
    }
    Result<int64_t> table_count() override {
        Stmt s = prepare(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()");
        if (!s.step())
            return s.status().ok() ? Status::IoError("cannot count the database's tables")
                                   : s.status();
        return s.i64(0);
    }

    Status begin_write() override {
        forget_locks();
        return exec("BEGIN");
    }
    Status begin_read() override {
        forget_locks();
        return exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
    }
    Status commit() override {
        forget_locks();
        // COMMIT of a transaction a failed statement aborted answers
        // "ROLLBACK" without an error: say so instead.
        if (PQtransactionStatus(conn_) == PQTRANS_INERROR) {
            (void)exec("ROLLBACK");
            return Status::IoError("the transaction failed and was rolled back");
        }
        return exec("COMMIT");
    }
    void rollback() override {
        forget_locks();
        if (in_transaction()) (void)exec("ROLLBACK");
    }
    bool in_transaction() const override {
        const PGTransactionStatusType t = PQtransactionStatus(conn_);
        return t == PQTRANS_INTRANS || t == PQTRANS_INERROR || t == PQTRANS_ACTIVE;
    }
    bool serialises_writers() const override { return false; }
    std::string describe() const override {
        return "PostgreSQL database " + without_password(address_);
    }

    PGconn* raw() { return conn_; }
    void note_changes(PGresult* res) {
        const char* n = PQcmdTuples(res);
        changes_ = n && *n ? std::strtoll(n, nullptr, 10) : 0;
    }

  private:
    PGconn* conn_;
    std::string address_;
    std::unordered_map<std::string, Prepared> cache_;
    int64_t named_ = 0;
    int64_t changes_ = 0;
};

bool PgStmt::step(Status* status) {
    if (!done_ && !res_) {
        std::vector<const char*> values(values_.size());
        for (size_t i = 0; i < values_.size(); ++i)
            values[i] = set_[i] ? values_[i].c_str() : nullptr;
        res_ = PQexecPrepared(conn_->raw(), prepared_.name.c_str(), prepared_.params, values.data(),
                              nullptr, nullptr, 0);
        const ExecStatusType st = res_ ? PQresultStatus(res_) : PGRES_FATAL_ERROR;
        if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
            *status = error_of(conn_->raw(), res_, "statement");
            clear();
            done_ = true;
            return false;
        }
        conn_->note_changes(res_);
        row_ = -1;
    }
    if (!res_) return false;
    if (++row_ < PQntuples(res_)) return true;
    done_ = true;
    return false;
}

void ignore_notice(void*, const char*) {}

}  // namespace

Result<std::unique_ptr<Conn>> open_postgres(const std::string& address) {
    PGconn* conn = PQconnectdb(address.c_str());
    if (!conn) return Status::IoError("out of memory connecting to PostgreSQL");
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string message = PQerrorMessage(conn);
        while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
            message.pop_back();
        PQfinish(conn);
        return Status::Unavailable("cannot connect to " + without_password(address) + ": " +
                                   message);
    }
    PQsetNoticeProcessor(conn, ignore_notice, nullptr);
    auto c = std::make_unique<PgConn>(conn, address);
    // Central's times are epoch milliseconds and its text is UTF-8 JSON.
    Status s = c->exec("SET client_encoding = 'UTF8'");
    if (!s.ok()) return s;
    return std::unique_ptr<Conn>(std::move(c));
}

}  // namespace sql
}  // namespace outpost

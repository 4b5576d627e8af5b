// The SQLite engine of central's storage seam (central_sql.h): the store's
// own Db and Stmt underneath, so a SQLite central behaves exactly as before
// the seam existed. Writers are serialised by SQLite itself (BEGIN IMMEDIATE),
// which is why feed cursors taken in a write transaction are commit-ordered
// here without any further lock.
#include "central_sql.h"

namespace outpost {
namespace sql {
namespace {

class SqliteStmt : public StmtImpl {
  public:
    explicit SqliteStmt(outpost::Stmt s) : s_(std::move(s)) {}
    void bind_i64(int i, int64_t v) override { s_.bind(i, v); }
    void bind_f64(int i, double v) override { s_.bind(i, v); }
    void bind_text(int i, const std::string& v) override { s_.bind(i, v); }
    void bind_null(int i) override { s_.bind_null(i); }
    bool step(Status* status) override {
        if (s_.step()) return true;
        if (!s_.status().ok()) *status = s_.status();
        return false;
    }
    void reset() override { s_.reset(); }
    int64_t i64(int col) const override { return s_.i64(col); }
    double f64(int col) const override { return s_.f64(col); }
    bool is_null(int col) const override { return s_.is_null(col); }
    std::string text(int col) const override { return s_.text(col); }

  private:
    outpost::Stmt s_;
};

class SqliteConn : public Conn {
  public:
    SqliteConn(Db db, std::string path) : db_(std::move(db)), path_(std::move(path)) {}
    Engine engine() const override { return Engine::kSqlite; }
    Stmt prepare(const std::string& sql) override {
        Status error;
        outpost::Stmt s = db_.prepare(sql, &error);
        if (!error.ok()) return Stmt(nullptr, error);
        return Stmt(std::make_unique<SqliteStmt>(std::move(s)), Status::Ok());
    }
    Status exec(const std::string& sql) override { return db_.exec(sql); }
    int64_t changes() const override { return db_.changes(); }
    Result<bool> table_exists(const std::string& table) override {
        outpost::Stmt s = db_.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?");
        s.bind(1, table);
        const bool found = s.step();
        if (!s.status().ok()) return s.status();
        return found;
    }
    Result<bool> column_exists(const std::string& table, const std::string& column) override {
        outpost::Stmt s = db_.prepare("SELECT 1 FROM pragma_table_info(?) WHERE name=?");
        s.bind(1, table).bind(2, column);
        const bool found = s.step();
        if (!s.status().ok()) return s.status();
        return found;
    }
    Result<int64_t> table_count() override {
        auto n = db_.query_i64("SELECT COUNT(*) FROM sqlite_master");
        if (!n) return Status::IoError("cannot read the database's schema: " + db_.errmsg());
        return *n;
    }
    Status begin_write() override {
        forget_locks();
        return db_.exec("BEGIN IMMEDIATE");
    }
    Status begin_read() override {
        forget_locks();
        return db_.exec("BEGIN");
    }
    Status commit() override {
        forget_locks();
        return db_.exec("COMMIT");
    }
    void rollback() override {
        forget_locks();
        if (in_transaction()) (void)db_.exec("ROLLBACK");
    }
    bool in_transaction() const override {
        return db_.is_open() && !sqlite3_get_autocommit(db_.raw());
    }
    bool serialises_writers() const override { return true; }
    Db* sqlite() override { return &db_; }
    std::string describe() const override { return "SQLite file " + path_; }

  private:
    Db db_;
    std::string path_;
};

}  // namespace

std::optional<int64_t> Conn::query_i64(const std::string& sql) {
    Stmt s = prepare(sql);
    if (!s.step() || s.is_null(0)) return std::nullopt;
    return s.i64(0);
}

std::optional<std::string> Conn::query_text(const std::string& sql) {
    Stmt s = prepare(sql);
    if (!s.step() || s.is_null(0)) return std::nullopt;
    return s.text(0);
}

bool is_postgres_address(const std::string& target) {
    return target.rfind("postgresql://", 0) == 0 || target.rfind("postgres://", 0) == 0;
}

Result<std::unique_ptr<Conn>> open(const std::string& target, bool create) {
    if (is_postgres_address(target)) return open_postgres(target);
    return open_sqlite(target, create);
}

Result<std::unique_ptr<Conn>> open_sqlite(const std::string& path, bool create) {
    auto db = Db::Open(path, create);
    if (!db.ok()) return db.status();
    return std::unique_ptr<Conn>(new SqliteConn(std::move(db).value(), path));
}

}  // namespace sql
}  // namespace outpost

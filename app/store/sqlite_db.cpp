// Implementation of the SQLite RAII layer. See sqlite_db.h.
#include "sqlite_db.h"

namespace outpost {

static void release(sqlite3_stmt* s, bool owned) {
    if (!s) return;
    if (owned) {
        sqlite3_finalize(s);
    } else {
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
    }
}

Stmt& Stmt::operator=(Stmt&& o) noexcept {
    if (this != &o) {
        release(s_, owned_);
        db_ = o.db_;
        s_ = o.s_;
        owned_ = o.owned_;
        status_ = o.status_;
        o.s_ = nullptr;
    }
    return *this;
}

Stmt::~Stmt() { release(s_, owned_); }

Stmt& Stmt::bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
}
Stmt& Stmt::bind(int i, double v) {
    sqlite3_bind_double(s_, i, v);
    return *this;
}
Stmt& Stmt::bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind(int i, const char* v) {
    sqlite3_bind_text(s_, i, v, -1, SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind_null(int i) {
    sqlite3_bind_null(s_, i);
    return *this;
}

bool Stmt::step() {
    if (!s_) {
        if (status_.ok()) status_ = Status::IoError("statement was not prepared");
        return false;
    }
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    status_ = Status::IoError(std::string("database error: ") + sqlite3_errmsg(db_));
    return false;
}

Status Stmt::run() {
    while (step()) {
    }
    return status_;
}

void Stmt::reset() {
    if (s_) {
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
    }
    status_ = Status::Ok();
}

std::string Stmt::text(int col) const {
    const unsigned char* t = sqlite3_column_text(s_, col);
    if (!t) return std::string();
    return std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(s_, col));
}

std::optional<std::string> Stmt::opt_text(int col) const {
    if (is_null(col)) return std::nullopt;
    return text(col);
}

void Db::clear_cache() {
    for (auto& kv : cache_) sqlite3_finalize(kv.second);
    cache_.clear();
}

Db& Db::operator=(Db&& o) noexcept {
    if (this != &o) {
        clear_cache();
        if (db_) sqlite3_close_v2(db_);
        db_ = o.db_;
        cache_ = std::move(o.cache_);
        o.db_ = nullptr;
    }
    return *this;
}

Db::~Db() {
    clear_cache();
    if (db_) sqlite3_close_v2(db_);
}

Stmt Db::cached(const std::string& sql, Status* error) {
    return cached(sql, [&] { return sql; }, error);
}

Stmt Db::cached(const std::string& key, const std::function<std::string()>& make_sql, Status* error) {
    auto it = cache_.find(key);
    if (it != cache_.end()) return Stmt(db_, it->second, false);
    const std::string sql = make_sql();
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s,
                                nullptr);
    if (rc != SQLITE_OK) {
        if (error) *error = Status::IoError("database error preparing query: " + errmsg());
        if (s) sqlite3_finalize(s);
        return Stmt(db_, nullptr);
    }
    cache_.emplace(key, s);
    return Stmt(db_, s, false);
}

Result<Db> Db::Open(const std::string& path, bool create) {
    Db db;
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (create) flags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path.c_str(), &db.db_, flags, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db.db_ ? sqlite3_errmsg(db.db_) : "out of memory";
        return Status::IoError("cannot open database '" + path + "': " + msg +
                               (create ? "" : " (does the file exist?)"));
    }
    sqlite3_busy_timeout(db.db_, 5000);
    // WAL lets the UI read while the sync thread writes. synchronous=FULL makes
    // SQLite fsync the WAL at every commit, so a dispensing that was reported as
    // committed survives a power cut; NORMAL (the common WAL choice) may lose
    // the last transactions on power loss, which for a dispensing record is a
    // harm, and a dispensing commit is rare enough that the fsync is cheap.
    Status s = db.exec(
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
        " PRAGMA temp_store=MEMORY; PRAGMA cache_size=-16000;");
    if (!s.ok()) return s;
    return db;
}

Status Db::exec(const std::string& sql) {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        std::string m = err ? err : sqlite3_errmsg(db_);
        sqlite3_free(err);
        return Status::IoError("database error: " + m);
    }
    return Status::Ok();
}

Stmt Db::prepare(const std::string& sql, Status* error) {
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &s, nullptr);
    if (rc != SQLITE_OK) {
        if (error) *error = Status::IoError("database error preparing query: " + errmsg());
        if (s) sqlite3_finalize(s);
        return Stmt(db_, nullptr);
    }
    return Stmt(db_, s);
}

Status Db::prepare_checked(const std::string& sql, Stmt* out) {
    Status st;
    *out = prepare(sql, &st);
    return st;
}

std::optional<int64_t> Db::query_i64(const std::string& sql) {
    Stmt s = prepare(sql);
    if (s.step() && !s.is_null(0)) return s.i64(0);
    return std::nullopt;
}

std::optional<std::string> Db::query_text(const std::string& sql) {
    Stmt s = prepare(sql);
    if (s.step() && !s.is_null(0)) return s.text(0);
    return std::nullopt;
}

Tx::Tx(Db& db) : db_(db) { begin_ = db_.exec("BEGIN IMMEDIATE"); }

Tx::~Tx() {
    if (!done_ && begin_.ok()) db_.exec("ROLLBACK");
}

Status Tx::commit() {
    if (!begin_.ok()) return begin_;
    Status s = db_.exec("COMMIT");
    if (s.ok()) done_ = true;
    return s;
}

}  // namespace outpost

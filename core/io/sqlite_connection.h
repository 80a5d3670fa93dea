// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <stdexcept>
#include <string>

struct sqlite3;

namespace dtop::io {

// A failed SQLite call. `code` is SQLite's extended result code (SQLITE_CORRUPT, ...), so the
// caller can tell a damaged file from a full disk or a constraint.
class SqliteError : public std::runtime_error {
public:
    SqliteError(const std::string& message, int code) : std::runtime_error(message), m_code(code) {}
    int code() const { return m_code; }
    int primaryCode() const { return m_code & 0xff; }

private:
    int m_code;
};

// One open SQLite connection; closes it on destruction (move-only, never leaks).
class SqliteConnection {
public:
    // ReadOnlyImmutable: no locks and no -wal/-shm files are created; only for a file that no
    // one is writing and that has no -wal or -journal file beside it.
    enum class Mode { ReadOnly, ReadOnlyImmutable, ReadWrite, ReadWriteCreate };

    SqliteConnection(const std::string& path, Mode mode);
    ~SqliteConnection();
    SqliteConnection(SqliteConnection&& other) noexcept;
    SqliteConnection& operator=(SqliteConnection&& other) noexcept;
    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    sqlite3* handle() const { return m_db; }
    const std::string& path() const { return m_path; }

    // Runs one or more statements without results; throws SqliteError.
    void exec(const std::string& sql);
    // The first column of the first row of a query returning one integer (PRAGMA user_version).
    long long queryInt(const std::string& sql);
    // Throws SqliteError built from the connection's last error if `rc` is not SQLITE_OK/DONE/ROW.
    void check(int rc, const std::string& what) const;
    long long lastInsertRowId() const;
    // Rows changed by the last INSERT/UPDATE/DELETE.
    int changes() const;
    // The first column of the first row of a query returning one text value.
    std::string queryText(const std::string& sql);

private:
    void close() noexcept;

    sqlite3* m_db = nullptr;
    std::string m_path;
};

} // namespace dtop::io

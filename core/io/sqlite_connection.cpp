// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/sqlite_connection.h"

#include "io/sqlite_statement.h"

#include <sqlite3.h>

#include <cctype>
#include <utility>

namespace dtop::io {

namespace {
// "file:" URI of a path, everything but unreserved characters and '/' percent-encoded.
std::string fileUri(const std::string& path)
{
    static const char kHex[] = "0123456789ABCDEF";
    std::string uri = "file:";
    for (unsigned char c : path) {
        if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            uri += static_cast<char>(c);
        } else {
            uri += '%';
            uri += kHex[c >> 4];
            uri += kHex[c & 15];
        }
    }
    return uri;
}
} // namespace

SqliteConnection::SqliteConnection(const std::string& path, Mode mode) : m_path(path)
{
    int flags = SQLITE_OPEN_NOMUTEX; // one connection per thread: the owner serialises its use
    switch (mode) {
    case Mode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case Mode::ReadOnlyImmutable:
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        break;
    case Mode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case Mode::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }
    const std::string name = mode == Mode::ReadOnlyImmutable ? fileUri(path) + "?immutable=1"
                                                             : path;
    const int rc = sqlite3_open_v2(name.c_str(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(rc);
        const int code = m_db ? sqlite3_extended_errcode(m_db) : rc;
        close();
        throw SqliteError(message, code);
    }
    sqlite3_extended_result_codes(m_db, 1);
    // Another DTOP process (the window and a command) may hold a lock for a moment.
    sqlite3_busy_timeout(m_db, 5000);
}

SqliteConnection::~SqliteConnection() { close(); }

SqliteConnection::SqliteConnection(SqliteConnection&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path))
{
}

SqliteConnection& SqliteConnection::operator=(SqliteConnection&& other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
    }
    return *this;
}

void SqliteConnection::close() noexcept
{
    // sqlite3_close_v2 defers the close until any forgotten statement is finalised; the
    // statement wrappers finalise themselves, so in practice it closes at once.
    if (m_db)
        sqlite3_close_v2(m_db);
    m_db = nullptr;
}

void SqliteConnection::exec(const std::string& sql)
{
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
        const std::string text = message ? message : sqlite3_errstr(rc);
        sqlite3_free(message);
        throw SqliteError(text, sqlite3_extended_errcode(m_db));
    }
}

long long SqliteConnection::queryInt(const std::string& sql)
{
    SqliteStatement statement(*this, sql);
    if (!statement.step())
        throw SqliteError("no result from: " + sql, SQLITE_ERROR);
    return statement.columnInt64(0);
}

void SqliteConnection::check(int rc, const std::string& what) const
{
    if (rc == SQLITE_OK || rc == SQLITE_DONE || rc == SQLITE_ROW)
        return;
    throw SqliteError(what + ": " + sqlite3_errmsg(m_db), sqlite3_extended_errcode(m_db));
}

long long SqliteConnection::lastInsertRowId() const { return sqlite3_last_insert_rowid(m_db); }

int SqliteConnection::changes() const { return sqlite3_changes(m_db); }

std::string SqliteConnection::queryText(const std::string& sql)
{
    SqliteStatement statement(*this, sql);
    if (!statement.step())
        throw SqliteError("no result from: " + sql, SQLITE_ERROR);
    return statement.columnText(0);
}

} // namespace dtop::io

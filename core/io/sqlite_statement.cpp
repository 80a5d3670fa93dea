// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/sqlite_statement.h"

#include "io/sqlite_connection.h"

#include <sqlite3.h>

namespace dtop::io {

SqliteStatement::SqliteStatement(SqliteConnection& connection, std::string_view sql)
    : m_connection(connection)
{
    const int rc = sqlite3_prepare_v2(connection.handle(), sql.data(),
                                      static_cast<int>(sql.size()), &m_statement, nullptr);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        connection.check(rc, "cannot prepare '" + std::string(sql) + "'");
    }
}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(m_statement); }

SqliteStatement& SqliteStatement::bind(int index, std::string_view text)
{
    m_connection.check(sqlite3_bind_text64(m_statement, index, text.data(), text.size(),
                                           SQLITE_TRANSIENT, SQLITE_UTF8),
                       "cannot bind parameter " + std::to_string(index));
    return *this;
}

SqliteStatement& SqliteStatement::bind(int index, long long value)
{
    m_connection.check(sqlite3_bind_int64(m_statement, index, value),
                       "cannot bind parameter " + std::to_string(index));
    return *this;
}

SqliteStatement& SqliteStatement::bindNull(int index)
{
    m_connection.check(sqlite3_bind_null(m_statement, index),
                       "cannot bind parameter " + std::to_string(index));
    return *this;
}

SqliteStatement& SqliteStatement::bindOptional(int index, const std::optional<std::string>& text)
{
    return text ? bind(index, std::string_view(*text)) : bindNull(index);
}

bool SqliteStatement::step()
{
    const int rc = sqlite3_step(m_statement);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    m_connection.check(rc, "SQLite statement failed");
    return false;
}

void SqliteStatement::run()
{
    while (step()) {
    }
}

void SqliteStatement::reset()
{
    sqlite3_reset(m_statement);
    sqlite3_clear_bindings(m_statement);
}

bool SqliteStatement::columnIsNull(int column) const
{
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

long long SqliteStatement::columnInt64(int column) const
{
    return sqlite3_column_int64(m_statement, column);
}

std::string SqliteStatement::columnText(int column) const
{
    const auto* text = sqlite3_column_text(m_statement, column);
    const int bytes = sqlite3_column_bytes(m_statement, column);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(bytes))
                : std::string();
}

} // namespace dtop::io

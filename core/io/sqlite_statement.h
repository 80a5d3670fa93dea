// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

struct sqlite3_stmt;

namespace dtop::io {

class SqliteConnection;

// A prepared statement, finalised on destruction. Parameters are 1-based as in SQLite,
// columns 0-based. step() returns true while there is a row and throws SqliteError on failure.
class SqliteStatement {
public:
    SqliteStatement(SqliteConnection& connection, std::string_view sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement&) = delete;
    SqliteStatement& operator=(const SqliteStatement&) = delete;

    SqliteStatement& bind(int index, std::string_view text);
    SqliteStatement& bind(int index, long long value);
    SqliteStatement& bindNull(int index);
    SqliteStatement& bindOptional(int index, const std::optional<std::string>& text);

    bool step();
    // Runs a statement that returns no rows.
    void run();
    void reset();

    bool columnIsNull(int column) const;
    long long columnInt64(int column) const;
    std::string columnText(int column) const;

private:
    SqliteConnection& m_connection;
    sqlite3_stmt* m_statement = nullptr;
};

} // namespace dtop::io

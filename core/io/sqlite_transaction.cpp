// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/sqlite_transaction.h"

#include "io/sqlite_connection.h"

#include <sqlite3.h>

namespace dtop::io {

SqliteTransaction::SqliteTransaction(SqliteConnection& connection) : m_connection(connection)
{
    // IMMEDIATE takes the write lock now, so two writers wait (busy timeout) instead of one
    // failing half-way with SQLITE_BUSY on its first write.
    m_connection.exec("BEGIN IMMEDIATE");
}

SqliteTransaction::~SqliteTransaction()
{
    if (m_open && m_connection.handle() && !sqlite3_get_autocommit(m_connection.handle()))
        sqlite3_exec(m_connection.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void SqliteTransaction::commit()
{
    m_connection.exec("COMMIT");
    m_open = false;
}

} // namespace dtop::io

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace dtop::io {

class SqliteConnection;

// BEGIN IMMEDIATE on construction; commit() makes the writes durable; destruction without
// commit() (an exception on the way) rolls everything back, so a failed write leaves the file
// exactly as it was.
class SqliteTransaction {
public:
    explicit SqliteTransaction(SqliteConnection& connection);
    ~SqliteTransaction();
    SqliteTransaction(const SqliteTransaction&) = delete;
    SqliteTransaction& operator=(const SqliteTransaction&) = delete;

    void commit();

private:
    SqliteConnection& m_connection;
    bool m_open = true;
};

} // namespace dtop::io

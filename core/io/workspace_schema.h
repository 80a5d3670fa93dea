// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace dtop::io {

class SqliteConnection;

// The workspace's SQLite schema and its ordered migrations. PRAGMA user_version is the number
// of migrations applied (0 = a new, empty file); PRAGMA application_id marks the file as DTOP's.
namespace workspace_schema {

// "DTOP" in ASCII, stored big-endian at byte 68 of the file header (`file` shows it too).
inline constexpr std::int32_t kApplicationId = 0x44544F50;

// Migration i (1-based) turns a version i-1 file into a version i file. It runs inside the
// caller's transaction, together with the user_version update, so it is all or nothing.
// Adding a schema change = writing one function and appending it to the list in the .cpp.
using Migration = void (*)(SqliteConnection&);

std::span<const Migration> migrations();
int currentVersion(); // == migrations().size()

// Applies list[from .. end) to a file at version `from`, setting user_version after each and
// application_id on the way. The caller holds the transaction. The list is a parameter so that
// tests can run a failing migration.
void migrate(SqliteConnection& connection, int from, std::span<const Migration> list);

// Every table the current schema has (a workspace must have all of them).
const std::vector<std::string>& currentTables();
// Every table any schema version ever had; any other table means "not a DTOP workspace".
const std::vector<std::string>& knownTables();

} // namespace workspace_schema
} // namespace dtop::io

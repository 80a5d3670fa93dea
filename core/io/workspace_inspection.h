// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace dtop::io {

// What Workspace::open() learnt about a file before writing anything to it.
struct WorkspaceFileState {
    bool exists = false;   // false: the file is to be created
    bool fresh = false;    // missing, 0 bytes or an SQLite file without tables: initialise it
    int schemaVersion = 0; // PRAGMA user_version of an existing workspace
};

// Checks `path` without modifying it: a regular, readable and writable file in a writable
// folder, an SQLite 3 database that is not truncated or damaged, with DTOP's application id,
// a schema version this build knows and no foreign tables. Throws WorkspaceError naming the
// file and the problem. Reads only the header itself and opens SQLite read-only.
WorkspaceFileState inspectWorkspaceFile(const std::string& path);
// The same checks of the content alone (header, SQLite, application id, schema, quick check),
// for a file that is only to be read (a backup): it must be a readable regular file.
WorkspaceFileState inspectWorkspaceContent(const std::string& path);

} // namespace dtop::io

// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/workspace_schema.h"

#include "io/sqlite_connection.h"

#include <array>

namespace dtop::io::workspace_schema {

namespace {

// Version 1: profiles with append-only versions, imported datasets, run records.
void migration1(SqliteConnection& db)
{
    db.exec(R"sql(
CREATE TABLE profiles (
    name        TEXT PRIMARY KEY NOT NULL CHECK (length(name) > 0),
    created_utc TEXT NOT NULL
);
CREATE TABLE profile_versions (
    name         TEXT NOT NULL REFERENCES profiles(name),
    version      INTEGER NOT NULL CHECK (version >= 1),
    profile_json TEXT NOT NULL,
    note         TEXT NOT NULL,
    created_utc  TEXT NOT NULL,
    app_version  TEXT NOT NULL,
    PRIMARY KEY (name, version)
);
-- docs/architecture.md: a profile is never overwritten, a change appends a version.
CREATE TRIGGER profile_versions_no_update BEFORE UPDATE ON profile_versions
BEGIN SELECT RAISE(ABORT, 'profile versions are append-only'); END;
CREATE TRIGGER profile_versions_no_delete BEFORE DELETE ON profile_versions
BEGIN SELECT RAISE(ABORT, 'profile versions are append-only'); END;
CREATE TABLE datasets (
    id                 TEXT PRIMARY KEY NOT NULL CHECK (length(id) > 0),
    metadata_json      TEXT NOT NULL,
    content            TEXT NOT NULL,
    original_file_name TEXT NOT NULL,
    imported_utc       TEXT NOT NULL
);
CREATE TABLE runs (
    id              INTEGER PRIMARY KEY,
    tool            TEXT NOT NULL CHECK (length(tool) > 0),
    input_json      TEXT NOT NULL,
    seed            TEXT CHECK (seed IS NULL OR (length(seed) > 0 AND seed NOT GLOB '*[^0-9]*')),
    app_version     TEXT NOT NULL,
    created_utc     TEXT NOT NULL,
    summary_json    TEXT NOT NULL,
    profile_name    TEXT,
    profile_version INTEGER,
    FOREIGN KEY (profile_name, profile_version) REFERENCES profile_versions(name, version)
);
CREATE INDEX runs_by_tool ON runs(tool, id);
)sql");
}

constexpr std::array<Migration, 1> kMigrations = {&migration1};

} // namespace

std::span<const Migration> migrations() { return kMigrations; }

int currentVersion() { return static_cast<int>(kMigrations.size()); }

void migrate(SqliteConnection& connection, int from, std::span<const Migration> list)
{
    for (std::size_t i = static_cast<std::size_t>(from); i < list.size(); ++i) {
        list[i](connection);
        // PRAGMAs take no bound parameters; both values are integers we control.
        connection.exec("PRAGMA user_version = " + std::to_string(i + 1));
    }
    connection.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
}

const std::vector<std::string>& currentTables()
{
    static const std::vector<std::string> kTables = {"profiles", "profile_versions", "datasets",
                                                     "runs"};
    return kTables;
}

const std::vector<std::string>& knownTables()
{
    // Add here the tables a later migration drops, so older files are still recognised.
    return currentTables();
}

} // namespace dtop::io::workspace_schema

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "common/input_issue.h"
#include "io/sqlite_connection.h"
#include "io/workspace_error.h"
#include "io/workspace_records.h"
#include "model/profile.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace dtop::io {

class SqliteStatement;

// The user's workspace: one SQLite file holding saved profiles with append-only versions
// (docs/architecture.md), imported datasets and a record of every analysis run.
//
// open() never modifies a file it rejects, and every write is one transaction, so a failure
// or a crash leaves the previous content intact. Errors with the file are WorkspaceError
// (naming the file); unacceptable data is WorkspaceInputError (nothing written).
//
// Saved profile names: non-empty, at most 100 characters, no control characters, no leading
// or trailing spaces, and not the name of a built-in preset (compared ignoring ASCII case), so
// `--profile NAME` always means the same profile. Save a changed preset under a new name.
//
// A Workspace is used from one thread at a time; other processes may open the same file.
class Workspace {
public:
    // Opens the workspace at `path`. A missing or 0-byte file (or an SQLite file without any
    // table) becomes a new, empty workspace; an older schema is migrated in one transaction.
    // Its folder must exist (see createWorkspaceFolder()).
    static Workspace open(const std::string& path);

    Workspace(Workspace&&) noexcept = default;
    Workspace& operator=(Workspace&&) noexcept = default;

    const std::string& path() const { return m_db.path(); }
    int schemaVersion() const { return m_schemaVersion; }
    static int currentSchemaVersion();

    // --- profiles ------------------------------------------------------------------------
    // Problems with `name` as a saved profile's name (empty if acceptable).
    static InputIssues checkProfileName(const std::string& name);
    // Everything saveProfile() would refuse: the name rules above and Profile::validate().
    static InputIssues checkProfileForSaving(const model::Profile& profile);
    // Appends version N+1 of profile.name (1 for a new name) and returns it. Throws
    // WorkspaceInputError if the name is not allowed or the profile fails validate().
    ProfileVersion saveProfile(const model::Profile& profile, const std::string& note);
    std::optional<ProfileVersion> latestProfile(const std::string& name);
    std::optional<ProfileVersion> profileVersion(const std::string& name, int version);
    // Every version of `name`, oldest (version 1) first; empty for an unknown name.
    std::vector<ProfileVersion> profileHistory(const std::string& name);
    // Saved names with their latest version, sorted by name.
    std::vector<SavedProfileSummary> savedProfiles();

    // --- imported datasets ---------------------------------------------------------------
    // Stores a dataset under record.id (non-empty, at most 200 characters, no control
    // characters, not yet used) and returns its summary with the import time.
    DatasetSummary addDataset(const DatasetRecord& record);
    // `base` if no dataset has that id, else "base-2", "base-3", ...
    std::string uniqueDatasetId(const std::string& base);
    std::vector<DatasetSummary> datasets(); // in import order
    std::optional<DatasetRecord> dataset(const std::string& id);
    bool removeDataset(const std::string& id); // false if there was none

    // --- run records -----------------------------------------------------------------------
    // Appends a run; id, appVersion and createdUtc are filled in. Returns the new id.
    long long recordRun(const RunRecord& run);
    // Newest first; only `tool`'s runs if given; at most `limit` (0 = all).
    std::vector<RunRecord> runs(const std::optional<std::string>& tool = std::nullopt,
                                std::size_t limit = 0);
    std::optional<RunRecord> run(long long id);

private:
    Workspace(SqliteConnection db, int schemaVersion);
    // Runs `work`, turning SQLite and JSON failures into WorkspaceError naming the file.
    template <class Work>
    auto guarded(const std::string& action, Work&& work) const;
    ProfileVersion readProfileRow(const SqliteStatement& row, const std::string& name) const;
    RunRecord readRunRow(const SqliteStatement& row) const;

    SqliteConnection m_db;
    int m_schemaVersion = 0;
};

} // namespace dtop::io

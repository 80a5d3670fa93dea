// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/workspace.h"

#include "common/utc_timestamp.h"
#include "dtop/version.h"
#include "io/profile_json.h"
#include "io/sqlite_statement.h"
#include "io/sqlite_transaction.h"
#include "io/workspace_inspection.h"
#include "io/workspace_schema.h"
#include "model/presets.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>

namespace dtop::io {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxProfileNameLength = 100;
constexpr std::size_t kMaxDatasetIdLength = 200;

// Invalid UTF-8 in a caller's string is replaced rather than thrown at the user.
std::string dumpJson(const json& j)
{
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool hasControlCharacter(const std::string& text)
{
    return std::any_of(text.begin(), text.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

std::string asciiLower(std::string text)
{
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

[[noreturn]] void translate(const std::string& path, const std::string& action,
                            const SqliteError& e)
{
    switch (e.primaryCode()) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
        throw WorkspaceError(WorkspaceProblem::Corrupt, "workspace " + path + " is damaged (" +
                                                            action + "): " + e.what());
    case SQLITE_CONSTRAINT:
        throw WorkspaceInputError({{"workspace", "cannot " + action + ": " + e.what()}});
    case SQLITE_READONLY:
        throw WorkspaceError(WorkspaceProblem::ReadOnly, "cannot " + action + " in workspace " +
                                                             path + ": " + e.what() +
                                                             "; nothing was changed");
    default:
        throw WorkspaceError(WorkspaceProblem::WriteFailed, "cannot " + action +
                                                                " in workspace " + path + ": " +
                                                                e.what() + "; nothing was changed");
    }
}

std::optional<std::uint64_t> parseSeed(const std::string& text)
{
    std::uint64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return value;
}

void removeCreatedFile(const std::string& path) noexcept
{
    std::error_code ec;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
        std::filesystem::remove(path + suffix, ec);
}

} // namespace

template <class Work>
auto Workspace::guarded(const std::string& action, Work&& work) const
{
    try {
        return work();
    } catch (const SqliteError& e) {
        translate(path(), action, e);
    } catch (const json::exception& e) {
        // Only stored text can fail to parse: it was written by us, so the file is damaged.
        throw WorkspaceError(WorkspaceProblem::Corrupt, "workspace " + path() + " is damaged (" +
                                                            action + "): " + e.what());
    }
}

Workspace::Workspace(SqliteConnection db, int schemaVersion)
    : m_db(std::move(db)), m_schemaVersion(schemaVersion)
{
}

int Workspace::currentSchemaVersion() { return workspace_schema::currentVersion(); }

Workspace Workspace::open(const std::string& path)
{
    const WorkspaceFileState state = inspectWorkspaceFile(path);
    const int current = workspace_schema::currentVersion();
    try {
        SqliteConnection db(path, state.exists ? SqliteConnection::Mode::ReadWrite
                                               : SqliteConnection::Mode::ReadWriteCreate);
        db.exec("PRAGMA foreign_keys = ON"); // per connection, and only outside a transaction
        int version = state.schemaVersion;
        if (state.fresh || version < current) {
            SqliteTransaction transaction(db);
            // Read again under the write lock: another process may have migrated meanwhile.
            version = static_cast<int>(db.queryInt("PRAGMA user_version"));
            if (version > current)
                throw WorkspaceError(WorkspaceProblem::NewerVersion,
                                     "workspace " + path + " was just upgraded by a newer DTOP "
                                     "(schema version " + std::to_string(version) + ")");
            workspace_schema::migrate(db, version, workspace_schema::migrations());
            for (const auto& table : workspace_schema::currentTables())
                if (db.queryInt("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND "
                                "name = '" + table + "'") != 1)
                    throw WorkspaceError(WorkspaceProblem::Corrupt,
                                         "workspace " + path + " is damaged: its table '" +
                                             table + "' is missing after the upgrade");
            transaction.commit();
            version = current;
        }
        // WAL: readers do not block the writer (the window and a command may share the file).
        // A file system without shared memory keeps the rollback journal, which is also safe.
        if (db.queryText("PRAGMA journal_mode") != "wal")
            db.queryText("PRAGMA journal_mode = WAL");
        return Workspace(std::move(db), version);
    } catch (const SqliteError& e) {
        if (!state.exists)
            removeCreatedFile(path);
        translate(path, state.fresh ? "create the workspace" : "open the workspace", e);
    } catch (...) {
        if (!state.exists)
            removeCreatedFile(path);
        throw;
    }
}

// --- profiles ----------------------------------------------------------------------------

InputIssues Workspace::checkProfileName(const std::string& name)
{
    InputIssues issues;
    if (name.empty()) {
        issues.push_back({"name", "profile name must not be empty"});
        return issues;
    }
    if (name.size() > kMaxProfileNameLength)
        issues.push_back({"name", "profile name must have at most " +
                                      std::to_string(kMaxProfileNameLength) + " characters, got " +
                                      std::to_string(name.size())});
    if (hasControlCharacter(name))
        issues.push_back({"name", "profile name must not contain control characters"});
    if (std::isspace(static_cast<unsigned char>(name.front())) ||
        std::isspace(static_cast<unsigned char>(name.back())))
        issues.push_back({"name", "profile name '" + name +
                                      "' must not begin or end with a space"});
    for (const auto& preset : model::presetNames())
        if (asciiLower(name) == asciiLower(preset))
            issues.push_back({"name", "profile name '" + name + "' is the built-in preset '" +
                                          preset + "'; save it under another name, e.g. 'my-" +
                                          preset + "'"});
    return issues;
}

InputIssues Workspace::checkProfileForSaving(const model::Profile& profile)
{
    InputIssues issues = checkProfileName(profile.name);
    for (auto& issue : profile.validate())
        if (issue.field != "name") // validate() repeats the empty-name issue
            issues.push_back(std::move(issue));
    return issues;
}

ProfileVersion Workspace::saveProfile(const model::Profile& profile, const std::string& note)
{
    if (InputIssues issues = checkProfileForSaving(profile); !issues.empty())
        throw WorkspaceInputError(std::move(issues));

    return guarded("save profile '" + profile.name + "'", [&] {
        ProfileVersion saved;
        saved.profile = profile;
        saved.note = note;
        saved.createdUtc = utcTimestampNow();
        saved.appVersion = kVersion;
        SqliteTransaction transaction(m_db);
        SqliteStatement(m_db, "INSERT INTO profiles (name, created_utc) VALUES (?1, ?2) "
                              "ON CONFLICT (name) DO NOTHING")
            .bind(1, profile.name)
            .bind(2, saved.createdUtc)
            .run();
        SqliteStatement next(m_db, "SELECT coalesce(max(version), 0) + 1 FROM profile_versions "
                                   "WHERE name = ?1");
        next.bind(1, profile.name).step();
        saved.version = static_cast<int>(next.columnInt64(0));
        SqliteStatement(m_db, "INSERT INTO profile_versions (name, version, profile_json, note, "
                              "created_utc, app_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
            .bind(1, profile.name)
            .bind(2, static_cast<long long>(saved.version))
            .bind(3, dumpJson(profileToJson(profile)))
            .bind(4, note)
            .bind(5, saved.createdUtc)
            .bind(6, saved.appVersion)
            .run();
        transaction.commit();
        return saved;
    });
}

// Columns: version, profile_json, note, created_utc, app_version.
ProfileVersion Workspace::readProfileRow(const SqliteStatement& row, const std::string& name) const
{
    ProfileVersion v;
    v.version = static_cast<int>(row.columnInt64(0));
    InputIssues issues;
    auto profile = profileFromJson(json::parse(row.columnText(1)), issues);
    if (!profile) {
        std::string problems;
        for (const auto& issue : issues)
            problems += (problems.empty() ? "" : "; ") + issue.message;
        throw WorkspaceError(WorkspaceProblem::Corrupt,
                             "workspace " + path() + " is damaged: profile '" + name +
                                 "' version " + std::to_string(v.version) + ": " + problems);
    }
    v.profile = std::move(*profile);
    v.profile.name = name;
    v.note = row.columnText(2);
    v.createdUtc = row.columnText(3);
    v.appVersion = row.columnText(4);
    return v;
}

std::optional<ProfileVersion> Workspace::latestProfile(const std::string& name)
{
    return guarded("read profile '" + name + "'", [&]() -> std::optional<ProfileVersion> {
        SqliteStatement q(m_db, "SELECT version, profile_json, note, created_utc, app_version "
                                "FROM profile_versions WHERE name = ?1 "
                                "ORDER BY version DESC LIMIT 1");
        q.bind(1, name);
        if (!q.step())
            return std::nullopt;
        return readProfileRow(q, name);
    });
}

std::optional<ProfileVersion> Workspace::profileVersion(const std::string& name, int version)
{
    return guarded("read profile '" + name + "'", [&]() -> std::optional<ProfileVersion> {
        SqliteStatement q(m_db, "SELECT version, profile_json, note, created_utc, app_version "
                                "FROM profile_versions WHERE name = ?1 AND version = ?2");
        q.bind(1, name).bind(2, static_cast<long long>(version));
        if (!q.step())
            return std::nullopt;
        return readProfileRow(q, name);
    });
}

std::vector<ProfileVersion> Workspace::profileHistory(const std::string& name)
{
    return guarded("read the history of profile '" + name + "'", [&] {
        std::vector<ProfileVersion> history;
        SqliteStatement q(m_db, "SELECT version, profile_json, note, created_utc, app_version "
                                "FROM profile_versions WHERE name = ?1 ORDER BY version");
        q.bind(1, name);
        while (q.step())
            history.push_back(readProfileRow(q, name));
        return history;
    });
}

std::vector<SavedProfileSummary> Workspace::savedProfiles()
{
    return guarded("list the saved profiles", [&] {
        std::vector<SavedProfileSummary> list;
        SqliteStatement q(m_db,
                          "SELECT p.name, v.version, p.created_utc, v.created_utc "
                          "FROM profiles p JOIN profile_versions v ON v.name = p.name "
                          "WHERE v.version = (SELECT max(version) FROM profile_versions "
                          "                   WHERE name = p.name) "
                          "ORDER BY p.name");
        while (q.step())
            list.push_back({q.columnText(0), static_cast<int>(q.columnInt64(1)), q.columnText(2),
                            q.columnText(3)});
        return list;
    });
}

// --- datasets ------------------------------------------------------------------------------

DatasetSummary Workspace::addDataset(const DatasetRecord& record)
{
    InputIssues issues;
    if (record.id.empty())
        issues.push_back({"id", "dataset id must not be empty"});
    else if (record.id.size() > kMaxDatasetIdLength)
        issues.push_back({"id", "dataset id must have at most " +
                                    std::to_string(kMaxDatasetIdLength) + " characters, got " +
                                    std::to_string(record.id.size())});
    if (hasControlCharacter(record.id))
        issues.push_back({"id", "dataset id must not contain control characters"});
    if (!issues.empty())
        throw WorkspaceInputError(std::move(issues));

    return guarded("store dataset '" + record.id + "'", [&] {
        DatasetSummary summary{record.id, record.metadata, record.originalFileName,
                               utcTimestampNow(), record.content.size()};
        SqliteTransaction transaction(m_db);
        SqliteStatement exists(m_db, "SELECT 1 FROM datasets WHERE id = ?1");
        if (exists.bind(1, record.id).step())
            throw WorkspaceInputError({{"id", "dataset id '" + record.id +
                                                  "' is already in the workspace; choose "
                                                  "another id, e.g. '" +
                                                  uniqueDatasetId(record.id) + "'"}});
        SqliteStatement(m_db, "INSERT INTO datasets (id, metadata_json, content, "
                              "original_file_name, imported_utc) VALUES (?1, ?2, ?3, ?4, ?5)")
            .bind(1, record.id)
            .bind(2, dumpJson(record.metadata))
            .bind(3, record.content)
            .bind(4, record.originalFileName)
            .bind(5, summary.importedUtc)
            .run();
        transaction.commit();
        return summary;
    });
}

std::string Workspace::uniqueDatasetId(const std::string& base)
{
    const std::string stem = base.empty() ? std::string("dataset") : base;
    return guarded("choose a dataset id", [&] {
        SqliteStatement q(m_db, "SELECT 1 FROM datasets WHERE id = ?1");
        std::string candidate = stem;
        for (int n = 2;; ++n) {
            q.reset();
            if (!q.bind(1, candidate).step())
                return candidate;
            candidate = stem + "-" + std::to_string(n);
        }
    });
}

std::vector<DatasetSummary> Workspace::datasets()
{
    return guarded("list the datasets", [&] {
        std::vector<DatasetSummary> list;
        SqliteStatement q(m_db, "SELECT id, metadata_json, original_file_name, imported_utc, "
                                "length(CAST(content AS BLOB)) FROM datasets ORDER BY rowid");
        while (q.step())
            list.push_back({q.columnText(0), json::parse(q.columnText(1)), q.columnText(2),
                            q.columnText(3), static_cast<std::size_t>(q.columnInt64(4))});
        return list;
    });
}

std::optional<DatasetRecord> Workspace::dataset(const std::string& id)
{
    return guarded("read dataset '" + id + "'", [&]() -> std::optional<DatasetRecord> {
        SqliteStatement q(m_db, "SELECT metadata_json, content, original_file_name, imported_utc "
                                "FROM datasets WHERE id = ?1");
        if (!q.bind(1, id).step())
            return std::nullopt;
        return DatasetRecord{id, json::parse(q.columnText(0)), q.columnText(1), q.columnText(2),
                             q.columnText(3)};
    });
}

bool Workspace::removeDataset(const std::string& id)
{
    return guarded("remove dataset '" + id + "'", [&] {
        SqliteTransaction transaction(m_db);
        SqliteStatement(m_db, "DELETE FROM datasets WHERE id = ?1").bind(1, id).run();
        const bool removed = m_db.changes() > 0;
        transaction.commit();
        return removed;
    });
}

// --- runs ----------------------------------------------------------------------------------

long long Workspace::recordRun(const RunRecord& run)
{
    if (run.tool.empty() || hasControlCharacter(run.tool))
        throw WorkspaceInputError({{"tool", "a run record needs a tool id without control "
                                            "characters, got '" + run.tool + "'"}});
    return guarded("record a " + run.tool + " run", [&] {
        SqliteTransaction transaction(m_db);
        if (run.profile) {
            SqliteStatement exists(m_db, "SELECT 1 FROM profile_versions WHERE name = ?1 AND "
                                         "version = ?2");
            if (!exists.bind(1, run.profile->name)
                     .bind(2, static_cast<long long>(run.profile->version))
                     .step())
                throw WorkspaceInputError(
                    {{"profile", "the run names profile '" + run.profile->name + "' version " +
                                     std::to_string(run.profile->version) +
                                     ", which is not in the workspace"}});
        }
        SqliteStatement insert(m_db, "INSERT INTO runs (tool, input_json, seed, app_version, "
                                     "created_utc, summary_json, profile_name, profile_version) "
                                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        insert.bind(1, run.tool)
            .bind(2, dumpJson(run.input))
            .bindOptional(3, run.seed ? std::optional<std::string>(std::to_string(*run.seed))
                              : std::nullopt)
            .bind(4, std::string_view(kVersion))
            .bind(5, utcTimestampNow())
            .bind(6, dumpJson(run.summary));
        if (run.profile)
            insert.bind(7, run.profile->name).bind(8, static_cast<long long>(run.profile->version));
        else
            insert.bindNull(7).bindNull(8);
        insert.run();
        const long long id = m_db.lastInsertRowId();
        transaction.commit();
        return id;
    });
}

// Columns: id, tool, input_json, seed, app_version, created_utc, summary_json, profile_name,
// profile_version.
RunRecord Workspace::readRunRow(const SqliteStatement& row) const
{
    RunRecord r;
    r.id = row.columnInt64(0);
    r.tool = row.columnText(1);
    r.input = json::parse(row.columnText(2));
    if (!row.columnIsNull(3)) {
        r.seed = parseSeed(row.columnText(3));
        if (!r.seed)
            throw WorkspaceError(WorkspaceProblem::Corrupt,
                                 "workspace " + path() + " is damaged: run " +
                                     std::to_string(r.id) + " has the seed '" +
                                     row.columnText(3) + "'");
    }
    r.appVersion = row.columnText(4);
    r.createdUtc = row.columnText(5);
    r.summary = json::parse(row.columnText(6));
    if (!row.columnIsNull(7))
        r.profile = ProfileRef{row.columnText(7), static_cast<int>(row.columnInt64(8))};
    return r;
}

std::vector<RunRecord> Workspace::runs(const std::optional<std::string>& tool, std::size_t limit)
{
    return guarded("list the runs", [&] {
        std::vector<RunRecord> list;
        SqliteStatement q(m_db, "SELECT id, tool, input_json, seed, app_version, created_utc, "
                                "summary_json, profile_name, profile_version FROM runs "
                                "WHERE ?1 IS NULL OR tool = ?1 ORDER BY id DESC LIMIT ?2");
        q.bindOptional(1, tool).bind(2, limit == 0 ? -1LL : static_cast<long long>(limit));
        while (q.step())
            list.push_back(readRunRow(q));
        return list;
    });
}

std::optional<RunRecord> Workspace::run(long long id)
{
    return guarded("read run " + std::to_string(id), [&]() -> std::optional<RunRecord> {
        SqliteStatement q(m_db, "SELECT id, tool, input_json, seed, app_version, created_utc, "
                                "summary_json, profile_name, profile_version FROM runs "
                                "WHERE id = ?1");
        if (!q.bind(1, id).step())
            return std::nullopt;
        return readRunRow(q);
    });
}

} // namespace dtop::io

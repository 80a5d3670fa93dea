// SPDX-License-Identifier: GPL-3.0-or-later
#include "io/workspace_backup.h"

#include "common/utc_timestamp.h"
#include "io/sqlite_connection.h"
#include "io/sqlite_statement.h"
#include "io/workspace_error.h"
#include "io/workspace_inspection.h"

#include <sqlite3.h>

#include <algorithm>
#include <filesystem>

namespace fs = std::filesystem;

namespace dtop::io {

namespace {

constexpr char kBackupExtension[] = ".dtop";
constexpr char kBeforeRestore[] = ".before-restore.";
constexpr int kPagesPerStep = 256;
constexpr int kBusyRetries = 500; // × 20 ms: a writer holding the file for 10 s is an error

// "2026-12-04T15:08:09.123Z" → "20261204T150809123Z": a file name that sorts in time order.
std::string fileTimestamp()
{
    std::string stamp;
    for (char c : utcTimestampNow())
        if (c != '-' && c != ':' && c != '.')
            stamp += c;
    return stamp;
}

// `folder/stem.<time><suffix>`, with "-2", "-3", ... when two are made in one millisecond.
fs::path timestampedPath(const fs::path& folder, const std::string& stem, const std::string& suffix)
{
    const std::string base = stem + "." + fileTimestamp();
    fs::path path = folder / (base + suffix);
    for (int n = 2; fs::exists(path); ++n)
        path = folder / (base + "-" + std::to_string(n) + suffix);
    return path;
}

[[noreturn]] void failWith(const SqliteError& e, const std::string& action)
{
    const int code = e.primaryCode();
    const bool damaged = code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
    throw WorkspaceError(damaged ? WorkspaceProblem::Corrupt : WorkspaceProblem::WriteFailed,
                         "cannot " + action + ": " + e.what());
}

// Copies the database `from` into the new file `to` page by page with SQLite's online backup
// API (other connections may read and write `from` meanwhile; a write restarts the copy). The
// copy is a single self-contained file (rollback journal, not WAL).
void copyDatabase(const std::string& from, const std::string& to)
{
    SqliteConnection source(from, SqliteConnection::Mode::ReadOnly);
    SqliteConnection target(to, SqliteConnection::Mode::ReadWriteCreate);
    sqlite3_backup* backup = sqlite3_backup_init(target.handle(), "main", source.handle(), "main");
    if (!backup)
        throw SqliteError(std::string("cannot start the copy: ") + sqlite3_errmsg(target.handle()),
                          sqlite3_extended_errcode(target.handle()));
    int rc = SQLITE_OK;
    for (int busy = 0; busy < kBusyRetries;) {
        rc = sqlite3_backup_step(backup, kPagesPerStep);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
            ++busy;
            sqlite3_sleep(20);
        } else if (rc != SQLITE_OK) {
            break;
        }
    }
    const int finished = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE)
        throw SqliteError(std::string("copy interrupted: ") + sqlite3_errstr(rc), rc);
    target.check(finished, "finish the copy");
    target.queryText("PRAGMA journal_mode = DELETE");
}

bool isBackupName(const std::string& name, const std::string& workspaceName)
{
    const std::string prefix = workspaceName + ".";
    const std::string ext = kBackupExtension;
    return name.size() > prefix.size() + ext.size() && name.compare(0, prefix.size(), prefix) == 0 &&
           name.compare(name.size() - ext.size(), ext.size(), ext) == 0 &&
           name.find(kBeforeRestore) == std::string::npos;
}

// Profile versions, datasets and runs in the workspace or backup at `path` (read-only).
long long recordCount(const std::string& path)
{
    SqliteConnection db(path, SqliteConnection::Mode::ReadOnly);
    return db.queryInt("SELECT (SELECT count(*) FROM profile_versions) + "
                       "(SELECT count(*) FROM datasets) + (SELECT count(*) FROM runs)");
}

} // namespace

std::string backupFolder(const std::string& workspacePath)
{
    return workspacePath + ".backups";
}

std::vector<std::string> listBackups(const std::string& workspacePath)
{
    std::vector<std::string> backups;
    const std::string name = fs::path(workspacePath).filename().string();
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(backupFolder(workspacePath), ec))
        if (entry.is_regular_file(ec) && isBackupName(entry.path().filename().string(), name))
            backups.push_back(entry.path().string());
    std::sort(backups.begin(), backups.end());
    return backups;
}

std::string backupWorkspace(const std::string& workspacePath, std::size_t keep)
{
    inspectWorkspaceContent(workspacePath); // a damaged file must not replace a good backup
    const fs::path folder = backupFolder(workspacePath);
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec)
        throw WorkspaceError(WorkspaceProblem::WriteFailed,
                             "cannot create the backup folder " + folder.string() + ": " +
                                 ec.message());
    const std::string name = fs::path(workspacePath).filename().string();
    const fs::path backup = timestampedPath(folder, name, kBackupExtension);
    const fs::path partial = backup.string() + ".partial";
    try {
        copyDatabase(workspacePath, partial.string());
    } catch (const SqliteError& e) {
        fs::remove(partial, ec);
        failWith(e, "back up workspace " + workspacePath + " to " + backup.string());
    }
    fs::rename(partial, backup, ec);
    if (ec) {
        fs::remove(partial, ec);
        throw WorkspaceError(WorkspaceProblem::WriteFailed,
                             "cannot complete the backup " + backup.string() + ": " + ec.message());
    }
    const auto backups = listBackups(workspacePath);
    const std::size_t kept = std::max<std::size_t>(keep, 1);
    for (std::size_t i = 0; i + kept < backups.size(); ++i)
        fs::remove(backups[i], ec);
    return backup.string();
}

std::optional<std::string> backupIfDue(const std::string& workspacePath, std::size_t everyRecords,
                                       std::size_t keep)
{
    const auto backups = listBackups(workspacePath);
    if (!backups.empty()) {
        try {
            const long long added = recordCount(workspacePath) - recordCount(backups.back());
            if (added < static_cast<long long>(everyRecords))
                return std::nullopt;
        } catch (const SqliteError&) {
            // An unreadable newest backup is no backup: make a new one.
        }
    }
    return backupWorkspace(workspacePath, keep);
}

std::vector<std::string> verifyWorkspaceFile(const std::string& path)
{
    try {
        inspectWorkspaceContent(path);
    } catch (const WorkspaceError& e) {
        return {e.what()};
    }
    std::vector<std::string> problems;
    try {
        std::error_code ec;
        const bool journals = fs::exists(path + "-wal", ec) || fs::exists(path + "-journal", ec);
        SqliteConnection db(path, journals ? SqliteConnection::Mode::ReadOnly
                                           : SqliteConnection::Mode::ReadOnlyImmutable);
        SqliteStatement integrity(db, "PRAGMA integrity_check");
        while (integrity.step())
            if (const std::string line = integrity.columnText(0); line != "ok")
                problems.push_back(path + " is damaged: " + line);
        SqliteStatement keys(db, "PRAGMA foreign_key_check");
        while (keys.step())
            problems.push_back(path + " is damaged: a row of table '" + keys.columnText(0) +
                               "' refers to a missing row of '" + keys.columnText(2) + "'");
    } catch (const SqliteError& e) {
        problems.push_back(path + " cannot be checked: " + e.what());
    }
    return problems;
}

std::optional<std::string> latestGoodBackup(const std::string& workspacePath)
{
    auto backups = listBackups(workspacePath);
    for (auto it = backups.rbegin(); it != backups.rend(); ++it)
        if (verifyWorkspaceFile(*it).empty())
            return *it;
    return std::nullopt;
}

RestoreResult restoreWorkspace(const std::string& workspacePath, const std::string& backupPath)
{
    if (const auto problems = verifyWorkspaceFile(backupPath); !problems.empty())
        throw WorkspaceError(WorkspaceProblem::Corrupt,
                             "cannot restore from " + backupPath + ": " + problems.front());
    const fs::path folder = backupFolder(workspacePath);
    std::error_code ec;
    fs::create_directories(folder, ec);
    const std::string staged = workspacePath + ".restoring";
    fs::remove(staged, ec);
    try {
        copyDatabase(backupPath, staged);
    } catch (const SqliteError& e) {
        fs::remove(staged, ec);
        failWith(e, "restore workspace " + workspacePath + " from " + backupPath);
    }
    RestoreResult result{backupPath, {}};
    if (fs::exists(workspacePath, ec)) {
        const std::string name = fs::path(workspacePath).filename().string();
        const fs::path aside = timestampedPath(folder, name + ".before-restore", kBackupExtension);
        // The journals belong to the old file: left beside the restored one, SQLite would
        // replay them into it.
        for (const char* suffix : {"", "-wal", "-journal"})
            if (fs::exists(workspacePath + suffix, ec)) {
                fs::rename(workspacePath + suffix, aside.string() + suffix, ec);
                if (ec) {
                    fs::remove(staged, ec);
                    throw WorkspaceError(WorkspaceProblem::WriteFailed,
                                         "cannot move " + workspacePath + suffix + " aside to " +
                                             aside.string() + suffix + ": " + ec.message());
                }
            }
        fs::remove(workspacePath + "-shm", ec);
        result.previousKeptAs = aside.string();
    }
    fs::rename(staged, workspacePath, ec);
    if (ec)
        throw WorkspaceError(WorkspaceProblem::WriteFailed,
                             "cannot put the restored workspace in place at " + workspacePath +
                                 " (it is at " + staged + "): " + ec.message());
    return result;
}

} // namespace dtop::io

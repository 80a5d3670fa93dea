// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace dtop::io {

// Backups of a workspace (docs/architecture.md, "Robustness"): consistent copies made with
// SQLite's online backup API, so a window or a command may be using the workspace meanwhile.
// They live in the folder "<workspace file>.backups" beside it, each named
// "<workspace file name>.<UTC time>.dtop" (names sort in time order), and are complete
// workspaces: `dtop --workspace BACKUP` opens one as it is.

inline constexpr std::size_t kDefaultBackupsKept = 5;

// The backup folder of `workspacePath`.
std::string backupFolder(const std::string& workspacePath);

// The backups of `workspacePath`, oldest first (an empty list when there are none).
std::vector<std::string> listBackups(const std::string& workspacePath);

// Copies the workspace (which must pass inspectWorkspaceContent()) into a new backup, then
// deletes the oldest backups beyond `keep` (at least 1). The copy is written under a temporary
// name and renamed when complete, so a crash leaves no half-written backup. Returns the new
// backup's path; throws WorkspaceError naming the file and the problem.
std::string backupWorkspace(const std::string& workspacePath,
                            std::size_t keep = kDefaultBackupsKept);

// The automatic backup, checked each time a program opens the workspace for writing: a backup
// is made when there is none yet, or when at least `everyRecords` records (profile versions,
// datasets, runs) were added since the newest backup. Returns the new backup, or nothing when
// none was due. Throws WorkspaceError like backupWorkspace().
inline constexpr std::size_t kDefaultBackupEveryRecords = 20;
std::optional<std::string> backupIfDue(const std::string& workspacePath,
                                       std::size_t everyRecords = kDefaultBackupEveryRecords,
                                       std::size_t keep = kDefaultBackupsKept);

// Everything wrong with a workspace or backup file, read without modifying it: the checks of
// inspectWorkspaceContent(), then SQLite's full integrity check and foreign-key check. Empty
// when the file is a good workspace.
std::vector<std::string> verifyWorkspaceFile(const std::string& path);

// The newest backup of `workspacePath` that verifies; nothing if there is none.
std::optional<std::string> latestGoodBackup(const std::string& workspacePath);

struct RestoreResult {
    std::string restoredFrom;
    std::string previousKeptAs; // the replaced workspace file, moved aside; empty if none
};

// Replaces the workspace by the backup `backupPath`, which must verify. The current workspace
// file (and its -wal journal), damaged or not, is first moved into the backup folder as
// "<name>.before-restore.<UTC time>.dtop", so a restore loses nothing. Throws WorkspaceError.
// No other program may have the workspace open while it is restored.
RestoreResult restoreWorkspace(const std::string& workspacePath, const std::string& backupPath);

} // namespace dtop::io

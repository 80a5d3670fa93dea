// SPDX-License-Identifier: GPL-3.0-or-later
// `dtop workspace backup|verify|restore|backups`: the workspace's rotating backups, made with
// SQLite's online backup API (core/io/workspace_backup.h).
#include "cli/commands.h"

#include "cli/cli_errors.h"
#include "cli/sub_command.h"
#include "cli/workspace_options.h"
#include "io/workspace_backup.h"
#include "io/workspace_error.h"

#include <nlohmann/json.hpp>

#include <filesystem>

namespace po = boost::program_options;
using nlohmann::json;

namespace dtop::cli {

namespace {

std::string existingWorkspace(const po::variables_map& vm)
{
    const std::string path = workspacePath(vm);
    if (!std::filesystem::exists(path))
        throw FileError("workspace " + path + " does not exist");
    return path;
}

int runBackup(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description options("Options");
    options.add_options()("keep", po::value<long long>()->default_value(io::kDefaultBackupsKept),
                          "backups kept: the oldest beyond this many are deleted (1 to 1000)");
    addWorkspaceOption(options);
    po::variables_map vm;
    if (!parseOptions("workspace backup",
                      "[options]\n\nCopies the workspace into WORKSPACE.backups/ beside it (a "
                      "consistent copy, also while DTOP is using it).",
                      options, args, vm, io))
        return kExitOk;
    const long long keep = vm["keep"].as<long long>();
    if (keep < 1 || keep > 1000)
        throw UsageError("--keep must be between 1 and 1000, got " + std::to_string(keep));
    const std::string path = existingWorkspace(vm);
    try {
        const std::string backup = io::backupWorkspace(path, static_cast<std::size_t>(keep));
        const json j = {{"workspace", path}, {"backup", backup},
                        {"backups", io::listBackups(path)}};
        io.out << j.dump(2) << '\n';
    } catch (const io::WorkspaceError& e) {
        throw FileError(e.what());
    }
    return kExitOk;
}

int runVerify(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description options("Options");
    options.add_options()("file", po::value<std::string>(),
                          "the workspace or backup FILE to check (default: the workspace)");
    addWorkspaceOption(options);
    po::positional_options_description files;
    files.add("file", 1);
    po::variables_map vm;
    if (!parseOptions("workspace verify",
                      "[FILE] [options]\n\nChecks a workspace or backup file without changing "
                      "it (SQLite integrity and foreign-key checks). Exit 3 when it is damaged.",
                      options, args, vm, io, &files))
        return kExitOk;
    const std::string path =
        vm.count("file") ? vm["file"].as<std::string>() : existingWorkspace(vm);
    const auto problems = io::verifyWorkspaceFile(path);
    const json j = {{"file", path}, {"ok", problems.empty()}, {"problems", problems}};
    io.out << j.dump(2) << '\n';
    if (!problems.empty())
        throw FileError(problems.front());
    return kExitOk;
}

int runRestore(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description options("Options");
    options.add_options()("backup", po::value<std::string>(),
                          "the BACKUP file to restore (default: the newest good backup)");
    addWorkspaceOption(options);
    po::positional_options_description files;
    files.add("backup", 1);
    po::variables_map vm;
    if (!parseOptions("workspace restore",
                      "[BACKUP] [options]\n\nReplaces the workspace by a backup; the replaced "
                      "file is kept in the backup folder. Close DTOP's window first.",
                      options, args, vm, io, &files))
        return kExitOk;
    const std::string path = workspacePath(vm);
    std::string backup;
    if (vm.count("backup")) {
        backup = vm["backup"].as<std::string>();
    } else if (const auto good = io::latestGoodBackup(path)) {
        backup = *good;
    } else {
        throw FileError("workspace " + path + " has no good backup in " + io::backupFolder(path));
    }
    try {
        const auto restored = io::restoreWorkspace(path, backup);
        json j = {{"workspace", path}, {"restored_from", restored.restoredFrom},
                  {"previous_kept_as", nullptr}};
        if (!restored.previousKeptAs.empty())
            j["previous_kept_as"] = restored.previousKeptAs;
        io.out << j.dump(2) << '\n';
    } catch (const io::WorkspaceError& e) {
        throw FileError(e.what());
    }
    return kExitOk;
}

int runList(const std::vector<std::string>& args, CommandIo& io)
{
    po::options_description options("Options");
    addWorkspaceOption(options);
    po::variables_map vm;
    if (!parseOptions("workspace backups", "[options]\n\nThe workspace's backups, oldest first.",
                      options, args, vm, io))
        return kExitOk;
    const std::string path = workspacePath(vm);
    const json j = {{"workspace", path}, {"folder", io::backupFolder(path)},
                    {"backups", io::listBackups(path)}};
    io.out << j.dump(2) << '\n';
    return kExitOk;
}

const std::vector<SubCommand>& subCommands()
{
    static const std::vector<SubCommand> kSubCommands = {
        {"backup", "[--keep K]", "copy the workspace into its backup folder, keep the newest K",
         &runBackup},
        {"verify", "[FILE]", "check a workspace or backup file for damage", &runVerify},
        {"restore", "[BACKUP]", "replace the workspace by a backup (default: the newest good one)",
         &runRestore},
        {"backups", "", "list the backups, oldest first", &runList},
    };
    return kSubCommands;
}

} // namespace

int runWorkspaceCommand(const std::vector<std::string>& args, CommandIo& io)
{
    return dispatchSubCommand(
        "workspace",
        "The workspace file holds saved profiles, imported datasets and run records. Backups\n"
        "are complete workspaces in the folder WORKSPACE.backups beside it.",
        subCommands(), args, io);
}

} // namespace dtop::cli

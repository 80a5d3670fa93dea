// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/workspace_options.h"

#include "cli/cli_errors.h"
#include "io/workspace_backup.h"
#include "io/workspace_location.h"

#include <filesystem>

namespace po = boost::program_options;

namespace dtop::cli {

void addWorkspaceOption(po::options_description& options)
{
    options.add_options()("workspace", po::value<std::string>(),
                          "workspace FILE with saved profiles, datasets and run records "
                          "(default $XDG_DATA_HOME/dtop/workspace.dtop or "
                          "~/.local/share/dtop/workspace.dtop)");
}

std::string workspacePath(const po::variables_map& vm)
{
    if (vm.count("workspace")) {
        const std::string path = vm["workspace"].as<std::string>();
        if (path.empty())
            throw UsageError("--workspace must name a file");
        return path;
    }
    try {
        return io::defaultWorkspacePath();
    } catch (const io::WorkspaceError& e) {
        throw FileError(e.what());
    }
}

std::optional<io::Workspace> openWorkspaceIfExists(const std::string& path)
{
    std::error_code ec;
    if (std::filesystem::symlink_status(path, ec).type() == std::filesystem::file_type::not_found)
        return std::nullopt;
    try {
        return io::Workspace::open(path);
    } catch (const io::WorkspaceError& e) {
        throw FileError(e.what());
    }
}

io::Workspace openWorkspaceForWriting(const po::variables_map& vm)
{
    const std::string path = workspacePath(vm);
    try {
        if (!vm.count("workspace"))
            io::createWorkspaceFolder(path);
        io::Workspace workspace = io::Workspace::open(path);
        try {
            io::backupIfDue(path);
        } catch (const io::WorkspaceError&) {
            // A backup that cannot be made must not stop the user's work; `dtop workspace
            // backup` says why.
        }
        return workspace;
    } catch (const io::WorkspaceError& e) {
        throw FileError(e.what());
    }
}

} // namespace dtop::cli
